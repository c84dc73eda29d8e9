"""The reliability figures of the README: each test measures one row of the table.

CI runs them with small counts; `make reliability` runs the full counts of the issue
(PALVELUPOLKU_RELIABILITY=full) and `tools/reliability_table.py` prints the table from the JSON
each test leaves in test-artifacts/reliability/.
"""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

FULL = os.environ.get("PALVELUPOLKU_RELIABILITY") == "full"
FIGURES = Path(__file__).resolve().parents[2] / "test-artifacts" / "reliability"


def scale(ci: int, full: int) -> int:
    """`full` under `make reliability`, `ci` otherwise."""
    return full if FULL else ci


def dialect(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def record(figure: str, database: str, **values: Any) -> None:
    """Leave one measured figure for the README's table."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    values = {"figure": figure, "database": database, "full": FULL, "machine": f"{platform.machine()}, "
              f"{os.cpu_count()} cores, Python {platform.python_version()}", **values}
    (FIGURES / f"{figure}-{database}.json").write_text(json.dumps(values, indent=2, default=str) + "\n")
