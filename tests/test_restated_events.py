"""An act the article already reported, told again without its doer ("ces frappes", "l'attaque", "vingt
missiles ont été tirés", "cet accord"): it keeps the roles it was first told with, and its new sentence says
who says so.

Every sentence was written for these tests.
"""

from __future__ import annotations

from sentence_cases import codes, of_type, run

from eventwire.pipeline import Extractor
from eventwire.records import Event

_STRIKE = (
    "Mardi soir, la Syrie a tiré une vingtaine de roquettes sur des positions israéliennes du plateau du Golan. "
)


def _sourced(events: list[Event], kind: str, source: str) -> list[Event]:
    return [ev for ev in of_type(events, kind) if ev.said_by and ev.said_by[-1].code == source]


def test_demonstrative_attack_keeps_its_roles_and_takes_its_source(extractor: Extractor) -> None:
    text = _STRIKE + "Ces frappes ont touché deux casernes, a indiqué mercredi le ministère turc de la Défense."
    (ev,) = _sourced(run(extractor, text), "ASSAULT", "TUR")
    assert codes(ev.actor) == {"SYR"} and codes(ev.recipient) == {"ISR"}


def test_agentless_launch_is_the_attack_already_told(extractor: Extractor) -> None:
    text = _STRIKE + "Selon l'armée jordanienne, douze roquettes ont été tirées vers le sud."
    (ev,) = _sourced(run(extractor, text), "ASSAULT", "JOR")
    assert codes(ev.actor) == {"SYR"} and codes(ev.recipient) == {"ISR"}


def test_weapons_as_subject_are_the_attack_already_told(extractor: Extractor) -> None:
    text = _STRIKE + "D'après la police jordanienne, plusieurs roquettes ont visé une caserne du Golan."
    (ev,) = _sourced(run(extractor, text), "ASSAULT", "JOR")
    assert codes(ev.actor) == {"SYR"} and codes(ev.recipient) == {"ISR"}


def test_weapons_that_say_whose_they_are_are_another_attack(extractor: Extractor) -> None:
    text = _STRIKE + "Peu après, selon l'armée jordanienne, un drone américain a ciblé un convoi près de Deraa."
    assert not _sourced(run(extractor, text), "ASSAULT", "JOR")


def test_without_an_earlier_attack_an_agentless_launch_is_not_coded(extractor: Extractor) -> None:
    text = "Selon l'armée jordanienne, douze roquettes ont été tirées vers le sud mardi soir."
    assert not of_type(run(extractor, text), "ASSAULT")


def test_a_coup_the_subject_names_back_stays_asserted(extractor: Extractor) -> None:
    text = (
        "Mercredi, l'armée a renversé le président du Gabon, Ali Bongo. "
        "Ce coup d'État pourrait isoler le pays au sein de la région."
    )
    coups = of_type(run(extractor, text), "COERCE")
    assert len(coups) == 2
    assert {ev.certainty for ev in coups} == {"asserted"}


def test_talks_the_subject_names_back_may_still_be_planned(extractor: Extractor) -> None:
    text = (
        "Le Premier ministre indien rencontrera lundi à Tokyo son homologue japonais. "
        "Cette rencontre devrait porter sur la sécurité maritime."
    )
    talks = of_type(run(extractor, text), "CONSULT")
    assert talks and {ev.certainty for ev in talks} == {"planned"}


_SUMMIT = (
    "Après une nuit de négociations à Astana, le président kazakh, le président ouzbek et le président kirghiz "
    "sont parvenus à un compromis sur le partage de l'eau. "
)


def test_this_agreement_is_among_the_parties_of_the_one_told(extractor: Extractor) -> None:
    text = _SUMMIT + "Jeudi, le ministère ouzbek des Affaires étrangères a confirmé cet accord."
    agreements = of_type(run(extractor, text), "AGREE")
    assert len(agreements) == 2
    assert all(codes(ev.actor) == {"KAZ", "UZB", "KGZ"} and not ev.recipient for ev in agreements)
    assert [s.code for s in agreements[1].said_by] == ["UZB"]


def test_an_agreement_named_in_passing_is_not_an_event(extractor: Extractor) -> None:
    text = "Les deux pays ont rappelé leur attachement à cet accord, signé il y a dix ans."
    assert not of_type(run(extractor, text), "AGREE")


def test_an_agreement_found_after_talks_is_with_the_partners_of_the_talks(extractor: Extractor) -> None:
    text = (
        "« Nous avons trouvé un accord », a déclaré le président kazakh à l'issue de longues négociations avec "
        "ses homologues ouzbek et kirghiz."
    )
    (ev,) = of_type(run(extractor, text), "AGREE")
    assert codes(ev.actor) == {"KAZ"} and codes(ev.recipient) == {"UZB", "KGZ"}
    assert [s.code for s in ev.said_by] == ["KAZ"]


def test_a_settlement_found_with_no_party_named_is_among_the_last_parties(extractor: Extractor) -> None:
    text = _SUMMIT + "Le président kirghiz a confirmé qu'un règlement global avait été trouvé."
    found = [ev for ev in of_type(run(extractor, text), "AGREE") if ev.said_by]
    (ev,) = found
    assert codes(ev.actor) == {"KAZ", "UZB", "KGZ"}
    assert [s.code for s in ev.said_by] == ["KGZ"]


def test_the_same_reading_by_the_same_source_is_one_record(extractor: Extractor) -> None:
    text = (
        "Le ministère sud-coréen de la Défense a indiqué que la Corée du Nord avait tiré deux missiles "
        "vers le Japon. « La Corée du Nord a tiré deux missiles vers le Japon ce matin », a précisé le porte-parole "
        "du ministère sud-coréen de la Défense. Selon l'armée japonaise, la Corée du Nord a tiré deux missiles "
        "vers le Japon."
    )
    strikes = [ev for ev in of_type(run(extractor, text), "ASSAULT") if codes(ev.recipient) == {"JPN"}]
    # Said twice by Seoul, once by Tokyo: two readings.
    assert sorted(ev.said_by[-1].code for ev in strikes) == ["JPN", "KOR"]
    assert strikes[0].event_text.startswith("Le ministère")  # the first mention is the evidence



def test_a_call_named_back_inside_the_subject_is_not_denied_by_its_verb(extractor: Extractor) -> None:
    text = (
        "Le président brésilien s'est entretenu par téléphone avec son homologue argentin. "
        "L'heure exacte de cet appel n'a pas été précisée."
    )
    calls = of_type(run(extractor, text), "CONSULT")
    assert calls and {ev.certainty for ev in calls} == {"asserted"}
