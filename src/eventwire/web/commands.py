"""`eventwire serve`: the web app and API over the store."""

from __future__ import annotations

import argparse
import os
import sys

from eventwire.store import DB_ENV, DEFAULT_DB, StoreError

TOKEN_ENV = "EVENTWIRE_TOKEN"


def add_web_commands(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser("serve", help="the web pages and the JSON API over the store")
    serve.add_argument("--db", help=f"the store: a SQLite file or a postgresql:// URL (default: ${DB_ENV}, "
                                    f"else ./{DEFAULT_DB})")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="default 8000")
    serve.add_argument("--protect-reads", action="store_true",
                       help=f"require the ${TOKEN_ENV} bearer token for the pages and read endpoints too")
    serve.set_defaults(run=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app

    token = os.environ.get(TOKEN_ENV) or None
    if args.protect_reads and not token:
        print(f"eventwire serve: --protect-reads needs ${TOKEN_ENV}", file=sys.stderr)
        return 2
    try:
        app = create_app(args.db, token, protect_reads=args.protect_reads)
    except StoreError as exc:
        print(f"eventwire serve: {exc}", file=sys.stderr)
        return 2
    if not token:
        print(f"eventwire serve: ${TOKEN_ENV} is not set: POST /api/ingest is refused", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
