"""Certainty rules (SPEC §5), one test per rule, on sentences written for these tests."""

from __future__ import annotations

import pytest
from sentence_cases import extract, only

from eventwire.nlp import load_model


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    """Load the spaCy model once (it is cached for the whole process)."""
    load_model("fr")


def test_a_locution_with_rapport_does_not_make_a_claim() -> None:
    # "en rapport avec" is a locution, not a report of the delivery.
    text = "Le Canada a adopté des mesures en rapport avec la livraison de missiles nord-coréens à la Russie."
    assert only(extract(text), "AID").certainty == "asserted"
    # A report OF attacks is still a claim.
    text = "Nous sommes au courant des rapports d'attaques iraniennes contre les bases américaines."
    assert only(extract(text), "ASSAULT").certainty == "hedged"


def test_a_verb_that_plans_only_an_infinitive_does_not_plan_a_noun() -> None:
    # "entendre des manifestations" is hearing them, not intending them.
    text = "La police peut entendre des manifestations contre le gouvernement iranien."
    assert only(extract(text), "PROTEST").certainty == "asserted"
    # The reflexive use still commits to what follows.
    text = "Le Hamas s'est engagé à la libération des otages israéliens."
    assert only(extract(text), "RETREAT").certainty == "planned"


def test_what_an_agreement_or_plan_provides_for_is_planned() -> None:
    # A verb of content under a plan noun.
    text = "Le plan de paix comprend le retrait israélien du Liban."
    assert only(extract(text), "RETREAT").certainty == "planned"
    # The complement of a plan noun, even when the parser hangs it on the verb.
    text = "Le Conseil de sécurité a adopté mardi un calendrier pour le retrait israélien du Liban."
    assert only(extract(text), "RETREAT").certainty == "planned"
    # An inquiry is no plan: what it is about is not planned.
    text = "L'enquête porte sur le retrait israélien du Liban."
    assert only(extract(text), "RETREAT").certainty == "asserted"


def test_a_pronoun_subject_stands_for_the_plan_noun_of_the_sentence_before() -> None:
    # The first sentence holds no trigger; the prefilter keeps it for the pronoun's sake.
    text = "L'accord sera appliqué dès mars. Il porte sur une trêve et sur le retrait israélien du Liban."
    assert only(extract(text), "RETREAT").certainty == "planned"


def test_a_denial_tacked_on_after_an_accusation_denies_its_content_not_the_accusation() -> None:
    events = extract(
        "Le Bénin a accusé l'armée nigérienne d'avoir tué trois soldats béninois, ce que Niamey a démenti."
    )
    assert only(events, "ACCUSE").certainty == "asserted"
    assert only(events, "ASSAULT").certainty == "denied"


def test_a_simple_conditional_with_a_later_time_narrates_what_came_next() -> None:
    text = "L'opposant a été conduit à Minsk, où il serait arrêté peu après par la police biélorusse."
    assert only(extract(text), "COERCE").certainty == "asserted"
    # The compound conditional still hedges, adverb or not.
    text = "Selon l'ONG, l'opposant aurait été arrêté peu après par la police biélorusse."
    assert only(extract(text), "COERCE").certainty == "hedged"


def test_an_act_in_an_au_cas_ou_clause_is_a_hypothesis_and_not_coded() -> None:
    text = "Le Japon a acheté du gaz à l'Algérie au cas où il ne parviendrait pas à conclure un accord avec le Qatar."
    assert [ev.event for ev in extract(text) if ev.event == "AGREE"] == []


def test_an_adverbial_clause_beside_a_denial_is_not_denied() -> None:
    text = "Moscou a démenti toute implication, affirmant que ses soldats avaient frappé des positions ukrainiennes."
    assert only(extract(text), "ASSAULT").certainty == "asserted"
    # The content of the denial itself still is.
    text = "Moscou a démenti que ses soldats aient frappé des positions ukrainiennes."
    assert only(extract(text), "ASSAULT").certainty == "denied"


def test_an_imperfect_the_tagger_marks_conditional_is_no_hedge() -> None:
    # The tagger gives "menaçait" Mood=Cnd; a conditional always ends in "r" + an imperfect ending.
    text = "La Pologne, qui menaçait de bloquer le texte, a finalement levé son veto contre la Russie."
    assert only(extract(text), "THREATEN").certainty == "asserted"
    text = "La Pologne menacerait de bloquer le texte contre la Russie."
    assert only(extract(text), "THREATEN").certainty == "hedged"


def test_an_event_said_to_be_scheduled_is_planned() -> None:
    ev = only(extract("Une rencontre entre les ministres chilien et péruvien est prévue lundi à Lima."), "CONSULT")
    assert ev.certainty == "planned"


def test_a_scheduled_meeting_stays_planned_when_its_date_may_move() -> None:
    text = "Une réunion du Conseil de sécurité sur le Chili prévue de longue date pourrait être avancée."
    ev = only(extract(text), "CONSULT")
    assert ev.certainty == "planned"


def test_a_participle_agreeing_with_another_noun_does_not_schedule_the_event() -> None:
    text = "Un sommet de l'Union africaine sur la crise prévue depuis des mois a eu lieu lundi."
    ev = only(extract(text), "CONSULT")
    assert ev.certainty == "asserted"
