"""`Extractor.extract` in N worker processes: the same events, in input order, on N cores.

The parent loads the model and the lexicons, warms them on one sentence, and only then forks the workers (the
"fork" start method), so each worker starts with everything in memory, shared copy-on-write: starting a worker
costs milliseconds, not a model load. The parent sends articles in small chunks and gets back, per article, its
events (pydantic records, pickled) and the chunk's `RunReport` counts, never spaCy docs. A window of chunks is
kept in flight and the results are yielded in input order.

An exception in one article is caught inside the worker by `Extractor` (logged, counted as failed) exactly as in
one process. A worker process that dies (killed, out of memory) stops the run with `WorkerCrashed`.

The worker side (one extractor per process, Ctrl-C left to the parent, leaving when the parent is gone, the
per-article outcomes) is the store ingest's: `store/worker.py`.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from multiprocessing.synchronize import Barrier
from types import TracebackType

from .pipeline import Extractor, RunReport
from .records import Article, Event
from .store import worker

# Articles per task. Small, so that the workers finish together on a short input (a tail where one worker
# has a last chunk and the other nothing costs more than the per-chunk overhead, about a millisecond).
CHUNK = 4

# Written by the authors of this module: parsed once in the parent so that lazy state is built before the fork.
_WARM_UP = Article(
    id="warm-up",
    lang="fr",
    date="2025-01-02",
    text="Le ministre malien a rencontré mardi à Niamey son homologue nigérien, a annoncé le gouvernement.",
)


class WorkerCrashed(RuntimeError):
    """A worker process died; the message is for the user."""


def available() -> bool:
    """Whether workers can be forked here (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


class ParallelExtractor:
    """Runs `extractor.extract` in `workers` forked processes; counts go to `extractor.report` as in one process.

    Use it as a context manager (or call `close`), so that the workers stop with the run.
    """

    def __init__(self, extractor: Extractor, workers: int = 2, chunk_size: int = CHUNK) -> None:
        if not available():
            raise RuntimeError("worker processes need the 'fork' start method, which this system does not have")
        self.extractor = extractor
        self.workers = max(1, workers)
        self.chunk_size = max(1, chunk_size)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ParallelExtractor:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def start(self) -> None:
        """Fork the workers, and return once every one of them is ready for work."""
        if self._pool is not None:
            return
        self._warm_parent()
        context = multiprocessing.get_context("fork")
        ready = context.Barrier(self.workers)
        # Buffered output would be written once more by every worker when it exits.
        sys.stdout.flush()
        sys.stderr.flush()
        # Frozen objects are left alone by the workers' garbage collector, which would otherwise write to (and
        # so copy) every page holding a Python object of the model and the lexicons.
        gc.freeze()
        try:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_start,
                initargs=(self.extractor, ready, os.getpid()),  # inherited through fork, not pickled
            )
            # With "fork" the pool forks all its workers at the first submit; one barrier task per worker
            # returns only when all of them have started.
            pings = [self._pool.submit(_wait_ready) for _ in range(self.workers)]
        finally:
            gc.unfreeze()
        for ping in pings:
            self._result(ping, None)

    def extract(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Like `Extractor.extract`: the events of each coded article, in input order."""
        self.start()
        assert self._pool is not None
        window: deque[tuple[list[Article], Future]] = deque()
        try:
            for chunk in _chunks(articles, self.chunk_size):
                window.append((chunk, self._pool.submit(_extract_chunk, chunk)))
                # Enough in flight that no worker waits while the oldest chunk is still being parsed.
                if len(window) > 4 * self.workers:
                    yield from self._collect(*window.popleft())
            while window:
                yield from self._collect(*window.popleft())
        finally:  # the consumer stopped early (or failed): drop the work nobody will read
            for _chunk, future in window:
                future.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _warm_parent(self) -> None:
        """Load the model and build what the extractor builds lazily, once, before the fork shares it."""
        report, self.extractor.report = self.extractor.report, RunReport()  # the warm-up is not the user's
        try:
            for _ in self.extractor.extract([_WARM_UP]):
                pass
        finally:
            self.extractor.report = report

    def _collect(self, chunk: list[Article], future: Future) -> Iterator[tuple[Article, list[Event]]]:
        results, counts = self._result(future, chunk)
        self.extractor.report.add(counts)
        for article, events in zip(chunk, results, strict=True):
            if events is not None:
                yield article, events

    def _result(self, future: Future, chunk: list[Article] | None):
        try:
            return future.result()
        except BrokenProcessPool as exc:
            self.close()
            raise WorkerCrashed(_crash_message(chunk)) from exc


def _crash_message(chunk: list[Article] | None) -> str:
    if chunk is None:
        return "a worker process died while starting"
    first = chunk[0]
    where = first.source or first.id or "(no id)"
    return (
        f"a worker process died (killed, or out of memory?); the events given are those of the articles before "
        f"{where}. With --workers 1 the same input runs in one process."
    )


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


# -- in the worker processes ---------------------------------------------------------------------------------

_ready: Barrier | None = None


def _start(extractor: Extractor, ready: Barrier, parent: int) -> None:
    global _ready
    _ready = ready
    worker.adopt(extractor, watch_pid=parent)


def _wait_ready() -> int:
    """Blocks until every worker has taken one of these, so that each takes exactly one."""
    assert _ready is not None
    _ready.wait()
    return os.getpid()


def _extract_chunk(articles: list[Article]) -> tuple[list[list[Event] | None], RunReport]:
    """Each article's events (None: not coded or failed), and the chunk's counts."""
    extractor = worker.current()
    extractor.report = RunReport()
    outcomes = worker.extract_chunk(articles)
    return [o.events if o.coded else None for o in outcomes], extractor.report
