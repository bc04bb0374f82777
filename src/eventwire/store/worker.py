"""The extraction side of `eventwire ingest`: one `Extractor` (and one spaCy model) per process.

With `--workers N` (N > 1) the work runs in N processes forked from a fork server that has loaded the models
and the built-in lexicons once (`_preload.py`), so that each worker starts with them; the initializer builds
the worker's `Extractor`. Where there is no fork server (Windows) each worker loads its own model.
With one worker it all runs in the ingesting process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass

from eventwire.nlp import MODELS, load_model
from eventwire.pipeline import Extractor
from eventwire.records import Article, Event


@dataclass(frozen=True)
class Settings:
    lexicons: tuple[str, ...] = ()
    codebook: str | None = None
    batch_size: int = 32


@dataclass
class Outcome:
    """What became of one article."""

    language: str | None
    coded: bool  # False: no pipeline for its language
    events: list[Event] | None  # None: extraction failed (logged by the worker)


_extractor: Extractor | None = None


def start(settings: Settings, watch_pid: int | None = None) -> None:
    """Initializer: the extractor and the model, once per process (the model may be there already)."""
    adopt(Extractor(lexicons=settings.lexicons, codebook=settings.codebook, batch_size=settings.batch_size), watch_pid)
    for lang in MODELS:
        load_model(lang)


def adopt(extractor: Extractor, watch_pid: int | None = None) -> None:
    """This process extracts with `extractor`: built by `start`, or inherited through fork (`parallel.py`)."""
    global _extractor
    _extractor = extractor
    if watch_pid is not None:  # a pool worker: Ctrl-C is for the parent process, which stops the pool
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        threading.Thread(target=_exit_with, args=(watch_pid, os.getppid()), daemon=True).start()


def current() -> Extractor:
    """This worker's extractor."""
    assert _extractor is not None, "worker not started"
    return _extractor


def extract_chunk(articles: Sequence[Article]) -> list[Outcome]:
    """Outcomes of `articles`, in order."""
    extractor = current()
    found = {id(article): events for article, events in extractor.extract(articles)}
    outcomes = []
    for article in articles:
        events = found.get(id(article))
        if events is not None:
            language = events[0].language if events else extractor.language_of(article)
            outcomes.append(Outcome(language, True, events))
            continue
        language = extractor.language_of(article)
        outcomes.append(Outcome(language, False, []) if language not in MODELS else Outcome(language, True, None))
    return outcomes


def _exit_with(pid: int, parent: int) -> None:
    """A worker outlives a `kill -9` of the ingesting process otherwise; it leaves within a second."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent or not _alive(pid):
            os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class InlineExecutor(Executor):
    """`--workers 1`: the same calls, in this process."""

    def __init__(self, settings: Settings) -> None:
        start(settings)

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # delivered to whoever waits on the future, as a pool would
            future.set_exception(exc)
        return future


def executor(workers: int, settings: Settings) -> Executor:
    if workers <= 1:
        return InlineExecutor(settings)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["eventwire.store._preload"])
    return ProcessPoolExecutor(workers, mp_context=context, initializer=start, initargs=(settings, os.getpid()))
