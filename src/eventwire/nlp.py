"""The language models, loaded once per process."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

# Languages eventwire has a pipeline for, and the pinned model that serves each.
MODELS = {"fr": "fr_core_news_md"}


# Demonstrative suffixes the French tokenizer splits off ("ce mois-ci" -> "mois - ci"), which makes the
# parser start a new sentence in the middle of a clause.
_KEEP_WHOLE = [
    f"{noun}-{suffix}"
    for noun in ("mois", "jour", "semaine", "année", "fois", "soir", "matin", "moment", "temps", "nuit", "week-end")
    for suffix in ("ci", "là")
]


@Language.component("eventwire_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and paragraphs are not one clause."""
    for tok in doc[:-1]:
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            doc[tok.i + 1].is_sent_start = True
    return doc


def keep_names_whole(nlp: Language, names: Iterable[str]) -> None:
    """Hyphenated names the tokenizer would split ("Royaume-Uni" -> "Royaume - Uni") stay one token."""
    for name in names:
        if "-" in name and " " not in name:
            nlp.tokenizer.add_special_case(name, [{ORTH: name}])


@cache
def load_model(lang: str) -> Language:
    name = MODELS[lang]
    try:
        # NER is left out: people come from the tagger's proper nouns and the lexicon (persons.py).
        nlp = spacy.load(name, exclude=["ner"])
    except OSError as exc:  # the model package is a pinned dependency; say so rather than a bare OSError
        raise RuntimeError(f"spaCy model {name!r} is not installed: pip install {name}==3.8.0") from exc
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    for word in _KEEP_WHOLE:
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    return nlp


def repair_verb_lemmas(doc: Doc) -> Doc:
    """Give an infinitive to present-tense verbs the lemmatizer left as they are ("indique" -> "indiquer",
    "informe" -> "informer"): every codebook and cue list is keyed by infinitive."""
    for tok in doc:
        lemma = tok.lemma_
        finite = "Fin" in tok.morph.get("VerbForm")  # an infinitive in -re ("rompre") is its own lemma
        if tok.pos_ == "VERB" and finite and lemma.endswith("e") and lemma == tok.lower_ and lemma.isalpha():
            tok.lemma_ = lemma + "r"
    return doc
