"""Scoring against gold data (SPEC §8, §9).

A library version of the reference scorer ``shared/tools/score.py``: for the same inputs it gives the same
numbers (the result dicts compare equal) and :func:`format_events_report` / :func:`format_stories_report`
give the same text the reference prints.

Events (:func:`score_events`): every event expands to ``(event, actor code, recipient code)`` triples, one
per actor x recipient, with ``?`` for an unresolved code and ``-`` for no recipient; for the symmetric types
(CONSULT, AGREE, COOPERATE) the two codes are put in sorted order. Per article, and summed over articles:

- ``triple``: the sets of triples; ``pair``: the sets of ``(event, actor)``;
- ``certainty``: the sets of ``(triple, certainty)`` readings whose certainty is not ``asserted``;
- ``said_by``: the ``(triple, innermost source)`` readings of the events that have a source, matched
  greedily one-to-one; sources match by code, or, when neither has a code, when one normalised name
  contains the other;
- ``attributes``: ``date`` / ``date_day`` / ``event_loc`` accuracy over the matched triples;
- ``per_type`` P/R/F1 over triples, and the number of system events with an invalid certainty.

Stories (:func:`score_stories`): pairwise P/R/F1 over article pairs and BCubed P/R/F1; gold articles the
system leaves out count as singletons.

Unlike the reference, which exits, bad input raises :class:`ScoringInputError`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

__all__ = [
    "CERTAINTIES",
    "SYMMETRIC_TYPES",
    "ScoringInputError",
    "format_events_report",
    "format_stories_report",
    "score_events",
    "score_stories",
]

CERTAINTIES = frozenset({"asserted", "hedged", "denied", "planned"})
# Interactions that read the same either way round: A meets B is B meets A.
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
NULL_CODE = "?"
NO_RECIPIENT = "-"
PLAIN_CERTAINTY = "asserted"
DAY_DATE_LENGTH = len("YYYY-MM-DD")
# Prefix of the story label given to an article the system leaves out (a singleton); as in the reference.
ALONE_PREFIX = "__alone__"
EVENT_METRICS = ("triple", "pair", "certainty", "said_by")
ATTRIBUTES = ("date", "date_day", "event_loc")

_CODE_RE = re.compile(r"[A-Z][A-Z_]{1,7}")
_ARTICLE_WORDS_RE = re.compile(r"\b(le|la|les|l|the|de|du|des)\b")
_NOT_ALNUM_RE = re.compile(r"[^a-z0-9]+")

Event = dict[str, Any]
Triple = tuple[Any, Any, Any]
SourceKey = tuple[str, Any]


class ScoringInputError(ValueError):
    """A gold or system file cannot be read: the message starts with ``path:line:`` where there is one."""


# --------------------------------------------------------------------------------------------- reading


def _read_jsonl(path: str | Path) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` for every non-blank line of a JSONL file."""
    with open(path, encoding="utf-8") as fh:
        for number, raw in enumerate(fh, 1):
            line = raw.strip()
            if not line:
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise ScoringInputError(f"{path}:{number}: not JSON: {exc}") from exc


def _read_objects(path: str | Path) -> Iterator[dict[str, Any]]:
    for number, value in _read_jsonl(path):
        if not isinstance(value, dict):
            raise ScoringInputError(f"{path}:{number}: not a JSON object")
        yield value


def _gold_events(value: Any, where: str) -> list[Event]:
    # Empty containers read as "no events", as they do in the reference; null or non-objects do not.
    if value is None or not isinstance(value, list | dict | str):
        raise ScoringInputError(f"{where}: 'events' is not a list")
    events = list(value)
    if not all(isinstance(event, dict) for event in events):
        raise ScoringInputError(f"{where}: an event is not a JSON object")
    return events


def _read_gold_events(path: str | Path) -> dict[Any, list[Event]]:
    """Gold article id -> its events (a later line with the same id wins)."""
    gold: dict[Any, list[Event]] = {}
    for number, record in _read_jsonl(path):
        if not isinstance(record, dict) or "id" not in record:
            raise ScoringInputError(f"{path}:{number}: not a JSON object with an 'id'")
        gold[record["id"]] = _gold_events(record.get("events", []), f"{path}:{number}")
    return gold


def _read_system_events(path: str | Path, articles: dict[Any, list[Event]]) -> dict[Any, list[Event]]:
    """System events grouped by ``article_id``, keeping only the articles that are in the gold."""
    system: dict[Any, list[Event]] = defaultdict(list)
    for event in _read_objects(path):
        if event.get("article_id") in articles:
            system[event["article_id"]].append(event)
    return system


