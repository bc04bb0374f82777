"""Server-rendered pages (Jinja2, autoescaped; no JavaScript)."""

from __future__ import annotations

import math
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import data
from .api import Conn, Params, Sort
from .app import HERE, reader_guard

PAGE_SIZE = 50
COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
          "#9c755f", "#bab0ac", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#17becf"]

env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
router = APIRouter(include_in_schema=False, dependencies=[Depends(reader_guard)])


def render(name: str, **context) -> HTMLResponse:
    return HTMLResponse(env.get_template(name).render(**context))


def chain(said_by: list[dict]) -> str:
    return " › ".join(e.get("name") or e.get("entity_text") or "?" for e in said_by) if said_by else "(article)"


def codes(entities: list[dict]) -> str:
    return " ".join(e.get("code") or e.get("sector") or e.get("entity_text") or "?" for e in entities) or "—"


def web_url(url: str | None) -> str | None:
    """Only http(s) links are shown: a `javascript:` URL from an article must not become a link."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


env.filters["chain"] = chain
env.filters["web_url"] = web_url
env.filters["codes"] = codes


def bar_chart(months: dict[str, dict[str, int]], width: int = 760, height: int = 220) -> dict:
    """Stacked bars (one per month, by event type) as plain SVG coordinates."""
    types = sorted({t for counts in months.values() for t in counts})
    color = {t: COLORS[i % len(COLORS)] for i, t in enumerate(types)}
    peak = max((sum(c.values()) for c in months.values()), default=0) or 1
    n = max(len(months), 1)
    step = (width - 40) / n
    bars = []
    for i, (month, counts) in enumerate(months.items()):
        y = height - 20
        rects = []
        for t in types:
            h = counts.get(t, 0) * (height - 40) / peak
            if h:
                y -= h
                rects.append({"y": round(y, 1), "h": round(h, 1), "color": color[t],
                              "label": f"{month} {t}: {counts[t]}"})
        bars.append({"x": round(30 + i * step, 1), "w": round(max(step * 0.8, 1), 1), "month": month,
                     "rects": rects, "total": sum(counts.values())})
    return {"width": width, "height": height, "bars": bars, "legend": [(t, color[t]) for t in types], "peak": peak,
            "label_every": max(1, math.ceil(n / 12))}


def network(center: str, partners: list[dict], size: int = 360) -> dict:
    """The actor in the middle, its counterparts on a circle; line width by number of events."""
    merged: dict[str, int] = {}
    for p in partners:
        merged[p["code"]] = merged.get(p["code"], 0) + p["events"]
    top = sorted(merged.items(), key=lambda kv: -kv[1])[:16]
    r, c = size / 2 - 40, size / 2
    most = max((n for _, n in top), default=1)
    nodes = []
    for i, (code, n) in enumerate(top):
        angle = 2 * math.pi * i / max(len(top), 1)
        nodes.append({"code": code, "events": n, "x": round(c + r * math.cos(angle), 1),
                      "y": round(c + r * math.sin(angle), 1), "stroke": round(1 + 5 * n / most, 1)})
    return {"size": size, "cx": c, "cy": c, "center": center, "nodes": nodes}


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, conn: Conn) -> HTMLResponse:
    info = data.overview(conn)
    return render("overview.html", info=info, chart=bar_chart(info["months"]))


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    conn: Conn,
    params: Params,
    page: Annotated[int, Query(ge=1)] = 1,
    sort: Sort = "-date",
) -> HTMLResponse:
    result = data.event_page(conn, params, (page - 1) * PAGE_SIZE, PAGE_SIZE, sort)
    pages = max(1, math.ceil(result["total"] / PAGE_SIZE))
    base = [*params.query_items(), ("sort", sort)]

    def link(n: int) -> str:
        return "/events?" + urlencode([*base, ("page", str(n))])

    return render("events.html", result=result, params=params, page=page, pages=pages, sort=sort,
                  prev_link=link(page - 1) if page > 1 else None,
                  next_link=link(page + 1) if page < pages else None)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, conn: Conn, article_id: str) -> HTMLResponse:
    record = data.article(conn, article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r}")
    evs = record["event_records"]
    return render("article.html", article=record, events=evs, pieces=data.highlighted(record["text"] or "", evs))


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor(request: Request, conn: Conn, code: str) -> HTMLResponse:
    info = data.actor(conn, code)
    return render("actor.html", info=info, net=network(info["code"], info["partners"]))


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, conn: Conn) -> HTMLResponse:
    return render("stories.html", stories=data.stories(conn, 500))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, conn: Conn, story_id: str) -> HTMLResponse:
    found = data.story(conn, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return render("story.html", story=found)
