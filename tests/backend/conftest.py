"""Fixtures for the backend tests: an app, a test client, the seed article."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "backend"))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # handmade.py: Doc builders

from sidenote import create_app  # noqa: E402


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
