"""Tests for eventwire.dates: French date expressions resolved against the publication date (SPEC §7).

Most tests use a publication date of Saturday 19 November 2022.
"""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.dates import DateMention, PubDate, find_dates

SAT = PubDate(2022, 11, 19)  # a Saturday
WED = PubDate(2022, 11, 16)  # a Wednesday
MONTH_ONLY = PubDate(2022, 11)
YEAR_ONLY = PubDate(2022)


def mentions(text: str, pub: PubDate | None = SAT) -> list[tuple[str, str | None]]:
    return [(m.text, m.value) for m in find_dates(text, pub)]


def only(text: str, pub: PubDate | None = SAT) -> DateMention:
    found = find_dates(text, pub)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------------------------- PubDate


@pytest.mark.parametrize(
    ("raw", "expected", "precision"),
    [
        ("2022", PubDate(2022), "year"),
        ("2022-11", PubDate(2022, 11), "month"),
        ("2022-11-19", PubDate(2022, 11, 19), "day"),
        ("  2022-11-19T08:30:00Z", PubDate(2022, 11, 19), "day"),
    ],
)
def test_pubdate_parse(raw: str, expected: PubDate, precision: str) -> None:
    parsed = PubDate.parse(raw)
    assert parsed == expected
    assert parsed is not None and parsed.precision == precision


@pytest.mark.parametrize("raw", [None, "", "hier", "2022-13", "2022-02-30", "22-11-19"])
def test_pubdate_parse_rejects(raw: str | None) -> None:
    assert PubDate.parse(raw) is None


# -------------------------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Samedi, des milliers de personnes ont défilé à Rennes.", "Samedi", "2022-11-19"),
        ("Les pourparlers ont échoué samedi dernier à Genève.", "samedi dernier", "2022-11-12"),
        ("Le ministre a été reçu mercredi soir à l'Élysée.", "mercredi soir", "2022-11-16"),
        ("Des tirs ont été entendus dans la nuit de mercredi à jeudi.", "dans la nuit de mercredi à jeudi",
         "2022-11-16"),
        ("Le parlement a voté ce mardi une nouvelle loi.", "ce mardi", "2022-11-15"),
        ("Il avait rencontré l'émissaire mardi de la semaine dernière.", "mardi de la semaine dernière",
         "2022-11-08"),
        ("Les deux délégations se retrouveront lundi prochain.", "lundi prochain", "2022-11-21"),
        ("La frappe a eu lieu jeudi après-midi près de la frontière.", "jeudi après-midi", "2022-11-17"),
        ("Le cortège est parti dimanche matin de la place centrale.", "dimanche matin", "2022-11-13"),
    ],
)  # fmt: skip
def test_weekdays(text: str, words: str, value: str) -> None:
    m = only(text)
    assert (m.text, m.value, m.precision) == (words, value, "day")


def test_weekday_equal_to_publication_day_is_that_day_unless_dernier() -> None:
    assert only("Ce mercredi, le gouvernement a démissionné.", WED).value == "2022-11-16"
    assert only("Le gouvernement a démissionné mercredi dernier.", WED).value == "2022-11-09"


def test_weekday_and_date_together_are_one_mention() -> None:
    assert mentions("Le sommet s'est tenu le samedi 12 novembre à Bali.") == [
        ("le samedi 12 novembre", "2022-11-12")
    ]
    assert mentions("Ils se sont parlé ce jeudi matin 17 novembre.") == [
        ("ce jeudi matin 17 novembre", "2022-11-17")
    ]


# --------------------------------------------------------------------------------------- relative days


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Aujourd'hui, l'armée a annoncé un retrait partiel.", "Aujourd'hui", "2022-11-19"),
        ("Aujourd’hui, la frontière reste fermée.", "Aujourd’hui", "2022-11-19"),
        ("Le chef rebelle a été arrêté hier à l'aube.", "hier", "2022-11-18"),
        ("Les syndicats ont appelé hier soir à la grève.", "hier soir", "2022-11-18"),
        ("Avant-hier, deux diplomates ont été expulsés.", "Avant-hier", "2022-11-17"),
        ("Avant hier, deux diplomates ont été expulsés.", "Avant hier", "2022-11-17"),
        ("La veille, le ministre avait démenti.", "La veille", "2022-11-18"),
        ("Le lendemain, les combats ont repris.", "Le lendemain", "2022-11-20"),
        ("Une explosion a secoué la capitale ce matin.", "ce matin", "2022-11-19"),
        ("Il y a trois jours, la police a dispersé un rassemblement.", "Il y a trois jours", "2022-11-16"),
    ],
)
def test_relative_days(text: str, words: str, value: str) -> None:
    m = only(text)
    assert (m.text, m.value, m.precision) == (words, value, "day")


