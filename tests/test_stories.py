"""Stories and corroboration (issue 4): copies, clustering across languages, look-alikes, corroborated events,
the story commands and the saved index.

Every French and English sentence in this file was written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.pipeline import Extractor
from eventwire.readers import read_articles
from eventwire.records import Article, Entity, Event
from eventwire.stories.cluster import StoryIndex, build_index
from eventwire.stories.commands import articles_with_events, story_timeline
from eventwire.stories.copies import CopyFinder
from eventwire.stories.corroborate import corroborate, event_key
from eventwire.stories.features import ArticleFeatures, FeatureMaker
from eventwire.stories.summary import summarise

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# One episode told in French by two outlets and in English by a third.
HYDROGEN_FR = Article(
    id="h-fr-1", date="2024-03-12", lang="fr", url="https://www.journal-a.example/monde/chili",
    title="Gabriel Boric et Mark Rutte signent un accord sur l'hydrogène vert",
    text=(
        "Le président chilien Gabriel Boric a reçu mardi à Santiago le Premier ministre néerlandais Mark Rutte. "
        "Les deux dirigeants ont signé un accord sur l'hydrogène vert d'une valeur de 640 millions d'euros, "
        "a annoncé la présidence chilienne. Le port de Rotterdam doit importer dès 2027 une partie de "
        "l'hydrogène produit dans le désert d'Atacama, selon le texte de l'accord."
    ),
)  # fmt: skip
HYDROGEN_FR_2 = Article(
    id="h-fr-2", date="2024-03", lang="fr", url="https://quotidien-b.example/article/4410",
    text=(
        "Santiago et La Haye renforcent leurs liens. Mark Rutte, en visite au Chili, et Gabriel Boric se sont "
        "entretenus pendant deux heures avant de conclure un accord de 640 millions d'euros sur l'hydrogène "
        "vert. Les premières livraisons vers Rotterdam sont prévues pour 2027 depuis Atacama."
    ),
)  # fmt: skip
HYDROGEN_EN = Article(
    id="h-en-1", date="2024-03-13", lang="en", url="https://www.wire-c.example/world/chile-netherlands",
    title="Chile and the Netherlands sign green hydrogen deal",
    text=(
        "Chilean President Gabriel Boric hosted Dutch Prime Minister Mark Rutte in Santiago on Tuesday, and the "
        "two leaders signed a green hydrogen agreement worth 640 million euros, the Chilean presidency said. "
        "The port of Rotterdam is due to start importing hydrogen made in the Atacama desert in 2027."
    ),
)  # fmt: skip

# Look-alikes a week apart: two expulsions of diplomats by different states.
NORWAY_FR = Article(
    id="x-nor-fr", date="2024-05-02", lang="fr", url="https://www.journal-a.example/monde/oslo",
    text=(
        "La Norvège a expulsé jeudi quinze diplomates russes accusés d'espionnage, a annoncé le ministère "
        "norvégien des Affaires étrangères à Oslo. Le ministre Espen Barth Eide a dénoncé des activités "
        "incompatibles avec leur statut. Moscou a promis une riposte."
    ),
)  # fmt: skip
NORWAY_EN = Article(
    id="x-nor-en", date="2024-05-02", lang="en", url="https://www.wire-c.example/world/oslo",
    text=(
        "Norway expelled fifteen Russian diplomats on Thursday over espionage, the Norwegian foreign ministry "
        "said in Oslo. Foreign Minister Espen Barth Eide said their activities were incompatible with their "
        "status. Moscow vowed to retaliate."
    ),
)  # fmt: skip
POLAND_FR = Article(
    id="x-pol-fr", date="2024-05-09", lang="fr", url="https://quotidien-b.example/article/5120",
    text=(
        "La Pologne a expulsé jeudi douze diplomates biélorusses soupçonnés d'espionnage, a indiqué le "
        "ministère polonais des Affaires étrangères à Varsovie. Le chef de la diplomatie Radoslaw Sikorski a "
        "évoqué des menaces contre la sécurité du pays. Minsk a dénoncé une provocation."
    ),
)  # fmt: skip
POLAND_FR_2 = Article(
    id="x-pol-fr-2", date="2024-05-10", lang="fr", url="https://www.journal-a.example/monde/varsovie",
    text=(
        "Varsovie a ordonné le départ de douze diplomates biélorusses. Radoslaw Sikorski accuse Minsk "
        "d'espionnage et la Biélorussie parle de provocation."
    ),
)  # fmt: skip

# Look-alikes a year apart: the same two leaders at two summits.
SUMMIT_2023 = Article(
    id="s-2023", date="2023-06-14", lang="fr",
    text=(
        "Le Premier ministre japonais Fumio Kishida a reçu à Tokyo le président sud-coréen Yoon Suk Yeol pour un "
        "sommet consacré à la Corée du Nord et aux semi-conducteurs."
    ),
)  # fmt: skip
SUMMIT_2024 = Article(
    id="s-2024", date="2024-06-12", lang="fr",
    text=(
        "Le président sud-coréen Yoon Suk Yeol a reçu à Séoul le Premier ministre japonais Fumio Kishida pour un "
        "sommet consacré à la Corée du Nord et aux semi-conducteurs."
    ),
)  # fmt: skip

# A wire dispatch and a lightly edited copy of it, dated a day later.
WIRE = (
    "Les autorités de la Guinée-Bissau ont annoncé mercredi la fermeture des frontières terrestres avec le "
    "Sénégal pour une durée de dix jours, après des affrontements entre des éleveurs et des agriculteurs dans "
    "la région de Cacheu. Le ministre de l'Intérieur a précisé que les postes de Sao Domingos et de Mpack "
    "resteraient fermés jusqu'au retour au calme, et que des renforts de police avaient été envoyés sur place. "
    "Dakar n'a pas encore réagi à cette décision, qui pénalise des centaines de commerçants."
)
WIRE_COPY = WIRE.replace("mercredi", "ce mercredi").replace("des centaines de", "plusieurs centaines de")


@pytest.fixture(scope="module")
def maker(extractor: Extractor) -> FeatureMaker:
    return FeatureMaker(extractor.lexicon)


def _cluster(articles: list[Article], extractor: Extractor, maker: FeatureMaker, batch: bool = True) -> StoryIndex:
    return build_index(articles_with_events(articles, extractor), maker=maker, batch=batch)


# ------------------------------------------------------------------------------------------ copies


def test_copy_is_linked_to_the_earliest_even_when_read_first(maker: FeatureMaker) -> None:
    index = StoryIndex(maker=maker)
    later = Article(id="copy", text=WIRE_COPY, date="2024-04-04", url="https://relay.example/a")
    first = Article(id="orig", text=WIRE, date="2024-04-03", url="https://agency.example/b")
    other = Article(id="other", text=HYDROGEN_FR.text, date="2024-04-03")
    s1 = index.add(later)
    s2 = index.add(first)
    index.add(other)
    assert index.copies.copy_of == {"copy": "orig"}
    assert s1 == s2  # a copy always shares its original's story
    index.recluster()
    assert index.story_of["copy"] == index.story_of["orig"] != index.story_of["other"]


def test_copy_finder_tells_copies_from_reports_of_the_same_story() -> None:
    finder = CopyFinder()
    dates = {"a": 1, "b": 2, "c": 3}

    def earlier(x: str, y: str) -> bool:
        return dates[x] < dates[y]

    assert finder.add("a", WIRE, earlier) is None
    assert finder.add("b", HYDROGEN_FR.text, earlier) is None
    assert finder.add("c", WIRE_COPY, earlier) == "a"
    again = CopyFinder.from_dict(json.loads(json.dumps(finder.to_dict())))
    assert again.copy_of == {"c": "a"}


# ------------------------------------------------------------------------------------------ stories


def test_french_and_english_reports_of_one_episode_form_one_story(extractor, maker) -> None:
    index = _cluster([HYDROGEN_FR, NORWAY_FR, HYDROGEN_EN, POLAND_FR, HYDROGEN_FR_2, NORWAY_EN], extractor, maker)
    story = index.story_of
    assert story["h-fr-1"] == story["h-fr-2"] == story["h-en-1"]
    assert story["x-nor-fr"] == story["x-nor-en"]
    assert len(index.stories) == 3
    summary = summarise(index, story["h-en-1"])
    assert summary.languages == {"fr": 2, "en": 1}
    assert set(summary.key_actors[:2]) == {"CHL", "NLD"}
    assert summary.title in (HYDROGEN_FR.title, HYDROGEN_EN.title)


@pytest.mark.parametrize("batch", [False, True], ids=["online", "recluster"])
def test_look_alike_expulsions_a_week_apart_stay_apart(extractor, maker, batch: bool) -> None:
    index = _cluster([NORWAY_FR, POLAND_FR, NORWAY_EN, POLAND_FR_2], extractor, maker, batch=batch)
    story = index.story_of
    assert story["x-nor-fr"] == story["x-nor-en"]
    assert story["x-pol-fr"] == story["x-pol-fr-2"]
    assert story["x-nor-fr"] != story["x-pol-fr"]


def test_look_alikes_apart_on_content_when_only_the_month_is_known(extractor, maker) -> None:
    month = [Article(**{**vars(a), "date": "2024-05"}) for a in (NORWAY_FR, POLAND_FR, NORWAY_EN, POLAND_FR_2)]
    story = _cluster(month, extractor, maker).story_of
    assert story["x-nor-fr"] == story["x-nor-en"] != story["x-pol-fr"] == story["x-pol-fr-2"]


def test_summits_a_year_apart_stay_apart(extractor, maker) -> None:
    story = _cluster([SUMMIT_2023, SUMMIT_2024], extractor, maker).story_of
    assert story["s-2023"] != story["s-2024"]


def test_state_round_trip_then_online_add(extractor, maker) -> None:
    pairs = list(articles_with_events([HYDROGEN_FR, NORWAY_FR, WIRE_ARTICLE], extractor))
    index = build_index(pairs, maker=maker, batch=False)
    state = json.loads(json.dumps(index.to_dict()))
    again = StoryIndex.from_dict(state, maker)
    assert again.assignments() == index.assignments()
    sid = again.add(HYDROGEN_EN)
    assert sid == again.story_of["h-fr-1"]
    assert again.add(HYDROGEN_EN) == sid  # adding an article twice changes nothing
    assert len(again.articles) == 4
    with pytest.raises(ValueError):
        StoryIndex.from_dict({**state, "version": 99})


WIRE_ARTICLE = Article(id="wire", text=WIRE, date="2024-03-12", lang="fr")


# ------------------------------------------------------------------------------------------ corroboration


def _entity(text: str, code: str | None, sector: str | None = None, name: str | None = None) -> Entity:
    return Entity(entity_text=text, code=code, sector=sector, name=name)


def _event(article: str, n: int, etype: str, actor: str, recipient: str, certainty: str = "asserted",
           said_by: tuple[Entity, ...] = (), date: str | None = None, mode: str | None = None) -> Event:
    return Event(
        id=f"{article}-{n}", article_id=article, event=etype, mode=mode, actor=[_entity(actor, actor)],
        recipient=[_entity(recipient, recipient)], certainty=certainty, said_by=list(said_by), date=date,
        date_text="written date" if date else None, event_text=f"sentence {n}", span=(0, 10), language="fr",
    )  # fmt: skip


def test_corroboration_counts_articles_outlets_certainty_and_sources() -> None:
    members = [
        ArticleFeatures(id="a1", order=0, date="2024-03-12", outlet="journal-a.example"),
        ArticleFeatures(id="a2", order=1, date="2024-03-12", outlet="quotidien-b.example"),
        ArticleFeatures(id="a3", order=2, date="2024-03-13", outlet="quotidien-b.example"),
        ArticleFeatures(id="a4", order=3, date="2024-03-13", outlet="relay.example"),  # a copy of a1
        ArticleFeatures(id="a0", order=4, date="2024-03-11", outlet="wire-c.example"),
    ]
    kyiv = _entity("Kiev", "UKR", "GOV")
    reuters = _entity("Reuters", None, "MED", "Reuters")
    officials = _entity("des responsables américains", "USA", "GOV")
    moscow = _entity("le Kremlin", "RUS", "GOV")
    events = {
        "a1": [_event("a1", 1, "ASSAULT", "RUS", "UKR", said_by=(kyiv,), mode="drone"),
               _event("a1", 2, "CONSULT", "FRA", "DEU", date="2024-03-10", mode="visit")],
        "a2": [_event("a2", 1, "ASSAULT", "RUS", "UKR", "hedged", (reuters, officials)),
               _event("a2", 2, "CONSULT", "DEU", "FRA", date="2024-03")],
        "a3": [_event("a3", 1, "ASSAULT", "RUS", "UKR", "denied", (moscow,), mode="drone"),
               _event("a3", 2, "ASSAULT", "RUS", "UKR", "asserted", (kyiv,)),
               _event("a3", 3, "CONSULT", "FRA", "DEU", date="2024-03-10", mode="phone")],
        "a4": [_event("a4", 1, "ASSAULT", "RUS", "UKR", said_by=(kyiv,), mode="drone")],
        "a0": [_event("a0", 1, "ASSAULT", "RUS", "UKR", date="2023-01-05", said_by=(kyiv,))],
    }  # fmt: skip
    merged = corroborate(members, events, {"a4": "a1"})
    by_key: dict[tuple, list] = {}
    for group in merged:
        by_key.setdefault(group.key, []).append(group)

    recent, old = sorted(by_key[("ASSAULT", ("RUS",), ("UKR",))], key=lambda g: -len(g.mentions))
    assert recent.articles() == ["a1", "a2", "a3"]  # the copy a4 confirms nothing
    assert recent.copies() == ["a4"]
    assert recent.outlets() == ["journal-a.example", "quotidien-b.example"]
    assert recent.certainty() == {"asserted": 2, "hedged": 1, "denied": 1}
    assert dict(recent.sources()) == {"UKR": 2, "USA": 1, "RUS": 1}  # innermost sources, independent articles
    assert recent.first_report().article_id == "a1"
    assert old.articles() == ["a0"]  # dated a year before: another event

    record = recent.to_dict("st-x")
    assert record["certainty"] == {"asserted": 2, "hedged": 1, "denied": 1}
    assert record["first_report"] == {"article_id": "a1", "published": "2024-03-12", "outlet": "journal-a.example"}
    assert [m["article_id"] for m in record["mentions"] if m.get("copy_of")] == ["a4"]

    # symmetric CONSULT: either direction is one event; a phone call is not the visit
    consults = by_key[("CONSULT", ("DEU",), ("FRA",))]
    assert sorted((g.mode, g.articles()) for g in consults) == [("phone", ["a3"]), ("visit", ["a1", "a2"])]


def test_event_keys_put_symmetric_types_in_one_order() -> None:
    a = _event("a", 1, "AGREE", "IRN", "SAU")
    b = _event("b", 1, "AGREE", "SAU", "IRN")
    c = _event("c", 1, "ACCUSE", "SAU", "IRN")
    d = _event("d", 1, "ACCUSE", "IRN", "SAU")
    assert event_key(a) == event_key(b)
    assert event_key(c) != event_key(d)


# ------------------------------------------------------------------------------------------ commands


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    rows = [HYDROGEN_FR, HYDROGEN_EN, NORWAY_FR, NORWAY_EN]
    path.write_text("".join(json.dumps({k: v for k, v in vars(a).items() if k != "media"}) + "\n" for a in rows),
                    encoding="utf-8")
    return path


def test_stories_jsonl_is_spec_section_9(article_file: Path, capsys) -> None:
    assert main(["stories", str(article_file), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(set(r) == {"article_id", "story_id"} for r in records)
    assert [r["article_id"] for r in records] == ["h-fr-1", "h-en-1", "x-nor-fr", "x-nor-en"]
    story = {r["article_id"]: r["story_id"] for r in records}
    assert story["h-fr-1"] == story["h-en-1"] != story["x-nor-fr"] == story["x-nor-en"]


def test_stories_table_and_story_timeline(article_file: Path, capsys) -> None:
    assert main(["stories", str(article_file)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["story", "dates", "size", "languages", "key", "actors", "title"]
    row = next(line for line in table if "hydrogen" in line or "hydrogène" in line)
    assert "fr:1 en:1" in row and "2024-03-12..2024-03-13" in row
    story_id = row.split()[0]
    assert main(["story", story_id[:8], str(article_file)]) == 0
    text = capsys.readouterr().out
    assert text.startswith(story_id) and "first reported by h-fr-1" in text
    assert main(["story", "st-nothing", str(article_file)]) == 2


def test_state_file_and_recluster(article_file: Path, tmp_path: Path, capsys) -> None:
    state = tmp_path / "stories.json"
    assert main(["stories", str(article_file), "--state", str(state), "--format", "jsonl"]) == 0
    first = capsys.readouterr().out
    assert json.loads(state.read_text())["version"] == 1
    assert main(["recluster", "--state", str(state), "--format", "jsonl"]) == 0
    stories = {}
    for line in capsys.readouterr().out.splitlines():
        record = json.loads(line)
        stories.setdefault(record["story_id"], set()).add(record["article_id"])
    assert sorted(map(sorted, stories.values())) == [["h-en-1", "h-fr-1"], ["x-nor-en", "x-nor-fr"]]
    assert len(first.splitlines()) == 4


# ------------------------------------------------------------------------------------------ the seeds


@pytest.fixture(scope="module")
def seed_run(extractor: Extractor, maker: FeatureMaker):
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"no shared data at {SHARED}")
    pairs = list(articles_with_events(read_articles([str(SHARED / "seeds")]), extractor))
    index = build_index(pairs, maker=maker)
    return index, {a.id: events for a, events in pairs}


def test_the_two_seeds_are_one_story(seed_run) -> None:
    index, events = seed_run
    assert len(events) == 2
    assert len(index.stories) == 1


def test_the_drone_attacks_are_one_event_reported_by_both_seeds(seed_run) -> None:
    index, events = seed_run
    (story_id,) = index.stories
    timeline = story_timeline(index, story_id, events)
    wanted = ("ASSAULT", ["RUS"], ["UKR"])
    drones = [e for e in timeline["events"] if (e["event"], e["actor"], e["recipient"]) == wanted]
    assert len(drones) == 1
    assert drones[0]["articles"] == 2
    assert {m["article_id"] for m in drones[0]["mentions"]} == set(events)
