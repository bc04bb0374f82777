"""Events the roles used to miss: offers accepted, craft intercepted, troops back in their barracks, and more.

Every sentence was written for these tests.
"""

from __future__ import annotations

import pytest
from sentence_cases import codes, of_type, run

from eventwire.pipeline import Extractor

# A lead that makes Chad the state the article is about: an unstated counterpart would be Chad.
_CHAD_STORY = "Le Tchad traverse une crise. Au Tchad, la tension monte. "


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


def test_a_capital_that_threatens_is_its_government(extractor: Extractor) -> None:
    (ev,) = of_type(
        run(extractor, "Les menaces de Moscou contre la Moldavie inquiètent l'Union européenne."), "THREATEN"
    )
    assert (codes(ev.actor), codes(ev.recipient)) == ({"RUS"}, {"MDA"})


def test_boarding_a_ship_is_a_seizure_of_its_flag_state(extractor: Extractor) -> None:
    events = run(extractor, "La marine grecque a arraisonné un navire turc au large de la Crète.")
    (ev,) = of_type(events, "COERCE")
    assert (codes(ev.actor), codes(ev.recipient)) == ({"GRC"}, {"TUR"})
    assert not of_type(events, "ASSAULT")


@pytest.mark.parametrize(
    "text",
    [
        "Les soldats maliens ont regagné leurs casernes mardi.",
        "Le colonel Goïta a annoncé que ses hommes rentrent dans leurs camps au Mali.",
        "Les forces maliennes se sont repliées de Ménaka.",
    ],
)
def test_forces_going_back_to_barracks_retreat(extractor: Extractor, text: str) -> None:
    events = run(extractor, text)
    (ev,) = of_type(events, "RETREAT")
    assert codes(ev.actor) == {"MLI"}
    assert not of_type(events, "MOBILIZE")


def test_the_fall_of_a_ruler_is_a_seizure(extractor: Extractor) -> None:
    events = run(extractor, "Les rebelles ont annoncé à la télévision la chute du président tchadien.")
    (ev,) = of_type(events, "COERCE")
    assert codes(ev.recipient) == {"TCD"}
    # Not the fall of prices.
    assert not of_type(run(extractor, "Le Tchad a annoncé la chute des prix du pétrole."), "COERCE")


def test_hostile_remarks_are_a_reproach(extractor: Extractor) -> None:
    text = "Cette décision intervient après les déclarations hostiles du ministre algérien envers le Maroc."
    (ev,) = of_type(run(extractor, text), "ACCUSE")
    assert (codes(ev.actor), codes(ev.recipient)) == ({"DZA"}, {"MAR"})


def test_signing_a_text_is_an_agreement(extractor: Extractor) -> None:
    (ev,) = of_type(run(extractor, "Le texte a été signé mardi par la Russie et l'Ukraine."), "AGREE")
    assert codes(ev.actor) | codes(ev.recipient) == {"RUS", "UKR"}


@pytest.mark.parametrize(
    "text",
    [
        "La Tunisie a renforcé les contrôles à sa frontière avec la Libye.",
        "Face aux trafics venus de Libye, Tunis a ordonné jeudi un durcissement de la surveillance à ses frontières.",
    ],
)
def test_tighter_border_controls_mobilize_against_the_neighbour(extractor: Extractor, text: str) -> None:
    (ev,) = of_type(run(extractor, text), "MOBILIZE")
    assert (codes(ev.actor), codes(ev.recipient)) == ({"TUN"}, {"LBY"})


def test_forces_deployed_with_no_one_named_are_their_own_states(extractor: Extractor) -> None:
    (ev,) = of_type(run(extractor, "Des soldats turcs ont été déployés à la frontière syrienne."), "MOBILIZE")
    assert codes(ev.actor) == {"TUR"}


def test_forces_called_in_are_mobilized(extractor: Extractor) -> None:
    (ev,) = of_type(run(extractor, "Au Kenya, l'armée a été appelée en renfort à Nairobi."), "MOBILIZE")
    assert codes(ev.actor) == {"KEN"}


def test_a_subject_the_parser_joined_to_the_previous_object(extractor: Extractor) -> None:
    text = (
        "Un groupe de militaires a tenté un putsch au Kenya et les forces de sécurité ont été appelées pour "
        "rétablir l'ordre."
    )
    (ev,) = of_type(run(extractor, text), "MOBILIZE")
    assert codes(ev.actor) == {"KEN"}


def test_two_owners_of_one_delegation_noun_are_both_parties(extractor: Extractor) -> None:
    text = (
        "Le compromis a été trouvé après que Doha a accueilli, la semaine dernière, des discussions entre les "
        "délégations de l'Arabie saoudite et du Yémen."
    )
    talks = [ev for ev in of_type(run(extractor, text), "CONSULT") if "QAT" not in codes(ev.actor)]
    assert [codes(ev.actor) | codes(ev.recipient) for ev in talks] == [{"SAU", "YEM"}]


def test_speaking_of_something_is_no_talk(extractor: Extractor) -> None:
    text = "Au Pérou, la police péruvienne a démenti toute bavure, parlant d'un « accident » de la circulation."
    assert not of_type(run(extractor, text), "CONSULT")
    (ev,) = of_type(run(extractor, "Le ministre péruvien a parlé avec son homologue chilien."), "CONSULT")
    assert codes(ev.actor) | codes(ev.recipient) == {"PER", "CHL"}


def test_freeing_a_city_is_no_release(extractor: Extractor) -> None:
    assert not of_type(run(extractor, "Les rebelles ont annoncé la libération de la capitale Khartoum."), "RETREAT")
    (ev,) = of_type(run(extractor, "Le Hamas a annoncé la libération de trois otages israéliens."), "RETREAT")
    assert codes(ev.recipient) == {"ISR"}


def test_forces_leaving_a_town_retreat(extractor: Extractor) -> None:
    (ev,) = of_type(run(extractor, "Les rebelles du M23 ont quitté Goma mardi."), "RETREAT")
    assert codes(ev.actor) == {"COD"}
    # A town named bare before a weekday is still the object.
    (ev,) = of_type(run(extractor, "Les mercenaires de Wagner ont quitté Rostov samedi soir."), "RETREAT")
    assert codes(ev.actor) == {"RUS"}
    # A leader leaving on a trip does not retreat.
    assert not of_type(run(extractor, "Le président malien a quitté Bamako pour Paris."), "RETREAT")