def test_la_veille_counts_from_a_date_in_the_sentence() -> None:
    text = "Le traité a été signé le 12 octobre ; la veille, les négociateurs avaient cédé."
    assert mentions(text) == [("le 12 octobre", "2022-10-12"), ("la veille", "2022-10-11")]


def test_la_veille_du_date_counts_from_that_date() -> None:
    assert mentions("Il est arrivé la veille du 3 mars.") == [
        ("la veille", "2022-03-02"),
        ("du 3 mars", "2022-03-03"),
    ]
    assert mentions("On l'a revu le lendemain de samedi.") == [
        ("le lendemain", "2022-11-20"),
        ("samedi", "2022-11-19"),
    ]


def test_la_veille_of_an_event_is_unresolved() -> None:
    m = only("Il a été interpellé la veille du scrutin.")
    assert (m.text, m.value, m.precision) == ("la veille", None, None)


# -------------------------------------------------------------------------------------------------- weeks


def test_weeks_resolve_to_month_at_best() -> None:
    assert only("Cette semaine, les frappes se sont intensifiées.").value == "2022-11"
    assert only("La semaine dernière, Kiev a reçu des blindés.").precision == "month"
    # The week before 3 November is in October.
    assert only("La semaine dernière, Kiev a reçu des blindés.", PubDate(2022, 11, 3)).value == "2022-10"


# ------------------------------------------------------------------------------------------ day + month


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("L'accord a été conclu le 29 septembre à Vienne.", "le 29 septembre", "2022-09-29"),
        ("L'accord a été conclu le 29 septembre 2021 à Vienne.", "le 29 septembre 2021", "2021-09-29"),
        ("Depuis 29 septembre 2021, les inspecteurs sont absents.", "29 septembre 2021", "2021-09-29"),
        ("Le cessez-le-feu est entré en vigueur le 1er mars.", "le 1er mars", "2022-03-01"),
        ("Le décret date du 12 sept. 2021.", "du 12 sept. 2021", "2021-09-12"),
        ("La rencontre prévue le 3 fevrier a été annulée.", "le 3 fevrier", "2022-02-03"),
        ("Les cortèges des 3 et 4 mars derniers ont été réprimés.", "3 et 4 mars derniers", "2022-03-03"),
        # Same day as publication is allowed; a later day means the year before.
        ("Le vote a eu lieu le 19 novembre.", "le 19 novembre", "2022-11-19"),
        ("Le vote a eu lieu le 25 décembre.", "le 25 décembre", "2021-12-25"),
    ],
)
def test_day_and_month(text: str, words: str, value: str) -> None:
    m = only(text)
    assert (m.text, m.value, m.precision) == (words, value, "day")


def test_29_february_goes_back_to_a_leap_year() -> None:
    assert only("Le décret du 29 février a été abrogé.", PubDate(2023, 3, 1)).value == "2020-02-29"


# ------------------------------------------------------------------------------------------------ months


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Les combats ont repris mi-septembre.", "mi-septembre", "2022-09"),
        ("Début novembre, l'armée a lancé une offensive.", "Début novembre", "2022-11"),
        ("Les élections auront lieu fin novembre.", "fin novembre", "2022-11"),
        ("Le texte a été adopté au début du mois de novembre.", "au début du mois de novembre", "2022-11"),
        ("Des émeutes ont éclaté en novembre.", "en novembre", "2022-11"),
        ("Des émeutes ont éclaté en décembre.", "en décembre", "2021-12"),
        ("Des émeutes ont éclaté en novembre 2021.", "en novembre 2021", "2021-11"),
        ("Le contrat a été signé le mois dernier.", "le mois dernier", "2022-10"),
        ("Le contrat sera signé ce mois-ci.", "ce mois-ci", "2022-11"),
        ("Le contrat a été signé le mois d'août.", "le mois d'août", "2022-08"),
        ("Il est détenu depuis le mois d'août.", "depuis le mois d'août", "2022-08"),
        ("Le sommet de novembre dernier a échoué.", "novembre dernier", "2021-11"),
        ("Le rapport sera publié en mars prochain.", "en mars prochain", "2023-03"),
        ("Les grèves durent jusqu'en mai.", "jusqu'en mai", "2022-05"),
    ],
)
def test_months(text: str, words: str, value: str) -> None:
    m = only(text)
    assert (m.text, m.value, m.precision) == (words, value, "month")


