"""Holding real answers to the backend's own schemas (sidenote/schema.py).

Answers are checked against the strict copies, which forbid any field the
schemas do not describe: a field serialize.py adds, drops or renames fails
here until schema.py (and so /api/v1/openapi.json) says the same.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from sidenote import schema


@cache
def validator(name: str) -> Draft202012Validator:
    root = schema.root(name, schema.strict())
    Draft202012Validator.check_schema(root)
    return Draft202012Validator(root)


def problems(name: str, instance: Any) -> list[str]:
    """Every way ``instance`` breaks schema ``name``, as readable lines."""
    errors = sorted(validator(name).iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors]


def assert_valid(name: str, instance: Any) -> None:
    found = problems(name, instance)
    assert not found, f"{name} breaks its schema:\n" + "\n".join(found[:20])
