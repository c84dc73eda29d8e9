"""company names searched through a trigram index

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-04

The inbox and the instance list find companies by a fragment of their name (`%fragment%`, any case),
which no B-tree index can serve: every search read every company (issue 15: it must stay under 1 ms at
200,000 customers).

- SQLite: `customer_names_fts`, an FTS5 table with the trigram tokenizer over `customers.name`
  (external content: it stores the index only, the names stay in `customers`), kept in step by three
  triggers on `customers`. A rebuild fills it from the companies already there. Note for later
  migrations: a batch (copy-and-move) ALTER of `customers` on SQLite drops these triggers with the old
  table; such a migration must create them again (`tests/engine/test_company_search.py` would fail).
- PostgreSQL: a GIN index with `pg_trgm`'s operator class on `customers.name`, which serves `ILIKE
  '%fragment%'` as it is written (`ILIKE` is built in: the query needs nothing of the extension). `CREATE EXTENSION` needs a privileged user (CI's cluster owner is
  one); where it cannot be created the index is skipped with a warning and the search stays correct,
  only unindexed (the query does not depend on the index).
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("alembic.runtime.migration")

FTS = "customer_names_fts"
TRIGGERS = {
    "customers_fts_insert": """
        CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
            INSERT INTO customer_names_fts(rowid, name) VALUES (new.id, new.name);
        END""",
    "customers_fts_delete": """
        CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
            INSERT INTO customer_names_fts(customer_names_fts, rowid, name) VALUES ('delete', old.id, old.name);
        END""",
    "customers_fts_update": """
        CREATE TRIGGER customers_fts_update AFTER UPDATE OF id, name ON customers BEGIN
            INSERT INTO customer_names_fts(customer_names_fts, rowid, name) VALUES ('delete', old.id, old.name);
            INSERT INTO customer_names_fts(rowid, name) VALUES (new.id, new.name);
        END""",
}
PG_INDEX = "ix_customers_name_trgm"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5(name, content='customers', content_rowid='id', "
                   "tokenize='trigram')")
        for statement in TRIGGERS.values():
            op.execute(statement)
        op.execute("INSERT INTO customer_names_fts(customer_names_fts) VALUES ('rebuild')")
    elif bind.dialect.name == "postgresql":
        # a savepoint: a refused CREATE EXTENSION must not abort the migration's transaction
        savepoint = bind.begin_nested()
        try:
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
        except sa.exc.DBAPIError as exc:
            savepoint.rollback()
            log.warning("pg_trgm is not available (%s): company name search runs without its trigram index. "
                        "A superuser can run CREATE EXTENSION pg_trgm, then CREATE INDEX %s ON customers "
                        "USING gin (name gin_trgm_ops).", exc.orig, PG_INDEX)
            return
        savepoint.commit()
        # wherever it was installed first (public when we install it, so that dropping an application's
        # schema never drops it for the others); the operator class is named with its schema because
        # that schema need not be on the search path
        schema = bind.scalar(sa.text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                                     "ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"))
        op.execute(f'CREATE INDEX {PG_INDEX} ON customers USING gin (name "{schema}".gin_trgm_ops)')


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    elif bind.dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")   # the extension stays: others may use it
