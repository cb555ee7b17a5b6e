"""Fixtures for the end-to-end tests; they live in e2e_support.py, a module
name that cannot clash with other test folders' conftest modules."""

from __future__ import annotations

# Whatever pytest's import mode, the tests import helpers from this folder
# (pytest.ini puts it on the path).
from e2e_support import backend_url, browser_context, output_dir, service_worker, site  # noqa: F401
