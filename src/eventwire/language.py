"""The language of an article: from its record, else detected (lingua, offline)."""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetectorBuilder

# The languages news arrives in most; detection only picks among these.
_CANDIDATES = (
    Language.FRENCH, Language.ENGLISH, Language.SPANISH, Language.GERMAN, Language.ITALIAN,
    Language.PORTUGUESE, Language.ARABIC, Language.RUSSIAN, Language.UKRAINIAN, Language.PERSIAN,
    Language.TURKISH, Language.DUTCH, Language.CHINESE,
)  # fmt: skip


@cache
def _detector():
    return LanguageDetectorBuilder.from_languages(*_CANDIDATES).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:2000]
    if not sample.strip():
        return None
    lang = _detector().detect_language_of(sample)
    return lang.iso_code_639_1.name.lower() if lang else None
