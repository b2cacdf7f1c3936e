"""Accounts (``akun``, ``akun_unit``, ``login_gagal``) and rating tasks (``penugasan``,
``jadwal_periode``): DESIGN.md §9 and §10.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "akun",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("peran", sa.String(20), nullable=False),
        sa.Column("nip", sa.String(32)),
        sa.Column("hash_sandi", sa.String(255), nullable=False),
        sa.Column("nonaktif", sa.Boolean, nullable=False),
        sa.Column("ganti_sandi", sa.Boolean, nullable=False),
        sa.Column("dibuat", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dibuat_oleh", sa.String(200), nullable=False),
        sa.Column("login_terakhir", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "akun_unit",
        sa.Column("username", sa.String(64), sa.ForeignKey("akun.username"), primary_key=True),
        sa.Column("unit_kerja", sa.String(200), primary_key=True),
    )
    op.create_table(
        "login_gagal",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_login_gagal_pengguna", "login_gagal", ["username", "waktu"])
    op.create_table(
        "penugasan",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("periode", sa.String(20), nullable=False),
        sa.Column("nip_dinilai", sa.String(32), nullable=False),
        sa.Column("nip_penilai", sa.String(64), nullable=False),
        sa.Column("sumber", sa.String(20), nullable=False),
        sa.Column("dihapus", sa.Boolean, nullable=False),
        sa.Column("oleh", sa.String(200), nullable=False),
        sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_penugasan_penilai", "penugasan", ["periode", "nip_penilai", "id"])
    op.create_index("ix_penugasan_dinilai", "penugasan", ["periode", "nip_dinilai", "id"])
    op.create_table(
        "jadwal_periode",
        sa.Column("periode", sa.String(20), primary_key=True),
        sa.Column("dibuka", sa.Date, nullable=False),
        sa.Column("ditutup", sa.Date, nullable=False),
        sa.Column("oleh", sa.String(200), nullable=False),
        sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in ("jadwal_periode", "penugasan", "login_gagal", "akun_unit", "akun"):
        op.drop_table(table)
