"""Tests for eventwire.readers: JSONL and seed-layout text from files, directories, globs and stdin."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire import readers
from eventwire.readers import ReadProblem, content_id, parse_text_article, read_articles

SHARED = Path(__file__).parents[1] / ".." / "shared"

# Fixture sentences written for these tests.
PHRASE_A = "Le ministre des Affaires étrangères du Chili a reçu mardi son homologue péruvien à Santiago."
PHRASE_B = (
    "Des centaines d'agriculteurs ont bloqué l'autoroute près de Lyon pour dénoncer la hausse du gazole."
)
PHRASE_C = "Le gouvernement norvégien a annoncé l'envoi de tentes et de vivres vers la région sinistrée."

HYPO = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def read(paths: list[str], stdin: object = None) -> tuple[list, list[ReadProblem]]:
    """Read everything, collecting the problems instead of logging them."""
    problems: list[ReadProblem] = []
    articles = list(read_articles(paths, problems.append, stdin=stdin))  # type: ignore[arg-type]
    return articles, problems


def jsonl(path: Path, *records: object) -> Path:
    """Write records (dicts as JSON, str/bytes verbatim) one per line."""
    lines = []
    for r in records:
        if isinstance(r, bytes):
            lines.append(r)
        elif isinstance(r, str):
            lines.append(r.encode("utf-8"))
        else:
            lines.append(json.dumps(r, ensure_ascii=False).encode("utf-8"))
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


# --- ReadProblem, content_id --------------------------------------------------------------------------------


def test_read_problem_str() -> None:
    assert str(ReadProblem("a.jsonl", 3, "oups")) == "a.jsonl:3: oups"
    assert str(ReadProblem("a.txt", None, "oups")) == "a.txt: oups"


def test_content_id_is_stable_and_short() -> None:
    cid = content_id(PHRASE_A)
    assert cid == content_id(PHRASE_A) != content_id(PHRASE_B)
    assert cid.startswith("sha1:") and len(cid) == 5 + 16
    int(cid[5:], 16)
    assert content_id("\ud800")  # never raises, even on a lone surrogate


# --- JSONL --------------------------------------------------------------------------------------------------


def test_jsonl_fields(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl",
        {"id": "x1", "url": "https://exemple.fr/a", "date": "2023-05-02", "lang": "FR", "title": "Titre",
         "text": PHRASE_A},
        {"text": PHRASE_B},
    )  # fmt: skip
    (a, b), problems = read([str(path)])
    assert problems == []
    assert (a.id, a.url, a.date, a.lang, a.title, a.text) == (
        "x1", "https://exemple.fr/a", "2023-05-02", "fr", "Titre", PHRASE_A,
    )  # fmt: skip
    assert a.source == f"{path}:1" and b.source == f"{path}:2"
    assert b.id == content_id(PHRASE_B)
    assert (b.url, b.date, b.lang, b.title, b.media) == (None, None, None, None, [])


def test_jsonl_numeric_id_and_ndjson_suffix(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.ndjson", {"id": 42, "text": PHRASE_A})
    (a,), problems = read([str(path)])
    assert a.id == "42" and problems == []


def test_bad_json_line_reported_and_rest_read(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl", {"text": PHRASE_A}, '{"text": "coupé', {"text": PHRASE_B}, {"text": PHRASE_C}
    )
    articles, problems = read([str(path)])
    assert [a.text for a in articles] == [PHRASE_A, PHRASE_B, PHRASE_C]
    assert [(p.source, p.line) for p in problems] == [(str(path), 2)]
    assert str(problems[0]).startswith(f"{path}:2: not valid JSON")


@pytest.mark.parametrize(
    "bad",
    [
        "[1, 2]",
        '"une chaîne"',
        "null",
        '{"id": "sans-texte"}',
        '{"text": ""}',
        '{"text": "  \\n\\t "}',
        '{"text": 12}',
        '{"text": ["a"]}',
        b'{"text": "caf\xe9"}',  # cp1252 byte: invalid UTF-8 on this line only
        "[" * 100_000,  # deeper than the JSON parser's recursion limit
    ],
)
def test_bad_records_are_skipped_with_line_number(tmp_path: Path, bad: str | bytes) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"text": PHRASE_A}, bad, {"text": PHRASE_B})
    articles, problems = read([str(path)])
    assert [a.text for a in articles] == [PHRASE_A, PHRASE_B]
    assert [(p.source, p.line) for p in problems] == [(str(path), 2)]


def test_blank_lines_skipped_silently_and_line_numbers_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(f"\n  \n{json.dumps({'text': PHRASE_A})}\n\n{{oups\n", encoding="utf-8")
    articles, problems = read([str(path)])
    assert articles[0].source == f"{path}:3"
    assert [p.line for p in problems] == [5]


@pytest.mark.parametrize("date", ["2022", "2022-11", "2022-11-19", "2024-02-29"])
def test_good_dates_kept(tmp_path: Path, date: str) -> None:
    (a,), problems = read([str(jsonl(tmp_path / "a.jsonl", {"text": PHRASE_A, "date": date}))])
    assert a.date == date and problems == []


@pytest.mark.parametrize(
    "date", ["2022-13", "2023-02-29", "2022-11-31", "22-11-19", "19/11/2022", "0000", 2022]
)
def test_bad_date_kept_with_warning(tmp_path: Path, date: object) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"text": PHRASE_A, "date": date, "url": "https://x.fr/2021/03/04/a"})
    (a,), problems = read([str(path)])
    assert a.text == PHRASE_A and a.date is None
    assert len(problems) == 1 and problems[0].line == 1 and "date" in problems[0].message


def test_missing_date_inferred_from_page_url(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl", {"text": PHRASE_A, "url": "https://journal.fr/monde/2021/03/04/sommet"}
    )
    (a,), _ = read([str(path)])
    assert a.date == "2021-03-04"


def test_jsonl_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": PHRASE_A}).encode() + b"\n")
    (a,), problems = read([str(path)])
    assert a.text == PHRASE_A and problems == []


def test_jsonl_crlf_lines_and_text(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    records = [{"text": f"{PHRASE_A}\r\n\r\n{PHRASE_B}\r\n  "}, {"text": PHRASE_C}]
    path.write_bytes(b"".join(json.dumps(r).encode() + b"\r\n" for r in records))
    (a, c), problems = read([str(path)])
    assert a.text == f"{PHRASE_A}\n\n{PHRASE_B}" and c.text == PHRASE_C and problems == []


def test_jsonl_keeps_leading_whitespace_of_text(tmp_path: Path) -> None:
    (a,), _ = read([str(jsonl(tmp_path / "a.jsonl", {"text": f"  {PHRASE_A}\t\n"}))])
    assert a.text == f"  {PHRASE_A}"


def test_jsonl_lone_surrogate_replaced(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "abc \\ud800 def"}\n', encoding="utf-8")
    (a,), problems = read([str(path)])
    assert a.text == "abc \ufffd def" and len(problems) == 1


def test_jsonl_non_string_fields_ignored(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"text": PHRASE_A, "title": ["x"], "lang": 3, "id": True})
    (a,), problems = read([str(path)])
    assert (a.title, a.lang, a.id) == (None, None, content_id(PHRASE_A))
    assert len(problems) == 3


def test_huge_record_reported_and_next_read(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    huge = b'{"text": "' + b"a" * (readers.MAX_RECORD_BYTES + 10) + b'"}'
    jsonl(path, {"text": PHRASE_A}, huge, {"text": PHRASE_B})
    articles, problems = read([str(path)])
    assert [a.text for a in articles] == [PHRASE_A, PHRASE_B]
    assert [p.line for p in problems] == [2] and "larger" in problems[0].message


def test_record_at_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_RECORD_BYTES", 100)
    record = b'{"text": "' + b"x" * (100 - len(b'{"text": ""}')) + b'"}'
    assert len(record) == 100
    path = tmp_path / "a.jsonl"
    path.write_bytes(record + b"\r\n" + record + b"x\n" + record)
    articles, problems = read([str(path)])
    assert len(articles) == 2 and [p.line for p in problems] == [2]


# --- plain text ---------------------------------------------------------------------------------------------


def test_text_header_with_leading_whitespace(tmp_path: Path) -> None:
    path = tmp_path / "012_abc.txt"
    path.write_text(f" date 2023-04 Un titre inventé\n\n{PHRASE_A}\n\n{PHRASE_B}\n", encoding="utf-8")
    (a,), problems = read([str(path)])
    assert (a.id, a.date, a.title, a.lang, a.source) == (
        "012_abc",
        "2023-04",
        "Un titre inventé",
        None,
        str(path),
    )
    assert a.text == f"{PHRASE_A}\n\n{PHRASE_B}"
    assert problems == []


def test_text_header_day_precision_without_title() -> None:
    a = parse_text_article(f"\t\ndate 2023-04-07\n{PHRASE_A}", "x.txt")
    assert (a.id, a.date, a.title, a.text) == ("x", "2023-04-07", None, PHRASE_A)


def test_text_without_header() -> None:
    a = parse_text_article(f"{PHRASE_A}\n{PHRASE_B}\n\n", "sans_entete")
    assert (a.id, a.date, a.title, a.text) == ("sans_entete", None, None, f"{PHRASE_A}\n{PHRASE_B}")


def test_text_word_date_in_body_is_not_a_header() -> None:
    raw = f"date limite de dépôt des candidatures : vendredi.\n{PHRASE_A}"
    assert parse_text_article(raw, "n").text == raw


def test_text_bad_header_date_warns_and_falls_back_to_media(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(f"date 2023-02-30 Titre\n![photo](https://cdn.fr/2023/02/x.jpg)\n{PHRASE_A}\n", "utf-8")
    (a,), problems = read([str(path)])
    assert (a.date, a.title, a.text) == ("2023-02", "Titre", PHRASE_A)
    assert len(problems) == 1 and problems[0].line is None


def test_text_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_bytes(b"\xef\xbb\xbf" + f"date 2021-06 Titre\r\n\r\n{PHRASE_A}\r\n{PHRASE_B}\r\n".encode())
    (a,), problems = read([str(path)])
    assert (a.date, a.title, a.text) == ("2021-06", "Titre", f"{PHRASE_A}\n{PHRASE_B}") and problems == []


def test_text_cp1252_fallback_warns(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes(PHRASE_B.encode("cp1252"))
    (a,), problems = read([str(path)])
    assert a.text == PHRASE_B
    assert len(problems) == 1 and "cp1252" in problems[0].message


@pytest.mark.parametrize("raw", ["", "   \n\n", " date 2022-11 Seulement un titre\n\n"])
def test_text_empty_body_skipped(tmp_path: Path, raw: str) -> None:
    path = tmp_path / "e.txt"
    path.write_text(raw, encoding="utf-8")
    articles, problems = read([str(path)])
    assert articles == [] and len(problems) == 1 and "empty" in problems[0].message
    with pytest.raises(ValueError):
        parse_text_article(raw, "e")


def test_text_file_too_large(tmp_path: Path) -> None:
    big, small = tmp_path / "a.txt", tmp_path / "b.txt"
    big.write_bytes((PHRASE_A.encode() + b"\n") * (readers.MAX_RECORD_BYTES // len(PHRASE_A) + 1))
    small.write_text(PHRASE_B, encoding="utf-8")
    articles, problems = read([str(big), str(small)])
    assert [a.text for a in articles] == [PHRASE_B]
    assert [p.source for p in problems] == [str(big)] and "larger" in problems[0].message


# --- media --------------------------------------------------------------------------------------------------


def test_image_lines_removed_and_blank_lines_collapsed() -> None:
    raw = (
        "![Vue du port](https://img.fr/2020/05/port.jpg)\n\n"
        f"{PHRASE_A}\n\n"
        '![Une foule](https://img.fr/p/foule.png "légende")\n\n'
        f"{PHRASE_B}\n"
        "![](https://img.fr/vide.gif)\n"
    )
    a = parse_text_article(raw, "m")
    assert a.text == f"{PHRASE_A}\n\n{PHRASE_B}"
    assert a.media == [
        {"alt": "Vue du port", "url": "https://img.fr/2020/05/port.jpg"},
        {"alt": "Une foule", "url": "https://img.fr/p/foule.png"},
        {"alt": "", "url": "https://img.fr/vide.gif"},
    ]
    assert a.date == "2020-05"


def test_inline_and_linked_images() -> None:
    raw = (
        "Le cortège ![manif](https://i.fr/a_(1).jpg) a traversé la ville.\n"
        "[![carte](https://i.fr/carte.png)](https://i.fr/carte)\n"
        "Fin ![x](https://i.fr/x.jpg).\n"
        "![y](https://i.fr/y.jpg) Début de ligne."
    )
    a = parse_text_article(raw, "m")
    assert a.text == "Le cortège a traversé la ville.\nFin.\nDébut de ligne."
    assert [m["url"] for m in a.media] == [
        "https://i.fr/a_(1).jpg",
        "https://i.fr/carte.png",
        "https://i.fr/x.jpg",
        "https://i.fr/y.jpg",
    ]


def test_header_date_beats_media_date() -> None:
    a = parse_text_article(f"date 2019-01 T\n![a](https://i.fr/2020/05/06/a.jpg)\n{PHRASE_A}", "h")
    assert a.date == "2019-01" and len(a.media) == 1


@pytest.mark.parametrize(
    ("urls", "date"),
    [
        (["https://a.es/wp-content/uploads/2021/07/photo_20210714093012_800.jpg"], "2021-07-14"),
        (["https://a.es/uploads/2021/07/photo.jpg"], "2021-07"),
        (["https://a.fr/img/afp-20210714-abc.jpg"], "2021-07-14"),
        (["https://a.fr/img/x_20210714.jpg"], "2021-07-14"),
        (["https://a.fr/2021/7/4/photo.jpg"], "2021-07-04"),
        (["https://a.fr/article/2021-07-14/titre"], "2021-07-14"),
        (["https://a.fr/2021/photo.jpg"], "2021"),
        (["https://a.fr/a.jpg", "https://b.fr/2021/07/b.jpg", "https://c.fr/c_20210715.jpg"], "2021-07-15"),
        # the folder and the stamp agree; the odd one out loses despite its precision
        (["https://a.fr/2021/07/a_20210712.jpg", "https://a.fr/2021/07/b.jpg", "https://a.fr/x_20180101.jpg"],
         "2021-07-12"),
        # a lone stamp that two folders contradict loses to the folders
        (["https://a.fr/2021/07/a.jpg", "https://a.fr/2021/07/b.jpg", "https://a.fr/x_20180101.jpg"],
         "2021-07"),
        (["https://a.fr/img/14214459.jpg"], None),  # not a plausible year
        (["https://a.fr/1850/03/a.jpg"], None),
        (["https://a.fr/x_20211340.jpg"], None),  # no 40th day
        (["https://a.fr/x/ab20210714.jpg"], None),  # digits glued to letters: likely a hash
        (["https://a.fr/x_202107141.jpg"], None),  # nine digits: not a date stamp
        ([], None),
    ],
)  # fmt: skip
def test_infer_date_from_urls(urls: list[str], date: str | None) -> None:
    assert readers.infer_date_from_urls(urls) == date


# --- paths, directories, globs, stdin -----------------------------------------------------------------------


def make_tree(root: Path) -> None:
    (root / "b" / "c").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "z.txt").write_text(PHRASE_C, encoding="utf-8")
    (root / "a.jsonl").write_text(json.dumps({"id": "a1", "text": PHRASE_A}) + "\n", encoding="utf-8")
    (root / "b" / "c" / "deep.md").write_text(PHRASE_B, encoding="utf-8")
    (root / "b" / "notes.csv").write_text("pas,un,article", encoding="utf-8")
    (root / ".hidden.txt").write_text("caché", encoding="utf-8")
    (root / ".cache" / "x.txt").write_text("caché", encoding="utf-8")


def test_directory_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    make_tree(tmp_path)
    articles, problems = read([str(tmp_path)])
    assert [a.id for a in articles] == ["a1", "deep", "z"] and problems == []


def test_glob_patterns(tmp_path: Path) -> None:
    make_tree(tmp_path)
    articles, _ = read([str(tmp_path / "**" / "*.md"), str(tmp_path / "*.txt")])
    assert [a.id for a in articles] == ["deep", "z"]
    articles, _ = read([str(tmp_path / "**")])  # a directory and its subdirectories: each file once
    assert [a.id for a in articles] == ["a1", "deep", "z"]


def test_glob_without_match_is_a_problem(tmp_path: Path) -> None:
    articles, problems = read([str(tmp_path / "*.jsonl")])
    assert articles == [] and len(problems) == 1 and "match" in problems[0].message


def test_missing_file_reported_and_others_read(tmp_path: Path) -> None:
    good = jsonl(tmp_path / "a.jsonl", {"text": PHRASE_A})
    missing = str(tmp_path / "absent.jsonl")
    articles, problems = read([missing, str(good)])
    assert [a.text for a in articles] == [PHRASE_A]
    assert [(p.source, p.line) for p in problems] == [(missing, None)]


def test_explicit_file_with_other_suffix_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "export").write_text(json.dumps({"text": PHRASE_A}) + "\n", encoding="utf-8")
    (tmp_path / "notes").write_text(PHRASE_B, encoding="utf-8")
    articles, _ = read([str(tmp_path / "export"), str(tmp_path / "notes")])
    assert [(a.text, a.id) for a in articles] == [(PHRASE_A, content_id(PHRASE_A)), (PHRASE_B, "notes")]


def test_stdin_jsonl_bytes() -> None:
    data = (
        b"\n\n"
        + json.dumps({"text": PHRASE_A}).encode()
        + b"\n{oups\n"
        + json.dumps({"text": PHRASE_B}).encode()
    )
    articles, problems = read(["-"], stdin=io.BytesIO(data))
    assert [a.text for a in articles] == [PHRASE_A, PHRASE_B]
    assert articles[0].source == "<stdin>:3"
    assert [(p.source, p.line) for p in problems] == [("<stdin>", 4)]


def test_stdin_text_string() -> None:
    (a,), problems = read(["-"], stdin=io.StringIO(f"\n  date 2020-02-02 Titre\n{PHRASE_C}\n"))
    assert (a.id, a.date, a.title, a.text, a.source) == ("stdin", "2020-02-02", "Titre", PHRASE_C, "<stdin>")
    assert problems == []


def test_stdin_text_wrapper_uses_bytes() -> None:
    wrapper = io.TextIOWrapper(io.BytesIO(json.dumps({"text": PHRASE_A}).encode()), encoding="utf-8")
    (a,), _ = read(["-"], stdin=wrapper)
    assert a.text == PHRASE_A


def test_empty_stdin() -> None:
    articles, problems = read(["-"], stdin=io.BytesIO(b""))
    assert articles == [] and len(problems) == 1 and problems[0].source == "<stdin>"


def test_problems_logged_without_callback(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="eventwire.readers"):
        assert list(read_articles([str(tmp_path / "absent.txt")])) == []
    assert "absent.txt: no such file or directory" in caplog.text


def test_single_string_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        list(read_articles("a.jsonl"))


@pytest.mark.parametrize("name", ["vide.jsonl", "vide.txt"])
def test_empty_files(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    articles, problems = read([str(tmp_path / name)])
    assert articles == []
    assert len(problems) == (0 if name.endswith(".jsonl") else 1)


# --- property-based -----------------------------------------------------------------------------------------


class Files:
    """Fresh file names under one tmp_path, since hypothesis runs many examples in one test call."""

    def __init__(self, root: Path) -> None:
        self.root, self.count = root, 0

    def write(self, suffix: str, data: bytes) -> Path:
        self.count += 1
        path = self.root / f"f{self.count}{suffix}"
        path.write_bytes(data)
        return path


def is_good_line(line: bytes) -> bool:
    """An independent oracle for a JSONL line that yields an article."""
    try:
        obj = json.loads(line.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
    except (ValueError, RecursionError):
        return False
    return isinstance(obj, dict) and isinstance(obj.get("text"), str) and bool(obj["text"].strip())


garbage_lines = (
    st.one_of(
        st.binary(min_size=1, max_size=40),
        st.text(min_size=1, max_size=40).map(lambda s: s.encode("utf-8")),
        st.sampled_from(
            [b"{", b"[]", b"null", b'{"text": ""}', b'{"text": 3}', b'{"id": "x"}', b"\xff{}", b'"t"']
        ),
        st.recursive(st.none() | st.integers() | st.text(max_size=5), lambda c: st.lists(c, max_size=3)).map(
            lambda v: json.dumps(v).encode()
        ),
    )
    .map(lambda b: b.replace(b"\n", b" "))
    .filter(lambda b: b.removeprefix(b"\xef\xbb\xbf").strip() != b"" and not is_good_line(b))
)

good_records = st.fixed_dictionaries(
    {"text": st.text(min_size=1).filter(lambda t: t.strip() != "")},
    optional={
        "id": st.text(min_size=1, max_size=10),
        "date": st.sampled_from(["2021", "2021-03", "2021-03-09"]),
    },
)


@HYPO
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".jsonl", ".txt", ""]))
def test_arbitrary_bytes_never_crash(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = Files(tmp_path).write(suffix, data)
    articles, problems = read([str(path)])
    assert all(a.text.strip() for a in articles)
    assert all(p.source == str(path) for p in problems)


@HYPO
@given(data=st.binary(max_size=500))
def test_arbitrary_stdin_never_crashes(data: bytes) -> None:
    articles, _ = read(["-"], stdin=io.BytesIO(data))
    assert all(a.text.strip() for a in articles)


@HYPO
@given(
    lines=st.lists(st.tuples(st.booleans(), good_records, garbage_lines, st.booleans()), max_size=12),
)
def test_good_records_survive_garbage(tmp_path: Path, lines: list[tuple[bool, dict, bytes, bool]]) -> None:
    out: list[bytes] = []
    expected: list[str] = []
    bad_lines: list[int] = []
    for lineno, (good, record, junk, ascii_only) in enumerate(lines, 1):
        if good:
            out.append(json.dumps(record, ensure_ascii=ascii_only).encode("utf-8"))
            expected.append(record["text"].replace("\r\n", "\n").rstrip())
        else:
            out.append(junk)
            bad_lines.append(lineno)
    path = Files(tmp_path).write(".jsonl", b"\n".join(out))
    articles, problems = read([str(path)])
    assert [a.text for a in articles] == expected
    assert [p.line for p in problems] == bad_lines
    assert all(a.id for a in articles)


# --- the shared seeds ---------------------------------------------------------------------------------------


def test_seeds() -> None:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("no shared seeds here")
    articles, problems = read([str(seeds)])
    by_id = {a.id: a for a in articles}
    assert problems == []
    first, second = by_id["000_f3c5192c93105f18"], by_id["003_15ec1a6415f8c763"]
    assert first.date == "2022-11" and first.title and first.media == []
    assert second.date == "2022-11-19" and second.title is None and len(second.media) == 1
    assert not second.text.startswith(("!", "\n")) and "![" not in second.text
