"""Fixtures for the backend tests: an app, a test client, the seed article,
and ``doc_through`` (staged.py): a Doc through the stages up to one.

``sidenote`` is installed (pip install -e backend); pytest.ini puts this
folder on the path for the helper modules (handmade.py: Doc builders,
staged.py: Docs through the real stages, ...)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from staged import doc_through as _doc_through

from sidenote import create_app

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


@pytest.fixture
def app():
    # No Redis here: API tests must not depend on, or pollute, a shared server.
    return create_app({"TESTING": True, "REDIS_URL": None, "RATE_LIMIT": 0})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def seed_html() -> str:
    return (SHARED / "fixtures" / "seed-article.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (SHARED / "fixtures" / "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture
def doc_through() -> Callable:
    """``doc_through("attribution", text)``: the Doc after extraction and
    every stage up to and including the one named (staged.py)."""
    return _doc_through
