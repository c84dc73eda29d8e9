"""`palvelupolku bench --quick`: the harness runs end to end and reports every figure of issue 7.

This checks the harness (shape, ids, numbers measured, ratios), not the timings: CI's machine is
too noisy for bars. The data set is generated once per module and reused by the second run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from bench.runner import IDS, run
from tests.conftest import ROOT, need_postgres


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench")


def check_report(report: dict[str, Any], databases: set[str]) -> None:
    assert report["mode"] == "quick"
    assert report["machine"]["cores"] >= 1 and report["machine"]["python"]
    assert {d["dialect"] for d in report["database"]} == databases
    assert all(d["version"] for d in report["database"])
    figures = report["figures"]
    assert {f["id"] for f in figures} == set(IDS)
    for f in figures:
        assert set(f) >= {"id", "value", "unit", "baseline", "ratio", "bar", "ok", "database"}
        if f["skipped"]:
            assert f["ok"] is None and f["value"] is None and f["ratio"] is None, f
            continue
        assert f["value"] > 0 and f["baseline"] > 0, f
        assert f["ratio"] == pytest.approx(f["value"] / f["baseline"], rel=1e-3), f
        assert isinstance(f["ok"], bool), f
        assert f["samples"] > 0, f
    for db in databases:   # the engine and query figures are measured on every database
        assert {f["id"] for f in figures if f["database"] == db} >= {"E1", "E2", "E3", "E4", "Q1", "Q2", "Q3"}
    e2 = [f for f in figures if f["id"] == "E2"]
    for f in e2:   # the raw baseline ran the very same path: as many completions as the engine
        assert f["extra"]["raw_completions"] == f["samples"]


def test_quick_bench_in_process_on_sqlite(data_dir: Path) -> None:
    report = run(quick=True, data_dir=data_dir)
    check_report(report, {"sqlite"})
    h1 = [f for f in report["figures"] if f["id"] == "H1"]
    assert len(h1) == 2 and all(f["ok"] is None and "PostgreSQL" in f["skipped"] for f in h1)
    m1 = next(f for f in report["figures"] if f["id"] == "M1")
    assert 10 < m1["value"] < 2000   # a real worker's RSS in MB
    assert report["data"][0]["reused"] is False


def test_quick_bench_through_the_cli_prints_one_json_object(data_dir: Path) -> None:
    cli = Path(sys.executable).parent / "palvelupolku"
    env = {k: v for k, v in os.environ.items() if k != "PALVELUPOLKU_BENCH_POSTGRES_URL"}   # SQLite only
    done = subprocess.run([str(cli), "bench", "--quick", "--json", "--data-dir", str(data_dir)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)          # stdout is exactly one JSON object; progress went to stderr
    check_report(report, {"sqlite"})
    assert report["data"][0]["reused"] is True
    assert "E1 on sqlite" in done.stderr


def test_unknown_figure_ids_are_a_usage_error(data_dir: Path) -> None:
    cli = Path(sys.executable).parent / "palvelupolku"
    done = subprocess.run([str(cli), "bench", "--quick", "--only", "E1,X9", "--data-dir", str(data_dir)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "X9" in done.stderr and not done.stdout


@pytest.fixture
def pg_prefix() -> Iterator[tuple[str, str]]:
    base = need_postgres()
    prefix = f"t_{uuid.uuid4().hex[:10]}"
    yield base, prefix
    admin = create_engine(base)
    with admin.begin() as conn:
        for kind in ("engine", "data", "scale", "scale_empty"):
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{prefix}_quick_{kind}" CASCADE'))
    admin.dispose()


@pytest.mark.postgres
def test_quick_bench_on_postgresql_measures_h1(pg_prefix: tuple[str, str], data_dir: Path) -> None:
    base, prefix = pg_prefix
    report = run(quick=True, postgres_url=base, data_dir=data_dir, schema_prefix=prefix, sqlite=False)
    check_report(report, {"postgresql"})
    h1 = [f for f in report["figures"] if f["id"] == "H1"]
    # inbox page and completion, each paced (people working) and flat out (a closed loop)
    assert len(h1) == 4 and all(f["database"] == "postgresql" and f["skipped"] is None for f in h1)
    assert sorted(f["extra"]["pace_s"] > 0 for f in h1) == [False, False, True, True]
    assert all(f["p95"] >= f["median"] > 0 for f in h1)
    assert {f["database"] for f in report["figures"] if f["id"] == "M1"} == {"postgresql"}


def test_profile_puts_every_completion_into_buckets(tmp_path: Path) -> None:
    """`bench --profile --quick`: E1's loop and the raw step under cProfile, by bucket; the SQL buckets are
    the engine's alone (the raw baseline has no database), and the table names every bucket."""
    from bench import profile as profile_mod
    from bench.runner import profile

    found = profile(quick=True, data_dir=tmp_path)
    (engine_side, raw_side), = found["profiles"]
    for side in (engine_side, raw_side):
        assert set(side["buckets"]) == set(profile_mod.BUCKETS) and side["calls"] == 20
        assert abs(sum(side["buckets"].values()) - side["profiled_ms"]) < 1e-6 and side["median_ms"] > 0
    assert engine_side["buckets"]["database driver"] > 0 and engine_side["buckets"]["SQLAlchemy Core and engine"] > 0
    assert raw_side["buckets"]["database driver"] == 0 and raw_side["buckets"]["SQLAlchemy ORM"] == 0
    assert raw_side["buckets"]["SpiffWorkflow serialize"] > 0
    table = found["tables"][0]
    assert all(b in table for b in profile_mod.BUCKETS) and "median without the profiler" in table
