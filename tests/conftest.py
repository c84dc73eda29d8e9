"""Shared fixtures: a fresh database per test, on SQLite and (where available) PostgreSQL.

PostgreSQL tests use PALVELUPOLKU_TEST_POSTGRES_URL; each test gets its own schema. Without
that URL they skip, unless PALVELUPOLKU_REQUIRE_POSTGRES=1 (CI), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from engine import Engine, ManualClock

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "engine" / "data"
POSTGRES_URL = os.environ.get("PALVELUPOLKU_TEST_POSTGRES_URL", "")
REQUIRE_POSTGRES = os.environ.get("PALVELUPOLKU_REQUIRE_POSTGRES") == "1"
START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def need_postgres() -> str:
    if POSTGRES_URL:
        return POSTGRES_URL
    if REQUIRE_POSTGRES:
        pytest.fail("PALVELUPOLKU_REQUIRE_POSTGRES=1 but PALVELUPOLKU_TEST_POSTGRES_URL is not set.")
    pytest.skip("PostgreSQL tests need PALVELUPOLKU_TEST_POSTGRES_URL (set by .ci/run).")


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema, dropped afterwards."""
    base = need_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def eng(db_url: str, clock: ManualClock) -> Iterator[Engine]:
    engine = Engine(db_url, clock=clock)
    yield engine
    engine.dispose()


@pytest.fixture
def people(eng: Engine) -> Engine:
    """The test office: two experts, a manager, an owner; one customer."""
    eng.add_user("asiantuntija", roles=["expert"], groups=["TE-asiantuntijat"], password="salasana-1-kokeilu")
    eng.add_user("toinen", roles=["expert"], groups=["TE-asiantuntijat"], password="salasana-2-kokeilu")
    eng.add_user("esimies", roles=["manager"], groups=["Palveluesimiehet"], password="salasana-3-kokeilu")
    eng.add_user("ulkopuolinen", roles=["expert"], groups=["ELY-asiantuntijat"], password="salasana-4-kokeilu")
    eng.add_customer("0112038-9", name="Oy Esimerkki Ab")
    return eng


@pytest.fixture
def kokeilu(people: Engine) -> Engine:
    """People plus the test process `kokeilu` deployed."""
    people.deploy(DATA / "kokeilu.bpmn")
    return people
