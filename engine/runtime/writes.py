"""A step's writes, sent to the database together.

`persist` writes a step as a handful of prebuilt Core statements (the instance's version-checked UPDATE,
the completed task's checked UPDATE, new task rows, trail marks, audit events). On PostgreSQL each would
cost a round trip, and the server would sit idle while the next one is built; with psycopg they are
queued here and sent in one pipeline: one round trip, the server working through them while they arrive.
Elsewhere (SQLite, in process: no round trip to save) each runs at once, exactly as before.

Either way the statements run in order, in the session's transaction, and a checked one (`rows=`) that
touched another number of rows raises StaleDataError: the whole transaction is then rolled back, as
for a stale write made alone. A pipeline reports its results only at its end, so one statement's
failure can hide a stale check before it (two racing completions insert the same new task row): the
stale check wins, as it would have when sent alone. Whoever reads between writes calls `send` first,
so every read sees the writes queued before it, as it did statement by statement.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql import Executable
from sqlalchemy.sql.compiler import Compiled

log = logging.getLogger(__name__)

Params = Mapping[str, Any] | Sequence[Mapping[str, Any]]   # one row, or rows for an executemany


@dataclass
class _Write:
    statement: Executable
    params: Params
    rows: int | None      # the row count it must report (a checked write), else None
    stale: str            # StaleDataError's message when it does not


class Writes:
    """The writes of one `persist`, in the session's transaction: run at once, or queued for one pipeline."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.connection = session.connection()
        self.pipelined = self.connection.dialect.driver == "psycopg" and _pipelines()
        self._queued: list[_Write] = []

    def add(self, statement: Executable, params: Params, *, rows: int | None = None, stale: str = "") -> None:
        """Write `statement` with `params` (a list: one execution per row); with `rows`, it must touch
        exactly that many rows or the transaction is stale."""
        write = _Write(statement, params, rows, stale)
        if self.pipelined:
            self._queued.append(write)
        else:
            self._run(write)

    def send(self) -> None:
        """Send what is queued (nothing to do where writes run at once)."""
        queued, self._queued = self._queued, []
        if len(queued) > 1:
            _pipeline(self.connection, queued)
        elif queued:
            self._run(queued[0])

    def _run(self, write: _Write) -> None:
        result = self.connection.execute(write.statement, write.params)   # type: ignore[arg-type]
        if write.rows is not None and result.rowcount != write.rows:
            raise StaleDataError(write.stale)


@functools.cache
def _pipelines() -> bool:
    """Whether psycopg's libpq has pipeline mode (libpq 14 and later; its binary package bundles one)."""
    from psycopg import Pipeline

    return bool(Pipeline.is_supported())


# (statement, dialect, the columns given) -> the statement compiled, its parameters' type processors
_COMPILED: dict[tuple[Executable, str, frozenset[str]], tuple[Compiled, dict[str, Callable[[Any], Any]]]] = {}


def _compiled(dialect: Dialect, statement: Executable, keys: frozenset[str]) -> tuple[Compiled, dict[str, Any]]:
    key = (statement, dialect.name, keys)
    found = _COMPILED.get(key)
    if found is None:
        compiled = statement.compile(dialect=dialect, column_keys=sorted(keys))   # type: ignore[attr-defined]
        processors = {name: processor for name, bind in compiled.binds.items()
                      if (processor := bind.type.bind_processor(dialect)) is not None}
        found = _COMPILED[key] = (compiled, processors)
    return found


def _driver_params(compiled: Compiled, processors: dict[str, Any], row: Mapping[str, Any]) -> dict[str, Any]:
    """A row's values as the driver takes them: every parameter of the statement (its own constants too),
    each through its type's processor, as SQLAlchemy's execution would pass them."""
    params = dict(compiled.construct_params(row) or {})
    for name, processor in processors.items():
        params[name] = processor(params[name])
    return params


def _pipeline(connection: Connection, queued: list[_Write]) -> None:
    dialect = connection.dialect
    error = dialect.loaded_dbapi.Error
    driver: Any = connection.connection.driver_connection
    sent: list[tuple[_Write, Any, str, Any]] = []
    try:
        try:
            with driver.pipeline():
                for write in queued:
                    sent.append(_queue(connection, driver, write))
        except error as exc:
            _raise_stale(sent, exc)
            failed = next((s for s in sent if s[1].pgresult is None), sent[-1] if sent else None)
            raise DBAPIError.instance(failed[2] if failed else "", failed[3] if failed else None, exc, error,
                                      dialect=dialect) from exc
        _raise_stale(sent, None)
    finally:
        for _write, cursor, _sql, _params in sent:
            cursor.close()
    log.debug("%d writes sent in one pipeline", len(sent))


def _queue(connection: Connection, driver: Any, write: _Write) -> tuple[_Write, Any, str, Any]:
    """Send one write into the driver's pipeline: (the write, its cursor, its SQL, the driver's params)."""
    many = not isinstance(write.params, Mapping)
    rows = [write.params] if isinstance(write.params, Mapping) else list(write.params)
    compiled, processors = _compiled(connection.dialect, write.statement, frozenset(rows[0]))
    sql = compiled.string
    params = [_driver_params(compiled, processors, row) for row in rows]
    cursor = driver.cursor()
    # listeners (statement traces, the tests) see each statement as when SQLAlchemy runs it
    connection.dispatch.before_cursor_execute(connection, cursor, sql, params if many else params[0], None, many)
    if many:
        cursor.executemany(sql, params)
    else:
        cursor.execute(sql, params[0])
    return write, cursor, sql, params if many else params[0]


def _raise_stale(sent: list[tuple[_Write, Any, str, Any]], cause: BaseException | None) -> None:
    for write, cursor, _sql, _params in sent:
        if write.rows is not None and cursor.pgresult is not None and cursor.rowcount != write.rows:
            raise StaleDataError(write.stale) from cause
