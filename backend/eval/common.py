"""Shared by the evaluation scripts: where the data is, how to import the backend."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATASETS = REPO.parent / "shared" / "datasets"
sys.path.insert(0, str(REPO / "backend"))
