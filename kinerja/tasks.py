"""Rating tasks (``penugasan``, DESIGN.md §10): who rates whom in a period, and the period's dates.

- ``penugasan`` holds task records: one rater (``nip_penilai``) rates one
  ratee (``nip_dinilai``) in a period with a source.  Like ratings, tasks are
  append-only records with who and when; a newer record for the same
  (periode, nip_dinilai, nip_penilai) supersedes the older one, and
  ``dihapus`` true removes the task.
- ``jadwal_periode`` holds a period's open and close dates.
"""

from __future__ import annotations

import sqlalchemy as sa

from kinerja.store import metadata

tasks_table = sa.Table(
    "penugasan",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("periode", sa.String(20), nullable=False),
    sa.Column("nip_dinilai", sa.String(32), nullable=False),
    sa.Column("nip_penilai", sa.String(64), nullable=False),
    sa.Column("sumber", sa.String(20), nullable=False),
    sa.Column("dihapus", sa.Boolean, nullable=False),
    sa.Column("oleh", sa.String(200), nullable=False),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_penugasan_penilai", "periode", "nip_penilai", "id"),
    sa.Index("ix_penugasan_dinilai", "periode", "nip_dinilai", "id"),
)

schedule_table = sa.Table(
    "jadwal_periode",
    metadata,
    sa.Column("periode", sa.String(20), primary_key=True),
    sa.Column("dibuka", sa.Date, nullable=False),
    sa.Column("ditutup", sa.Date, nullable=False),
    sa.Column("oleh", sa.String(200), nullable=False),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
)
