"""The migrations build exactly the schema the models describe (no drift), on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from engine import Engine
from engine.models import Base
from engine.runtime.companysearch import FTS

# What migration 0018 builds for the company search and no model can describe: SQLite's FTS5 table (and
# its shadow tables), PostgreSQL's trigram index.
SEARCH_INDEX = "ix_customers_name_trgm"


def _modelled(name: str | None, kind: str, _parent: object) -> bool:
    if kind == "table" and name is not None and name.startswith(FTS):
        return False
    return not (kind == "index" and name == SEARCH_INDEX)


def test_migrated_schema_matches_the_models(eng: Engine) -> None:
    with eng._writer.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"include_name": _modelled}),
                                Base.metadata)
    assert diff == []
