"""The FastAPI application: `create_app(db_url, token)`."""

from __future__ import annotations

import hmac
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Connection
from sqlalchemy.engine import URL

from eventwire import __version__
from eventwire.store import StoreError
from eventwire.store.db import open_store, resolve_url

HERE = Path(__file__).parent


class Store:
    """The engines on the store: one for reading, one (made on the first ingest) for writing."""

    def __init__(self, url: URL) -> None:
        self.url = url
        self.reader = open_store(url, create=True)
        self._writer = None
        self.write_lock = threading.Lock()  # one ingest at a time in this process

    def writer(self):
        if self._writer is None:
            self._writer = open_store(self.url, create=True, writer=True)
        return self._writer

    def dispose(self) -> None:
        self.reader.dispose()
        if self._writer is not None:
            self._writer.dispose()


def token_matches(request: Request, token: str | None) -> bool:
    if not token:
        return False
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode())


def require_token(request: Request) -> None:
    """The ingest guard: 403 when the server has no token, 401 when the request does not carry it."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "ingest is disabled: start the server with EVENTWIRE_TOKEN set")
    if not token_matches(request, token):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})


def reader_guard(request: Request) -> None:
    """Reads are open unless the server was started with --protect-reads."""
    if request.app.state.protect_reads and not token_matches(request, request.app.state.token):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})


def connection(request: Request) -> Iterator[Connection]:
    with request.app.state.store.reader.connect() as conn:
        yield conn


def create_app(db_url: str | URL | None = None, token: str | None = None, *, protect_reads: bool = False) -> FastAPI:
    """The web app over the store at `db_url` (else EVENTWIRE_DB, else ./eventwire.db; made when missing).
    `token`: the bearer token POST /api/ingest requires (ingest is refused without one). `protect_reads`: the
    read endpoints and pages require it too."""
    from . import api, pages

    url = db_url if isinstance(db_url, URL) else resolve_url(db_url)
    store = Store(url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.dispose()

    app = FastAPI(title="eventwire", version=__version__,
                  description="Source-attributed PLOVER political events extracted from French news.",
                  docs_url="/api/docs", redoc_url=None, lifespan=lifespan)
    app.state.store = store
    app.state.token = token or None
    app.state.protect_reads = protect_reads
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(StoreError)
    async def _store_error(_request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    return app
