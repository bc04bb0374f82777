"""Stories: articles that report the same episode, across outlets and languages (SPEC §9), and the events
they corroborate.

- `features.py`: what an article brings (actor codes, names, places, numbers, dates, event triples, stems);
- `copies.py`: near-duplicate wire copies (MinHash LSH), linked to the earliest;
- `cluster.py`: `StoryIndex`, online clustering within a time window, `recluster()` in batch, JSON-able state;
- `corroborate.py`: one corroborated event per (type, actors, compatible dates) within a story;
- `summary.py`: story titles, summaries and key actors;
- `commands.py`: `eventwire stories`, `story ID`, `recluster`.

Nothing is imported here, so that the command line can register the commands without loading the models.
"""
