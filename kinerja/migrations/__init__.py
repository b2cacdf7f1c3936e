"""Alembic migrations of the kinerja store (DESIGN.md §7).

:class:`kinerja.store.Store` runs them itself when it opens a database whose
revision is older than :data:`kinerja.store.SCHEMA_VERSION`; there is no
``alembic.ini``.  ``env.py`` takes the store's open connection (inside its
write transaction) from ``config.attributes["connection"]``, and
``versions/`` holds one script per schema change.  See the docstring of
:mod:`kinerja.store` for how to add one.
"""
