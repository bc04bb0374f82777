"""A cheap lexical pass before the parse: sentences that cannot hold an event are blanked out.

Most of the cost of extraction is the model; most sentences of a news article hold no trigger word of
the codebook. Before the parse, each sentence is tokenized with the model's own tokenizer and kept when
some codebook entry could fire in it: one of its words *could* be lemmatized to the entry's trigger lemma
(under any part of speech the lemmatizer knows), and the words the entry's construction needs are there
too; or when it names the speaker of a quotation; or when the next kept one opens on a subject pronoun
(its antecedent is here). Other sentences are replaced by blanks of the same
length, ending in line breaks, so that every character offset of the article is unchanged and the parser
sees a paragraph break there.

What the blanked sentences would have told the article context still reaches it: the states the article
names are counted on the full text (`ArticleContext.for_doc` takes the article's own text).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from .attribution import ANAPHORA_REACH
from .codebook import Codebook, Trigger
from .cues import Cues
from .syntax import DEMONSTRATIVES

# The parts of speech under which a trigger is looked up (events.find_triggers) and the lemmatizer's rule
# tables for them; other parts of speech go through the lookup table only.
_RULE_POS = ("verb", "aux", "adj", "noun")
_SENTENCE_END = {".", "!", "?", "…"}
_QUOTE_MARKS = {"«", "»", "“", "”", '"'}
_OPENING_PRONOUNS = {"il", "elle", "ils", "elles"}
_INVERTED = {"-il", "-elle", "-ils", "-elles", "-t-il", "-t-elle"}
# Statements a later sentence may cite by a definite article alone ("selon le communiqué").
_STATEMENTS = {"communiqué", "déclaration", "texte", "rapport", "document", "lettre"}
# "selon CETTE source", "selon la MÊME source": a source cited in one of the few sentences before.
_POINTING_BACK = DEMONSTRATIVES | {"même"}


@dataclass
class SentenceFilter:
    """Decides, per sentence of an article, whether it is worth a parse; blanks out those that are not."""

    nlp: Language
    rules: dict[str, list[Trigger]]  # trigger lemma -> the codebook entries it starts
    reporting: frozenset[str] = frozenset()  # reporting verbs: who speaks a quotation
    according_to: frozenset[str] = frozenset({"selon"})  # "selon le communiqué": a statement named before
    anaphoric_sources: frozenset[str] = frozenset()  # "selon cette source": a source cited before
    abbreviations: frozenset[str] = frozenset({"m", "mm", "mme", "mmes", "dr", "st", "ste", "etc", "av"})
    margin: int = 4  # words kept on each side of a kept sentence: the reach of the model's token context
    _lemmas: dict[str, frozenset[str]] = field(default_factory=dict)  # word -> its possible lemmas

    @classmethod
    def for_codebook(cls, nlp: Language, book: Codebook, cues: Cues) -> SentenceFilter:
        rules: dict[str, list[Trigger]] = defaultdict(list)
        for table in (book.verbs, book.nouns):
            for lemma, entries in table.items():
                rules[lemma].extend(entries)
        return cls(
            nlp=nlp,
            rules=dict(rules),
            reporting=cues.reporting,
            according_to=frozenset(cues.according_to),
            anaphoric_sources=cues.anaphoric_sources,
        )

    # -- words ---------------------------------------------------------------------------------------
    def lemmas_of(self, word: str) -> frozenset[str]:
        """Every lemma the parse could give this word, with the word itself (memoized)."""
        out = self._lemmas.get(word)
        if out is None:
            out = frozenset(self._candidate_lemmas(word))
            self._lemmas[word] = out
        return out

    def _candidate_lemmas(self, word: str) -> set[str]:
        """Everything spaCy's French rule lemmatizer could return for this word, whatever its tag."""
        lookups = self.nlp.get_pipe("lemmatizer").lookups
        exceptions = lookups.get_table("lemma_exc", {})
        rules = lookups.get_table("lemma_rules", {})
        lookup = lookups.get_table("lemma_lookup", {})
        low = word.lower()
        out = {low}
        for key in (low, word):
            found = lookup.get(key, [])
            out.update(f.lower() for f in ([found] if isinstance(found, str) else found))
        for pos in _RULE_POS:
            out.update(exceptions.get(pos, {}).get(low, []))
            for old, new in rules.get(pos, []):
                if low.endswith(old):
                    out.add(low[: len(low) - len(old)] + new)  # in the index or not: a candidate either way
        return out

    # -- sentences -----------------------------------------------------------------------------------
    def sentences(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of the text's sentences, by punctuation and line breaks (a rough, cheap split that
        errs towards longer sentences: abbreviations and initials do not end one)."""
        out, start = [], 0
        for tok in doc:
            if "\n" in tok.text or "\n" in tok.whitespace_:
                out.append((start, tok.i + 1))
                start = tok.i + 1
            elif tok.text in _SENTENCE_END and tok.i + 1 < len(doc):
                prev = doc[tok.i - 1].lower_ if tok.i else ""
                nxt = doc[tok.i + 1]
                if (nxt.is_title or nxt.text in _QUOTE_MARKS or nxt.is_upper) and not self._abbreviation(prev):
                    out.append((start, tok.i + 1))
                    start = tok.i + 1
        if start < len(doc):
            out.append((start, len(doc)))
        return [(s, e) for s, e in out if e > s]

    def _abbreviation(self, word: str) -> bool:
        return word in self.abbreviations or (len(word) == 1 and word.isalpha())

    def keep(self, doc: Doc, start: int, end: int) -> bool:
        """Whether some codebook entry could fire here: its trigger, and the words its construction needs
        ("mettre" only with "garde", "fin" or "accord" near), all stand in the sentence under some reading."""
        words: set[str] = set()
        quoted = False
        for tok in doc[start:end]:
            words |= self.lemmas_of(tok.text)
            quoted = quoted or tok.text in _QUOTE_MARKS
        if quoted and words & self.reporting:
            return True  # "», a déclaré le ministre": the speaker of a quotation that may hold an event
        for lemma in words & self.rules.keys():
            for rule in self.rules[lemma]:
                if all(not need or need & words for need in (rule.obj, rule.with_, rule.also, rule.sentence)):
                    return True
        return False

    def _keep_statements_referred_to(self, doc: Doc, sentences: list[tuple[int, int]], kept: list[bool]) -> None:
        """ "..., selon LE COMMUNIQUÉ": the sentence that named that statement, and who issued it, is kept."""
        for k in range(len(sentences) - 1, 0, -1):
            if not kept[k]:
                continue
            toks = doc[sentences[k][0] : sentences[k][1]]
            for a, b, noun in zip(toks, toks[1:], toks[2:], strict=False):
                definite = b.lower_ in ("le", "la", "ce", "cette")
                if a.lower_ in self.according_to and definite and noun.lower_ in _STATEMENTS:
                    for j in range(k - 1, -1, -1):
                        if any(t.lower_ == noun.lower_ for t in doc[sentences[j][0] : sentences[j][1]]):
                            kept[j] = True
                            break

    def _keep_sources_referred_to(self, doc: Doc, sentences: list[tuple[int, int]], kept: list[bool]) -> None:
        """What attribution looks back for is kept: the source "selon LA MÊME SOURCE" or "selon CETTE
        DERNIÈRE" points to, and the attributed quotation a quoted statement goes on from."""
        for k in range(len(sentences) - 1, 0, -1):
            if not kept[k]:
                continue
            words = [t.lower_ for t in doc[sentences[k][0] : sentences[k][1]]]
            if any(w in _QUOTE_MARKS for w in words) and not set(words) & (self.according_to | {":"}):
                previous = doc[sentences[k - 1][0] : sentences[k - 1][1]]
                kept[k - 1] = kept[k - 1] or any(t.text in _QUOTE_MARKS for t in previous)
            if set(words) & _POINTING_BACK and any(self.lemmas_of(w) & self.anaphoric_sources for w in words):
                for j in range(k - 1, max(-1, k - 1 - ANAPHORA_REACH), -1):
                    if self._cites(doc[sentences[j][0] : sentences[j][1]]):
                        kept[j] = True
                        break

    def _cites(self, toks: Span) -> bool:
        return any(t.lower_ in self.according_to or self.lemmas_of(t.text) & self.reporting for t in toks)

    def mask(self, text: str) -> str:
        """The text with every sentence that cannot hold an event blanked out, offsets unchanged."""
        doc = self.nlp.make_doc(text)
        sentences = self.sentences(doc)
        kept = [self.keep(doc, start, end) for start, end in sentences]
        for k in range(len(sentences) - 1):
            # "L'accord entre en vigueur lundi. IL porte sur le retrait ...": a kept sentence that opens on
            # a subject pronoun needs the one before, where its antecedent is.
            nxt = doc[sentences[k + 1][0] : sentences[k + 1][1]]
            # So does one with an inverted subject pronoun ("», a-t-IL déclaré"): its speaker was named before.
            if kept[k + 1] and (nxt[0].lower_ in _OPENING_PRONOUNS or any(t.lower_ in _INVERTED for t in nxt)):
                kept[k] = True
        self._keep_statements_referred_to(doc, sentences, kept)
        self._keep_sources_referred_to(doc, sentences, kept)
        chars = list(text)
        for k, (start, end) in enumerate(sentences):
            if kept[k]:
                continue
            # The model reads each word with a few neighbours on either side (tok2vec's window): the words
            # of a left-out sentence next to a kept one stay, so that the kept one parses as in the full text.
            if k > 0 and kept[k - 1]:
                start = min(end, start + self.margin)
            if k + 1 < len(sentences) and kept[k + 1]:
                end = max(start, end - self.margin)
            if end - start < 1:
                continue
            first = doc[start].idx
            last = doc[end - 1].idx + len(doc[end - 1].text)
            if last - first < 3:
                continue
            for i in range(first, last):
                if chars[i] != "\n":
                    chars[i] = " "
            # Line breaks at both ends: the parser must not join the blank to a kept sentence.
            chars[first] = "\n"
            chars[last - 1] = "\n"
        return "".join(chars)
