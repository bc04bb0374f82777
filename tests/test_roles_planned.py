"""Roles of events that are not asserted: what an agreement provides for, agentless expulsions announced for
later, agreements that were not concluded.

Every sentence was written for these tests.
"""

from __future__ import annotations

from sentence_cases import codes, of_type, run

from eventwire.pipeline import Extractor
from eventwire.records import Event


def test_withdrawal_an_agreement_provides_for_is_the_conflict_state(extractor: Extractor) -> None:
    text = (
        "Au Soudan du Sud, les combats entre l'armée du Soudan du Sud et les milices ont fait des centaines de "
        "morts depuis janvier dans le nord du Soudan du Sud. Le président kényan William Ruto a présidé samedi la "
        "cérémonie de signature. L'accord entrera en vigueur dimanche. Il prévoit le retrait des combattants des "
        "villes du nord dans un délai de trente jours."
    )
    (ev,) = of_type(run(extractor, text), "RETREAT")
    assert codes(ev.actor) == {"SSD"} and codes(ev.recipient) == {"SSD"}
    assert ev.certainty == "planned"


def test_agentless_expulsion_is_not_by_the_expelled_diplomats_state(extractor: Extractor) -> None:
    text = (
        "Lundi, Lisbonne a annoncé l'expulsion de plusieurs diplomates russes. Selon la presse portugaise, douze "
        "diplomates russes seront expulsés d'ici vendredi."
    )
    planned = [ev for ev in of_type(run(extractor, text), "SANCTION") if ev.certainty == "planned"]
    (ev,) = planned
    assert codes(ev.actor) == {"PRT"} and codes(ev.recipient) == {"RUS"}


def parties(ev: Event) -> set[str | None]:
    return codes(ev.actor) | codes(ev.recipient)


def test_agreement_not_signed_is_between_the_states_of_the_passage(extractor: Extractor) -> None:
    text = "Le Pérou et la Bolivie ont entamé lundi des négociations sur le gaz. L'accord n'a finalement pas été signé."
    (ev,) = of_type(run(extractor, text), "AGREE")
    assert parties(ev) == {"PER", "BOL"} and ev.certainty == "denied"


def test_agreement_a_meeting_was_to_reach_is_between_its_parties(extractor: Extractor) -> None:
    text = (
        "Le président péruvien a reçu lundi son homologue bolivien à Lima. Prévue pour finaliser un accord sur les "
        "gisements boliviens, la discussion a vite échoué."
    )
    (ev,) = of_type(run(extractor, text), "AGREE")
    assert parties(ev) == {"PER", "BOL"} and ev.certainty == "planned"


def test_agreement_reached_after_talks_is_between_the_talks_parties(extractor: Extractor) -> None:
    text = (
        "Un accord a été conclu mardi à Genève après deux jours de discussions entre l'Arménie, l'Azerbaïdjan et "
        "la Russie."
    )
    (ev,) = of_type(run(extractor, text), "AGREE")
    assert codes(ev.actor) == {"ARM", "AZE", "RUS"} and not ev.recipient


def test_agreement_named_again_keeps_its_parties(extractor: Extractor) -> None:
    text = (
        "La Chine et le Japon auraient signé un accord sur la pêche. Le Vietnam a protesté samedi. L'accord a été "
        "finalisé en mars."
    )
    events = of_type(run(extractor, text), "AGREE")
    assert {ev.certainty for ev in events} == {"hedged", "asserted"}
    assert all(parties(ev) == {"CHN", "JPN"} for ev in events)


def test_talks_of_a_body_with_no_partner_named_have_no_recipient(extractor: Extractor) -> None:
    text = "Les ministres de l'OTAN discuteront mardi de la défense aérienne, après des survols de drones russes."
    (ev,) = of_type(run(extractor, text), "CONSULT")
    assert codes(ev.actor) == {"NATO"} and not ev.recipient


def test_meeting_of_a_body_about_a_country_is_not_with_it(extractor: Extractor) -> None:
    text = "Une réunion de l'Union africaine sur le Soudan est prévue jeudi à Addis-Abeba."
    (ev,) = of_type(run(extractor, text), "CONSULT")
    assert codes(ev.actor) == {"AU"} and not ev.recipient


def test_le_pays_is_the_state_last_named_acting(extractor: Extractor) -> None:
    text = (
        "Au Venezuela, la crise s'aggrave et le Venezuela manque de tout. Le Brésil a nié lundi tout projet "
        "militaire, même si Washington affirme que le pays s'apprête à livrer des blindés au Venezuela."
    )
    (ev,) = of_type(run(extractor, text), "AID")
    assert codes(ev.actor) == {"BRA"} and codes(ev.recipient) == {"VEN"}


def test_concentrating_powers_is_not_a_mobilization(extractor: Extractor) -> None:
    text = "Le chef de la junte tchadienne va désormais concentrer tous les pouvoirs, selon la télévision publique."
    assert not of_type(run(extractor, text), "MOBILIZE")


