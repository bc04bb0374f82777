"""Events the roles used to miss: offers accepted, craft intercepted, troops back in their barracks, and more.

Every sentence was written for these tests.
"""

from __future__ import annotations

import pytest
from sentence_cases import codes, of_type, run

from eventwire.pipeline import Extractor

# A lead that makes Chad the state the article is about: an unstated counterpart would be Chad.
_CHAD_STORY = "Le Tchad traverse une crise. Au Tchad, la tension monte. "


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_the_conjunction_que_is_not_the_object(extractor: Extractor) -> None:
    text = _CHAD_STORY + "Le président tchadien annonce sur Facebook qu'il a accepté une offre du président nigérien."
    (ev,) = of_type(run(extractor, text), "AGREE")
    assert codes(ev.actor) | codes(ev.recipient) == {"TCD", "NER"}


def test_the_relations_resumed_are_not_the_actor(extractor: Extractor) -> None:
    (ev,) = of_type(
        run(extractor, "Le Maroc et l'Iran ont annoncé la reprise de leurs relations diplomatiques."), "AGREE"
    )
    assert codes(ev.actor) | codes(ev.recipient) == {"MAR", "IRN"}


def test_sanctions_lifted_are_no_second_event(extractor: Extractor) -> None:
    events = run(extractor, "La Chine a annoncé la levée des sanctions contre le Japon.")
    assert [ev.event for ev in events] == ["CONCEDE"]
