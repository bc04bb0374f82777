"""Read articles (SPEC §1) from JSONL and seed-layout plain text, via files, directories, globs and stdin.

Bad input never raises: each problem goes to a callback (or the log) and reading goes on with the next record.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import io
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO, TextIO

from eventwire.records import Article

log = logging.getLogger("eventwire.readers")

MAX_RECORD_BYTES = 5 * 1024 * 1024  # one JSONL record or one text file; beyond that it is not an article
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
TEXT_SUFFIXES = frozenset({".txt", ".md"})
ARTICLE_SUFFIXES = JSONL_SUFFIXES | TEXT_SUFFIXES
STDIN_SOURCE = "<stdin>"
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class ReadProblem:
    """Something wrong with the input; the reader reports it and goes on."""

    source: str  # file path, or "<stdin>"
    line: int | None  # 1-based line number for JSONL records; None for whole files
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


Report = Callable[[ReadProblem], None]
Note = Callable[[str], None]  # a problem message for a place already known to the caller


@dataclass(frozen=True)
class _TooLong:
    """Stands for a line over MAX_RECORD_BYTES; only its head is kept (enough to sniff the format)."""

    head: bytes


RawLine = bytes | _TooLong


# --- public API ---------------------------------------------------------------------------------------------


def read_articles(
    paths: Iterable[str],
    on_problem: Report | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Article]:
    """Yield every good article from `paths` (files, directories, glob patterns, "-" for stdin), in order."""
    if isinstance(paths, str | bytes):
        raise TypeError("paths must be an iterable of paths, not a single string")
    report = on_problem or _log_problem
    for arg in paths:
        if arg == "-":
            yield from _read_stdin(stdin, report)
            continue
        for path in _expand(arg, report, _ARTICLE_ENDINGS):
            yield from _read_file(path, report)


def list_files(arg: str, on_problem: Report | None = None, suffixes: Iterable[str] = ARTICLE_SUFFIXES) -> list[str]:
    """The files one path argument names, in reading order: the file itself, or the files whose names end with
    one of `suffixes` (".warc.gz" works) under a directory or matching a glob. Problems go to `on_problem`."""
    return _expand(arg, on_problem or _log_problem, tuple(s.lower() for s in suffixes))


def content_id(text: str) -> str:
    """A stable id for a record without one: the same text always gives the same id."""
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"sha1:{digest[:16]}"


def article_from_record(obj: dict[str, object], where: str, on_problem: Report | None = None) -> Article | None:
    """The article one decoded JSONL record holds, read exactly as `read_articles` reads a JSONL line (text
    normalised, id from the content when missing, date from the URL when missing); None when it cannot be an
    article. Problems name `where` and go to `on_problem`. For records that were not read from a JSONL file
    here, such as the rows of a Spark DataFrame."""
    report = on_problem or _log_problem
    return _article_from_record(obj, where, lambda message: report(ReadProblem(where, None, message)))


def parse_text_article(raw: str, name: str) -> Article:
    """Parse one article in the seed layout; `name` is its id (a trailing .txt/.md is dropped).

    Raises ValueError when the body is empty.
    """
    article = _parse_text(raw, name, lambda _message: None)
    if not article.text:
        raise ValueError(f"{name}: empty article body")
    return article


def infer_date_from_urls(urls: Iterable[str]) -> str | None:
    """The publication date that dates inside media or page URLs point to, at the best precision, or None.

    Candidates that disagree with fewer of the others win, then the more precise, then the better supported,
    then the first seen; so `/2022/11/..._20221119...` gives 2022-11-19.
    """
    found = [date for url in urls for date in _url_dates(url)]
    if not found:
        return None

    def rank(item: tuple[int, str]) -> tuple[int, int, int, int]:
        order, date = item
        agree = sum(1 for other in found if _compatible(date, other)) - 1
        clash = len(found) - 1 - agree
        return (-clash, len(date), agree, -order)

    return max(enumerate(found), key=rank)[1]


# --- paths --------------------------------------------------------------------------------------------------


def _log_problem(problem: ReadProblem) -> None:
    log.warning("%s", problem)


_ARTICLE_ENDINGS = tuple(sorted(ARTICLE_SUFFIXES))


def _expand(arg: str, report: Report, endings: tuple[str, ...]) -> list[str]:
    """The files one command-line argument names; a missing path or an empty glob is a problem."""
    if os.path.isdir(arg):
        return _walk(arg, report, endings)
    if os.path.exists(arg):
        return [arg]
    if any(c in arg for c in "*?["):
        files = _expand_glob(arg, report, endings)
        if not files:
            report(ReadProblem(arg, None, "no article files match this pattern"))
        return files
    report(ReadProblem(arg, None, "no such file or directory"))
    return []


def _expand_glob(pattern: str, report: Report, endings: tuple[str, ...]) -> list[str]:
    files: list[str] = []
    for match in glob.glob(pattern, recursive=True):
        if os.path.isdir(match):
            files.extend(_walk(match, report, endings))
        elif _is_article_file(match, endings):
            files.append(match)
    # `**` matches a directory and its subdirectories too, so the same file can come up more than once
    return _sorted_paths(files)


def _walk(root: str, report: Report, endings: tuple[str, ...]) -> list[str]:
    """Article files under `root`, recursively, hidden files and directories left out."""

    def on_error(error: OSError) -> None:
        report(ReadProblem(str(error.filename or root), None, f"cannot list directory: {error.strerror}"))

    files: list[str] = []
    for folder, dirs, names in os.walk(root, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(os.path.join(folder, n) for n in names if _is_article_file(n, endings))
    return _sorted_paths(files)


def _is_article_file(path: str, endings: tuple[str, ...]) -> bool:
    name = os.path.basename(path)
    return not name.startswith(".") and name.lower().endswith(endings)


def _sorted_paths(paths: Iterable[str]) -> list[str]:
    # compare by components so that "a/b.txt" sorts with its folder, not by the "/" character code
    return sorted(set(paths), key=lambda p: Path(p).parts)


def _format_of(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "text" if suffix in TEXT_SUFFIXES else "sniff"


# --- streams ------------------------------------------------------------------------------------------------


def _read_file(path: str, report: Report) -> Iterator[Article]:
    try:
        with open(path, "rb") as fh:
            yield from _read_stream(fh, path, _format_of(path), Path(path).stem, report)
    except OSError as error:
        report(ReadProblem(path, None, f"cannot read: {error.strerror or error}"))


def _read_stdin(stdin: TextIO | BinaryIO | None, report: Report) -> Iterator[Article]:
    stream = _binary(stdin if stdin is not None else sys.stdin)
    if stream is None:
        report(ReadProblem(STDIN_SOURCE, None, "no standard input"))
        return
    yield from _read_stream(stream, STDIN_SOURCE, "sniff", "stdin", report)


def _binary(stream: TextIO | BinaryIO | None) -> BinaryIO | None:
    """A byte stream for stdin: records are decoded line by line, so one bad line cannot spoil the rest."""
    if stream is None:
        return None
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer
    if isinstance(stream.read(0), bytes):
        return stream  # type: ignore[return-value]
    # a text stream with no bytes underneath (StringIO): it is in memory already
    return io.BytesIO(stream.read().encode("utf-8", "surrogatepass"))  # type: ignore[arg-type]


def _read_stream(fh: BinaryIO, source: str, fmt: str, stem: str, report: Report) -> Iterator[Article]:
    lines: Iterator[RawLine] = _raw_lines(fh)
    if fmt == "sniff":
        head = _leading_lines(lines)
        fmt = "jsonl" if head and _first_char(head[-1]) == b"{" else "text"
        lines = chain(head, lines)
    if fmt == "jsonl":
        yield from _read_jsonl(lines, source, report)
    else:
        yield from _read_text(lines, source, stem, report)


def _raw_lines(fh: BinaryIO) -> Iterator[RawLine]:
    """Lines with their newline; a line over the limit comes as _TooLong and is skipped without being held."""
    while True:
        line = fh.readline(MAX_RECORD_BYTES + 2)  # room for the limit plus "\r\n"
        if not line:
            return
        if line.endswith(b"\n") or len(line) <= MAX_RECORD_BYTES + 1:
            yield line if len(line.rstrip(b"\r\n")) <= MAX_RECORD_BYTES else _TooLong(line[:64])
            continue
        yield _TooLong(line[:64])
        _skip_rest_of_line(fh)  # only when asked for the next line, so a text reader can stop right away


def _skip_rest_of_line(fh: BinaryIO) -> None:
    while True:
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _leading_lines(lines: Iterator[RawLine]) -> list[RawLine]:
    """Lines up to and including the first one that is not blank (what the format is sniffed from)."""
    head: list[RawLine] = []
    for line in lines:
        head.append(line)
        if _first_char(line):
            break
    return head


def _first_char(line: RawLine) -> bytes:
    data = line.head if isinstance(line, _TooLong) else line
    return data.removeprefix(_BOM).lstrip()[:1]


# --- JSONL --------------------------------------------------------------------------------------------------


def _read_jsonl(lines: Iterable[RawLine], source: str, report: Report) -> Iterator[Article]:
    for lineno, raw in enumerate(lines, 1):
        if isinstance(raw, _TooLong):
            report(ReadProblem(source, lineno, f"record larger than {MAX_RECORD_BYTES} bytes; skipped"))
            continue
        if lineno == 1:
            raw = raw.removeprefix(_BOM)
        if not raw.strip():
            continue  # blank lines separate nothing and mean nothing

        def note(message: str, lineno: int = lineno) -> None:
            report(ReadProblem(source, lineno, message))

        article = _parse_jsonl_line(raw, f"{source}:{lineno}", note)
        if article is not None:
            yield article


def _parse_jsonl_line(raw: bytes, where: str, note: Note) -> Article | None:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        note(f"invalid UTF-8 at byte {error.start}; record skipped")
        return None
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as error:  # RecursionError: absurdly deep nesting
        note(f"not valid JSON ({_first_line(str(error))}); record skipped")
        return None
    if not isinstance(obj, dict):
        note(f"expected a JSON object, got {_json_type(obj)}; record skipped")
        return None
    return _article_from_record(obj, where, note)


def _article_from_record(obj: dict[str, object], where: str, note: Note) -> Article | None:
    text = obj.get("text")
    if not isinstance(text, str):
        note(f'"text" is {_json_type(text)}, not a string; record skipped')
        return None
    text = _normalise_text(_replace_surrogates(text, "text", note))
    if not text.strip():
        note('"text" is empty; record skipped')
        return None
    url = _optional_str(obj, "url", note)
    lang = _optional_str(obj, "lang", note)
    return Article(
        text=text,
        id=_optional_str(obj, "id", note, numbers_ok=True) or content_id(text),
        url=url,
        date=_record_date(obj.get("date"), url, note),
        lang=(lang.strip().lower() or None) if lang else None,
        title=_optional_str(obj, "title", note),
        source=where,
    )


def _record_date(value: object, url: str | None, note: Note) -> str | None:
    if value is None or value == "":
        # SPEC §1: a date inside the page URL is evidence when nothing else gives one
        return infer_date_from_urls([url]) if url else None
    if isinstance(value, str) and valid_date(value.strip()):
        return value.strip()
    note(f'bad "date" {_short_repr(value)}: expected YYYY, YYYY-MM or YYYY-MM-DD; date left empty')
    return None


def _optional_str(obj: dict[str, object], key: str, note: Note, numbers_ok: bool = False) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if numbers_ok and isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # numeric ids are common in exports
    if isinstance(value, str):
        return _replace_surrogates(value, key, note)
    note(f'"{key}" is {_json_type(value)}, not a string; ignored')
    return None


def _replace_surrogates(value: str, key: str, note: Note) -> str:
    # JSON escapes can smuggle in lone surrogates, which cannot be written out as UTF-8 later; U+FFFD keeps
    # every character offset where it was
    fixed, count = _SURROGATE.subn("\ufffd", value)
    if count:
        note(f'"{key}" has {count} lone surrogate(s); replaced with U+FFFD')
    return fixed


_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _first_line(message: str) -> str:
    return message.splitlines()[0][:200] if message else "error"


def _short_repr(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


# --- plain text (seed layout) -------------------------------------------------------------------------------


def _read_text(lines: Iterable[RawLine], source: str, stem: str, report: Report) -> Iterator[Article]:
    def note(message: str) -> None:
        report(ReadProblem(source, None, message))

    data = _collect(lines)
    if data is None:
        note(f"file larger than {MAX_RECORD_BYTES} bytes; skipped")
        return
    raw = _decode_text(data, note)
    article = _parse_text(raw, stem, note)
    if not article.text:
        note("empty article; skipped")
        return
    article.source = source
    yield article


def _collect(lines: Iterable[RawLine]) -> bytes | None:
    """All the bytes, or None as soon as they exceed the limit (the rest is never read)."""
    parts: list[bytes] = []
    size = 0
    for line in lines:
        if isinstance(line, _TooLong):
            return None
        size += len(line)
        if size > MAX_RECORD_BYTES:
            return None
        parts.append(line)
    return b"".join(parts)


def _decode_text(data: bytes, note: Note) -> str:
    try:
        return data.decode("utf-8")  # a BOM is dropped with the header parsing
    except UnicodeDecodeError as error:
        note(f"not valid UTF-8 (byte {error.start}); read as cp1252")
        return data.decode("cp1252", errors="replace")  # cp1252 leaves five bytes undefined


_HEADER = re.compile(r"\A\s*date[ \t]+([0-9][0-9-]*)(?:[ \t]+([^\n]*))?[ \t]*(?:\n|\Z)")


def _parse_text(raw: str, name: str, note: Note) -> Article:
    raw = raw.removeprefix("\ufeff").replace("\r\n", "\n")
    date: str | None = None
    title: str | None = None
    header = _HEADER.match(raw)
    if header:
        date, title = _header_date(header.group(1), note), (header.group(2) or "").strip() or None
        raw = raw[header.end() :]
    text, media = _extract_media(raw)
    if date is None:
        date = infer_date_from_urls(m["url"] for m in media)
    text = _LEADING_BLANK_LINES.sub("", text).rstrip()
    return Article(text=text, id=_strip_suffix(name), date=date, title=title, media=media)


_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def _header_date(value: str, note: Note) -> str | None:
    if valid_date(value):
        return value
    note(f"bad date {value!r} in the header line; looking in media URLs instead")
    return None


def _strip_suffix(name: str) -> str:
    path = Path(name)
    return path.stem if path.suffix.lower() in TEXT_SUFFIXES else name


# one level of brackets in the alt text and of parentheses in the URL (Wikipedia-style links), an optional
# "title", and an optional link around the image: [![alt](img)](link)
_IMAGE = re.compile(
    r"(?P<pre>[ \t]*)"
    r"(?P<link>\[)?"
    r"!\[(?P<alt>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\((?P<url>(?:[^()\s]|\([^()\s]*\))*)(?:[ \t]+\"[^\"\n]*\")?\)"
    r"(?(link)\]\((?:[^()\s]|\([^()\s]*\))*\))"
    r"(?P<post>[ \t]*)"
)


def _extract_media(body: str) -> tuple[str, list[dict[str, str]]]:
    """The body without its markdown images, and the images; lines left empty by an image go too."""
    media: list[dict[str, str]] = []
    kept: list[str] = []
    removed_since_kept = False
    for line in body.split("\n"):
        new = _IMAGE.sub(lambda m, line=line: _take_image(m, line, media), line)
        if new != line and not new.strip():
            removed_since_kept = True
            continue
        # a blank line right after a removed image line would double the gap the image leaves
        if removed_since_kept and not new.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(new)
        removed_since_kept = False
    return "\n".join(kept), media


def _take_image(match: re.Match[str], line: str, media: list[dict[str, str]]) -> str:
    media.append({"alt": match["alt"].strip(), "url": match["url"]})
    if match.start() == 0 or match.end() == len(line):
        return ""
    spaced = match["pre"] or match["post"]
    return " " if spaced and line[match.end()] not in ".,;)" else ""


# --- dates --------------------------------------------------------------------------------------------------


_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def valid_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar day."""
    m = _DATE.fullmatch(value)
    if m is None:
        return False
    return _calendar(int(m[1]), int(m[2] or 1), int(m[3] or 1))


