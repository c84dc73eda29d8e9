"""The migrations build exactly the schema the models describe (no drift), on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from engine import Engine
from engine.models import Base


def test_migrated_schema_matches_the_models(eng: Engine) -> None:
    with eng._writer.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
