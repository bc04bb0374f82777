"""The language models, loaded once per process."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

# Languages eventwire has a pipeline for, and the pinned model that serves each.
MODELS = {"fr": "fr_core_news_md"}


@cache
def load_model(lang: str) -> Language:
    name = MODELS[lang]
    try:
        return spacy.load(name)
    except OSError as exc:  # the model package is a pinned dependency; say so rather than a bare OSError
        raise RuntimeError(f"spaCy model {name!r} is not installed: pip install {name}==3.8.0") from exc
