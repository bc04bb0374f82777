"""A doer the text names but no single code fits ("la communauté internationale", "plusieurs autres pays"): the
event is coded with a null actor code (SPEC §4), provided the sentence names whom it is aimed at.

Every sentence was written for these tests.
"""

from __future__ import annotations

from sentence_cases import codes, of_type, run

from eventwire.output import table_rows
from eventwire.pipeline import Extractor


def test_the_international_community_condemning_a_coup(extractor: Extractor) -> None:
    text = (
        "Mardi, l'armée a renversé le président de la Guinée-Bissau. "
        "Ce coup d'État a été fermement condamné par la communauté internationale."
    )
    (ev,) = of_type(run(extractor, text), "ACCUSE")
    assert codes(ev.actor) == {None} and ev.actor[0].entity_text == "la communauté internationale"
    assert codes(ev.recipient) == {"GNB"}
    # The table shows the words for a doer with no code.
    assert table_rows([ev])[0][4].startswith("la communauté internati")


def test_several_other_states_expelling_diplomats(extractor: Extractor) -> None:
    text = "Plusieurs autres pays ont également expulsé des diplomates biélorusses."
    (ev,) = of_type(run(extractor, text), "SANCTION")
    assert codes(ev.actor) == {None} and codes(ev.recipient) == {"BLR"}


def test_an_unnamed_doer_needs_a_named_recipient(extractor: Extractor) -> None:
    # No one is named as the target: no counterpart is guessed for a doer with no code.
    text = "La communauté internationale a condamné mardi ces violences."
    assert not of_type(run(extractor, text), "ACCUSE")


def test_the_press_is_not_an_unnamed_doer(extractor: Extractor) -> None:
    text = "La presse turque a salué la première rencontre entre les ministres grec et turc."
    assert all(None not in codes(ev.actor) for ev in run(extractor, text))