def test_asking_an_envoy_to_leave_is_an_expulsion(extractor: Extractor) -> None:
    text = "Selon la presse, le Premier ministre hongrois aurait demandé à l'ambassadeur suédois de quitter Budapest."
    events = run(extractor, text)
    (ev,) = of_type(events, "SANCTION")
    assert ev.mode == "expel" and codes(ev.actor) == {"HUN"} and codes(ev.recipient) == {"SWE"}
    assert ev.certainty == "hedged" and not of_type(events, "REQUEST")


def test_finite_verb_joined_to_an_infinitive_keeps_the_outer_subject(extractor: Extractor) -> None:
    text = (
        "Le président kényan a appelé les rebelles à se retirer « immédiatement » des villes conquises et doit se "
        "rendre lundi à Kinshasa."
    )
    (ev,) = of_type(run(extractor, text), "CONSULT")
    assert codes(ev.actor) == {"KEN"} and codes(ev.recipient) == {"COD"} and ev.certainty == "planned"


def test_envoys_of_the_two_countries_are_the_two_states_not_the_host(extractor: Extractor) -> None:
    text = (
        "Les tensions entre le Rwanda et la République démocratique du Congo s'aggravent. Le président angolais "
        "recevra lundi à Luanda les ministres des Affaires étrangères des deux pays."
    )
    (ev,) = of_type(run(extractor, text), "CONSULT")
    assert codes(ev.actor) == {"AGO"} and codes(ev.recipient) == {"RWA", "COD"} and ev.certainty == "planned"


def test_forces_of_the_two_countries_act_together(extractor: Extractor) -> None:
    text = (
        "Selon la diplomatie française, la France suit de près le rapprochement entre le Maroc et l'Espagne. D'après "
        "la presse, les armées des deux pays prévoient d'organiser des exercices conjoints en Méditerranée."
    )
    (ev,) = of_type(run(extractor, text), "COOPERATE")
    assert parties(ev) == {"MAR", "ESP"} and ev.certainty == "planned"


def test_country_named_as_where_is_not_one_of_the_two(extractor: Extractor) -> None:
    text = (
        "Le Japon et la Corée du Sud se sont parlé lundi pour la première fois depuis un an, en marge d'une "
        "conférence en Thaïlande. Les deux pays ont signé un accord sur la pêche."
    )
    (ev,) = of_type(run(extractor, text), "AGREE")
    assert parties(ev) == {"JPN", "KOR"}


def test_passive_subject_under_avoir_is_the_active_subject(extractor: Extractor) -> None:
    events = run(extractor, "Lundi dernier, Alger a également accusé Rabat de financer des milices armées.")
    (ev,) = of_type(events, "ACCUSE")
    assert codes(ev.actor) == {"DZA"} and codes(ev.recipient) == {"MAR"}


def test_act_right_after_a_threat_word_is_not_coded(extractor: Extractor) -> None:
    text = (
        "Le chef de la milice prétend avoir 3 000 combattants sous ses ordres et menace de bombarder la capitale "
        "soudanaise."
    )
    events = run(extractor, text)
    assert of_type(events, "THREATEN") and not of_type(events, "ASSAULT")


def test_one_sided_military_drills_are_a_mobilization_an_alliance_s_are_not(extractor: Extractor) -> None:
    text = "La marine chinoise a entamé lundi une série de manoeuvres militaires dans le détroit de Taïwan."
    (ev,) = of_type(run(extractor, text), "MOBILIZE")
    assert codes(ev.actor) == {"CHN"} and codes(ev.recipient) == {"TWN"}
    assert not of_type(run(extractor, "L'Otan a lancé lundi des exercices militaires en mer du Nord."), "MOBILIZE")


def test_parties_of_a_meeting_between_them_are_not_read_again_as_recipients(extractor: Extractor) -> None:
    """The parties of "une rencontre ENTRE X et Y" are its actors; reading them a second time as recipients
    could resolve a phrase that depends on the article's memory to another state."""
    from eventwire.dates import PubDate
    from eventwire.entities import ArticleContext
    from eventwire.events import EventBuilder, find_triggers

    doc = extractor.model("fr")("Une rencontre entre le président chilien et son homologue argentin aura lieu mardi.")
    ctx = ArticleContext.for_doc(extractor.lexicon, doc, "2024-05-02", None, doc.text)
    builder = EventBuilder(doc, "t", "fr", ctx, extractor.book, extractor.cues, PubDate.parse("2024-05-02"))
    sent = next(iter(doc.sents))
    (found,) = [f for f in find_triggers(sent, extractor.book) if f.rule.event == "CONSULT"]
    actors = builder.entities(builder.noun_actor_tokens(found.token, found.rule), None)
    assert codes(actors) == {"CHL", "ARG"}
    assert builder.recipients(found, found.token, actors, None) == []
