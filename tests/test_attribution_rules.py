"""Attribution rules (SPEC §6) on sentences written for these tests: who says so, as a user sees it."""

from __future__ import annotations

import pytest
from sentence_cases import extract, only
from spacy.tokens import Doc

from eventwire.attribution import _speaker_token
from eventwire.nlp import load_model


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    """Load the spaCy model once (it is cached for the whole process)."""
    load_model("fr")


def test_clause_set_beside_the_report_by_tandis_que_is_not_reported() -> None:
    ev = only(
        extract(
            "Le ministre turc a affirmé que l'armée avait pris le contrôle de la ville, tandis que le président "
            "syrien a dénoncé une invasion."
        ),
        "ACCUSE",
    )
    assert ev.said_by == []


def test_act_coordinated_with_a_threat_is_the_speakers_own() -> None:
    ev = only(extract("L'armée soudanaise a menacé de riposter et a encerclé le palais présidentiel."), "MOBILIZE")
    assert ev.said_by == []


def test_relative_qui_speaks_for_the_noun_right_before_it() -> None:
    ev = only(
        extract(
            "Une version confirmée par les autorités polonaises qui affirment que la Russie a bombardé un convoi "
            "humanitaire."
        ),
        "ASSAULT",
    )
    assert [s.code for s in ev.said_by] == ["POL"]


def test_speakers_named_together_are_all_sources_in_order() -> None:
    ev = only(
        extract("Le Canada et le Japon ont annoncé que Pékin et Séoul avaient signé un accord commercial."), "AGREE"
    )
    assert [s.code for s in ev.said_by] == ["CAN", "JPN"]


def test_a_platform_account_speaks_for_its_owner() -> None:
    ev = only(
        extract(
            "« L'armée russe a bombardé Kharkiv », a indiqué le canal Telegram officieux de la présidence russe, "
            "Grey Zone."
        ),
        "ASSAULT",
    )
    assert [(s.code, s.name) for s in ev.said_by] == [("RUS", None)]


def test_a_platform_is_never_a_source() -> None:
    ev = only(extract("Selon Telegram, l'armée russe a bombardé Kharkiv."), "ASSAULT")
    assert ev.said_by == []


def test_statement_read_by_state_television_is_the_states() -> None:
    ev = only(
        extract(
            "« L'armée malienne a expulsé l'ambassadeur de France », a annoncé un communiqué lu par la télévision "
            "d'État."
        ),
        "SANCTION",
    )
    assert [s.code for s in ev.said_by] == ["MLI"]


def test_a_coordinated_verb_takes_no_inverted_subject() -> None:
    ev = only(extract("Le Niger dénonce l'ingérence de la France et annonce des mesures de rétorsion."), "ACCUSE")
    assert "des mesures de rétorsion" not in [s.entity_text for s in ev.said_by]


def test_a_public_broadcaster_named_by_its_own_name_speaks_for_itself() -> None:
    text = ("Les ministres chilien et péruvien se sont rencontrés à Brasilia, a déclaré la télévision publique "
            "péruvienne Canal Siete.")
    (ev,) = [e for e in extract(text) if e.event == "CONSULT"]
    assert ev.said_by[-1].code is None and "Canal Siete" in ev.said_by[-1].entity_text


def test_the_one_a_source_cites_is_the_inner_source() -> None:
    ev = only(extract("Selon l'AFP, citant un diplomate péruvien, le Chili a expulsé deux diplomates boliviens."),
              "SANCTION")
    assert [s.code for s in ev.said_by] == [None, "PER"]


def test_the_statement_cited_later_speaks_for_its_issuer() -> None:
    text = "Le gouvernement bolivien a publié un communiqué lundi. Le Chili a attaqué le Pérou, selon le communiqué."
    ev = only(extract(text), "ASSAULT")
    assert [s.code for s in ev.said_by] == ["BOL"]


def test_a_joint_statement_cited_later_keeps_its_name() -> None:
    text = ("Le Chili et le Pérou ont publié mardi un communiqué conjoint. "
            "Le Chili a attaqué la Bolivie, selon le communiqué.")
    ev = only(extract(text), "ASSAULT")
    assert [s.code for s in ev.said_by] == [None] and ev.said_by[0].entity_text == "le communiqué"


