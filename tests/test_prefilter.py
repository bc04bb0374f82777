"""The sentence prefilter (parse only what can hold an event) and the person finder that replaces NER."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.actors import ActorLexicon
from eventwire.codebook import load_codebook
from eventwire.cues import load_cues
from eventwire.nlp import load_model
from eventwire.persons import person_spans
from eventwire.pipeline import Extractor
from eventwire.prefilter import SentenceFilter
from eventwire.readers import read_articles

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "articles"


@pytest.fixture(scope="module")
def sieve() -> SentenceFilter:
    return SentenceFilter.for_codebook(load_model("fr"), load_codebook(), load_cues())


def kept_sentences(sieve: SentenceFilter, text: str) -> list[str]:
    doc = sieve.nlp.make_doc(text)
    return [doc[s:e].text for s, e in sieve.sentences(doc) if sieve.keep(doc, s, e)]


def test_sentence_without_trigger_is_blanked_and_offsets_stay(sieve: SentenceFilter) -> None:
    first = "Le temps était doux sur la capitale ce matin-là, et les terrasses des cafés se remplissaient vite."
    second = "Le Niger a expulsé l'ambassadeur de France."
    text = f"{first} {second}"
    masked = sieve.mask(text)
    assert len(masked) == len(text)
    assert masked.endswith(second)  # the event sentence is untouched, at its own offsets
    assert "terrasses" not in masked and "Le temps" not in masked  # the rest of the other one is gone...
    assert "remplissaient vite. Le Niger" in masked  # ...but the words next to the kept one stay, as context


def test_construction_words_decide_for_light_verbs(sieve: SentenceFilter) -> None:
    # "mettre" is a trigger only in phrases ("mettre en garde", "mettre fin à"): alone it keeps nothing.
    assert kept_sentences(sieve, "La ministre a mis ses lunettes pour lire la note.") == []
    assert kept_sentences(sieve, "La ministre a mis en garde Moscou contre toute escalade.") != []


def test_irregular_and_inflected_forms_are_recognised(sieve: SentenceFilter) -> None:
    assert kept_sentences(sieve, "Les deux pays ont conclu un accord de libre-échange.") != []
    assert kept_sentences(sieve, "Les rebelles prirent le pouvoir dans la nuit.") != []
    assert kept_sentences(sieve, "Des manifestants ont été interpellés devant le parlement.") != []


def test_abbreviations_do_not_end_a_sentence(sieve: SentenceFilter) -> None:
    doc = sieve.nlp.make_doc("M. Dupont a rencontré Mme Durand. Il pleuvait.")
    assert [doc[s:e].text for s, e in sieve.sentences(doc)] == ["M. Dupont a rencontré Mme Durand.", "Il pleuvait."]


def test_the_speaker_of_a_quotation_is_kept(sieve: SentenceFilter) -> None:
    text = "« Nous enverrons des munitions à nos alliés. » Ces propos ont été déclarés hier par le ministre."
    masked = sieve.mask(text)
    assert "déclarés hier par le ministre" in masked


def test_prefilter_changes_no_event_on_the_sample() -> None:
    articles = list(read_articles([str(SAMPLE)]))
    full = [ev.model_dump_json() for _, evs in Extractor(prefilter=False).extract(articles) for ev in evs]
    filtered = [ev.model_dump_json() for _, evs in Extractor(prefilter=True).extract(articles) for ev in evs]
    assert len(full) > 50
    assert filtered == full


def test_person_spans_are_names_not_places() -> None:
    lexicon = ActorLexicon.load(())
    doc = load_model("fr")("Le ministre Karim Benali a quitté Alger pour Paris, où Zelensky l'attendait.")
    names = [s.text for s in person_spans(doc, lexicon)]
    assert "Karim Benali" in names
    assert "Alger" not in names and "Paris" not in names
