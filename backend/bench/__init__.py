"""The speed figures (`make bench`, `make soak`), importable as ``sidenote_bench`` (backend/pyproject.toml)."""