def test_il_after_a_quotation_is_the_speaker_named_before_it_not_a_name_inside() -> None:
    text = "Le ministre chilien a parlé lundi. « Le Pérou a attaqué la Bolivie », a-t-il déclaré."
    ev = only(extract(text), "ASSAULT")
    assert [s.code for s in ev.said_by] == ["CHL"]


def test_an_unnamed_informant_of_no_stated_country_has_no_code() -> None:
    text = ("Le Chili a fermé sa frontière. Selon un diplomate sous couvert d'anonymat, le Chili a expulsé deux "
            "diplomates boliviens.")
    ev = only(extract(text), "SANCTION")
    assert [s.code for s in ev.said_by] == [None]
    named = only(extract("Selon un diplomate chilien, le Chili a expulsé deux diplomates boliviens."), "SANCTION")
    assert [s.code for s in named.said_by] == ["CHL"]


def test_a_verb_coordinated_by_et_with_the_same_subject_does_not_report_the_first() -> None:
    ev = only(
        extract("Le Venezuela dénonce l'ingérence « intolérable » de la Colombie et annonce des mesures de rétorsion."),
        "ACCUSE",
    )
    assert ev.said_by == []


def test_a_noun_within_what_is_denied_is_the_deniers_word() -> None:
    ev = only(extract("Le Hamas a démenti être à l'origine des tirs de roquettes contre Israël."), "ASSAULT")
    assert [s.code for s in ev.said_by] == ["PSE"]


def test_an_act_claimed_is_the_claimants_word() -> None:
    text = "Les talibans ont revendiqué l'attentat contre le ministère pakistanais de l'Intérieur."
    ev = only(extract(text), "ASSAULT")
    assert [s.code for s in ev.said_by] == ["AFG"]


@pytest.mark.parametrize("anaphor", ["selon la même source", "selon cette source", "selon cette dernière"])
def test_a_source_pointed_back_to_is_the_one_cited_before(anaphor: str) -> None:
    text = (
        "Le chef de l'opposition a été arrêté samedi à Kinshasa, a rapporté la radio Okapi. L'armée rwandaise a "
        f"bombardé la ville de Goma, {anaphor}."
    )
    ev = only(extract(text), "ASSAULT")
    assert [s.entity_text for s in ev.said_by] == ["la radio Okapi"]


def test_a_quoted_statement_goes_on_in_the_voice_of_the_source_quoted_before() -> None:
    text = (
        "Le corps a été rendu samedi à sa famille, selon l'agence Tasnim. Des habitants « ont crié des slogans "
        "hostiles au pouvoir », selon la même source. Les « soldats iraniens ont ensuite tiré sur la foule » avant "
        "de « regagner leur caserne »."
    )
    ev = only(extract(text), "ASSAULT")
    assert [s.entity_text for s in ev.said_by] == ["l'agence Tasnim"]


def test_quoted_words_under_an_actors_own_verb_do_not_go_on_in_the_voice_before() -> None:
    text = (
        "« L'armée ukrainienne a bombardé Donetsk », a affirmé le ministère russe de la Défense. Le président "
        "ukrainien a dénoncé une « agression barbare » de la Russie."
    )
    ev = only(extract(text), "ACCUSE")
    assert ev.said_by == []


def test_qui_speaks_for_the_noun_before_it_whatever_the_parse_of_its_clause() -> None:
    # The parser sometimes hangs the relative clause on the participle as an adverbial: "qui" is still "les
    # autorités".
    words = ["Une", "information", "confirmée", "par", "les", "autorités", "qui", "affirment", "que", "Kiev", "ment"]
    heads = [1, 1, 1, 5, 5, 2, 7, 2, 10, 10, 7]
    deps = ["det", "ROOT", "acl", "case", "det", "obl:agent", "nsubj", "advmod", "mark", "nsubj", "ccomp"]
    pos = ["DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "PRON", "VERB", "SCONJ", "PROPN", "VERB"]
    doc = Doc(load_model("fr").vocab, words=words, heads=heads, deps=deps, pos=pos)
    speaker = _speaker_token(doc[7])
    assert speaker is not None and speaker.text == "autorités"


def test_d_apres_at_the_head_of_a_coordinated_clause_is_its_source() -> None:
    text = "Le bilan se précise et d'après les médias, 20 diplomates russes seront expulsés par la Belgique."
    ev = only(extract(text), "SANCTION")
    assert [s.entity_text for s in ev.said_by] == ["les médias"]
