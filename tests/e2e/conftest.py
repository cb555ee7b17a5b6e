"""Fixtures for the end-to-end tests; they live in e2e_support.py, a module
name that cannot clash with other test folders' conftest modules."""

from __future__ import annotations

import sys
from pathlib import Path

# Whatever pytest's import mode, the tests import helpers from this folder.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from e2e_support import backend_url, browser_context, output_dir, service_worker, site  # noqa: E402, F401
