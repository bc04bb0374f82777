"""The JSON API under /api/ (described at /openapi.json)."""

from __future__ import annotations

import io
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel
from sqlalchemy import Connection

from eventwire.readers import ReadProblem, read_articles, valid_date
from eventwire.store import query

from . import data
from .app import connection, reader_guard, require_token

MAX_BODY = 20 * 1024 * 1024

router = APIRouter(tags=["api"])
Conn = Annotated[Connection, Depends(connection)]
Many = Annotated[list[str], Query(description="repeat the parameter or give a comma list for 'any of'")]
Sort = Literal["ingested", "-ingested", "date", "-date"]


def _date(value: str | None, name: str) -> str | None:
    if value and not valid_date(value):
        raise HTTPException(422, f"{name}: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value or None


def event_params(
    actor: Many = [],  # noqa: B006 (FastAPI copies defaults)
    recipient: Many = [],  # noqa: B006
    type: Many = [],  # noqa: B006
    mode: Many = [],  # noqa: B006
    since: Annotated[str | None, Query(description="event date on or after YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, Query(description="event date on or before YYYY[-MM[-DD]]")] = None,
    certainty: Many = [],  # noqa: B006
    language: Many = [],  # noqa: B006
    outlet: Annotated[list[str], Query()] = [],  # noqa: B006
    said_by: Annotated[list[str], Query(description="a source's code or words of its name; - for the article's "
                                                    "own voice")] = [],  # noqa: B006
    text: Annotated[str | None, Query(description="full-text search in the event sentence")] = None,
    article: Many = [],  # noqa: B006
) -> data.EventParams:
    return data.EventParams(actor, recipient, type, mode, _date(since, "since"), _date(until, "until"), certainty,
                            language, outlet, said_by, text or None, article)


Params = Annotated[data.EventParams, Depends(event_params)]


@router.get("/events", dependencies=[Depends(reader_guard)], summary="Events, filtered and paged")
def list_events(
    conn: Conn,
    params: Params,
    limit: Annotated[int, Query(ge=1, le=data.MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    sort: Sort = "ingested",
) -> dict:
    return data.event_page(conn, params, offset, limit, sort)


@router.get("/articles", dependencies=[Depends(reader_guard)], summary="Articles, in ingestion order")
def list_articles(
    conn: Conn,
    id: Many = [],  # noqa: B006
    language: Many = [],  # noqa: B006
    outlet: Annotated[list[str], Query()] = [],  # noqa: B006
    since: str | None = None,
    until: str | None = None,
    limit: Annotated[int, Query(ge=1, le=data.MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict:
    flt = query.ArticleFilter(ids=data.split(id), language=data.split(language), outlet=outlet,
                              since=_date(since, "since"), until=_date(until, "until"), limit=offset + limit)
    found = list(query.articles(conn, flt))[offset:]
    return {"offset": offset, "limit": limit, "articles": found}


@router.get("/articles/{article_id}", dependencies=[Depends(reader_guard)], summary="An article: text and events")
def get_article(conn: Conn, article_id: str) -> dict:
    record = data.article(conn, article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r}")
    record["events"] = record.pop("event_records")
    return record


@router.get("/stories", dependencies=[Depends(reader_guard)], summary="Stories, latest first")
def list_stories(conn: Conn, limit: Annotated[int, Query(ge=1, le=data.MAX_LIMIT)] = 100) -> dict:
    return {"stories": data.stories(conn, limit)}


@router.get("/stories/{story_id}", dependencies=[Depends(reader_guard)],
            summary="A story: its articles and corroborated timeline")
def get_story(conn: Conn, story_id: str) -> dict:
    found = data.story(conn, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return found


@router.get("/actors", dependencies=[Depends(reader_guard)],
            summary="Actor codes with their event counts, as actor and as recipient")
def list_actors(conn: Conn, params: Params, limit: Annotated[int, Query(ge=1, le=data.MAX_LIMIT)] = 100) -> dict:
    return {"actors": query.actor_counts(conn, params.to_filter(), limit=limit)}


@router.get("/actors/{code}", dependencies=[Depends(reader_guard)], summary="An actor's events and counterparts")
def get_actor(conn: Conn, code: str) -> dict:
    return data.actor(conn, code)


class IngestResult(BaseModel):
    summary: str
    read: int
    problems: list[str]


@router.post(
    "/ingest",
    dependencies=[Depends(require_token)],
    summary="Extract events from JSONL articles into the store",
    description="The body is JSONL, one article per line (`{id, url, date, lang, title, text}`, only `text` "
    "required), as `eventwire ingest` reads it. Requires `Authorization: Bearer $EVENTWIRE_TOKEN`.",
    response_model=IngestResult,
    openapi_extra={"requestBody": {"required": True, "content": {"application/x-ndjson": {"schema": {
        "type": "string"}}}}},
)
async def ingest(request: Request) -> IngestResult:
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HTTPException(413, f"the body is over {MAX_BODY} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(400, "the body is not UTF-8") from exc
    if not text.strip():
        raise HTTPException(400, "the body is empty: send one JSON article per line")
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_ingest, request.app.state.store, text)


def _ingest(store, text: str) -> IngestResult:
    from eventwire.store.ingest import Ingestor

    problems: list[ReadProblem] = []
    if not text.lstrip().startswith("{"):
        raise HTTPException(400, "the body is not JSONL: send one JSON article per line")
    articles = read_articles(["-"], on_problem=problems.append, stdin=io.StringIO(text))
    with store.write_lock:
        report = Ingestor(store.writer()).run(articles)
    return IngestResult(summary=report.summary(), read=report.read, problems=[str(p) for p in problems])