# ------------------------------------------------------------------------------------- triples, sources


def _code(entity: Any) -> Any:
    """An entity is a code string or a dict with a ``code``; an unresolved one is ``?``."""
    code = entity.get("code") if isinstance(entity, dict) else entity
    return code if code else NULL_CODE


def _codes(entities: Any, default: str) -> list[Any]:
    return [_code(entity) for entity in entities or []] or [default]


def event_triples(event: Event) -> set[Triple]:
    """The ``(event, actor code, recipient code)`` triples of one event."""
    kind = event.get("event")
    symmetric = kind in SYMMETRIC_TYPES
    out: set[Triple] = set()
    for actor, recipient in product(
        _codes(event.get("actor"), NULL_CODE), _codes(event.get("recipient"), NO_RECIPIENT)
    ):
        if symmetric and recipient != NO_RECIPIENT:
            actor, recipient = sorted((actor, recipient))
        out.add((kind, actor, recipient))
    return out


def normalise_name(text: Any) -> str:
    """Lower-case ASCII letters and digits only, French and English articles left out."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return _NOT_ALNUM_RE.sub("", _ARTICLE_WORDS_RE.sub(" ", ascii_text))


def source_key(entity: Any) -> SourceKey:
    """A source as ``("code", code)`` or, without a code, ``("name", normalised name)``."""
    if isinstance(entity, dict):
        if entity.get("code"):
            return ("code", entity["code"])
        return ("name", normalise_name(entity.get("name") or entity.get("entity_text") or ""))
    if isinstance(entity, str) and _CODE_RE.fullmatch(entity):
        return ("code", entity)
    return ("name", normalise_name(entity or ""))


def same_source(gold: Any, system: Any) -> bool:
    """Equal codes; or, when neither has a code, non-empty names one of which contains the other."""
    g_kind, g_value = source_key(gold)
    s_kind, s_value = source_key(system)
    if g_kind == "name" and s_kind == "name":
        return bool(g_value) and bool(s_value) and (g_value in s_value or s_value in g_value)
    return (g_kind, g_value) == (s_kind, s_value)


def _loc_code(loc: Any) -> Any:
    return loc.get("code") if isinstance(loc, dict) else (loc or None)


# ------------------------------------------------------------------------------------------ counting


@dataclass
class Counts:
    """True positives, system items and gold items of one metric."""

    tp: int = 0
    sys: int = 0
    gold: int = 0

    def add_sets(self, gold: set[Any], system: set[Any]) -> None:
        self.tp += len(gold & system)
        self.sys += len(system)
        self.gold += len(gold)

    def as_dict(self) -> dict[str, Any]:
        return _prf(self.tp, self.sys, self.gold)


@dataclass
class Accuracy:
    correct: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.correct += ok

    def as_dict(self) -> dict[str, Any]:
        return {"acc": round(self.correct / self.n, 4) if self.n else None, "n": self.n}


def _prf(tp: int, n_sys: int, n_gold: int) -> dict[str, Any]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "sys": n_sys, "gold": n_gold}


def _bcubed(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


# ------------------------------------------------------------------------------------------- events


def _readings(events: Iterable[Event]) -> dict[Triple, list[Event]]:
    """Triple -> the events that read as it, in first-seen order."""
    by_triple: dict[Triple, list[Event]] = defaultdict(list)
    for event in events:
        for triple in event_triples(event):
            by_triple[triple].append(event)
    return by_triple


def _hedged_readings(by_triple: dict[Triple, list[Event]]) -> set[tuple[Triple, Any]]:
    readings = {(t, e.get("certainty")) for t, events in by_triple.items() for e in events}
    return {reading for reading in readings if reading[1] != PLAIN_CERTAINTY}


def _sourced_readings(by_triple: dict[Triple, list[Event]]) -> list[tuple[Triple, Any]]:
    """Distinct ``(triple, innermost source)`` of the events that have a source.

    The order is that of the set of ``(triple, JSON of the source)`` built in reading order, which is the
    order the reference's greedy matching walks; it matters only when name matches are not transitive.
    """
    keyed = {
        (t, json.dumps(e["said_by"][-1], sort_keys=True))
        for t, events in by_triple.items()
        for e in events
        if e.get("said_by")
    }
    return [(t, json.loads(source)) for t, source in keyed]


def _match_sources(gold: list[tuple[Triple, Any]], system: list[tuple[Triple, Any]]) -> int:
    """Greedy one-to-one matching: each gold reading takes the first free system reading it matches."""
    used: set[int] = set()
    for g_triple, g_source in gold:
        for i, (s_triple, s_source) in enumerate(system):
            if i not in used and s_triple == g_triple and same_source(g_source, s_source):
                used.add(i)
                break
    return len(used)


def _date_matches(gold: list[Event], system: list[Event]) -> tuple[bool | None, bool | None]:
    """(date ok, day-precise date ok) for one matched triple; None where the gold has no such date."""
    dated = [g for g in gold if g.get("date")]
    if not dated:
        return None, None
    sys_dates = [str(s.get("date") or "") for s in system]
    ok = any(d.startswith(g["date"]) for g in dated for d in sys_dates)
    days = [g for g in dated if len(g["date"]) == DAY_DATE_LENGTH]
    if not days:
        return ok, None
    return ok, any(d == g["date"] for g in days for d in sys_dates)


def _loc_matches(gold: list[Event], system: list[Event]) -> bool | None:
    located = [_loc_code(g.get("event_loc")) for g in gold]
    located = [code for code in located if code]
    if not located:
        return None
    return any(_loc_code(s.get("event_loc")) == code for code in located for s in system)


@dataclass
class EventTally:
    """Everything :func:`score_events` sums over articles."""

    metrics: dict[str, Counts]
    per_type: dict[Any, Counts]
    attributes: dict[str, Accuracy]
    invalid_certainty: int = 0

    @classmethod
    def empty(cls) -> EventTally:
        return cls(
            metrics={m: Counts() for m in EVENT_METRICS},
            per_type=defaultdict(Counts),
            attributes={a: Accuracy() for a in ATTRIBUTES},
        )

    def add_article(self, gold_events: list[Event], sys_events: list[Event]) -> None:
        self.invalid_certainty += sum(1 for e in sys_events if e.get("certainty") not in CERTAINTIES)
        gold, system = _readings(gold_events), _readings(sys_events)
        self.metrics["triple"].add_sets(set(gold), set(system))
        self.metrics["pair"].add_sets({t[:2] for t in gold}, {t[:2] for t in system})
        self.metrics["certainty"].add_sets(_hedged_readings(gold), _hedged_readings(system))
        g_sources, s_sources = _sourced_readings(gold), _sourced_readings(system)
        said_by = self.metrics["said_by"]
        said_by.tp += _match_sources(g_sources, s_sources)
        said_by.sys += len(s_sources)
        said_by.gold += len(g_sources)
        self._add_per_type_and_attributes(gold, system)

    def _add_per_type_and_attributes(
        self, gold: dict[Triple, list[Event]], system: dict[Triple, list[Event]]
    ) -> None:
        for t in gold:
            self.per_type[t[0]].gold += 1
        for t in system:
            self.per_type[t[0]].sys += 1
        for t in gold.keys() & system.keys():
            self.per_type[t[0]].tp += 1
            date_ok, day_ok = _date_matches(gold[t], system[t])
            loc_ok = _loc_matches(gold[t], system[t])
            for name, ok in (("date", date_ok), ("date_day", day_ok), ("event_loc", loc_ok)):
                if ok is not None:
                    self.attributes[name].add(ok)

    def as_dict(self, articles: int) -> dict[str, Any]:
        result: dict[str, Any] = {"articles": articles}
        result.update({m: self.metrics[m].as_dict() for m in EVENT_METRICS})
        result["attributes"] = {a: self.attributes[a].as_dict() for a in ATTRIBUTES}
        ordered = sorted(self.per_type.items(), key=lambda item: str(item[0]))
        result["per_type"] = {kind: counts.as_dict() for kind, counts in ordered}
        result["invalid_certainty_values"] = self.invalid_certainty
        return result


def score_events(gold_path: str | Path, system_path: str | Path) -> dict[str, Any]:
    """Score system events (SPEC §2, JSONL) against gold articles (SPEC §8, JSONL)."""
    gold = _read_gold_events(gold_path)
    system = _read_system_events(system_path, gold)
    tally = EventTally.empty()
    for article_id, gold_events in gold.items():
        tally.add_article(gold_events, system.get(article_id, []))
    return tally.as_dict(len(gold))


# ------------------------------------------------------------------------------------------ stories


def _read_gold_stories(path: str | Path) -> dict[str, str]:
    """article_id -> story_id from a TSV (an ``article_id`` header line and short lines are skipped)."""
    gold: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0] != "article_id":
                gold[parts[0]] = parts[1]
    return gold


def _read_system_stories(path: str | Path, gold: dict[str, str]) -> dict[str, str]:
    """article_id -> story_id (as a string) for the gold articles; a later line wins."""
    system: dict[str, str] = {}
    for number, record in _read_jsonl(path):
        if not isinstance(record, dict):
            raise ScoringInputError(f"{path}:{number}: not a JSON object")
        if record.get("article_id") in gold:
            if "story_id" not in record:
                raise ScoringInputError(f"{path}:{number}: no 'story_id'")
            system[record["article_id"]] = str(record["story_id"])
    return system


def _same_cluster_pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def score_stories(gold_tsv: str | Path, system_path: str | Path) -> dict[str, Any]:
    """Score a story clustering (SPEC §9): pairwise P/R/F1 over article pairs and BCubed P/R/F1."""
    gold = _read_gold_stories(gold_tsv)
    if not gold:
        raise ScoringInputError(f"{gold_tsv}: no gold articles")
    system = _read_system_stories(system_path, gold)
    articles = sorted(gold)
    sys_of = {a: system.get(a, ALONE_PREFIX + a) for a in articles}

    gold_members: dict[str, set[str]] = defaultdict(set)
    sys_members: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        gold_members[gold[a]].add(a)
        sys_members[sys_of[a]].add(a)
    both = Counter((gold[a], sys_of[a]) for a in articles)
    pairwise = _prf(
        _same_cluster_pairs(both.values()),
        _same_cluster_pairs(len(m) for m in sys_members.values()),
        _same_cluster_pairs(len(m) for m in gold_members.values()),
    )

    shared = {a: len(gold_members[gold[a]] & sys_members[sys_of[a]]) for a in articles}
    precision = sum(shared[a] / len(sys_members[sys_of[a]]) for a in articles) / len(articles)
    recall = sum(shared[a] / len(gold_members[gold[a]]) for a in articles) / len(articles)
    return {
        "articles": len(articles),
        "covered": len(system),
        "pairwise": pairwise,
        "bcubed": _bcubed(precision, recall),
    }


# ------------------------------------------------------------------------------------------ reports

_METRIC_LABELS = {
    "triple": "(event, actor, recipient)",
    "pair": "(event, actor)",
    "certainty": "hedged/denied/planned readings of triples",
    "said_by": "triples with their innermost source",
}


def _metric_line(metric: str, m: dict[str, Any]) -> str:
    return (
        f"{metric:<10} P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}  "
        f"(tp {m['tp']}, system {m['sys']}, gold {m['gold']})  {_METRIC_LABELS[metric]}"
    )


def _attribute_line(name: str, value: dict[str, Any]) -> str:
    acc = "n/a" if value["acc"] is None else f"{value['acc']:.3f}"
    what = "day-precise date" if name == "date_day" else name
    return f"{name:<10} accuracy {acc} over {value['n']} matched triples with a gold {what}"


def format_events_report(result: dict[str, Any]) -> str:
    """The text score.py prints for a :func:`score_events` result (newline-terminated lines)."""
    lines = [f"articles {result['articles']}"]
    lines += [_metric_line(metric, result[metric]) for metric in _METRIC_LABELS]
    lines += [_attribute_line(name, value) for name, value in result["attributes"].items()]
    if result["invalid_certainty_values"]:
        lines.append(
            f"warning: {result['invalid_certainty_values']} system events have a certainty "
            f"outside {sorted(CERTAINTIES)}"
        )
    lines.append("per type (triples):")
    lines += [
        f"  {kind!s:<10} P {v['p']:.2f} R {v['r']:.2f} F1 {v['f1']:.2f}  (gold {v['gold']})"
        for kind, v in result["per_type"].items()
    ]
    return "\n".join(lines) + "\n"


def format_stories_report(result: dict[str, Any]) -> str:
    """The text score.py prints for a :func:`score_stories` result (newline-terminated lines)."""
    pw, b3 = result["pairwise"], result["bcubed"]
    return (
        f"articles {result['articles']} (system covered {result['covered']})\n"
        f"pairwise  P {pw['p']:.3f}  R {pw['r']:.3f}  F1 {pw['f1']:.3f}\n"
        f"BCubed    P {b3['p']:.3f}  R {b3['r']:.3f}  F1 {b3['f1']:.3f}\n"
    )
