"""`eventwire serve`: a read API, a token-guarded ingest endpoint and server-rendered pages over the store.

`app.py` builds the FastAPI application (`create_app`), `api.py` is the JSON API under /api/, `pages.py` the
HTML pages (Jinja2 templates in `templates/`), `data.py` what both read from the store, `commands.py` the
command line.
"""
