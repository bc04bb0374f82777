"""Extraction in forked worker processes (`parallel.py`), `extract --workers` and `bench --workers`.

Speed is reported by `eventwire bench`, never asserted here. Every article text written in this file was
written for these tests.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import pytest
from test_cli import run

from eventwire import parallel
from eventwire.cli import main
from eventwire.parallel import ParallelExtractor, WorkerCrashed
from eventwire.pipeline import Extractor
from eventwire.readers import read_articles
from eventwire.records import Article
from eventwire.store import worker

pytestmark = pytest.mark.skipif(not parallel.available(), reason="worker processes need the fork start method")

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "articles"

OWN = [
    Article(id="p-1", lang="fr", date="2024-05-02", text="La Lettonie a expulsé deux diplomates russes."),
    Article(id="p-2", lang="fr", date="2024-05-02", text="La France et l'Allemagne ont condamné la Russie."),
    Article(id="p-3", lang="en", date="2024-05-02", text="Latvia expelled two Russian diplomats on Tuesday."),
    Article(id="p-4", lang="fr", date="2024-05-02", text="La police iranienne a arrêté des manifestants à Téhéran."),
]


def dumped(pairs) -> list[tuple[str | None, list[dict]]]:
    return [(article.id, [ev.model_dump(mode="json") for ev in events]) for article, events in pairs]


def test_workers_give_the_events_of_one_process_in_input_order() -> None:
    articles = list(read_articles([str(SAMPLES)]))
    one = Extractor()
    expected = dumped(one.extract(articles))
    assert sum(len(events) for _, events in expected) > 50  # the sample is coded, not silently empty
    many = Extractor()
    with ParallelExtractor(many, workers=2, chunk_size=3) as pool:  # chunks that do not divide the input
        pairs = list(pool.extract(articles))
    assert dumped(pairs) == expected
    coded = [a for a in articles if a.id in {article_id for article_id, _ in expected}]
    assert [article for article, _ in pairs] == coded
    assert all(a is b for (a, _), b in zip(pairs, coded, strict=True))  # the caller's own objects
    assert many.report == one.report  # read, coded, events, languages not coded


def test_an_article_that_fails_is_counted_and_the_others_go_on(monkeypatch) -> None:
    real = Extractor.extract_doc

    def failing(self, doc, article, lang):
        if article.id == "p-2":
            raise ValueError("broken on purpose")
        return real(self, doc, article, lang)

    monkeypatch.setattr(Extractor, "extract_doc", failing)  # before the fork: the workers inherit it
    extractor = Extractor()
    with ParallelExtractor(extractor, workers=2, chunk_size=1) as pool:
        ids = [article.id for article, _ in pool.extract(OWN)]
    assert ids == ["p-1", "p-4"]
    assert (extractor.report.articles, extractor.report.coded, extractor.report.failed) == (4, 2, 1)
    assert extractor.report.unsupported == {"en": 1}


def test_a_worker_that_dies_stops_the_run_with_a_clear_error(monkeypatch) -> None:
    real = worker.extract_chunk

    def dying(articles):
        if any(a.id == "p-2" for a in articles):
            os._exit(9)  # as if killed
        return real(articles)

    monkeypatch.setattr(worker, "extract_chunk", dying)
    with ParallelExtractor(Extractor(), workers=1, chunk_size=1) as pool:  # one worker: p-1 is done first
        done = []
        with pytest.raises(WorkerCrashed, match=r"worker process died.*p-2"):
            for article, _ in pool.extract(OWN):
                done.append(article.id)
    assert done == ["p-1"]


def test_extract_with_two_workers_prints_what_one_process_prints(capsys) -> None:
    two = run("extract", str(SAMPLES), "--workers", "2", "--format", "jsonl")  # the script: real stdout pipe
    assert two.returncode == 0, two.stderr
    assert main(["extract", str(SAMPLES), "--workers", "1", "--format", "jsonl"]) == 0
    one = capsys.readouterr()
    assert two.stdout == one.out
    assert len(one.out.splitlines()) > 50
    assert two.stderr.splitlines()[-1] == one.err.splitlines()[-1]  # the summary


def test_bench_reports_workers_and_ratios(tmp_path, capsys) -> None:
    few = tmp_path / "few.jsonl"
    few.write_text("".join(json.dumps(asdict(a), ensure_ascii=False) + "\n" for a in OWN), encoding="utf-8")
    assert main(["bench", str(few), "--workers", "2", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    for label in (
        "bare nlp.pipe",
        "eventwire extract, in this process",
        "1 worker process, with start-up",
        "1 worker process, once started",
        "2 worker processes, with start-up",
        "2 worker processes, once started",
        "extract / bare time ratio",
        "2 workers / 1 worker throughput",
        "peak memory, this process",
        "peak memory, largest worker",
    ):
        assert label in out, out
    assert "3 articles" in out  # the English one is not coded
    assert "same events" in out and "yes" in out
