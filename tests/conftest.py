"""Fixtures shared by the test modules."""

from __future__ import annotations

import pytest

from eventwire.pipeline import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One extractor (model, lexicons, codebook) for every test that runs sentences of our own."""
    return Extractor()
