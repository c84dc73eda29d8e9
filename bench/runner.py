"""`palvelupolku bench`: every figure of issue 7 in one run, as a table or as one JSON object.

SQLite always; PostgreSQL too when a URL is given (its figures in their own schemas: `<prefix>_<mode>_engine`,
fresh each run, and `<prefix>_<mode>_data`, kept and reused while its parameters match).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench import data as data_mod
from bench import engine_figures, http_figures, query_figures, scale_figures
from bench import profile as profile_mod
from bench.common import Figure, database, machine

IDS = ("E1", "E2", "E3", "E4", "Q1", "Q2", "Q3", "H1", "M1", "S1")
NO_POSTGRES = "H1 is measured on PostgreSQL only: pass --postgres URL or set PALVELUPOLKU_BENCH_POSTGRES_URL."
QUERY_SAMPLES = {"quick": 10, "full": 200}


def schema_url(base: str, schema: str) -> str:
    """`base` with its search_path set to `schema` (as the tests' PostgreSQL fixture does)."""
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"


def reset_schema(base: str, schema: str) -> None:
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        admin.dispose()


def _remove_sqlite(url: str) -> Callable[[], None]:
    path = Path(make_url(url).database or "")

    def remove() -> None:
        for p in path.parent.glob(path.name + "*"):
            p.unlink()

    return remove


def _describe(url: str) -> dict[str, str]:
    eng = create_engine(url)
    try:
        return {**database(eng), "url": make_url(url).render_as_string(hide_password=True)}
    finally:
        eng.dispose()


def _targets(postgres_url: str | None, data_dir: Path, mode: str, prefix: str) -> list[dict[str, Any]]:
    """Per database: where the engine figures run (fresh) and where the big data set lives (reused)."""
    engine_db = data_dir / f"bench-{mode}-engine.db"
    targets: list[dict[str, Any]] = [{
        "database": "sqlite", "engine_url": f"sqlite:///{engine_db}", "reset_engine": _remove_sqlite(f"sqlite:///{engine_db}"),
        "data_url": f"sqlite:///{data_dir / f'bench-{mode}-data.db'}"}]
    targets[0]["reset_data"] = _remove_sqlite(targets[0]["data_url"])
    if postgres_url:
        engine_schema, data_schema = f"{prefix}_{mode}_engine", f"{prefix}_{mode}_data"
        targets.append({
            "database": "postgresql", "engine_url": schema_url(postgres_url, engine_schema),
            "reset_engine": lambda: reset_schema(postgres_url, engine_schema),
            "data_url": schema_url(postgres_url, data_schema),
            "reset_data": lambda: reset_schema(postgres_url, data_schema)})
    return targets


def _ensure_schema(postgres_url: str, schema: str) -> None:
    admin = create_engine(postgres_url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    finally:
        admin.dispose()


def run(quick: bool = False, postgres_url: str | None = None, data_dir: Path | str = "instance/bench",
        only: set[str] | None = None, schema_prefix: str = "bench", sqlite: bool = True,
        s1_finished: int | None = None) -> dict[str, Any]:
    """Generate (or reuse) the data, measure the figures, and return the report as one dict.

    `sqlite=False` measures PostgreSQL alone (needs `postgres_url`); `s1_finished` is the number of finished
    tasks of S1's large database (default: the issue's 10 million; `--quick`: a few thousand)."""
    started = time.monotonic()
    mode = "quick" if quick else "full"
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    wanted = {i.upper() for i in only} if only else set(IDS)
    unknown = wanted - set(IDS)
    if unknown:
        raise ValueError(f"Unknown figure id(s) {', '.join(sorted(unknown))}; the ids are {', '.join(IDS)}.")

    def chosen(fig_id: str) -> bool:
        return fig_id in wanted

    size = data_mod.QUICK if quick else data_mod.FULL
    engine_counts = engine_figures.QUICK_COUNTS if quick else engine_figures.FULL_COUNTS
    http_counts = http_figures.QUICK_HTTP if quick else http_figures.FULL_HTTP
    figures: list[Figure] = []
    databases, generation = [], []
    targets = [t for t in _targets(postgres_url, data_dir, mode, schema_prefix)
               if sqlite or t["database"] != "sqlite"]
    for target in targets:
        db = target["database"]
        if db == "postgresql" and postgres_url:
            _ensure_schema(postgres_url, f"{schema_prefix}_{mode}_data")
        if wanted & {"E1", "E2", "E3", "E4"}:
            target["reset_engine"]()
            figures += engine_figures.run(target["engine_url"], db, engine_counts, chosen)
        if wanted & {"Q1", "Q2", "Q3", "H1", "M1"}:
            dataset = data_mod.prepare(target["data_url"], size, reset=target["reset_data"])
            generation.append({"database": db, "reused": dataset.reused, "seconds": round(dataset.seconds, 1),
                               "size": size.describe()})
            figures += query_figures.run(dataset, db, QUERY_SAMPLES[mode], chosen)
            http_here = db == "postgresql" or postgres_url is None
            if http_here and wanted & {"H1", "M1"}:
                figures += http_figures.run(dataset, db, http_counts, data_dir, chosen,
                                            None if db == "postgresql" else NO_POSTGRES)
        databases.append(_describe(target["data_url"]))
    if "S1" in wanted:
        s1_size = scale_figures.scale_size(quick, s1_finished)
        if postgres_url:
            generation.append(_scale(postgres_url, f"{schema_prefix}_{mode}", s1_size, quick, figures))
        else:
            figures += scale_figures.not_measured(quick)
    figures.sort(key=lambda f: (IDS.index(f.id), f.database))
    return {"machine": machine(), "database": databases, "mode": mode, "data": generation,
            "seconds": round(time.monotonic() - started, 1), "figures": [f.as_json() for f in figures]}


def profile(quick: bool = False, postgres_url: str | None = None, data_dir: Path | str = "instance/bench",
            schema_prefix: str = "bench") -> dict[str, Any]:
    """`--profile`: E1's loop under cProfile on each database, with the raw baseline's (bench.profile)."""
    mode = "quick" if quick else "full"
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    profiles = []
    for target in _targets(postgres_url, data_dir, mode, schema_prefix):
        target["reset_engine"]()
        profiles.append(profile_mod.run(target["engine_url"], target["database"], 20 if quick else 300))
    return {"machine": machine(), "mode": mode, "profiles": [[p.as_json() for p in pair] for pair in profiles],
            "tables": [profile_mod.to_table(pair) for pair in profiles]}


def _scale(postgres_url: str, prefix: str, size: data_mod.Size, quick: bool, figures: list[Figure]) -> dict[str, Any]:
    """S1: the large data set in `<prefix>_scale` (kept and reused while its size matches), an empty
    database in `<prefix>_scale_empty` (fresh each run)."""
    large, empty = f"{prefix}_scale", f"{prefix}_scale_empty"
    _ensure_schema(postgres_url, large)
    reset_schema(postgres_url, empty)
    dataset = data_mod.prepare(schema_url(postgres_url, large), size,
                               reset=lambda: reset_schema(postgres_url, large))
    counts = scale_figures.QUICK_COUNTS if quick else scale_figures.FULL_COUNTS
    figures += scale_figures.run(schema_url(postgres_url, empty), dataset, counts)
    return {"database": "postgresql (S1)", "reused": dataset.reused, "seconds": round(dataset.seconds, 1),
            "size": size.describe()}


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)


COLUMNS = ("id", "what", "database", "counts", "median", "p95", "baseline", "ratio", "bar", "ok")


def _cell(fig: dict[str, Any], column: str) -> str:
    value = fig.get(column)
    if column == "ok":
        return "skipped" if value is None else "yes" if value else "NO"
    if column in {"median", "p95", "baseline"}:
        if value is None:
            return "-" if column != "median" or fig.get("value") is None else f"{fig['value']:.1f} {fig['unit']}"
        return f"{value:.2f} {fig['unit']}" if value < 100 else f"{value:,.0f} {fig['unit']}"
    if column == "ratio":
        return "-" if value is None else f"{value:.2f}x"
    return str(value if value is not None else "-")


def to_table(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [f"machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, Python {m['python']}, "
             f"SpiffWorkflow {m['spiffworkflow']}, SQLAlchemy {m['sqlalchemy']}, load {m['load_average']}"]
    lines += [f"database: {d['dialect']} {d['version']} ({d['url']})" for d in report["database"]]
    lines += [f"data ({d['database']}): {d['size']}; {'reused' if d['reused'] else 'generated'} in {d['seconds']} s"
              for d in report["data"]]
    lines.append(f"mode: {report['mode']}; run took {report['seconds']} s")
    rows = [list(COLUMNS)] + [[_cell(f, c) for c in COLUMNS] for f in report["figures"]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    widths[1] = min(widths[1], 70)
    lines.append("")
    for r in rows:
        cells = [r[i][: widths[i]].ljust(widths[i]) for i in range(len(COLUMNS))]
        lines.append("  ".join(cells).rstrip())
    reasons = sorted({f["skipped"] for f in report["figures"] if f.get("skipped")})
    if reasons:
        lines += ["", *(f"skipped: {r}" for r in reasons)]
    return "\n".join(lines)
