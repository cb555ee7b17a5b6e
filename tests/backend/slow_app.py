"""The real app, with two test-only behaviours for tests/backend/
test_server_limits.py, which serves it with gunicorn:

- a text starting "please sleep" sleeps before analysis, as a request
  stuck past gunicorn's timeout would (outside the analysis deadline's reach);
- a text starting "please fail" makes a stage raise, with the text in the
  exception's message (the logs must not show it).
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask

from sidenote import create_app as real_create_app
from sidenote import pipeline


def create_app() -> Flask:
    app = real_create_app()
    analyze_text = pipeline.analyze_text

    def patched(text: str, *args: Any, **kwargs: Any) -> Any:
        if text.startswith("please sleep"):
            time.sleep(120)
        if text.startswith("please fail"):
            raise ValueError(f"cannot read {text}")
        return analyze_text(text, *args, **kwargs)

    pipeline.analyze_text = patched
    return app
