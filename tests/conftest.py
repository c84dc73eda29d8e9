"""Shared fixtures: a fresh database per test, on SQLite and (where available) PostgreSQL.

PostgreSQL tests use PALVELUPOLKU_TEST_POSTGRES_URL; each test gets its own database. Without
that URL they skip, unless PALVELUPOLKU_REQUIRE_POSTGRES=1 (CI), which turns the skip into a failure.

`db_url` is a database already migrated to the head: the migrations run once per session into a
template (a SQLite file copied per test; on PostgreSQL `CREATE DATABASE ... TEMPLATE`), since running
all of them per test cost 0.2-0.4 s on SQLite and about a second on PostgreSQL, for every test. Where
the server refuses to create databases, each test gets a schema of its own and migrates it.
`pg_schema_url` is always an empty schema (the install tests migrate it themselves).

`demo_db_url` (and `demo_templates` for the browser tests' servers) is `make run`'s demo data the same way:
deploying the processes and seeding took 3-4 s on SQLite and about 8 s on PostgreSQL per test or module; it is
seeded once per session and copied. The seed's story is told relative to the real day it is seeded on (due
dates, overdue aftercare, the day's scores), so a session that passes Helsinki midnight seeds the new day anew.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from engine import Engine, ManualClock, system_clock
from engine.clock import HELSINKI
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


class PgCopies:
    """Copies of the migrated template, each made while the test before it runs and dropped while the test
    after it runs, by one thread of their own: a copy took 0.3-0.9 s of every PostgreSQL test's setup.
    Each test still gets a fresh copy that no other test has touched. An error of the thread is raised in
    the test that takes the next copy."""

    def __init__(self, base: str, template: str) -> None:
        self.template = template
        self.admin = create_engine(base, isolation_level="AUTOCOMMIT")
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-copies")
        self.drops: list[Future[None]] = []
        self.spare = self.thread.submit(self._create)

    def _create(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"'))
        return name

    def _drop(self, name: str) -> None:
        with self.admin.connect() as conn:     # even with connections a test's subprocess left open
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def take(self) -> str:
        for done in [d for d in self.drops if d.done()]:
            self.drops.remove(done)
            done.result()
        name = self.spare.result()
        self.spare = self.thread.submit(self._create)
        return name

    def give_back(self, name: str) -> None:
        self.drops.append(self.thread.submit(self._drop, name))

    def close(self) -> None:
        try:
            self.give_back(self.spare.result())
            for drop in self.drops:
                drop.result()
        finally:
            self.thread.shutdown(wait=True)
            self.admin.dispose()


@pytest.fixture(scope="session")
def pg_copies(pg_template: str | None) -> Iterator[PgCopies]:
    copies = PgCopies(need_postgres(), str(pg_template))
    try:
        yield copies
    finally:
        copies.close()


@pytest.fixture
def pg_database_url(pg_copies: PgCopies) -> Iterator[str]:
    """A database of its own, copied from the migrated template, dropped afterwards."""
    name = pg_copies.take()
    try:
        yield make_url(need_postgres()).set(database=name).render_as_string(hide_password=False)
    finally:
        pg_copies.give_back(name)


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


def _seed_demo(url: str) -> None:
    """`make run`'s data into a migrated database: the processes deployed, the demo seeded on the real clock."""
    from engine.demo.seed import seed

    eng = Engine(url, run_migrations=False)
    try:
        eng.deploy(ROOT / "processes")
        seed(eng)
    finally:
        eng.dispose()


def _helsinki_today() -> date:
    return system_clock().astimezone(HELSINKI).date()


class DemoTemplates:
    """The demo data seeded once per database kind and Helsinki day, copied for each user."""

    def __init__(self, folder: Path, sqlite_template: Path) -> None:
        self.folder = folder
        self.sqlite_template = sqlite_template
        self.sqlite_files: dict[date, Path] = {}
        self.pg_databases: dict[date, str] = {}

    def sqlite(self, target: Path) -> str:
        """A copy of the day's seeded SQLite file at `target`; its URL."""
        day = _helsinki_today()
        if day not in self.sqlite_files:
            path = self.folder / f"demo-{day.isoformat()}.db"
            shutil.copyfile(self.sqlite_template, path)
            _seed_demo(f"sqlite:///{path}")
            self.sqlite_files[day] = path
        shutil.copyfile(self.sqlite_files[day], target)
        return f"sqlite:///{target}"

    def postgresql(self, pg_template: str) -> str:
        """The name of the day's seeded PostgreSQL database, made from the migrated template."""
        day = _helsinki_today()
        if day not in self.pg_databases:
            name = f"t_demo_{uuid.uuid4().hex[:8]}"
            admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
            try:
                with admin.connect() as conn:
                    conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
            finally:
                admin.dispose()
            self.pg_databases[day] = name
            _seed_demo(make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False))
        return self.pg_databases[day]

    def drop(self) -> None:
        if not self.pg_databases:
            return
        admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                for name in self.pg_databases.values():
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            admin.dispose()


@pytest.fixture(scope="session")
def demo_templates(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[DemoTemplates]:
    templates = DemoTemplates(tmp_path_factory.mktemp("demo-template"), sqlite_template)
    try:
        yield templates
    finally:
        templates.drop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def demo_db_url(request: pytest.FixtureRequest, tmp_path: Path, demo_templates: DemoTemplates) -> Iterator[str]:
    """A database of the test's own holding `make run`'s demo data, copied from the day's seeded template."""
    if request.param == "sqlite":
        yield demo_templates.sqlite(tmp_path / "demo.db")
        return
    pg_template = request.getfixturevalue("pg_template")
    if pg_template is None:                 # no CREATEDB: a fresh schema, migrated and seeded for this test
        url = str(request.getfixturevalue("pg_schema_url"))
        Engine(url).dispose()
        _seed_demo(url)
        yield url
        return
    seeded = demo_templates.postgresql(pg_template)
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{seeded}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


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
