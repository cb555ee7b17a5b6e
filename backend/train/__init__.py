"""The scripts that learn the shipped weights, importable as ``sidenote_train`` (backend/pyproject.toml)."""
