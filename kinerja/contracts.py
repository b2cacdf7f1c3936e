"""The input tables' contract (DESIGN.md §3), declared once: columns, kinds, keys.

One :class:`Contract` per table says which columns are required and which
optional, what kind of value each holds, the key that may not repeat and the
columns worth holding as categoricals.  The readers, the validation, the
store's tables, the Excel template and the :class:`~kinerja.dataset.Dataset`
all take their columns from :data:`CONTRACTS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from kinerja.vocab import CompetencyType, PredikatOrganisasi, Rating, Source


class Kind(Enum):
    """What a column holds, which decides how it is normalised and checked."""

    TEXT = "teks"
    NIP = "NIP pegawai (aturan format NIP)"
    ROSTER_NIP = "NIP yang ada di pegawai"
    RATER = "NIP pegawai atau id responden masyarakat"
    VOCAB = "kode kosakata"
    COMPETENCY_CODE = "kode kompetensi (huruf besar)"
    COMPETENCY = "kode kompetensi di kamus"
    JOB = "jabatan yang punya standar kompetensi"
    LEVEL = "bilangan bulat 1–5"
    POSITIVE = "angka lebih dari 0"


#: Kinds parsed as numbers (the text as typed is kept for messages).
NUMBER_KINDS = frozenset({Kind.LEVEL, Kind.POSITIVE})


@dataclass(frozen=True)
class Column:
    """One column of an input table.

    ``width`` is the longest text the store keeps (None: unlimited text);
    ``vocab`` is the enum whose codes a :attr:`Kind.VOCAB` column holds.
    """

    name: str
    kind: Kind = Kind.TEXT
    required: bool = True
    width: int | None = 200
    vocab: type[StrEnum] | None = None


@dataclass(frozen=True)
class Contract:
    """One input table: its columns, the key that may not repeat, its categorical columns."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    category: frozenset[str] = frozenset()

    @property
    def required(self) -> tuple[str, ...]:
        """Names of the columns that must be present and filled."""
        return tuple(c.name for c in self.columns if c.required)

    @property
    def optional(self) -> tuple[str, ...]:
        """Names of the columns that may be absent or empty."""
        return tuple(c.name for c in self.columns if not c.required)

    @property
    def names(self) -> tuple[str, ...]:
        """Every column name, in order."""
        return tuple(c.name for c in self.columns)


def _vocab(name: str, enum: type[StrEnum], width: int) -> Column:
    return Column(name, Kind.VOCAB, width=width, vocab=enum)


_PERIODE = Column("periode", width=20)
_KOMPETENSI = Column("kompetensi_kode", Kind.COMPETENCY, width=20)

CONTRACTS: dict[str, Contract] = {
    c.name: c
    for c in (
        Contract(
            "pegawai",
            (
                Column("nip", Kind.NIP, width=32),
                Column("nama"),
                Column("unit_kerja"),
                Column("jabatan", Kind.JOB),
                Column("jenis_jabatan", required=False, width=100),
                Column("golongan", required=False, width=20),
                Column("nip_atasan", Kind.ROSTER_NIP, required=False, width=32),
            ),
            key=("nip",),
            # NIP columns are checked by several rules each: coded once, each rule reads the codes
            category=frozenset({"nip", "nip_atasan"}),
        ),
        Contract(
            "standar_kompetensi",
            (Column("jabatan"), _KOMPETENSI, Column("level", Kind.LEVEL)),
            key=("jabatan", "kompetensi_kode"),
        ),
        Contract(
            "penilaian",
            (
                _PERIODE,
                Column("nip_dinilai", Kind.ROSTER_NIP, width=32),
                Column("nip_penilai", Kind.RATER, width=64),
                _vocab("sumber", Source, 20),
                _KOMPETENSI,
                Column("skor", Kind.LEVEL),
                Column("catatan", required=False, width=None),
            ),
            key=("periode", "nip_dinilai", "nip_penilai", "kompetensi_kode"),
            # a million ratings hold a few thousand distinct values
            category=frozenset(
                {
                    "periode",
                    "nip_dinilai",
                    "nip_penilai",
                    "sumber",
                    "kompetensi_kode",
                    "skor",
                    "catatan",
                }
            ),
        ),
        Contract(
            "hasil_kerja",
            (
                _PERIODE,
                Column("nip", Kind.ROSTER_NIP, width=32),
                _vocab("rating_hasil_kerja", Rating, 20),
            ),
            key=("periode", "nip"),
            category=frozenset({"nip"}),
        ),
        Contract(
            "unit_kerja",
            (_PERIODE, Column("unit_kerja"), _vocab("predikat_organisasi", PredikatOrganisasi, 30)),
            key=("periode", "unit_kerja"),
        ),
        Contract(
            "kompetensi",
            (
                Column("kode", Kind.COMPETENCY_CODE, width=20),
                Column("nama"),
                _vocab("jenis", CompetencyType, 30),
                Column("definisi", required=False, width=None),
            ),
            key=("kode",),
        ),
        Contract(
            "pelatihan",
            (
                Column("kode", width=50),
                Column("nama", width=300),
                _KOMPETENSI,
                Column("jp", Kind.POSITIVE),
                Column("jalur", required=False, width=50),
            ),
            key=("kode",),
        ),
    )
}

#: Tables an import cannot do without.
REQUIRED_TABLES: tuple[str, ...] = ("pegawai", "standar_kompetensi", "penilaian")

#: Table name -> (required columns, optional columns), derived from :data:`CONTRACTS`.
TABLE_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    name: (c.required, c.optional) for name, c in CONTRACTS.items()
}

#: Columns holding a NIP: numeric workbook cells there are Excel-mangled and must be flagged.
NIP_COLUMNS: frozenset[str] = frozenset(
    col.name
    for c in CONTRACTS.values()
    for col in c.columns
    if col.kind in (Kind.NIP, Kind.ROSTER_NIP, Kind.RATER)
)

#: The rating tasks sheet (``penugasan``, DESIGN.md §10): who rates whom in a period.  Not a
#: table of a data set (:data:`CONTRACTS`): HR imports it on its own (:mod:`kinerja.task_import`).
TASK_CONTRACT = Contract(
    "penugasan",
    (
        _PERIODE,
        Column("nip_dinilai", Kind.ROSTER_NIP, width=32),
        Column("nip_penilai", Kind.ROSTER_NIP, width=32),
        _vocab("sumber", Source, 20),
    ),
    key=("periode", "nip_dinilai", "nip_penilai"),
)

#: Every declared table: the data set's and the tasks sheet.
ALL_CONTRACTS: dict[str, Contract] = {**CONTRACTS, TASK_CONTRACT.name: TASK_CONTRACT}
