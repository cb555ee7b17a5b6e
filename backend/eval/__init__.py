"""The evaluation scripts (`make eval`), importable as ``sidenote_eval`` (backend/pyproject.toml)."""
