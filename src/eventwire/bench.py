"""`eventwire bench`: extraction throughput against a bare spaCy parse of the same texts, in one run."""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass

import spacy

from .nlp import MODELS
from .pipeline import Extractor, RunReport
from .readers import read_articles
from .records import Article


@dataclass
class Timing:
    label: str
    seconds: float
    articles: int
    words: int

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        wps = self.words / self.seconds if self.seconds else 0.0
        return f"{self.label:<28} {self.seconds:8.2f} s  {rate:8.1f} articles/s  {wps:10.0f} words/s"


def _words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def run_bench(paths: list[str], batch_size: int = 32, repeat: int = 1) -> list[str]:
    """Time a bare `nlp.pipe` with the pinned model and `extract` over the same coded articles."""
    articles = list(read_articles(paths))
    extractor = Extractor(batch_size=batch_size)
    coded = [a for a in articles if extractor.language_of(a) in MODELS]
    if not coded:
        raise ValueError("no article in a language eventwire codes")
    # The bare model, loaded as a user of spaCy would; both are warmed up on the same text first.
    bare_nlp = spacy.load(MODELS["fr"])
    list(bare_nlp.pipe([coded[0].text]))
    list(extractor.extract([coded[0]]))
    words = _words(coded)
    bare, full = [], []
    for _ in range(repeat):  # interleaved, so that a busy machine slows both alike
        start = time.perf_counter()
        for _doc in bare_nlp.pipe((a.text for a in coded), batch_size=batch_size):
            pass
        bare.append(time.perf_counter() - start)
        extractor.report = RunReport()
        start = time.perf_counter()
        events = sum(len(evs) for _, evs in extractor.extract(coded))
        full.append(time.perf_counter() - start)
    t_bare = Timing("bare nlp.pipe", min(bare), len(coded), words)
    t_full = Timing("eventwire extract", min(full), len(coded), words)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        f"{len(coded)} articles ({words} words) in a coded language, of {len(articles)} read; {events} events",
        t_bare.line(),
        t_full.line(),
        f"extract / bare time ratio    {t_full.seconds / t_bare.seconds:8.2f}   (throughput "
        f"{t_bare.seconds / t_full.seconds:.2f}x of bare nlp.pipe)",
        f"peak memory                  {peak_mb:8.0f} MB",
    ]
