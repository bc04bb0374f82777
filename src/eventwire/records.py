"""The records eventwire reads and writes (SPEC §1, §2, §4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Certainty = Literal["asserted", "hedged", "denied", "planned"]
Precision = Literal["day", "month", "year"]

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip


@dataclass
class Article:
    """One input article (SPEC §1). Only `text` is required."""

    text: str
    id: str | None = None
    url: str | None = None
    date: str | None = None  # publication date: YYYY, YYYY-MM or YYYY-MM-DD
    lang: str | None = None
    title: str | None = None
    media: list[dict[str, str]] = field(default_factory=list)  # [{"alt", "url"}] set aside from the body
    source: str | None = None  # where it was read from: "file:line" or a file name
    outlet: str | None = None  # the publication, when the input names it (a page's site name, a feed's title)


class Entity(BaseModel):
    """An actor, recipient or source (SPEC §4)."""

    model_config = ConfigDict(extra="forbid")

    entity_text: str
    code: str | None = None
    sector: str | None = None
    name: str | None = None


class Location(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    code: str | None = None


class Event(BaseModel):
    """One coded event (SPEC §2)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    article_id: str
    event: EventType
    mode: str | None = None
    actor: list[Entity]
    recipient: list[Entity] = Field(default_factory=list)
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    date_precision: Precision | None = None
    date_text: str | None = None
    event_loc: Location | None = None
    certainty: Certainty
    said_by: list[Entity] = Field(default_factory=list)
    event_text: str
    span: tuple[int, int]
    language: str
