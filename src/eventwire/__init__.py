"""eventwire: source-attributed political events from news articles."""

__version__ = "0.1.0"

from .pipeline import Extractor, extract
from .records import Article, Entity, Event, Location

__all__ = ["Article", "Entity", "Event", "Extractor", "Location", "extract"]