def _calendar(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _normalise_text(text: str) -> str:
    # offsets of events index into this text, so nothing else may change
    return text.replace("\r\n", "\n").rstrip()


_URL_DAY = re.compile(r"(?<![0-9A-Za-z])([0-9]{4})([/-])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])")
_URL_MONTH = re.compile(r"(?<![0-9A-Za-z])([0-9]{4})([/-])([0-9]{1,2})(?![0-9])")
_URL_COMPACT = re.compile(r"(?<![0-9A-Za-z])([0-9]{4})([0-9]{2})([0-9]{2})(?:[0-9]{4}|[0-9]{6})?(?![0-9])")
_URL_YEAR = re.compile(r"(?<=/)([0-9]{4})(?=/)")


def _url_dates(url: str) -> list[str]:
    """Plausible dates in one URL: /2022/11/19/, 2022-11-19, _20221119[hhmm[ss]], /2022/11/, /2022/."""
    found: list[str] = []
    for m in _URL_DAY.finditer(url):
        found.extend(_plausible(m[1], m[3], m[4]))
    for m in _URL_COMPACT.finditer(url):
        found.extend(_plausible(m[1], m[2], m[3]))
    for m in _URL_MONTH.finditer(url):
        found.extend(_plausible(m[1], m[3]))
    for m in _URL_YEAR.finditer(url):
        found.extend(_plausible(m[1]))
    return found


def _plausible(year: str, month: str | None = None, day: str | None = None) -> list[str]:
    """The date as YYYY[-MM[-DD]] in a list, or an empty list when it cannot be a publication date."""
    y, mo, d = int(year), int(month or 1), int(day or 1)
    if not 1990 <= y <= 2100 or not _calendar(y, mo, d):
        return []
    parts = [year, f"{mo:02d}" if month else None, f"{d:02d}" if day else None]
    return ["-".join(p for p in parts if p)]


def _compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)
