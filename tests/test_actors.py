"""Actor lexicons and resolver (eventwire.actors). All phrases are made up for these tests."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from eventwire.actors import Actor, ActorLexicon, Mention
from eventwire.actors._data import demonym_forms


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.load()


def hits(lex: ActorLexicon, text: str) -> list[tuple[str, str | None, str]]:
    return [(m.text, m.actor.code, m.actor.kind) for m in lex.find(text)]


def code(lex: ActorLexicon, phrase: str, when: str | None = None) -> str | None:
    actor = lex.resolve(phrase, when)
    return actor.code if actor else None


# --------------------------------------------------------------------------- one test per data kind


def test_country_names_from_cldr_and_aliases(lex: ActorLexicon) -> None:
    assert hits(lex, "La Pologne et la Grande-Bretagne soutiennent la Birmanie.") == [
        ("Pologne", "POL", "country"),
        ("Grande-Bretagne", "GBR", "country"),
        ("Birmanie", "MMR", "country"),
    ]
    assert code(lex, "l'Angleterre") == "GBR"
    assert code(lex, "la Türkiye") == "TUR"
    assert code(lex, "la République tchèque") == code(lex, "la Tchéquie") == "CZE"
    assert code(lex, "la Palestine") == "PSE"
    assert code(lex, "la Centrafrique") == "CAF"
    assert code(lex, "les États-Unis d'Amérique") == "USA"


def test_country_matching_ignores_case_accents_hyphens(lex: ActorLexicon) -> None:
    for form in ("États-Unis", "Etats-Unis", "Etats Unis", "ÉTATS-UNIS", "etats-unis"):
        assert code(lex, f"les {form}") == "USA", form
    assert code(lex, "la Cote d’Ivoire") == code(lex, "la Côte d'Ivoire") == "CIV"


def test_demonym_forms_are_generated() -> None:
    assert demonym_forms("iranien", "") == ["iranien", "iranienne", "iraniens", "iraniennes"]
    assert demonym_forms("français", "") == ["français", "française", "françaises"]
    assert demonym_forms("turc", "") == ["turc", "turque", "turcs", "turques"]
    assert demonym_forms("russe", "") == ["russe", "russes"]
    assert "grecque" in demonym_forms("grec", "grecque|grecs|grecques")


def test_demonyms_adjectives_and_nationality_nouns(lex: ActorLexicon) -> None:
    found = hits(lex, "Les Ukrainiennes et un Burkinabè ont rencontré des diplomates émiraties et qataris.")
    assert [(t, c) for t, c, k in found if k == "demonym"] == [
        ("Ukrainiennes", "UKR"),
        ("Burkinabè", "BFA"),
        ("émiraties", "ARE"),
        ("qataris", "QAT"),
    ]
    assert code(lex, "les forces grecques") == "GRC"
    assert code(lex, "une délégation burkinabée") == "BFA"


def test_capitals_stand_for_the_government(lex: ActorLexicon) -> None:
    for phrase, iso in [("Varsovie", "POL"), ("Pékin", "CHN"), ("Londres", "GBR"), ("Kyiv", "UKR")]:
        actor = lex.resolve(phrase)
        assert actor == Actor(iso, "GOV", actor.name, "capital"), phrase


def test_cities_are_places_only_and_need_a_capital_letter(lex: ActorLexicon) -> None:
    assert lex.resolve("Marseille") == Actor("FRA", None, "Marseille", "city")
    assert hits(lex, "Des frappes ont visé Kharkiv puis Sotchi.") == [
        ("Kharkiv", "UKR", "city"),
        ("Sotchi", "RUS", "city"),
    ]
    assert hits(lex, "il a visité marseille") == []


def test_city_stoplist(lex: ActorLexicon) -> None:
    # Never: words and first names.
    assert hits(lex, "Victoria Nuland a rencontré Charlotte et Florence.") == []
    assert hits(lex, "Le prix du Brent recule.") == []
    # Not at a sentence start: "Nice" is an adjective there, the city elsewhere.
    assert hits(lex, "Nice, non ?") == []
    assert hits(lex, "Un sommet s'est tenu à Nice.") == [("Nice", "FRA", "city")]


def test_metonyms(lex: ActorLexicon) -> None:
    cases = {
        "le Kremlin": ("RUS", "GOV"),
        "la Maison Blanche": ("USA", "GOV"),
        "la Maison-Blanche": ("USA", "GOV"),
        "l'Élysée": ("FRA", "GOV"),
        "le Quai d’Orsay": ("FRA", "GOV"),
        "Downing Street": ("GBR", "GOV"),
        "le Pentagone": ("USA", "MIL"),
        "le Département d'État": ("USA", "GOV"),
        "Tsahal": ("ISR", "MIL"),
        "le Mossad": ("ISR", "SPY"),
        "la CIA": ("USA", "SPY"),
        "le FSB": ("RUS", "SPY"),
        "les Gardiens de la révolution": ("IRN", "MIL"),
    }
    for phrase, (iso, sector) in cases.items():
        actor = lex.resolve(phrase)
        assert actor is not None and (actor.code, actor.sector, actor.kind) == (iso, sector, "metonym"), (
            phrase
        )


def test_international_bodies(lex: ActorLexicon) -> None:
    cases = {
        "l'ONU": "UN",
        "les Nations unies": "UN",
        "le Conseil de sécurité": "UN",
        "l'Unicef": "UN",
        "le HCR": "UN",
        "l'Union européenne": "EU",
        "la Commission européenne": "EU",
        "les Vingt-Sept": "EU",
        "l'Otan": "NATO",
        "l'Alliance atlantique": "NATO",
        "l'AIEA": "IAEA",
        "l'Union africaine": "AU",
        "la Cédéao": "ECOWAS",
        "la CPI": "ICC",
        "la Cour internationale de justice": "ICJ",
        "l'OMS": "WHO",
        "le FMI": "IMF",
        "la Banque mondiale": "WB",
        "la Ligue arabe": "ARL",
        "l'OTSC": "CSTO",
        "l'OIAC": "OPCW",
        "Amnesty International": "AMNESTY",
        "Human Rights Watch": "HRW",
        "Médecins sans frontières": "MSF",
        "la Croix-Rouge": "ICRC",
        "Daech": "ISIS",
        "l'État islamique": "ISIS",
        "Al-Qaïda": "AQ",
        "le JNIM": "AQ",
    }
    for phrase, iso in cases.items():
        assert code(lex, phrase) == iso, phrase
    assert lex.resolve("Amnesty International").sector == "NGO"
    # A known body without a SPEC code stays unresolved instead of reading "européenne" as the EU.
    assert code(lex, "la Cour européenne des droits de l'homme") is None


def test_armed_and_political_groups_take_their_base_country(lex: ActorLexicon) -> None:
    cases = {
        "le Hamas": "PSE",
        "le Jihad islamique": "PSE",
        "le Fatah": "PSE",
        "le Hezbollah": "LBN",
        "les rebelles houthis": "YEM",
        "les houthistes": "YEM",
        "les talibans": "AFG",
        "le groupe Wagner": "RUS",
        "Africa Corps": "RUS",
        "le M23": "COD",
        "les Forces de soutien rapide": "SDN",
        "les FSR": "SDN",
        "Boko Haram": "NGA",
        "le PKK": "TUR",
        "les shebab": "SOM",
    }
    for phrase, iso in cases.items():
        actor = lex.resolve(phrase)
        assert actor is not None and actor.code == iso and actor.kind == "group", phrase


def test_media_outlets_have_no_code(lex: ActorLexicon) -> None:
    for phrase, name in [
        ("CNN", "CNN"),
        ("l'agence Reuters", "Reuters"),
        ("l'Agence France-Presse", "AFP"),
        ("le New York Times", "New York Times"),
        ("la chaîne Al Jazeera", "Al Jazeera"),
        ("l'agence de presse Tasnim", "Tasnim"),
        ("Chine nouvelle", "Xinhua"),
    ]:
        assert lex.resolve(phrase) == Actor(None, "MED", name, "media"), phrase
    # Case tells the daily from the noun.
    assert hits(lex, "Le Monde raconte le monde.") == [("Le Monde", None, "media")]
    assert hits(lex, "La libération des otages, selon Libération.")[-1] == ("Libération", None, "media")


def test_titles_are_generic_without_a_country(lex: ActorLexicon) -> None:
    assert lex.resolve("les putschistes") == Actor(None, "MIL", None, "title", generic=True)
    assert lex.resolve("la junte") == Actor(None, "MIL", None, "title", generic=True)
    assert lex.resolve("le président") == Actor(None, "GOV", None, "title", generic=True)
    assert lex.resolve("la police") == Actor(None, "COP", None, "title", generic=True)
    assert lex.resolve("les députés").sector == "LEG"
    assert lex.resolve("le procureur").sector == "JUD"
    assert lex.resolve("les opposants").sector == "OPP"
    assert lex.resolve("des grévistes").sector == "CVL"
    assert lex.resolve("les services de renseignement").sector == "SPY"
    assert lex.resolve("une entreprise").sector == "BUS"
    # A neutral head yields to the specific word after it.
    assert lex.resolve("un groupe de soldats").sector == "MIL"
    assert lex.resolve("des membres de la garde présidentielle").sector == "MIL"


def test_a_place_after_en_inside_a_phrase_is_where_not_whose(lex: ActorLexicon) -> None:
    # "la coalition en Irak" is not Iraq's, nor are "les forces de la coalition au Sahel".
    assert lex.resolve("la coalition en Irak") is None
    assert lex.resolve("les forces de la coalition en Irak").code is None
    # The owner named otherwise still counts, and a place on its own is still that place.
    assert lex.resolve("l'ambassade de France en Irak").code == "FRA"
    assert lex.resolve("les soldats américains en Irak").code == "USA"
    assert lex.resolve("en Irak").code == "IRQ"


def test_leaders_register(lex: ActorLexicon) -> None:
    assert lex.resolve("Vladimir Poutine") == Actor("RUS", "GOV", "Vladimir Putin", "person")
    assert lex.resolve("M. Zelensky").name == "Volodymyr Zelensky"
    assert lex.resolve("Zelenskyy").code == "UKR"
    assert lex.resolve("Mme von der Leyen").code == "EU"
    assert lex.resolve("Antonio Guterres").code == "UN"
    assert lex.resolve("Rafael Grossi").code == "IAEA"
    assert lex.resolve("le guide suprême Ali Khameneï") == Actor("IRN", "GOV", "Ali Khamenei", "person")
    # Names are capitalised: the Québécois dish is no president.
    assert hits(lex, "une poutine") == []


# --------------------------------------------------------------------------- the brief's resolve examples


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Le président russe Vladimir Poutine", ("RUS", "GOV", "Vladimir Putin")),
        ("le chef de la diplomatie iranienne", ("IRN", "GOV", None)),
        ("le porte-parole du ministère ukrainien des Affaires étrangères", ("UKR", "GOV", None)),
        ("Téhéran", ("IRN", "GOV", "Téhéran")),
        ("le Kremlin", ("RUS", "GOV", "Kremlin")),
        ("les putschistes", (None, "MIL", None)),
        ("la police des mœurs iranienne", ("IRN", "COP", None)),
        ("la police des moeurs iranienne", ("IRN", "COP", None)),
        ("CNN", (None, "MED", "CNN")),
        ("l'ambassadeur de France au Niger", ("FRA", "GOV", None)),
        ("l'ambassadeur du Niger en France", ("NER", "GOV", None)),
        ("son homologue azerbaïdjanais Ilham Aliev", ("AZE", "GOV", "Ilham Aliyev")),
        ("le porte-parole du Kremlin", ("RUS", "GOV", None)),
        ("le chef du Hamas", ("PSE", "REB", None)),
        ("des responsables du renseignement américain", ("USA", "SPY", None)),
        ("la télévision d'État nord-coréenne", (None, "MED", None)),
        ("Les ambassadeurs de l'UE", ("EU", "GOV", None)),
        ("Russian President Vladimir Putin", ("RUS", "GOV", "Vladimir Putin")),
        ("Iran's morality police", ("IRN", "COP", None)),
    ],
)
def test_resolve_examples(lex: ActorLexicon, phrase: str, expected: tuple) -> None:
    actor = lex.resolve(phrase)
    assert actor is not None
    assert (actor.code, actor.sector, actor.name) == expected


@pytest.mark.parametrize(
    "phrase",
    ["des hommes armés", "trois sources familières avec la question", "l'Occident", "une source sécuritaire"],
)
def test_unresolvable_phrases(lex: ActorLexicon, phrase: str) -> None:
    actor = lex.resolve(phrase)
    assert actor is None or actor.code is None


def test_name_in_a_complement_is_not_the_head(lex: ActorLexicon) -> None:
    actor = lex.resolve("le porte-parole de Vladimir Poutine")
    assert (actor.code, actor.sector, actor.name) == ("RUS", "GOV", None)


# --------------------------------------------------------------------------- tricky pairs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le Niger accuse le Nigeria.", ["NER", "NGA"]),
        ("Un soldat nigérien et un soldat nigérian.", ["NER", "NGA"]),
        ("L'Iran soutient les Iraniens.", ["IRN", "IRN"]),
        ("L'Irak, l'Iraq et l'Iran.", ["IRQ", "IRQ", "IRN"]),
        ("Le Mali et les Maliens.", ["MLI", "MLI"]),
        ("L'Inde refuse toute indemnité.", ["IND"]),
        ("La Guinée et la Guinée-Bissau.", ["GIN", "GNB"]),
        ("La Guinée équatoriale et la Guinée.", ["GNQ", "GIN"]),
        ("Le Congo et la RD Congo.", ["COG", "COD"]),
        ("Kinshasa et la République démocratique du Congo.", ["COD", "COD"]),
        ("Le Soudan et le Soudan du Sud.", ["SDN", "SSD"]),
        ("Des Sud-Soudanais et des Soudanais.", ["SSD", "SDN"]),
        ("La Corée du Nord menace la Corée du Sud.", ["PRK", "KOR"]),
        ("Les États-Unis et les Etats Unis.", ["USA", "USA"]),
        ("Le Liban et les Libanais, la Libye et les Libyens.", ["LBN", "LBN", "LBY", "LBY"]),
        ("Le Tchad et les Tchadiens.", ["TCD", "TCD"]),
        ("Les Équato-Guinéens et les Bissau-Guinéens.", ["GNQ", "GNB"]),
    ],
)
def test_tricky_pairs(lex: ActorLexicon, text: str, expected: list[str]) -> None:
    assert [c for _, c, kind in hits(lex, text) if kind != "title"] == expected


def test_non_actors_and_attitudes_do_not_fire(lex: ActorLexicon) -> None:
    assert hits(lex, "des milices pro-iraniennes") == [("milices", None, "title")]
    assert hits(lex, "les îles de l'océan Indien") == []
    assert hits(lex, "la diplomatie latino-américaine")[1:] == []
    assert hits(lex, "en général, la conférence de presse") == []
    assert hits(lex, "la réunion de lundi") == []
    assert hits(lex, "à La Réunion") == [("La Réunion", "REU", "country")]
    assert hits(lex, "Jordan Bardella") == []


def test_combining_forms_need_a_hyphen(lex: ActorLexicon) -> None:
    assert [c for _, c, _ in hits(lex, "un sommet sino-russe")] == ["CHN", "RUS"]
    assert [c for _, c, _ in hits(lex, "les relations américano-iraniennes")] == ["USA", "IRN"]
    assert hits(lex, "le Sino et le franco") == []


def test_an_article_does_not_steal_a_longer_name(lex: ActorLexicon) -> None:
    # "La Croix" (a daily) must not eat the article of "la Croix-Rouge".
    assert hits(lex, "selon la Croix-Rouge") == [("Croix-Rouge", "ICRC", "igo")]
    assert hits(lex, "selon La Croix") == [("La Croix", None, "media")]


def test_builtin_data_is_loaded_once(lex: ActorLexicon) -> None:
    assert ActorLexicon.load()._index is lex._index


def test_numeral_alias_of_the_eu(lex: ActorLexicon) -> None:
    assert hits(lex, "les 27 ont tranché") == [("les 27", "EU", "igo")]
    assert hits(lex, "les 27 États membres")[0][1] == "EU"
    assert hits(lex, "les 27 victimes") == []


def test_find_returns_offsets_and_longest_matches(lex: ActorLexicon) -> None:
    text = "Selon le Washington Post, Washington et l'Union européenne ont averti la Guinée-Bissau."
    mentions = lex.find(text)
    assert all(isinstance(m, Mention) and text[m.start : m.end] == m.text for m in mentions)
    assert [m.text for m in mentions] == [
        "Washington Post",
        "Washington",
        "Union européenne",
        "Guinée-Bissau",
    ]


# --------------------------------------------------------------------------- dates of office


def test_office_holder_depends_on_the_date(lex: ActorLexicon) -> None:
    assert lex.resolve("Assad", "1998").name == "Hafez al-Assad"
    assert lex.resolve("Assad", "2013-05").name == "Bashar al-Assad"
    assert lex.resolve("Tusk", "2017").code == "EU"
    assert lex.resolve("Tusk", "2024-02-01").code == "POL"
    assert lex.resolve("Kallas", "2022").code == "EST"
    assert lex.resolve("Kallas", "2025").code == "EU"
    assert lex.resolve("Lagarde", "2015").code == "IMF"
    assert lex.resolve("Lagarde", "2023").code == "EU"
    assert lex.resolve("Sinwar", "2020").sector == "REB"


def test_out_of_office_people_keep_their_country(lex: ActorLexicon) -> None:
    # Before office, after office, no date at all: still the same person.
    assert lex.resolve("Bazoum", "2024-06") == Actor("NER", "GOV", "Mohamed Bazoum", "person")
    assert lex.resolve("Zelensky", "2012").code == "UKR"
    assert lex.resolve("Merkel").code == "DEU"


def test_ambiguous_surname_prefers_office_on_the_date(lex: ActorLexicon) -> None:
    assert lex.resolve("Erdogan", "2010").code == "TUR"
    assert lex.resolve("Medvedev", "2010").name == "Dmitry Medvedev"
    assert lex.resolve("Aoun", "2019").name == "Michel Aoun"
    assert lex.resolve("Aoun", "2025-06").name == "Joseph Aoun"


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("en Ukraine", "UKR"),
        ("à Niamey", "NER"),
        ("Sotchi", "RUS"),
        ("la région de Kherson", "UKR"),
        ("dans le nord du Mali", "MLI"),
        ("au Caire", "EGY"),
        ("à Abou Dhabi", "ARE"),
        ("en Cisjordanie", "PSE"),
        ("sur le territoire ukrainien", "UKR"),
        ("au Kremlin", "RUS"),
        ("quelque part", None),
    ],
)
def test_place(lex: ActorLexicon, text: str, iso: str | None) -> None:
    assert lex.place(text) == iso


# --------------------------------------------------------------------------- article memory


def test_article_remembers_people_introduced_with_a_title(lex: ActorLexicon) -> None:
    art = lex.article(when="2022-03-10")
    first = art.resolve("le président turc Recep Tayyip Erdogan", persons=["Recep Tayyip Erdogan"])
    assert (first.code, first.name) == ("TUR", "Recep Tayyip Erdoğan")
    assert art.resolve("Erdogan") == first
    assert art.resolve("M. Erdogan") == first


def test_article_remembers_unregistered_people(lex: ActorLexicon) -> None:
    art = lex.article()
    intro = art.resolve("le général soudanais Osman Badawi")  # no persons given: guessed from capitals
    assert intro == Actor("SDN", "MIL", "Osman Badawi", "person")
    assert art.resolve("le général Badawi") == intro
    assert art.resolve("M. Badawi") == intro
    # Another article does not know him.
    assert lex.article().resolve("M. Badawi") is None
    assert lex.resolve("M. Badawi") is None


def test_article_memory_beats_the_register(lex: ActorLexicon) -> None:
    art = lex.article("2023")
    art.resolve("le ministre malien de l'Économie Alousseni Traoré")
    assert art.resolve("M. Traoré").code == "MLI"  # the register alone says BFA (the president)
    assert lex.resolve("M. Traoré", "2023").code == "BFA"


def test_article_remembers_outlets(lex: ActorLexicon) -> None:
    art = lex.article()
    assert art.resolve("le Washington Post").name == "Washington Post"
    assert art.resolve("le Post") == Actor(None, "MED", "Washington Post", "media")
    assert lex.resolve("le Post") is None
    other = lex.article()
    other.resolve("le Wall Street Journal")
    assert other.resolve("selon le Journal").name == "Wall Street Journal"


def test_article_generic_person_keeps_generic_flag(lex: ActorLexicon) -> None:
    art = lex.article()
    first = art.resolve("le colonel Ibrahima Keita", persons=["Ibrahima Keita"])
    assert first == Actor(None, "MIL", "Ibrahima Keita", "person", generic=True)


# --------------------------------------------------------------------------- analyst files


def test_user_files_add_and_override_entries(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "# analyst additions\n"
        "phrase\tcode\tsector\tname\tkind\n"
        "Front populaire de libération de Zembla\tZMB\tREB\tZembla Front\tgroup\n"
        "le Kremlin\tRUS\tMIL\tKremlin (test)\tmetonym\n"
        "Ostrogoth\t\tMED\tOstrogoth Daily\tmedia\n",
        encoding="utf-8",
    )
    lex = ActorLexicon.load([extra])
    assert lex.resolve("le Front populaire de libération de Zembla") == Actor(
        "ZMB", "REB", "Zembla Front", "group"
    )
    assert lex.resolve("le Kremlin").sector == "MIL"
    assert lex.resolve("selon Ostrogoth") == Actor(None, "MED", "Ostrogoth Daily", "media")
    # The built-in lexicon is untouched.
    assert ActorLexicon.load().resolve("le Kremlin").sector == "GOV"


def test_user_file_rejects_unknown_kind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("Zembla\tZMB\tGOV\tZembla\tplanet\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        ActorLexicon.load([str(bad)])


# --------------------------------------------------------------------------- speed (reported, not asserted)


def test_speed_report(lex: ActorLexicon, capsys: pytest.CaptureFixture[str]) -> None:
    from eventwire.actors._lexicon import _build_builtin

    start = time.perf_counter()
    _build_builtin()
    build = time.perf_counter() - start
    sentence = (
        "Le ministre iranien des Affaires étrangères a reçu jeudi à Téhéran son homologue omanais, "
        "tandis que Washington et les Vingt-Sept menacent la République islamique de nouvelles "
        "sanctions selon l'agence Reuters."
    )
    n = 2000
    start = time.perf_counter()
    for _ in range(n):
        lex.find(sentence)
    per_sentence = (time.perf_counter() - start) / n
    with capsys.disabled():
        print(
            f"\n[actors] uncached load {build * 1000:.0f} ms; find {per_sentence * 1e6:.0f} µs "
            f"per {len(sentence.split())}-word sentence"
        )


def test_a_rotating_presidency_of_the_eu_speaks_for_the_eu(lex: ActorLexicon) -> None:
    assert lex.resolve("la présidence suédoise du Conseil de l'UE").code == "EU"
    assert lex.resolve("le président suédois").code == "SWE"


def test_the_short_form_of_an_eu_presidency_stays_the_eu(lex: ActorLexicon) -> None:
    art = lex.article("2023-03")
    assert art.resolve("la présidence suédoise du Conseil de l'UE").code == "EU"
    assert art.resolve("la présidence suédoise").code == "EU"
    assert lex.article("2023-03").resolve("la présidence suédoise").code == "SWE"  # not without the long form
