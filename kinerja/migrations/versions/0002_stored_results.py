"""Stored results (issue 14): the scored tables pages read by key, and two indexes.

Written out here, not imported from :mod:`kinerja.results`, whose tables may
change in later revisions.  The tables are filled by :class:`kinerja.store.Store`
after the upgrade (every stored period is scored once), since scoring is the
package's code, not the schema's.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def _text(name: str, length: int, **kw: object) -> sa.Column:
    return sa.Column(name, sa.String(length), **kw)  # type: ignore[arg-type]


def upgrade() -> None:
    op.create_table(
        "skor_kompetensi",
        _text("periode", 20, nullable=False),
        _text("nip", 32, nullable=False),
        _text("kompetensi_kode", 20, nullable=False),
        _text("jenis", 30),
        sa.Column("skor", sa.Float),
        sa.Column("skor_diri", sa.Float),
        sa.Column("standar", sa.Integer),
        sa.Column("gap", sa.Float),
        sa.Column("n_penilai", sa.Integer, nullable=False),
    )
    op.create_index("ix_skor_kompetensi_pegawai", "skor_kompetensi", ["periode", "nip"])
    op.create_table(
        "ringkasan_pegawai",
        _text("periode", 20, primary_key=True),
        _text("nip", 32, primary_key=True),
        _text("nama", 200),
        _text("unit_kerja", 200),
        _text("jabatan", 200),
        sa.Column("jpm", sa.Float),
        _text("kategori_jpm", 30),
        sa.Column("skor_perilaku", sa.Float),
        _text("rating_perilaku", 20),
        _text("rating_hasil_kerja", 20),
        _text("predikat", 30),
        _text("kinerja", 20),
        _text("potensial", 20),
        sa.Column("kotak", sa.Integer),
        sa.Column("lengkap", sa.Boolean, nullable=False),
        _text("rating_perilaku_awal", 20),
        _text("rating_hasil_kerja_awal", 20),
        _text("predikat_awal", 30),
        _text("kinerja_awal", 20),
        sa.Column("kotak_awal", sa.Integer),
        sa.Column("dikalibrasi", sa.Boolean, nullable=False),
    )
    op.create_index("ix_ringkasan_pegawai_unit", "ringkasan_pegawai", ["periode", "unit_kerja"])
    op.create_table(
        "penilai",
        _text("periode", 20, nullable=False),
        _text("nip_penilai", 64, nullable=False),
        sa.Column("n_sel", sa.Integer, nullable=False),
        sa.Column("deviasi", sa.Float),
        _text("label", 20),
    )
    op.create_index("ix_penilai_kunci", "penilai", ["periode", "nip_penilai"])
    op.create_table(
        "distribusi",
        _text("periode", 20, nullable=False),
        _text("unit_kerja", 200, nullable=False),
        _text("predikat_organisasi", 30),
        _text("aturan", 20),
        _text("predikat", 60),
        sa.Column("jumlah", sa.Integer, nullable=False),
        sa.Column("batas", sa.Integer, nullable=False),
        _text("status", 20),
        sa.Column("selisih", sa.Integer, nullable=False),
    )
    op.create_index("ix_distribusi_unit", "distribusi", ["periode", "unit_kerja"])
    op.create_table(
        "status_hasil",
        _text("periode", 20, primary_key=True),
        sa.Column("dihitung", sa.DateTime(timezone=True), nullable=False),
        sa.Column("penilai_dihitung", sa.DateTime(timezone=True)),
        sa.Column("diubah", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_penilaian_penilai", "penilaian", ["periode", "nip_penilai"])
    op.create_index("ix_pegawai_unit", "pegawai", ["unit_kerja"])


def downgrade() -> None:
    raise NotImplementedError("kinerja does not downgrade a store: restore a backup instead")
