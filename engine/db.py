"""Database connection and schema migrations.

SQLite (the embedded default) runs in WAL mode with a busy timeout so that web and worker
processes on one machine can share it; PostgreSQL is the scale-out choice. The schema is
owned by Alembic: `migrate()` upgrades to the newest revision and is safe to call every start.

Two kinds of write transaction (see `session_factory`):

- *locking* (the default): on SQLite `BEGIN IMMEDIATE` takes the database's one write lock at the
  start, so everything the transaction reads stays true until it commits.
- *optimistic* (`optimistic=True`, the operations that run BPMN steps): it begins as a plain read
  and takes the write lock only at its first write statement, so the steps of a slow model run
  without holding it. Whatever it read before may have changed by then: its writes must be checked
  (the instance's version column, conditional UPDATEs), which is why only the step operations use it.
  On SQLite the read snapshot is ended and `BEGIN IMMEDIATE` issued right before that first write
  (a deferred transaction could not upgrade a snapshot another writer has moved past).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.engine import Engine as SAEngine
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .errors import ConfigurationError, ConflictError

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15_000
MIGRATION_LOCK = 0x50_41_4C_56   # "PALV": the advisory lock key held while migrating
OPTIMISTIC = "palvelupolku_optimistic"   # execution option and Session.info key of optimistic transactions
_WRITE_LOCKED = "palvelupolku_write_locked"   # connection.info: this transaction holds SQLite's write lock
_NOT_WRITES = ("SELECT", "PRAGMA", "EXPLAIN", "WITH", "BEGIN")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # isolation_level=None hands transaction control to SQLAlchemy's BEGIN (see "begin" below).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # BEGIN IMMEDIATE takes the write lock at the start of the transaction, so two writers
    # queue on the busy timeout instead of one failing late with "database is locked".
    # An optimistic transaction begins as a read and takes the lock at its first write (below).
    optimistic = bool(conn.get_execution_options().get(OPTIMISTIC))
    conn.info[_WRITE_LOCKED] = not optimistic
    conn.exec_driver_sql("BEGIN" if optimistic else "BEGIN IMMEDIATE")


def _sqlite_lock_before_write(conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
    if conn.info.get(_WRITE_LOCKED, True) or statement.lstrip()[:7].upper().startswith(_NOT_WRITES):
        return
    # End the read snapshot, then queue for the write lock like any writer; the statements that
    # follow see the newest committed state, and the version checks catch what changed meanwhile.
    driver = conn.connection.driver_connection
    try:
        driver.execute("COMMIT")
        driver.execute("BEGIN IMMEDIATE")
    except driver.OperationalError as exc:   # sqlite3's: the busy timeout ran out
        raise ConflictError("The database was busy with another change; try again.", code="db.busy") from exc
    conn.info[_WRITE_LOCKED] = True


def _sqlite_deferred_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def connect(url: str, *, writer: bool = True) -> SAEngine:
    """Create a SQLAlchemy engine for `url`, with SQLite tuned for several processes.

    On SQLite a writer engine begins every transaction with BEGIN IMMEDIATE; a reader engine
    (writer=False) keeps SQLite's deferred BEGIN, so in WAL mode reads never wait for writers.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigurationError(f"The database URL '{url}' is not valid: {exc}.") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin if writer else _sqlite_deferred_begin)
        if writer:
            event.listen(engine, "before_cursor_execute", _sqlite_lock_before_write)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    raise ConfigurationError(
        f"The database '{parsed.get_backend_name()}' is not supported; use sqlite:/// or postgresql+psycopg://.")


def session_factory(engine: SAEngine, *, optimistic: bool = False) -> sessionmaker[Session]:
    """Sessions on `engine`; optimistic ones (a writer engine's) take the write lock only to write."""
    if optimistic:
        return sessionmaker(engine.execution_options(**{OPTIMISTIC: True}), expire_on_commit=False,
                            info={OPTIMISTIC: True})
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: SAEngine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        url = engine.url.render_as_string(hide_password=False)
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # configparser interpolation
    return config


def _pragma(connection: Connection, statement: str) -> None:
    # On the driver's connection, outside any transaction (where SQLite ignores `foreign_keys`).
    connection.connection.driver_connection.execute(statement)  # type: ignore[union-attr]


def migrate(engine: SAEngine) -> None:
    """Upgrade the schema to the newest migration."""
    config = alembic_config(engine)
    sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as connection:
            if sqlite:
                # SQLite cannot alter a column, so a batch migration rebuilds the table (0016: customers);
                # with foreign keys on, dropping the old table would delete every row referring to it by
                # ON DELETE CASCADE (the customers' contacts). SQLite's own recipe: keys off outside the
                # transaction, check them before the commit, on again.
                _pragma(connection, "PRAGMA foreign_keys=OFF")
            try:
                with connection.begin():
                    if engine.dialect.name == "postgresql":
                        # several web and worker processes start at once: one migrates, the rest wait and
                        # find the schema current (PostgreSQL's DDL is transactional, so the lock covers it all)
                        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")
                    if sqlite and (broken := connection.exec_driver_sql("PRAGMA foreign_key_check").first()):
                        raise ConfigurationError(f"Migrating the database would break a reference from table "
                                                 f"'{broken[0]}' to '{broken[2]}'; nothing was changed.",
                                                 code="db.migration_breaks_reference",
                                                 params={"table": broken[0], "target": broken[2]})
            finally:
                if sqlite:
                    _pragma(connection, "PRAGMA foreign_keys=ON")
    except OperationalError as exc:
        raise ConfigurationError(f"The database {engine.url!r} cannot be reached or migrated: {exc.orig}.") from exc

