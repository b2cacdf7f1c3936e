"""The schema of kinerja 0.1: the store's ``schema_version`` 1 before Alembic.

Written out here as it was in ``kinerja/store.py`` of version 0.1.0 (commit
85a08d3), not imported from the live table definitions, which change.  A
store made by 0.1 (``kinerja_meta.schema_version`` = 1, no
``alembic_version``) already has this schema and is stamped with this
revision when it is opened, without running it.

Revision ID: 0001
Revises:
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

metadata = sa.MetaData()

sa.Table(
    "kinerja_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(255), nullable=False),
)

sa.Table(
    "impor",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sumber_data", sa.String(500), nullable=False),
    sa.Column("oleh", sa.String(200), nullable=False),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    sa.Column("n_penilaian_baru", sa.Integer, nullable=False),
)

sa.Table(
    "pegawai",
    metadata,
    sa.Column("nip", sa.String(32), primary_key=True),
    sa.Column("nama", sa.String(200), nullable=False),
    sa.Column("unit_kerja", sa.String(200), nullable=False),
    sa.Column("jabatan", sa.String(200), nullable=False),
    sa.Column("jenis_jabatan", sa.String(100)),
    sa.Column("golongan", sa.String(20)),
    sa.Column("nip_atasan", sa.String(32)),
)

sa.Table(
    "standar_kompetensi",
    metadata,
    sa.Column("jabatan", sa.String(200), primary_key=True),
    sa.Column("kompetensi_kode", sa.String(20), primary_key=True),
    sa.Column("level", sa.Integer, nullable=False),
)

sa.Table(
    "unit_kerja",
    metadata,
    sa.Column("periode", sa.String(20), primary_key=True),
    sa.Column("unit_kerja", sa.String(200), primary_key=True),
    sa.Column("predikat_organisasi", sa.String(30), nullable=False),
)

sa.Table(
    "kompetensi",
    metadata,
    sa.Column("kode", sa.String(20), primary_key=True),
    sa.Column("nama", sa.String(200), nullable=False),
    sa.Column("jenis", sa.String(30), nullable=False),
    sa.Column("definisi", sa.Text),
)

sa.Table(
    "pelatihan",
    metadata,
    sa.Column("kode", sa.String(50), primary_key=True),
    sa.Column("nama", sa.String(300), nullable=False),
    sa.Column("kompetensi_kode", sa.String(20), nullable=False),
    sa.Column("jp", sa.Float, nullable=False),
    sa.Column("jalur", sa.String(50)),
)

sa.Table(
    "penilaian",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("periode", sa.String(20), nullable=False),
    sa.Column("nip_dinilai", sa.String(32), nullable=False),
    sa.Column("nip_penilai", sa.String(64), nullable=False),
    sa.Column("sumber", sa.String(20), nullable=False),
    sa.Column("kompetensi_kode", sa.String(20), nullable=False),
    sa.Column("skor", sa.Integer),
    sa.Column("catatan", sa.Text),
    sa.Column("dihapus", sa.Boolean, nullable=False, default=False),
    sa.Column("oleh", sa.String(200), nullable=False),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    sa.Column("impor_id", sa.Integer, sa.ForeignKey("impor.id")),
    sa.Index(
        "ix_penilaian_kunci", "periode", "nip_dinilai", "nip_penilai", "kompetensi_kode", "id"
    ),
)

sa.Table(
    "hasil_kerja",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("periode", sa.String(20), nullable=False),
    sa.Column("nip", sa.String(32), nullable=False),
    sa.Column("rating_hasil_kerja", sa.String(20), nullable=False),
    sa.Column("oleh", sa.String(200), nullable=False),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    sa.Column("impor_id", sa.Integer, sa.ForeignKey("impor.id")),
    sa.Index("ix_hasil_kerja_kunci", "periode", "nip", "id"),
)

sa.Table(
    "kalibrasi",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("periode", sa.String(20), nullable=False),
    sa.Column("nip", sa.String(32), nullable=False),
    sa.Column("field", sa.String(40), nullable=False),
    sa.Column("old_value", sa.String(20)),
    sa.Column("new_value", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("when", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_kalibrasi_kunci", "periode", "nip", "id"),
)


def upgrade() -> None:
    # 0.1 migrated to its version 1 by create_all, which skips tables that exist; so does this
    metadata.create_all(op.get_bind())


def downgrade() -> None:
    raise NotImplementedError("A kinerja store is never downgraded: restore a backup instead.")
