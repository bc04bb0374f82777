"""`eventwire bench`: extraction throughput against a bare spaCy parse of the same texts, in one run, in this
process and in forked worker processes (`parallel.py`)."""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass, field

import spacy

from .nlp import MODELS
from .parallel import ParallelExtractor
from .pipeline import Extractor, RunReport
from .readers import read_articles
from .records import Article

WIDTH = 36  # label column


@dataclass
class Timing:
    label: str
    seconds: float
    articles: int
    words: int

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        wps = self.words / self.seconds if self.seconds else 0.0
        return f"{self.label:<{WIDTH}} {self.seconds:8.2f} s  {rate:8.1f} articles/s  {wps:10.0f} words/s"


@dataclass
class WorkerRun:
    """One timed extraction in worker processes."""

    total: float  # from creating the pool to the workers' exit: what a command pays
    steady: float  # from every worker being ready to the last article's events
    ids: list[list[str]]  # event ids per article, to check them against one process


def _words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def _time_extract(extractor: Extractor, coded: list[Article]) -> tuple[float, list[list[str]]]:
    extractor.report = RunReport()
    start = time.perf_counter()
    ids = [[ev.id for ev in events] for _, events in extractor.extract(coded)]
    return time.perf_counter() - start, ids


def _time_workers(extractor: Extractor, coded: list[Article], workers: int) -> WorkerRun:
    extractor.report = RunReport()
    start = time.perf_counter()
    with ParallelExtractor(extractor, workers) as parallel:
        parallel.start()
        ready = time.perf_counter()
        ids = [[ev.id for ev in events] for _, events in parallel.extract(coded)]
        done = time.perf_counter()
    return WorkerRun(time.perf_counter() - start, done - ready, ids)


def _ratio(a: float, b: float, width: int = 8) -> str:
    return f"{a / b:{width}.2f}x" if b else "n/a".rjust(width)


@dataclass
class Rounds:
    """The times of every round, per configuration."""

    bare: list[float] = field(default_factory=list)
    full: list[float] = field(default_factory=list)  # extract in this process
    workers: dict[int, list[WorkerRun]] = field(default_factory=dict)
    ids: list[list[str]] = field(default_factory=list)  # event ids per article, in this process

    def total(self, n: int) -> float:
        return min(run.total for run in self.workers[n])

    def steady(self, n: int) -> float:
        return min(run.steady for run in self.workers[n])

    def same_events(self) -> bool:
        return all(run.ids == self.ids for runs in self.workers.values() for run in runs)


def run_bench(paths: list[str], batch_size: int = 32, repeat: int = 1, workers: int = 2) -> list[str]:
    """Time a bare `nlp.pipe` with the pinned model, `extract` in this process, and `extract` in 1 and in
    `workers` worker processes, over the same coded articles."""
    articles = list(read_articles(paths))
    extractor = Extractor(batch_size=batch_size)
    coded = [a for a in articles if extractor.language_of(a) in MODELS]
    if not coded:
        raise ValueError("no article in a language eventwire codes")
    # The bare model, loaded as a user of spaCy would; both are warmed up on the same text first. The workers
    # are forked after this, so they start warm.
    bare_nlp = spacy.load(MODELS["fr"])
    list(bare_nlp.pipe([coded[0].text]))
    list(extractor.extract([coded[0]]))
    rounds = Rounds(workers={n: [] for n in sorted({1, max(1, workers)})})
    for _ in range(max(1, repeat)):  # interleaved, so that a busy machine slows all alike
        start = time.perf_counter()
        for _doc in bare_nlp.pipe((a.text for a in coded), batch_size=batch_size):
            pass
        rounds.bare.append(time.perf_counter() - start)
        seconds, rounds.ids = _time_extract(extractor, coded)
        rounds.full.append(seconds)
        for n, runs in rounds.workers.items():
            runs.append(_time_workers(extractor, coded, n))
    head = (
        f"{len(coded)} articles ({_words(coded)} words) in a coded language, of {len(articles)} read; "
        f"{sum(len(i) for i in rounds.ids)} events; fastest of {max(1, repeat)} round(s)"
    )
    return [head, *_report(rounds, len(coded), _words(coded))]


def _report(rounds: Rounds, articles: int, words: int) -> list[str]:
    def timing(label: str, seconds: float) -> str:
        return Timing(label, seconds, articles, words).line()

    bare, full = min(rounds.bare), min(rounds.full)
    counts = list(rounds.workers)
    lines = [timing("bare nlp.pipe", bare), timing("eventwire extract, in this process", full)]
    for n in counts:
        name = f"{n} worker process{'es' if n > 1 else ''}"
        lines += [timing(f"{name}, with start-up", rounds.total(n)), timing(f"{name}, once started", rounds.steady(n))]
    top = counts[-1]
    start_up = ", ".join(f"{rounds.total(n) - rounds.steady(n):.2f} s for {n}" for n in counts)
    same = (
        "yes, the workers gave exactly the events of this process, in order"
        if rounds.same_events()
        else "NO: the workers gave other events than this process"
    )
    return [
        *lines,
        f"{'extract / bare time ratio':<{WIDTH}} {full / bare:8.2f}   (throughput {_ratio(bare, full, 0)} of bare "
        "nlp.pipe)",
        f"{f'{top} workers / 1 worker throughput':<{WIDTH}} {_ratio(rounds.steady(1), rounds.steady(top))} once "
        f"started, {_ratio(rounds.total(1), rounds.total(top), 0)} with start-up",
        f"{f'{top} workers / extract in this process':<{WIDTH}} {_ratio(full, rounds.steady(top))} once started, "
        f"{_ratio(full, rounds.total(top), 0)} with start-up",
        f"{'worker start-up and exit':<{WIDTH}}     {start_up}",
        *_memory_lines(),
        f"{'same events':<{WIDTH}}     {same}",
        "(with start-up: from creating the pool, which forks the workers once the model is loaded and warmed here,",
        " to the workers' exit; once started: from every worker being ready to the last article's events)",
    ]


def _memory_lines() -> list[str]:
    """Peak resident memory; the workers have exited (and been waited for), so RUSAGE_CHILDREN covers them."""
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return [
        f"{'peak memory, this process':<{WIDTH}} {parent:8.0f} MB",
        f"{'peak memory, largest worker':<{WIDTH}} {child:8.0f} MB   (resident, counting the pages it shares "
        "copy-on-write with this process)",
    ]