# ------------------------------------------------------------------------------------- years and seasons


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("La loi a été votée en 2021.", "en 2021", "2021"),
        ("Téhéran veut sauver l'accord nucléaire de 2015.", "2015", "2015"),
        ("Le pays a quitté l'alliance l'an dernier.", "l'an dernier", "2021"),
        ("Le pays a quitté l'alliance l'année dernière.", "l'année dernière", "2021"),
        ("Cette année, les exportations ont chuté.", "Cette année", "2022"),
        ("Le chantier s'est arrêté fin 2021.", "fin 2021", "2021"),
        ("Il y a deux ans, le coup d'État a renversé le président.", "Il y a deux ans", "2020"),
        ("Des incendies ont ravagé le sud l'été dernier.", "l'été dernier", "2022"),
        ("Le gouvernement a changé cet été.", "cet été", "2022"),
        ("La junte a pris le pouvoir au printemps 2021.", "au printemps 2021", "2021"),
        ("Le barrage a cédé l'hiver dernier.", "l'hiver dernier", "2022"),
    ],
)
def test_years_and_seasons(text: str, words: str, value: str) -> None:
    m = only(text)
    assert (m.text, m.value, m.precision) == (words, value, "year")


def test_last_summer_written_in_summer_is_the_year_before() -> None:
    assert only("Des incendies ont ravagé le sud l'été dernier.", PubDate(2022, 7, 10)).value == "2021"


# ----------------------------------------------------------------------------------------- numeric dates


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Le scrutin du 19/11/2022 a été annulé.", "du 19/11/2022", "2022-11-19"),
        ("Publié le 19/11/22 par la préfecture.", "le 19/11/22", "2022-11-19"),
        ("Mise à jour 2022-11-18 par la rédaction.", "2022-11-18", "2022-11-18"),
        ("Communiqué daté du 03.10.2021.", "du 03.10.2021", "2021-10-03"),
    ],
)
def test_numeric_dates(text: str, words: str, value: str) -> None:
    m = only(text)
    assert (m.text, m.value, m.precision) == (words, value, "day")


# ------------------------------------------------------------------- precision: never finer than published


@pytest.mark.parametrize(
    ("text", "pub", "value", "precision"),
    [
        ("Samedi, la police a chargé.", MONTH_ONLY, "2022-11", "month"),
        ("Samedi dernier, la police a chargé.", MONTH_ONLY, "2022-11", "month"),
        ("Hier, la police a chargé.", MONTH_ONLY, "2022-11", "month"),
        ("La semaine dernière, la police a chargé.", MONTH_ONLY, "2022-11", "month"),
        ("Le mois dernier, la police a chargé.", MONTH_ONLY, "2022-10", "month"),
        # An explicit day stays a day; only its year is inferred.
        ("Le 29 septembre, la police a chargé.", MONTH_ONLY, "2022-09-29", "day"),
        ("En décembre, la police a chargé.", MONTH_ONLY, "2021-12", "month"),
        ("Samedi, la police a chargé.", YEAR_ONLY, "2022", "year"),
        ("Hier, la police a chargé.", YEAR_ONLY, "2022", "year"),
        ("Le 29 septembre, la police a chargé.", YEAR_ONLY, "2022-09-29", "day"),
        ("En mars, la police a chargé.", YEAR_ONLY, "2022-03", "month"),
        ("L'an dernier, la police a chargé.", YEAR_ONLY, "2021", "year"),
    ],
)
def test_precision_never_finer_than_publication(text: str, pub: PubDate, value: str, precision: str) -> None:
    m = only(text, pub)
    assert (m.value, m.precision) == (value, precision)


def test_dernier_month_with_year_only_publication_is_unresolved() -> None:
    # Published some time in 2022: "novembre dernier" may be 2021-11 or 2022-11.
    m = only("Le sommet de novembre dernier a échoué.", YEAR_ONLY)
    assert (m.text, m.value, m.precision) == ("novembre dernier", None, None)


# ---------------------------------------------------------------------------------- no publication date


@pytest.mark.parametrize(
    "text",
    [
        "Samedi dernier, les rebelles ont attaqué.",
        "Hier, les rebelles ont attaqué.",
        "La veille, les rebelles ont attaqué.",
        "Le 29 septembre, les rebelles ont attaqué.",
        "En novembre, les rebelles ont attaqué.",
        "L'an dernier, les rebelles ont attaqué.",
        "Cette semaine, les rebelles ont attaqué.",
    ],
)
def test_relative_without_publication_is_found_but_unresolved(text: str) -> None:
    m = only(text, None)
    assert (m.value, m.precision) == (None, None)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Le 29 septembre 2021, les rebelles ont attaqué.", "2021-09-29"),
        ("En 2021, les rebelles ont attaqué.", "2021"),
        ("En mars 2020, les rebelles ont attaqué.", "2020-03"),
        ("Le 19/11/2022, les rebelles ont attaqué.", "2022-11-19"),
        ("À l'automne 2019, les rebelles ont attaqué.", "2019"),
    ],
)
def test_absolute_without_publication_resolves(text: str, value: str) -> None:
    assert only(text, None).value == value


