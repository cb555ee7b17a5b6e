"""schemathesis against the live app (WSGI, in-process), driven by the app's
own /api/v1/openapi.json: every documented operation, valid and invalid
requests, undeclared methods; each answer checked against the document
(status documented, body and required headers matching, no 5xx).

Bounded and repeatable: at most 50 generated examples per operation,
derandomized, no example database. schemathesis leaves out the operation
that serves the document itself; test_openapi.py checks that one.
"""

from __future__ import annotations

from unittest import mock

import schemathesis
from hypothesis import HealthCheck, settings

from sidenote import create_app
from sidenote.links.fetch import FetchResult

app = create_app({"TESTING": True, "REDIS_URL": None, "RATE_LIMIT": 0})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)

ATTEMPTED: list[str] = []


def _no_fetch(urls: list[str], policy: object) -> dict[str, FetchResult]:
    # Generated HTML with follow_links could hold a public link; a test here
    # never sends traffic off this machine, so nothing is fetched.
    ATTEMPTED.extend(urls)
    return {u: FetchResult(u, "refused") for u in urls}


@schema.parametrize()
@settings(
    max_examples=50,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
def test_the_api_keeps_its_document(case: schemathesis.Case) -> None:
    with mock.patch("sidenote.links.fetch_all", _no_fetch):
        case.call_and_validate()
