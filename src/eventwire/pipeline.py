"""From articles to events: language routing, batched parsing, per-article extraction."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields

from .actors import ActorLexicon
from .attribution import find_quote_speakers
from .codebook import Codebook, load_codebook
from .cues import Cues, load_cues
from .dates import PubDate
from .entities import ArticleContext
from .events import EventBuilder
from .language import detect_language
from .nlp import MODELS, keep_names_whole, load_model, repair_verb_lemmas
from .persons import person_spans
from .prefilter import SentenceFilter
from .readers import content_id
from .records import Article, Event

log = logging.getLogger("eventwire")


@dataclass
class RunReport:
    """What a run did with its input, for the user's summary."""

    articles: int = 0
    coded: int = 0
    events: int = 0
    failed: int = 0
    unsupported: Counter[str] = field(default_factory=Counter)  # language -> articles with no pipeline yet

    def add(self, other: RunReport) -> RunReport:
        """Add another run's counts (a chunk's, a partition's) to these."""
        for f in fields(RunReport):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def summary(self) -> str:
        parts = [f"{self.articles} articles read, {self.coded} coded, {self.events} events"]
        if self.unsupported:
            langs = ", ".join(f"{n} {lang}" for lang, n in self.unsupported.most_common())
            parts.append(f"not coded (no pipeline for their language yet): {langs}")
        if self.failed:
            parts.append(f"{self.failed} articles failed (see the log)")
        return "; ".join(parts)


class Extractor:
    """Holds the models and lexicons; extracts events from any number of articles."""

    def __init__(self, lexicons: Iterable[str] = (), codebook: str | None = None, batch_size: int = 32,
                 prefilter: bool = True) -> None:
        self.lexicon = ActorLexicon.load(tuple(lexicons))
        self.book: Codebook = load_codebook(codebook)
        self.cues: Cues = load_cues()
        self.batch_size = batch_size
        self.prefilter = prefilter  # parse only the sentences that can hold an event (prefilter.py)
        self._filter: SentenceFilter | None = None
        self.report = RunReport()

    def model(self, lang: str):
        """The language's spaCy pipeline, with the lexicon's hyphenated names kept whole by the tokenizer."""
        nlp = load_model(lang)
        if not getattr(nlp, "_eventwire_names", False):
            keep_names_whole(nlp, self.lexicon.hyphenated_names())
            nlp._eventwire_names = True  # type: ignore[attr-defined]
        return nlp

    def language_of(self, article: Article) -> str | None:
        return (article.lang or detect_language(article.text) or "").lower() or None

    def _routed(self, articles: Iterable[Article]) -> Iterator[tuple[str, tuple[Article, str]]]:
        for article in articles:
            self.report.articles += 1
            lang = self.language_of(article)
            if lang not in MODELS:
                self.report.unsupported[lang or "unknown"] += 1
                log.info("%s: language %s has no pipeline yet; not coded", article.id, lang or "unknown")
                continue
            yield self._parse_text(article.text), (article, lang)

    def _parse_text(self, text: str) -> str:
        if not self.prefilter:
            return text
        if self._filter is None:
            self._filter = SentenceFilter.for_codebook(self.model("fr"), self.book, self.cues)
        return self._filter.mask(text)

    def extract(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Events of each article in a language eventwire codes, in input order."""
        nlp = self.model("fr")
        stream = nlp.pipe(self._routed(articles), as_tuples=True, batch_size=self.batch_size)
        for doc, (article, lang) in stream:
            try:
                events = self.extract_doc(doc, article, lang)
            except Exception:  # one article's failure must not sink the batch
                self.report.failed += 1
                log.exception("%s: extraction failed", article.source or article.id)
                continue
            self.report.coded += 1
            self.report.events += len(events)
            yield article, events

    def extract_doc(self, doc, article: Article, lang: str) -> list[Event]:
        article_id = article.id or content_id(article.text)
        repair_verb_lemmas(doc)
        doc.ents = person_spans(doc, self.lexicon)  # the model's NER is not loaded (persons.py says why)
        ctx = ArticleContext.for_doc(self.lexicon, doc, article.date, article.title, article.text)
        ctx.quote_speakers = find_quote_speakers(doc, ctx, self.cues)
        builder = EventBuilder(doc, article_id, lang, ctx, self.book, self.cues, PubDate.parse(article.date))
        return builder.run()


def _as_article(item: str | dict | Article) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(text=item)
    fields = {k: item.get(k) for k in ("id", "url", "date", "lang", "title")}
    return Article(text=str(item["text"]), **fields)


def extract(source: str | dict | Article | Iterable[str | dict | Article], **options) -> list[Event]:
    """Events of one article (a text, a record or an Article) or of many, as SPEC records."""
    items = [source] if isinstance(source, str | dict | Article) else list(source)
    extractor = Extractor(**options)
    return [ev for _, events in extractor.extract(_as_article(i) for i in items) for ev in events]
