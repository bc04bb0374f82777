"""Imported by the fork server of `eventwire ingest --workers N` (N > 1), before it forks the workers: the
spaCy models and the built-in actor lexicon are loaded here once, and every worker starts with them."""

from eventwire.actors import ActorLexicon
from eventwire.nlp import MODELS, load_model
from eventwire.store import worker  # noqa: F401  (what the workers run)

for _lang in MODELS:
    load_model(_lang)
ActorLexicon.load()