# ------------------------------------------------------------------------------------ not dates at all


@pytest.mark.parametrize(
    "text",
    [
        "Le couvre-feu commence à 23h30 et finit à 6h.",
        "Le bureau ferme à 22h tous les jours.",
        "L'armée a abattu 10 drones et 3 missiles.",
        "Près de 2 000 personnes ont fui la ville.",
        "Le bilan s'élève à 400 morts selon l'ONU.",
        "Les 2000 manifestants ont été dispersés.",
        "Le convoi a parcouru 1500 km en trois jours.",
        "L'amende atteint 2000 euros par personne.",
        "Le texte s'appuie sur la résolution 1973 du Conseil de sécurité.",
        "Plus de 1950 soldats ont été mobilisés.",
        "Le ministre a maintenu sa position, mais la maison a été vendue.",
        "Sept personnes ont été tuées et les sept pays ont protesté.",
        "Mars reste la cible de la prochaine mission spatiale.",
        "Le printemps arabe a bouleversé la région.",
        "Les députés siègent pendant la semaine à Paris.",
        "Les salaires sont impayés depuis des mois.",
        "La version 1.2.22 corrige la faille, soit 3/4 des cas.",
    ],
)
def test_non_dates_do_not_fire(text: str) -> None:
    assert find_dates(text, SAT) == []


def test_year_is_kept_before_a_capitalised_word_or_a_function_word() -> None:
    assert mentions("En 2015 Paris a accueilli la conférence.") == [("En 2015", "2015")]
    assert mentions("Le traité de 2010 dans sa version initiale.") == [("2010", "2010")]


# ---------------------------------------------------------------------------------- offsets and overlap


SENTENCES = [
    "Samedi dernier, le ministre a vu son homologue, deux jours après la réunion du 29 septembre 2021.",
    "Dans la nuit de mercredi à jeudi, des drones ont frappé Kiev ; la veille, l'alerte avait sonné.",
    "Arrivé à Paris début novembre, il repartira fin novembre, comme l'an dernier et l'été dernier.",
    "« Aujourd’hui, nous exigeons des excuses », a déclaré mardi de la semaine dernière le porte-parole.",
    "Le décret du 19/11/2022 remplace celui de 2015 et le texte publié le 2022-11-18.",
    "İstanbul a accueilli samedi les négociateurs.",  # "İ" lower-cases to two characters
]


@pytest.mark.parametrize("text", SENTENCES)
def test_offsets_match_text_and_do_not_overlap(text: str) -> None:
    found = find_dates(text, SAT)
    assert found
    for m in found:
        assert text[m.start : m.end] == m.text
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


FRAGMENTS = [
    "le", "29", "1er", "septembre", "sept.", "2021", "samedi", "dernier", "prochain", "mi-", "fin", "début",
    "du mois de", "la veille", "du", "hier", "soir", "l'été", "cet", "été", "en", "2 000", "19/11/2022",
    "2022-11-18", "il y a", "trois", "jours", "la semaine", "ce mois-ci", "l'an", "İ", "’", ",", " ", "\n",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(" ".join),
    st.sampled_from([SAT, MONTH_ONLY, YEAR_ONLY, None]),
)
def test_any_text_gives_consistent_mentions(text: str, pub: PubDate | None) -> None:
    found = find_dates(text, pub)
    for m in found:
        assert text[m.start : m.end] == m.text
        assert (m.value is None) == (m.precision is None)
        if m.value is not None:
            assert PubDate.parse(m.value) is not None and PubDate.parse(m.value).precision == m.precision
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_longest_expression_wins() -> None:
    assert mentions("La réunion du 29 septembre 2021 a été reportée.") == [
        ("du 29 septembre 2021", "2021-09-29")
    ]
    assert mentions("Un nouvel accord au printemps 2021.") == [("au printemps 2021", "2021")]


def test_several_dates_in_one_sentence() -> None:
    assert mentions("Il a été arrêté hier et libéré le 3 mars, après l'accord de 2015.") == [
        ("hier", "2022-11-18"),
        ("le 3 mars", "2022-03-03"),
        ("2015", "2015"),
    ]


def test_empty_text() -> None:
    assert find_dates("", SAT) == []


# -------------------------------------------------------------------------------------------------- speed


def test_sentence_without_date_cue_is_cheap() -> None:
    text = (
        "Le président a accusé ses adversaires de vouloir déstabiliser le pays, selon l'agence officielle "
        "qui cite plusieurs responsables du gouvernement."
    )
    find_dates(text, SAT)  # warm up
    n = 1000
    start = time.perf_counter()
    for _ in range(n):
        find_dates(text, SAT)
    per_call = (time.perf_counter() - start) / n
    assert per_call < 0.0002  # the budget is 0.2 ms; it takes ~10 µs
