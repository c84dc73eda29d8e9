"""Shared fixtures: a fresh database per test, on SQLite and (where available) PostgreSQL.

PostgreSQL tests use PALVELUPOLKU_TEST_POSTGRES_URL; each test gets its own database. Without
that URL they skip, unless PALVELUPOLKU_REQUIRE_POSTGRES=1 (CI), which turns the skip into a failure.

`db_url` is a database already migrated to the head: the migrations run once per session into a
template (a SQLite file copied per test; on PostgreSQL `CREATE DATABASE ... TEMPLATE`), since running
all of them per test cost 0.2-0.4 s on SQLite and about a second on PostgreSQL, for every test. Where
the server refuses to create databases, each test gets a schema of its own and migrates it.
`pg_schema_url` is always an empty schema (the install tests migrate it themselves).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from engine import Engine, ManualClock
from engine.runtime import passwords

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "engine" / "data"
POSTGRES_URL = os.environ.get("PALVELUPOLKU_TEST_POSTGRES_URL", "")
REQUIRE_POSTGRES = os.environ.get("PALVELUPOLKU_REQUIRE_POSTGRES") == "1"
START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)

# scrypt at the production cost (N = 2**15) takes 0.1-1 s a hash on a busy 2-core machine, and the suite
# creates thousands of users. A stored hash carries its own N, so it verifies whatever cost made it; the
# production cost itself is asserted in tests/engine/test_accounts.py. Subprocesses (gunicorn, the CLI)
# hash at the production cost.
PRODUCTION_SCRYPT_N = passwords.N
passwords.N = 2**10


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


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to the head, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    Engine(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str | None]:
    """The name of a PostgreSQL database migrated to the head, or None where databases cannot be created."""
    base = need_postgres()
    name = f"t_template_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except DBAPIError:                  # no CREATEDB: fresh schemas, migrated per test
        admin.dispose()
        yield None
        return
    Engine(make_url(base).set(database=name).render_as_string(hide_password=False)).dispose()
    try:
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_database_url(pg_template: str | None) -> Iterator[str]:
    """A database of its own, copied from the migrated template, dropped afterwards (even with connections
    a test's subprocess left open)."""
    base = need_postgres()
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database of the test's own, migrated to the head."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    if request.getfixturevalue("pg_template") is None:
        return str(request.getfixturevalue("pg_schema_url"))
    return str(request.getfixturevalue("pg_database_url"))


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
