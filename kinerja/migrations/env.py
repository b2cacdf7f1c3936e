"""Alembic environment of the kinerja store.

Run only through :class:`kinerja.store.Store`, which passes its open
connection in ``config.attributes["connection"]`` inside its write
transaction: the migrations join that transaction (nothing here commits),
so an upgrade is all or nothing on PostgreSQL and is done under the
store's write lock on SQLite.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "kinerja migrations run through kinerja.store.Store, which passes its open connection"
    )

context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
