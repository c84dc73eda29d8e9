"""The migrations build exactly the schema the models describe (no drift), on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from engine import Engine
from engine.db import alembic_config, connect, migrate
from engine.models import Base
from tests.conftest import START

COLUMNS = ("business_id, name, industry, size_class, municipality, ministry_segment, service_need_segment, "
           "lifecycle_phase, created_at")


def test_migrated_schema_matches_the_models(eng: Engine) -> None:
    with eng._writer.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database (`db_url` is migrated to the head already)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    return str(request.getfixturevalue("pg_schema_url"))


def test_0016_keeps_the_companies_and_their_contacts_and_lets_cards_go_without_a_business_id(
        empty_db_url: str) -> None:
    """Issue 18: existing companies keep their Business IDs and contacts (on SQLite the table is rebuilt, which
    with foreign keys on would have deleted the contacts by cascade); after 0016 many cards may have none (NULL
    is not a duplicate); going back below 0016 refuses while such cards exist."""
    engine = connect(empty_db_url)
    try:
        config = alembic_config(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0016-1")          # the revision before 0016, however the chain is rebuilt
            connection.execute(text(f"INSERT INTO customers ({COLUMNS}) VALUES "
                                    "('0112038-9', 'Oy Esimerkki Ab', '', '', '', '', '', '', :at)"), {"at": START})
            connection.execute(text("INSERT INTO contact_persons (customer_id, name, title, phone, email) "
                                    "SELECT id, 'Pekka', '', '', '' FROM customers"))
        migrate(engine)
        with engine.begin() as connection:
            for person in ("Maija", "Ville"):
                connection.execute(text(f"INSERT INTO customers ({COLUMNS}) VALUES "
                                        "(NULL, :name, '', '', '', '', '', '', :at)"), {"name": person, "at": START})
            rows = connection.execute(text("SELECT business_id, name, planned_company FROM customers "
                                           "ORDER BY id")).all()
            assert [tuple(r) for r in rows] == [("0112038-9", "Oy Esimerkki Ab", ""), (None, "Maija", ""),
                                                (None, "Ville", "")]
            assert connection.execute(text("SELECT name FROM contact_persons")).scalars().all() == ["Pekka"]
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            with pytest.raises(RuntimeError, match="2 customer cards have no Business ID yet"):
                command.downgrade(config, "0016-1")
    finally:
        engine.dispose()


def test_0016_refuses_a_second_card_with_the_same_business_id(eng: Engine) -> None:
    with eng._writer.connect() as connection:
        with pytest.raises(IntegrityError):
            connection.execute(text("INSERT INTO customers (business_id, name, industry, size_class, municipality, "
                                    "ministry_segment, service_need_segment, lifecycle_phase, planned_company, "
                                    "created_at) VALUES ('0112038-9', :n, '', '', '', '', '', '', '', :at)"),
                               [{"n": "A", "at": START}, {"n": "B", "at": START}])
