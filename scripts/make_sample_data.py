"""Generate the bundled sample data set in ``sample_data/`` (a fictitious Gunungkidul year).

Run ``python3 scripts/make_sample_data.py``.  The script is deterministic (one seeded
``numpy`` generator, no network) and finishes in a few seconds.  It writes the seven
files of the data contract (DESIGN.md §3) and, before writing, re-computes the scoring
and calibration rules of DESIGN.md §4–§5 on the generated data and refuses to write
if what was planted does not come out.

What the data contains
----------------------
* 10 perangkat daerah of Kabupaten Gunungkidul (REFERENCE.md §6.6), period ``2025``,
  each with a real hierarchy: one JPT Pratama (the heads of OPD report to the
  Sekretaris Daerah, who has no atasan in the roster), 2–3 administrators, 2 pengawas
  under each administrator (under the Inspektur Pembantu: two Auditor Ahli Madya as
  team leaders), 2–5 pelaksana/fungsional under each pengawas.  Four PPPK employees
  (NI PPPK with digit 13 = ``2``, golongan ``VII``/``IX``).
* Job standards for every jabatan: M.01–M.08 and SK.01 at the level of REFERENCE §3.4
  (±1 on some competencies) plus 1–2 technical competencies T.* from ``kompetensi.csv``.
* 360° ratings on every standard competency and B.01–B.07: atasan, diri (about 10 %
  missing, about +0.4 higher), rekan (same unit and atasan; some ratees have only 1–2
  peers, so the anonymity threshold k = 3 withholds the group), bawahan (supervisors
  with only 2 subordinates are withheld), masyarakat (respondents ``R-DKS-…`` and
  ``R-DKPS-…`` rate front-line staff of Dinas Kesehatan and Dinas Kependudukan dan
  Pencatatan Sipil on B.01 and M.05).  About 5 % of employees have no atasan rating
  (the supervisor missed the deadline); about 3 % have no ``hasil_kerja`` row.
* Planted rater biases (DESIGN §5 leniency rule, checked at the end of the run):

  - lenient (``lunak``): 199602082019011355 Yoga Pratama, S.Kom. — Pranata Komputer
    Ahli Pertama, Seksi Pengembangan Aplikasi, Dinas Komunikasi dan Informatika: a peer
    who rates his four colleagues about 1.3 points high (deviasi about +1.1);
  - severe (``keras``): 199009112014072514 Endah Sulistyowati, S.E. — Pengelola
    Keuangan, Subbidang Penyusunan Anggaran, Badan Keuangan dan Aset Daerah: a peer who
    rates her four colleagues about 1.5 points low (deviasi about −1.0);

  no other rater is flagged.
* Planted distribution problem (DESIGN §5): **Dinas Pertanian dan Pangan** has
  predikat_organisasi ``baik`` but about two thirds of its employees come out
  ``sangat_baik`` and nobody ``butuh_perbaikan``/``kurang_misconduct``: it breaks the
  rules ``terbanyak`` and ``min_jumlah``.  Inspektorat (``istimewa``), Dinas
  Perpustakaan dan Kearsipan (``butuh_perbaikan``) and the other ``baik`` units satisfy
  their curves (each ``baik`` unit has a few low performers).
* JPM spans ``optimal``, ``cukup_optimal`` and ``kurang_optimal`` so the nine-box grid
  is populated in several boxes.
* ``pelatihan.csv`` covers most competencies; T.12 (Pengelolaan Perpustakaan) and T.13
  (Penyusunan Produk Hukum Daerah) appear in standards but have no training, so the
  "katalog tidak memuat pelatihan" note can be shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20250117
PERIOD = "2025"
OUT_DIR = Path(__file__).resolve().parents[1] / "sample_data"

MANAGERIAL = tuple(f"M.{i:02d}" for i in range(1, 9))
NATIONAL = (*MANAGERIAL, "SK.01")
BERAKHLAK = tuple(f"B.{i:02d}" for i in range(1, 8))

EVALUATIVE_SOURCES = ("atasan", "rekan", "bawahan")
ANONYMOUS_SOURCES = ("rekan", "bawahan", "masyarakat")
SOURCE_WEIGHTS = {"atasan": 0.5, "rekan": 0.3, "bawahan": 0.2, "diri": 0.0, "masyarakat": 0.0}
ANONYMITY_K = 3
TOL = 1e-9

# Rater behaviour: score = clip(round(true + bias + noise), 1, 5).
RATER_NOISE = 0.3
RATER_BIAS_SD = 0.05
SELF_BIAS = 0.4
PUBLIC_BIAS = 0.2
PUBLIC_NOISE = 0.6
LENIENT_BIAS = 1.3
SEVERE_BIAS = -1.5

# Latent B.* level per target rating perilaku.
BEHAVIOUR_LEVEL = {"di_atas": 4.1, "sesuai": 3.0, "di_bawah": 1.9}
# Latent competency level = standard * ratio (per JPM target category).
JPM_RATIO = {"optimal": (1.05, 1.3), "cukup_optimal": (0.84, 0.84), "kurang_optimal": (0.62, 0.62)}

# --------------------------------------------------------------------------------------
# Organisation
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """A jabatan: its jenis_jabatan, level tier (for standard and golongan) and T.* codes."""

    name: str
    jenis: str
    tier: str
    technical: tuple[str, ...]
    field: str


@dataclass(frozen=True)
class Section:
    """A pengawas position with the pool of staff jabatan under it."""

    title: str
    pool: str
    tier: str = "pengawas"
    size: int | None = None


@dataclass(frozen=True)
class Division:
    """An administrator position with its two sections."""

    title: str
    technical: tuple[str, ...]
    sections: tuple[Section, Section]


@dataclass(frozen=True)
class Unit:
    """A perangkat daerah with its head, divisions and calibration plan."""

    name: str
    code: str
    head: str
    head_technical: tuple[str, ...]
    field: str
    divisions: tuple[Division, ...]
    predikat_organisasi: str
    plan: str
    public_facing: bool = False
    head_field: str | None = None


def _staff(name: str, technical: Sequence[str], field: str) -> Job:
    tier = "pelaksana"
    for suffix, level in (
        ("Ahli Pertama", "ahli_pertama"),
        ("Ahli Muda", "ahli_muda"),
        ("Ahli Madya", "ahli_madya"),
        ("Terampil", "terampil"),
    ):
        if name.endswith(suffix):
            tier = level
    jenis = "pelaksana" if tier == "pelaksana" else "fungsional"
    return Job(name, jenis, tier, tuple(technical), field)


STAFF_JOBS: dict[str, Job] = {
    job.name: job
    for job in (
        _staff("Pengadministrasi Perkantoran", ["T.09"], "sosial"),
        _staff("Analis Kepegawaian", ["T.02"], "sosial"),
        _staff("Penata Layanan Operasional", ["T.09", "T.11"], "sosial"),
        _staff("Pengolah Data dan Informasi", ["T.10"], "ti"),
        _staff("Penelaah Teknis Kebijakan", ["T.03"], "sosial"),
        _staff("Pengelola Keuangan", ["T.01"], "ekonomi"),
        _staff("Bendahara", ["T.01"], "ekonomi"),
        _staff("Pengurus Barang", ["T.11"], "ekonomi"),
        _staff("Penata Laporan Keuangan", ["T.01"], "ekonomi"),
        _staff("Arsiparis Terampil", ["T.09"], "pustaka"),
        _staff("Arsiparis Ahli Pertama", ["T.09"], "pustaka"),
        _staff("Arsiparis Ahli Muda", ["T.09"], "pustaka"),
        _staff("Analis Keuangan Pusat dan Daerah Ahli Pertama", ["T.01"], "ekonomi"),
        _staff("Analis Anggaran Ahli Pertama", ["T.01", "T.03"], "ekonomi"),
        _staff("Analis Anggaran Ahli Muda", ["T.01", "T.03"], "ekonomi"),
        _staff("Analis Hukum Ahli Pertama", ["T.13"], "hukum"),
        _staff("Perancang Peraturan Perundang-undangan Ahli Muda", ["T.13"], "hukum"),
        _staff("Analis Kebijakan Ahli Pertama", ["T.02", "T.03"], "sosial"),
        _staff("Analis Kebijakan Ahli Muda", ["T.02", "T.03"], "sosial"),
        _staff("Perencana Ahli Pertama", ["T.03"], "ekonomi"),
        _staff("Perencana Ahli Muda", ["T.03"], "ekonomi"),
        _staff("Guru Ahli Pertama", ["T.05"], "pendidikan"),
        _staff("Pamong Belajar Ahli Muda", ["T.05"], "pendidikan"),
        _staff("Pengembang Teknologi Pembelajaran Ahli Pertama", ["T.05", "T.10"], "pendidikan"),
        _staff("Perawat Terampil", ["T.04"], "perawat"),
        _staff("Perawat Ahli Pertama", ["T.04"], "perawat"),
        _staff("Bidan Terampil", ["T.04"], "bidan"),
        _staff("Administrator Kesehatan Ahli Pertama", ["T.04", "T.03"], "kesehatan"),
        _staff("Epidemiolog Kesehatan Ahli Muda", ["T.04"], "kesehatan"),
        _staff("Analis SDM Aparatur Ahli Pertama", ["T.02"], "sosial"),
        _staff("Analis SDM Aparatur Ahli Muda", ["T.02"], "sosial"),
        _staff("Pranata Komputer Terampil", ["T.10"], "ti"),
        _staff("Pranata Komputer Ahli Pertama", ["T.10"], "ti"),
        _staff("Pranata Komputer Ahli Muda", ["T.10"], "ti"),
        _staff("Sandiman Ahli Pertama", ["T.10"], "ti"),
        _staff("Pranata Hubungan Masyarakat Ahli Pertama", ["T.14"], "sosial"),
        _staff("Pranata Hubungan Masyarakat Ahli Muda", ["T.14"], "sosial"),
        _staff("Auditor Terampil", ["T.07"], "ekonomi"),
        _staff("Auditor Ahli Pertama", ["T.07"], "ekonomi"),
        _staff("Auditor Ahli Muda", ["T.07"], "ekonomi"),
        _staff("Auditor Ahli Madya", ["T.07"], "ekonomi"),
        _staff(
            "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama",
            ["T.07"],
            "hukum",
        ),
        _staff("Penyuluh Pertanian Terampil", ["T.06"], "pertanian"),
        _staff("Penyuluh Pertanian Ahli Pertama", ["T.06"], "pertanian"),
        _staff("Penyuluh Pertanian Ahli Muda", ["T.06"], "pertanian"),
        _staff("Pengendali Organisme Pengganggu Tumbuhan Ahli Pertama", ["T.06"], "pertanian"),
        _staff("Pengawas Mutu Hasil Pertanian Ahli Pertama", ["T.06"], "pertanian"),
        _staff("Administrator Database Kependudukan Ahli Pertama", ["T.08", "T.10"], "ti"),
        _staff("Verifikator Data Kependudukan", ["T.08"], "sosial"),
        _staff("Operator Layanan Operasional", ["T.08"], "sosial"),
        _staff("Pustakawan Terampil", ["T.12"], "pustaka"),
        _staff("Pustakawan Ahli Pertama", ["T.12"], "pustaka"),
        _staff("Pustakawan Ahli Muda", ["T.12"], "pustaka"),
    )
}

STAFF_POOLS: dict[str, tuple[str, ...]] = {
    "umum": (
        "Pengadministrasi Perkantoran",
        "Analis Kepegawaian",
        "Penata Layanan Operasional",
        "Arsiparis Terampil",
        "Pengolah Data dan Informasi",
    ),
    "keuangan": (
        "Pengelola Keuangan",
        "Bendahara",
        "Pengurus Barang",
        "Penelaah Teknis Kebijakan",
        "Analis Keuangan Pusat dan Daerah Ahli Pertama",
    ),
    "hukum": (
        "Analis Hukum Ahli Pertama",
        "Perancang Peraturan Perundang-undangan Ahli Muda",
        "Penelaah Teknis Kebijakan",
        "Pengadministrasi Perkantoran",
    ),
    "organisasi": (
        "Analis Kebijakan Ahli Pertama",
        "Analis Kebijakan Ahli Muda",
        "Penelaah Teknis Kebijakan",
        "Pengolah Data dan Informasi",
    ),
    "perencanaan": (
        "Perencana Ahli Pertama",
        "Perencana Ahli Muda",
        "Penelaah Teknis Kebijakan",
        "Pengolah Data dan Informasi",
    ),
    "pendidikan": (
        "Guru Ahli Pertama",
        "Pengembang Teknologi Pembelajaran Ahli Pertama",
        "Pamong Belajar Ahli Muda",
        "Penelaah Teknis Kebijakan",
        "Pengadministrasi Perkantoran",
    ),
    "kesehatan": (
        "Perawat Terampil",
        "Bidan Terampil",
        "Perawat Ahli Pertama",
        "Administrator Kesehatan Ahli Pertama",
        "Epidemiolog Kesehatan Ahli Muda",
    ),
    "anggaran": (
        "Analis Anggaran Ahli Pertama",
        "Pengelola Keuangan",
        "Penata Laporan Keuangan",
        "Analis Anggaran Ahli Muda",
        "Bendahara",
    ),
    "kepegawaian": (
        "Analis SDM Aparatur Ahli Pertama",
        "Analis Kepegawaian",
        "Analis SDM Aparatur Ahli Muda",
        "Pranata Komputer Terampil",
        "Pengadministrasi Perkantoran",
    ),
    "auditor": (
        "Auditor Ahli Pertama",
        "Auditor Ahli Muda",
        "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama",
        "Auditor Terampil",
    ),
    "penyuluhan": (
        "Penyuluh Pertanian Ahli Pertama",
        "Penyuluh Pertanian Terampil",
        "Penyuluh Pertanian Ahli Muda",
        "Pengolah Data dan Informasi",
    ),
    "tanaman": (
        "Pengendali Organisme Pengganggu Tumbuhan Ahli Pertama",
        "Penyuluh Pertanian Terampil",
        "Pengawas Mutu Hasil Pertanian Ahli Pertama",
        "Pengadministrasi Perkantoran",
    ),
    "dukcapil": (
        "Verifikator Data Kependudukan",
        "Operator Layanan Operasional",
        "Administrator Database Kependudukan Ahli Pertama",
        "Pengolah Data dan Informasi",
    ),
    "ti": (
        "Pranata Komputer Ahli Pertama",
        "Pranata Komputer Terampil",
        "Sandiman Ahli Pertama",
        "Pranata Komputer Ahli Muda",
        "Pengolah Data dan Informasi",
    ),
    "humas": (
        "Pranata Hubungan Masyarakat Ahli Pertama",
        "Pranata Hubungan Masyarakat Ahli Muda",
        "Pengolah Data dan Informasi",
        "Penelaah Teknis Kebijakan",
    ),
    "pustaka": (
        "Pustakawan Ahli Pertama",
        "Pustakawan Terampil",
        "Pustakawan Ahli Muda",
        "Pengadministrasi Perkantoran",
    ),
    "arsip": (
        "Arsiparis Ahli Pertama",
        "Arsiparis Terampil",
        "Arsiparis Ahli Muda",
        "Pengadministrasi Perkantoran",
    ),
}

# fmt: off
POOL_FIELD: dict[str, str] = {
    "umum": "sosial", "keuangan": "ekonomi", "hukum": "hukum", "organisasi": "sosial",
    "perencanaan": "ekonomi", "pendidikan": "pendidikan", "kesehatan": "kesehatan",
    "anggaran": "ekonomi", "kepegawaian": "sosial", "auditor": "ekonomi",
    "penyuluhan": "pertanian", "tanaman": "pertanian", "dukcapil": "sosial", "ti": "ti",
    "humas": "sosial", "pustaka": "pustaka", "arsip": "pustaka",
}
# fmt: on

FRONT_LINE_JOBS = frozenset(
    {
        "Perawat Terampil",
        "Perawat Ahli Pertama",
        "Bidan Terampil",
        "Verifikator Data Kependudukan",
        "Operator Layanan Operasional",
        "Administrator Database Kependudukan Ahli Pertama",
    }
)

# Sections in which every staff member rates every colleague, and the planted rater.
LENIENT_SECTION = "Kepala Seksi Pengembangan Aplikasi"
SEVERE_SECTION = "Kepala Subbidang Penyusunan Anggaran"
LENIENT_PERSON = ("Yoga Pratama", "S.Kom.", 1, "Pranata Komputer Ahli Pertama")
SEVERE_PERSON = ("Endah Sulistyowati", "S.E.", 2, "Pengelola Keuangan")


def _secretariat(unit: str) -> Division:
    return Division(
        f"Sekretaris {unit}",
        ("T.03", "T.02"),
        (
            Section("Kepala Subbagian Umum dan Kepegawaian", "umum"),
            Section("Kepala Subbagian Keuangan dan Aset", "keuangan"),
        ),
    )


UNITS: tuple[Unit, ...] = (
    Unit(
        "Sekretariat Daerah",
        "SETDA",
        "Sekretaris Daerah",
        ("T.03", "T.13"),
        "sosial",
        (
            Division(
                "Kepala Bagian Hukum",
                ("T.13",),
                (
                    Section("Kepala Subbagian Perundang-undangan", "hukum"),
                    Section("Kepala Subbagian Bantuan Hukum", "hukum"),
                ),
            ),
            Division(
                "Kepala Bagian Organisasi",
                ("T.02",),
                (
                    Section("Kepala Subbagian Kelembagaan dan Analisis Jabatan", "organisasi"),
                    Section(
                        "Kepala Subbagian Reformasi Birokrasi dan Akuntabilitas Kinerja",
                        "organisasi",
                    ),
                ),
            ),
        ),
        "baik",
        "baik",
    ),
    Unit(
        "Dinas Pendidikan",
        "DISDIK",
        "Kepala Dinas Pendidikan",
        ("T.05", "T.03"),
        "pendidikan",
        (
            _secretariat("Dinas Pendidikan"),
            Division(
                "Kepala Bidang Pembinaan Sekolah Dasar",
                ("T.05",),
                (
                    Section("Kepala Seksi Kurikulum dan Penilaian Sekolah Dasar", "pendidikan"),
                    Section("Kepala Seksi Peserta Didik dan Pembangunan Karakter", "pendidikan"),
                ),
            ),
        ),
        "baik",
        "baik",
    ),
    Unit(
        "Dinas Kesehatan",
        "DKS",
        "Kepala Dinas Kesehatan",
        ("T.04", "T.03"),
        "kesehatan",
        (
            _secretariat("Dinas Kesehatan"),
            Division(
                "Kepala Bidang Pelayanan Kesehatan",
                ("T.04",),
                (
                    Section("Kepala Seksi Pelayanan Kesehatan Primer", "kesehatan", size=5),
                    Section("Kepala Seksi Pelayanan Kesehatan Rujukan", "kesehatan"),
                ),
            ),
        ),
        "baik",
        "baik",
        public_facing=True,
        head_field="dokter",
    ),
    Unit(
        "Badan Keuangan dan Aset Daerah",
        "BKAD",
        "Kepala Badan Keuangan dan Aset Daerah",
        ("T.01", "T.11"),
        "ekonomi",
        (
            _secretariat("Badan Keuangan dan Aset Daerah"),
            Division(
                "Kepala Bidang Anggaran",
                ("T.01",),
                (
                    Section(SEVERE_SECTION, "anggaran", size=5),
                    Section("Kepala Subbidang Pengendalian Anggaran", "anggaran"),
                ),
            ),
        ),
        "baik",
        "baik",
    ),
    Unit(
        "Badan Kepegawaian, Pendidikan dan Pelatihan Daerah",
        "BKPPD",
        "Kepala Badan Kepegawaian, Pendidikan dan Pelatihan Daerah",
        ("T.02",),
        "sosial",
        (
            _secretariat("Badan Kepegawaian, Pendidikan dan Pelatihan Daerah"),
            Division(
                "Kepala Bidang Mutasi dan Pengembangan Karier",
                ("T.02",),
                (
                    Section("Kepala Subbidang Mutasi dan Promosi", "kepegawaian"),
                    Section("Kepala Subbidang Penilaian Kinerja dan Penghargaan", "kepegawaian"),
                ),
            ),
        ),
        "baik",
        "baik",
    ),
    Unit(
        "Inspektorat",
        "INSP",
        "Inspektur",
        ("T.07",),
        "ekonomi",
        (
            Division(
                "Sekretaris Inspektorat",
                ("T.03", "T.07"),
                (
                    Section("Kepala Subbagian Umum dan Kepegawaian", "umum"),
                    Section("Kepala Subbagian Perencanaan, Evaluasi dan Pelaporan", "perencanaan"),
                ),
            ),
            Division(
                "Inspektur Pembantu Wilayah I",
                ("T.07",),
                (
                    Section("Auditor Ahli Madya", "auditor", tier="ahli_madya"),
                    Section("Auditor Ahli Madya", "auditor", tier="ahli_madya"),
                ),
            ),
        ),
        "istimewa",
        "istimewa",
    ),
    Unit(
        "Dinas Pertanian dan Pangan",
        "DPP",
        "Kepala Dinas Pertanian dan Pangan",
        ("T.06", "T.03"),
        "pertanian",
        (
            _secretariat("Dinas Pertanian dan Pangan"),
            Division(
                "Kepala Bidang Tanaman Pangan dan Hortikultura",
                ("T.06",),
                (
                    Section("Kepala Seksi Produksi Tanaman Pangan", "tanaman"),
                    Section("Kepala Seksi Perlindungan Tanaman", "tanaman"),
                ),
            ),
            Division(
                "Kepala Bidang Penyuluhan Pertanian",
                ("T.06",),
                (
                    Section("Kepala Seksi Kelembagaan dan Ketenagaan Penyuluhan", "penyuluhan"),
                    Section("Kepala Seksi Metode dan Informasi Penyuluhan", "penyuluhan"),
                ),
            ),
        ),
        "baik",
        "lunak",
    ),
    Unit(
        "Dinas Kependudukan dan Pencatatan Sipil",
        "DKPS",
        "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        ("T.08",),
        "sosial",
        (
            _secretariat("Dinas Kependudukan dan Pencatatan Sipil"),
            Division(
                "Kepala Bidang Pelayanan Pendaftaran Penduduk",
                ("T.08",),
                (
                    Section("Kepala Seksi Identitas Penduduk", "dukcapil", size=5),
                    Section("Kepala Seksi Pindah Datang Penduduk", "dukcapil"),
                ),
            ),
        ),
        "baik",
        "baik",
        public_facing=True,
    ),
    Unit(
        "Dinas Komunikasi dan Informatika",
        "KOMINFO",
        "Kepala Dinas Komunikasi dan Informatika",
        ("T.10", "T.14"),
        "ti",
        (
            _secretariat("Dinas Komunikasi dan Informatika"),
            Division(
                "Kepala Bidang Aplikasi Informatika",
                ("T.10",),
                (
                    Section(LENIENT_SECTION, "ti", size=5),
                    Section("Kepala Seksi Infrastruktur dan Keamanan Informasi", "ti"),
                ),
            ),
        ),
        "baik",
        "baik",
    ),
    Unit(
        "Dinas Perpustakaan dan Kearsipan",
        "DPK",
        "Kepala Dinas Perpustakaan dan Kearsipan",
        ("T.12", "T.09"),
        "pustaka",
        (
            _secretariat("Dinas Perpustakaan dan Kearsipan"),
            Division(
                "Kepala Bidang Perpustakaan dan Kearsipan",
                ("T.12", "T.09"),
                (
                    Section("Kepala Seksi Layanan Perpustakaan", "pustaka"),
                    Section("Kepala Seksi Pengelolaan Arsip", "arsip"),
                ),
            ),
        ),
        "butuh_perbaikan",
        "butuh_perbaikan",
    ),
)

CURVE_BREAKING_UNIT = "Dinas Pertanian dan Pangan"

# Target shares of employee predikat per distribution plan (the rest is ``baik``).
PLANS: dict[str, dict[str, float]] = {
    "baik": {"sangat_baik": 0.20, "butuh_perbaikan": 0.12, "kurang_misconduct": 0.05},
    "istimewa": {"sangat_baik": 0.55, "butuh_perbaikan": 0.05},
    "butuh_perbaikan": {"butuh_perbaikan": 0.70, "sangat_baik": 0.05, "sangat_kurang": 0.05},
    "lunak": {"sangat_baik": 0.65},
}
PLAN_MINIMUM: dict[str, dict[str, int]] = {
    "baik": {"butuh_perbaikan": 1, "kurang_misconduct": 1},
    "istimewa": {"butuh_perbaikan": 1},
    "butuh_perbaikan": {"sangat_kurang": 1},
    "lunak": {},
}

# --------------------------------------------------------------------------------------
# People: names, titles, NIP, golongan
# --------------------------------------------------------------------------------------

# fmt: off
MALE_FIRST = (
    "Agus", "Budi", "Bambang", "Joko", "Heru", "Eko", "Sigit", "Wahyu", "Teguh", "Slamet",
    "Hadi", "Bayu", "Ari", "Yudi", "Rudi", "Arif", "Fajar", "Galih", "Aditya", "Rizky",
    "Andri", "Gunawan", "Hendra", "Anton", "Dedi", "Widi", "Tri", "Dwi", "Nanang", "Yusuf",
    "Ahmad", "Muhammad", "Bagus", "Danang", "Eka", "Priyo", "Rahmat", "Setyo", "Bowo", "Dimas",
)
MALE_LAST = (
    "Santoso", "Purnomo", "Wibowo", "Prasetyo", "Nugroho", "Setiawan", "Hartono", "Susanto",
    "Kurniawan", "Raharjo", "Widodo", "Saputra", "Haryanto", "Sulistyo", "Wicaksono",
    "Hidayat", "Pamungkas", "Suryanto", "Utomo", "Wijaya", "Firmansyah", "Rahmanto",
    "Triyanto", "Nugraha", "Budiman", "Prabowo", "Hermawan", "Mulyono", "Darmawan", "Suharjo",
)
FEMALE_FIRST = (
    "Sri", "Siti", "Endang", "Dwi", "Tri", "Nur", "Rini", "Wulan", "Ratna", "Yuliana",
    "Ani", "Retno", "Puji", "Dewi", "Eny", "Fitri", "Indah", "Kartika", "Lina", "Maya",
    "Novi", "Rina", "Sari", "Tutik", "Umi", "Wahyu", "Yeni", "Anis", "Erna", "Heni",
    "Nining", "Rahayu", "Dyah", "Ika", "Galuh", "Ayu", "Desi", "Nurul", "Septi", "Vivi",
)
FEMALE_LAST = (
    "Wahyuni", "Lestari", "Rahayu", "Handayani", "Astuti", "Wulandari", "Susanti",
    "Sulistyowati", "Purwaningsih", "Kusumawati", "Rahmawati", "Nurhayati", "Setyaningsih",
    "Utami", "Anggraini", "Pratiwi", "Suryani", "Hastuti", "Mulyani", "Widyastuti",
    "Puspitasari", "Rahmadani", "Maharani", "Ningsih", "Yuniarti", "Fitriani", "Saraswati",
    "Windarti", "Kurniasih", "Pertiwi",
)
MALE_SINGLE = ("Sumarno", "Suparjo", "Sukirman", "Wagiman", "Sutrisno", "Ngadiman", "Mujiono",
               "Sarjono", "Tukiran", "Paiman", "Suharto", "Wasiran")
FEMALE_SINGLE = ("Suparmi", "Sukarni", "Tumini", "Wartini", "Sumiyati", "Ngatini", "Sutarmi",
                 "Sarinah", "Tukinah", "Painem", "Wagiyem", "Sunarti")

BACHELOR = {
    "sosial": ("S.Sos.", "S.IP.", "S.AP."),
    "hukum": ("S.H.",),
    "ekonomi": ("S.E.", "S.Ak.", "S.E."),
    "ti": ("S.Kom.", "S.T.", "S.Kom."),
    "pendidikan": ("S.Pd.",),
    "kesehatan": ("S.KM.", "S.Kep., Ns."),
    "dokter": ("S.KM.",),
    "perawat": ("S.Kep., Ns.",),
    "bidan": ("S.Tr.Keb.",),
    "pertanian": ("S.P.", "S.P.", "S.TP."),
    "pustaka": ("S.IP.", "S.Hum."),
}
DIPLOMA = {"ti": "A.Md.Kom.", "perawat": "A.Md.Kep.", "bidan": "A.Md.Keb.", "ekonomi": "A.Md.Ak."}
MASTER = {
    "sosial": ("M.Si.", "M.A.P."),
    "hukum": ("M.H.",),
    "ekonomi": ("M.M.", "M.Ak.", "M.Si."),
    "ti": ("M.T.", "M.Kom."),
    "pendidikan": ("M.Pd.",),
    "kesehatan": ("M.Kes.",),
    "dokter": ("M.Kes.", "M.P.H."),
    "perawat": ("M.Kep.",),
    "bidan": ("M.Keb.",),
    "pertanian": ("M.P.", "M.Sc."),
    "pustaka": ("M.A.", "M.Si."),
}

GOLONGAN = {
    "jpt": ("IV/c", "IV/c", "IV/d"),
    "admin": ("IV/a", "IV/b", "IV/b"),
    "pengawas": ("III/c", "III/d", "III/d", "IV/a"),
    "pelaksana": ("II/b", "II/c", "II/d", "III/a", "III/b", "III/b", "III/c"),
    "terampil": ("II/c", "II/d", "III/a"),
    "ahli_pertama": ("III/a", "III/b"),
    "ahli_muda": ("III/c", "III/d"),
    "ahli_madya": ("IV/a", "IV/b", "IV/c"),
}
PPPK_GOLONGAN = {"ahli_pertama": "IX", "terampil": "VII", "pelaksana": "V"}
BIRTH_YEARS = {
    "jpt": (1966, 1974),
    "admin": (1968, 1980),
    "pengawas": (1970, 1988),
    "pelaksana": (1970, 1998),
    "terampil": (1978, 1996),
    "ahli_pertama": (1986, 1998),
    "ahli_muda": (1976, 1990),
    "ahli_madya": (1968, 1980),
}
STANDARD_BASE = {
    "jpt": 4, "admin": 3, "pengawas": 2, "pelaksana": 1,
    "terampil": 1, "ahli_pertama": 1, "ahli_muda": 2, "ahli_madya": 3,
}
TECHNICAL_BASE = {
    "jpt": 3, "admin": 3, "pengawas": 2, "pelaksana": 1,
    "terampil": 2, "ahli_pertama": 2, "ahli_muda": 3, "ahli_madya": 4,
}
# fmt: on


def _random_date(rng: np.random.Generator, first_year: int, last_year: int) -> dt.date:
    start = dt.date(first_year, 1, 1)
    span = (dt.date(last_year, 12, 31) - start).days
    return start + dt.timedelta(days=int(rng.integers(0, span + 1)))


def make_nip_pns(rng: np.random.Generator, tier: str, gender: int, used: set[str]) -> str:
    """NIP PNS: birth YYYYMMDD + TMT CPNS YYYYMM + gender + serial (REFERENCE §6.1)."""
    low, high = BIRTH_YEARS[tier]
    while True:
        birth = _random_date(rng, low, high)
        tmt_year = min(birth.year + int(rng.integers(22, 31)), 2024)
        tmt_year = max(tmt_year, birth.year + 18)
        tmt_month = int(rng.integers(1, 13))
        serial = int(rng.integers(1, 1000))
        nip = f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{gender}{serial:03d}"
        if nip not in used:
            used.add(nip)
            return nip


def make_nip_pppk(rng: np.random.Generator, gender: int, used: set[str]) -> str:
    """NI PPPK: birth YYYYMMDD + TMT year + ``2`` + angkatan + gender + serial (§6.2)."""
    while True:
        birth = _random_date(rng, 1985, 1996)
        tmt_year = int(rng.integers(2021, 2025))
        batch = int(rng.integers(1, 4))
        serial = int(rng.integers(1, 1000))
        nip = f"{birth:%Y%m%d}{tmt_year:04d}2{batch}{gender}{serial:03d}"
        if nip not in used:
            used.add(nip)
            return nip


def _pick(rng: np.random.Generator, options: Sequence[str]) -> str:
    return options[int(rng.integers(0, len(options)))]


def make_base_name(rng: np.random.Generator, gender: int, born: int, used: set[str]) -> str:
    """A Javanese/Indonesian personal name (single names for older people), unique."""
    while True:
        if born < 1982 and rng.random() < 0.2:
            name = _pick(rng, MALE_SINGLE if gender == 1 else FEMALE_SINGLE)
        elif gender == 1:
            name = f"{_pick(rng, MALE_FIRST)} {_pick(rng, MALE_LAST)}"
        else:
            name = f"{_pick(rng, FEMALE_FIRST)} {_pick(rng, FEMALE_LAST)}"
        if name not in used:
            used.add(name)
            return name


def education(rng: np.random.Generator, tier: str, golongan: str) -> str:
    """Highest degree implied by tier and golongan: sma, d3, s1 or s2."""
    if tier == "jpt":
        return "s2" if rng.random() < 0.85 else "s1"
    if tier in {"admin", "ahli_madya"}:
        return "s2" if rng.random() < 0.6 else "s1"
    if golongan in {"II/a", "II/b"}:
        return "sma"
    if golongan in {"II/c", "II/d"}:
        return "d3" if rng.random() < 0.7 else "sma"
    if tier == "terampil":
        return "d3"
    return "s2" if golongan.startswith("IV") and rng.random() < 0.4 else "s1"


def titled_name(
    rng: np.random.Generator, base: str, gender: int, field: str, degree: str, born: int
) -> str:
    """Add academic titles (or none) the way they appear on Indonesian rosters."""
    if degree == "sma" or (degree == "s1" and rng.random() < 0.12):
        return base
    if degree == "d3":
        return f"{base}, {DIPLOMA.get(field, 'A.Md.')}"
    if field == "dokter":
        suffix = f", {_pick(rng, MASTER['dokter'])}" if degree == "s2" else ""
        return f"dr. {base}{suffix}"
    if born < 1972 and field in {"sosial", "ekonomi"} and rng.random() < 0.5:
        prefix = "Drs." if gender == 1 else "Dra."
        suffix = f", {_pick(rng, MASTER[field])}" if degree == "s2" else ""
        return f"{prefix} {base}{suffix}"
    titles = [_pick(rng, BACHELOR[field])]
    if degree == "s2":
        titles.append(_pick(rng, MASTER[field]))
    return f"{base}, {', '.join(titles)}"


# --------------------------------------------------------------------------------------
# Roster
# --------------------------------------------------------------------------------------


@dataclass
class RosterBuilder:
    """Accumulates employees while walking the organisation tree."""

    rng: np.random.Generator
    rows: list[dict[str, object]]
    used_nips: set[str]
    used_names: set[str]

    def add(
        self,
        unit: Unit,
        job: Job,
        supervisor: str,
        person: tuple[str, str, int, str] | None = None,
    ) -> str:
        rng = self.rng
        gender = person[2] if person else int(rng.integers(1, 3))
        golongan = _pick(rng, GOLONGAN[job.tier])
        if job.name == "Sekretaris Daerah":
            golongan = "IV/d"
        nip = make_nip_pns(rng, job.tier, gender, self.used_nips)
        if person:
            name = f"{person[0]}, {person[1]}"
            self.used_names.add(person[0])
        else:
            base = make_base_name(rng, gender, int(nip[:4]), self.used_names)
            degree = education(rng, job.tier, golongan)
            name = titled_name(rng, base, gender, job.field, degree, int(nip[:4]))
        self.rows.append(
            {
                "nip": nip,
                "nama": name,
                "unit_kerja": unit.name,
                "jabatan": job.name,
                "jenis_jabatan": job.jenis,
                "golongan": golongan,
                "nip_atasan": supervisor,
                "tier": job.tier,
                "gender": gender,
            }
        )
        return nip


def _staff_sizes(rng: np.random.Generator, section: Section) -> int:
    if section.size is not None:
        return section.size
    return int(rng.choice([2, 3, 4, 4, 5]))


def build_roster(rng: np.random.Generator) -> pd.DataFrame:
    """Walk the organisation tree and create every employee with a NIP and a name."""
    builder = RosterBuilder(rng, [], set(), set())
    secretary_nip = ""
    for unit in UNITS:
        head_job = Job(
            unit.head, "jpt_pratama", "jpt", unit.head_technical, unit.head_field or unit.field
        )
        head = builder.add(unit, head_job, secretary_nip)
        if unit.name == "Sekretariat Daerah":
            secretary_nip = head
        for division in unit.divisions:
            admin_field = (
                unit.field
                if division.title.startswith("Sekretaris")
                else POOL_FIELD[division.sections[0].pool]
            )
            admin_job = Job(
                division.title, "administrator", "admin", division.technical, admin_field
            )
            admin = builder.add(unit, admin_job, head)
            for section in division.sections:
                if section.tier == "pengawas":
                    lead_job = Job(
                        section.title,
                        "pengawas",
                        "pengawas",
                        division.technical,
                        POOL_FIELD[section.pool],
                    )
                else:
                    lead_job = STAFF_JOBS[section.title]
                lead = builder.add(unit, lead_job, admin)
                _add_section_staff(builder, unit, section, lead)
    roster = pd.DataFrame(builder.rows)
    return assign_pppk(rng, roster, builder.used_nips)


def _add_section_staff(builder: RosterBuilder, unit: Unit, section: Section, lead: str) -> None:
    rng = builder.rng
    pool = STAFF_POOLS[section.pool]
    size = _staff_sizes(rng, section)
    order = list(rng.permutation(len(pool)))
    for i in range(size):
        job = STAFF_JOBS[pool[order[i % len(pool)]]]
        person = None
        if section.title == LENIENT_SECTION and i == 0:
            person = LENIENT_PERSON
        elif section.title == SEVERE_SECTION and i == 0:
            person = SEVERE_PERSON
        if person is not None:
            job = STAFF_JOBS[person[3]]
        builder.add(unit, job, lead, person)


def assign_pppk(rng: np.random.Generator, roster: pd.DataFrame, used: set[str]) -> pd.DataFrame:
    """Turn four staff (ahli pertama / terampil, four different units) into PPPK."""
    roster = roster.copy()
    candidates = roster[
        roster["tier"].isin(["ahli_pertama", "terampil"])
        & ~roster["nama"].str.startswith((LENIENT_PERSON[0], SEVERE_PERSON[0]))
    ]
    units = (
        "Dinas Kesehatan",
        "Dinas Pertanian dan Pangan",
        "Dinas Pendidikan",
        "Dinas Komunikasi dan Informatika",
    )
    for unit in units:
        pool = candidates[candidates["unit_kerja"] == unit]
        row = pool.iloc[int(rng.integers(0, len(pool)))]
        idx, old = row.name, str(row["nip"])
        new = make_nip_pppk(rng, int(row["gender"]), used)
        roster.loc[roster["nip_atasan"] == old, "nip_atasan"] = new
        roster.at[idx, "nip"] = new
        roster.at[idx, "golongan"] = PPPK_GOLONGAN[str(row["tier"])]
    return roster


# --------------------------------------------------------------------------------------
# Competencies, standards, trainings
# --------------------------------------------------------------------------------------

TECHNICAL_COMPETENCIES: tuple[tuple[str, str, str], ...] = (
    (
        "T.01",
        "Pengelolaan Keuangan Daerah",
        "Kemampuan merencanakan, melaksanakan, menatausahakan, melaporkan, dan "
        "mempertanggungjawabkan keuangan daerah sesuai ketentuan peraturan perundang-undangan.",
    ),
    (
        "T.02",
        "Manajemen Aparatur Sipil Negara",
        "Kemampuan mengelola manajemen ASN berbasis sistem merit, mulai dari perencanaan "
        "kebutuhan, pengadaan, pengembangan kompetensi, penilaian kinerja, hingga pemberhentian.",
    ),
    (
        "T.03",
        "Perencanaan Pembangunan Daerah",
        "Kemampuan menyusun, mengendalikan, dan mengevaluasi dokumen perencanaan pembangunan "
        "daerah (RPJMD, RKPD, Renstra, Renja) berbasis data dan indikator kinerja.",
    ),
    (
        "T.04",
        "Pelayanan Kesehatan Masyarakat",
        "Kemampuan menyelenggarakan upaya kesehatan perorangan dan masyarakat sesuai standar "
        "pelayanan minimal bidang kesehatan.",
    ),
    (
        "T.05",
        "Pengelolaan Pendidikan",
        "Kemampuan mengelola penyelenggaraan pendidikan anak usia dini, dasar, dan nonformal, "
        "termasuk kurikulum, peserta didik, serta pendidik dan tenaga kependidikan.",
    ),
    (
        "T.06",
        "Penyuluhan Pertanian",
        "Kemampuan merencanakan dan melaksanakan penyuluhan, pendampingan kelompok tani, dan "
        "alih teknologi untuk meningkatkan produksi dan ketahanan pangan.",
    ),
    (
        "T.07",
        "Pengawasan dan Audit Internal",
        "Kemampuan melaksanakan audit, reviu, evaluasi, pemantauan, dan kegiatan pengawasan "
        "lain atas penyelenggaraan pemerintahan daerah secara independen dan objektif.",
    ),
    (
        "T.08",
        "Administrasi Kependudukan",
        "Kemampuan menyelenggarakan pendaftaran penduduk, pencatatan sipil, dan pengelolaan "
        "informasi administrasi kependudukan secara akurat dan tepat waktu.",
    ),
    (
        "T.09",
        "Pengelolaan Arsip",
        "Kemampuan mengelola arsip dinamis dan statis, tata naskah dinas, serta penyusutan "
        "arsip sesuai kaidah kearsipan.",
    ),
    (
        "T.10",
        "Pengelolaan Teknologi Informasi",
        "Kemampuan merancang, mengembangkan, mengoperasikan, dan mengamankan aplikasi, "
        "infrastruktur, dan data dalam kerangka Sistem Pemerintahan Berbasis Elektronik (SPBE).",
    ),
    (
        "T.11",
        "Pengelolaan Barang Milik Daerah",
        "Kemampuan merencanakan kebutuhan, menatausahakan, memanfaatkan, mengamankan, dan "
        "menghapus barang milik daerah.",
    ),
    (
        "T.12",
        "Pengelolaan Perpustakaan",
        "Kemampuan mengembangkan koleksi, mengolah bahan pustaka, menyelenggarakan layanan "
        "perpustakaan, serta membudayakan kegemaran membaca.",
    ),
    (
        "T.13",
        "Penyusunan Produk Hukum Daerah",
        "Kemampuan merancang, mengharmonisasi, dan mengkaji produk hukum daerah (Perda, "
        "Perbup, Keputusan Bupati) serta memberikan bantuan hukum.",
    ),
    (
        "T.14",
        "Komunikasi Publik dan Kehumasan",
        "Kemampuan mengelola informasi publik, kehumasan, dan komunikasi pemerintah kepada "
        "masyarakat melalui berbagai kanal.",
    ),
)

TRAININGS: tuple[tuple[str, str, int, str], ...] = (
    ("E-learning Integritas dan Antikorupsi", "M.01", 10, "e-learning"),
    ("Pelatihan Penguatan Integritas ASN", "M.01", 24, "klasikal"),
    ("Pelatihan Membangun Tim Kerja Efektif", "M.02", 16, "klasikal"),
    ("Coaching Kolaborasi Lintas Unit", "M.02", 6, "coaching"),
    ("Pelatihan Komunikasi Efektif dan Public Speaking", "M.03", 24, "klasikal"),
    ("E-learning Penulisan Naskah Dinas", "M.03", 8, "e-learning"),
    ("Pelatihan Manajemen Kinerja Berbasis Hasil", "M.04", 24, "klasikal"),
    ("Mentoring Penyusunan SKP dan Target Kinerja", "M.04", 6, "mentoring"),
    ("Pelatihan Kepemimpinan Pengawas", "M.04", 40, "klasikal"),
    ("Pelatihan Pelayanan Prima", "M.05", 24, "klasikal"),
    ("Benchmarking Mal Pelayanan Publik", "M.05", 16, "benchmarking"),
    ("E-learning Standar Pelayanan Publik", "M.05", 8, "e-learning"),
    ("Pelatihan Coaching dan Mentoring bagi Atasan", "M.06", 24, "klasikal"),
    ("Mentoring Rencana Pengembangan Diri", "M.06", 4, "mentoring"),
    ("Pelatihan Manajemen Perubahan", "M.07", 20, "klasikal"),
    ("Magang Transformasi Digital Layanan", "M.07", 40, "magang"),
    ("Pelatihan Kepemimpinan Administrator", "M.07", 40, "klasikal"),
    ("Coaching Pengambilan Keputusan", "M.08", 8, "coaching"),
    ("Pelatihan Analisis Masalah dan Pengambilan Keputusan", "M.08", 24, "klasikal"),
    ("Pelatihan Wawasan Kebangsaan dan Moderasi", "SK.01", 16, "klasikal"),
    ("E-learning Perekat Bangsa dan Toleransi", "SK.01", 6, "e-learning"),
    ("Pelatihan Penatausahaan Keuangan Daerah Berbasis SIPD", "T.01", 32, "klasikal"),
    ("E-learning Akuntansi Berbasis Akrual", "T.01", 12, "e-learning"),
    ("Pelatihan Manajemen ASN dan SIASN", "T.02", 24, "klasikal"),
    ("E-learning Penilaian Kinerja ASN", "T.02", 8, "e-learning"),
    ("Pelatihan Perencanaan Pembangunan Daerah", "T.03", 32, "klasikal"),
    ("Benchmarking Perencanaan dan Penganggaran Terpadu", "T.03", 16, "benchmarking"),
    ("Pelatihan Pelayanan Kesehatan Dasar di Puskesmas", "T.04", 30, "klasikal"),
    ("Magang Pelayanan Kesehatan Rujukan di RSUD Wonosari", "T.04", 40, "magang"),
    ("Pelatihan Manajemen Berbasis Sekolah", "T.05", 24, "klasikal"),
    ("E-learning Kurikulum Merdeka", "T.05", 10, "e-learning"),
    ("Pelatihan Teknis Penyuluhan Pertanian", "T.06", 32, "klasikal"),
    ("Magang Pertanian Lahan Kering", "T.06", 40, "magang"),
    ("Pelatihan Audit Berbasis Risiko", "T.07", 30, "klasikal"),
    ("Detasering Pengawasan Keuangan Kalurahan", "T.07", 40, "detasering"),
    ("Pelatihan Pelayanan Administrasi Kependudukan (SIAK)", "T.08", 24, "klasikal"),
    ("E-learning Identitas Kependudukan Digital", "T.08", 6, "e-learning"),
    ("Pelatihan Manajemen Arsip Dinamis", "T.09", 24, "klasikal"),
    ("E-learning Tata Naskah Dinas Elektronik (Srikandi)", "T.09", 8, "e-learning"),
    ("Pelatihan Keamanan Informasi dan Persandian", "T.10", 24, "klasikal"),
    ("Pelatihan Pengembangan Aplikasi Berbasis Web", "T.10", 32, "klasikal"),
    ("Pelatihan Pengelolaan Barang Milik Daerah", "T.11", 24, "klasikal"),
    ("Pelatihan Kehumasan dan Komunikasi Publik", "T.14", 20, "klasikal"),
    ("E-learning Budaya Pelayanan BerAKHLAK", "B.01", 4, "e-learning"),
    ("Pelatihan Akuntabilitas dan Disiplin ASN", "B.02", 8, "klasikal"),
    ("Coaching Adaptasi dan Inovasi Layanan", "B.06", 6, "coaching"),
    ("Mentoring Kerja Kolaboratif", "B.07", 4, "mentoring"),
)


def build_competencies() -> pd.DataFrame:
    """The technical competencies T.* (the national ones ship with the package)."""
    rows = [
        {"kode": k, "nama": n, "jenis": "teknis", "definisi": d}
        for k, n, d in TECHNICAL_COMPETENCIES
    ]
    return pd.DataFrame(rows, columns=["kode", "nama", "jenis", "definisi"])


def build_trainings() -> pd.DataFrame:
    """The training catalogue (``pelatihan.csv``)."""
    rows = [
        {"kode": f"PLT-{i:03d}", "nama": n, "kompetensi_kode": k, "jp": jp, "jalur": j}
        for i, (n, k, jp, j) in enumerate(TRAININGS, start=1)
    ]
    return pd.DataFrame(rows, columns=["kode", "nama", "kompetensi_kode", "jp", "jalur"])


def _vary(rng: np.random.Generator, base: int) -> int:
    draw = rng.random()
    step = -1 if draw < 0.15 else (1 if draw < 0.30 else 0)
    if base == 1 and step < 0:
        step = 1 if rng.random() < 0.5 else 0
    return int(np.clip(base + step, max(1, base - 1), min(5, base + 1)))


def build_standards(rng: np.random.Generator, roster: pd.DataFrame) -> pd.DataFrame:
    """One standard per distinct jabatan: M.01–M.08, SK.01 and its T.* codes."""
    jobs = roster.drop_duplicates("jabatan")[["jabatan", "tier"]].sort_values("jabatan")
    technical = _technical_by_job()
    rows: list[dict[str, object]] = []
    for jabatan, tier in jobs.itertuples(index=False):
        base = STANDARD_BASE[tier]
        for code in NATIONAL:
            level = base if code == "M.01" else _vary(rng, base)
            rows.append({"jabatan": jabatan, "kompetensi_kode": code, "level": level})
        for code in technical[jabatan]:
            level = int(np.clip(TECHNICAL_BASE[tier] - (rng.random() < 0.25), 1, 4))
            rows.append({"jabatan": jabatan, "kompetensi_kode": code, "level": level})
    return pd.DataFrame(rows, columns=["jabatan", "kompetensi_kode", "level"])


def _technical_by_job() -> dict[str, tuple[str, ...]]:
    table = {name: job.technical for name, job in STAFF_JOBS.items()}
    for unit in UNITS:
        table[unit.head] = unit.head_technical
        for division in unit.divisions:
            table[division.title] = division.technical
            for section in division.sections:
                if section.tier == "pengawas":
                    table[section.title] = division.technical
    return table


# --------------------------------------------------------------------------------------
# Who rates whom
# --------------------------------------------------------------------------------------


def planted_raters(roster: pd.DataFrame) -> tuple[str, str]:
    """NIPs of the planted lenient and severe raters."""

    def nip_of(person: tuple[str, str, int, str]) -> str:
        return str(roster.loc[roster["nama"] == f"{person[0]}, {person[1]}", "nip"].iloc[0])

    return nip_of(LENIENT_PERSON), nip_of(SEVERE_PERSON)


def planted_teams(roster: pd.DataFrame) -> set[str]:
    """NIPs of everyone in the two sections where all colleagues rate each other."""
    leads = roster.loc[roster["jabatan"].isin([LENIENT_SECTION, SEVERE_SECTION]), "nip"]
    members = roster[roster["nip_atasan"].isin(leads)]
    return set(members["nip"]) | set(leads)


def choose_missing(
    rng: np.random.Generator, roster: pd.DataFrame, share: float, exclude: set[str]
) -> set[str]:
    """A random share of employees (below the heads), excluding some NIPs."""
    pool = roster[(roster["tier"] != "jpt") & ~roster["nip"].isin(exclude)]["nip"].to_list()
    k = max(1, round(share * len(roster)))
    return set(rng.choice(pool, size=k, replace=False).tolist())


def peer_pairs(
    rng: np.random.Generator, roster: pd.DataFrame, full_teams: set[str]
) -> list[tuple[str, str, str]]:
    """Rekan: same unit and same atasan; 3–4 peers where possible, sometimes only 2."""
    pairs: list[tuple[str, str, str]] = []
    teams = roster[roster["nip_atasan"] != ""].groupby(["unit_kerja", "nip_atasan"], sort=True)
    for _, team in teams:
        members = team["nip"].to_list()
        for ratee in members:
            others = [m for m in members if m != ratee]
            if not others:
                continue
            if ratee in full_teams and len(others) >= 4:
                chosen = others
            else:
                k = len(others) if len(others) <= 3 else int(rng.choice([3, 3, 4]))
                if len(others) >= 3 and rng.random() < 0.1:
                    k = 2
                chosen = list(rng.choice(others, size=k, replace=False))
            pairs.extend((ratee, str(rater), "rekan") for rater in chosen)
    return pairs


def build_pairs(
    rng: np.random.Generator,
    roster: pd.DataFrame,
    no_supervisor: set[str],
    no_self: set[str],
    full_teams: set[str],
) -> pd.DataFrame:
    """All (ratee, rater, source) triples of the employee sources."""
    pairs: list[tuple[str, str, str]] = []
    for nip, boss in roster[["nip", "nip_atasan"]].itertuples(index=False):
        if boss and nip not in no_supervisor:
            pairs.append((nip, boss, "atasan"))
        if boss:
            pairs.append((boss, nip, "bawahan"))
        if nip not in no_self:
            pairs.append((nip, nip, "diri"))
    pairs.extend(peer_pairs(rng, roster, full_teams))
    return pd.DataFrame(pairs, columns=["nip_dinilai", "nip_penilai", "sumber"])


def public_pairs(rng: np.random.Generator, roster: pd.DataFrame) -> pd.DataFrame:
    """Masyarakat: 3–6 respondents (once only 2) rate some front-line staff."""
    rows: list[tuple[str, str, str]] = []
    for unit in (u for u in UNITS if u.public_facing):
        staff = roster[
            (roster["unit_kerja"] == unit.name) & roster["jabatan"].isin(FRONT_LINE_JOBS)
        ]["nip"].to_list()
        chosen = list(rng.choice(staff, size=min(5, len(staff)), replace=False))
        counter = 0
        for i, ratee in enumerate(chosen):
            n = 2 if i == len(chosen) - 1 and unit.code == "DKPS" else int(rng.integers(3, 7))
            for _ in range(n):
                counter += 1
                rows.append((str(ratee), f"R-{unit.code}-{counter:04d}", "masyarakat"))
    return pd.DataFrame(rows, columns=["nip_dinilai", "nip_penilai", "sumber"])


# --------------------------------------------------------------------------------------
# Targets and latent levels
# --------------------------------------------------------------------------------------

PREDIKAT_TO_RATINGS: dict[str, tuple[tuple[tuple[str, str], float], ...]] = {
    "sangat_baik": ((("di_atas", "di_atas"), 1.0),),
    "baik": (
        (("sesuai", "sesuai"), 0.75),
        (("sesuai", "di_atas"), 0.18),
        (("di_atas", "sesuai"), 0.07),
    ),
    "butuh_perbaikan": ((("di_bawah", "sesuai"), 0.85), (("di_bawah", "di_atas"), 0.15)),
    "kurang_misconduct": ((("sesuai", "di_bawah"), 1.0),),
    "sangat_kurang": ((("di_bawah", "di_bawah"), 1.0),),
}


def scored_employees(roster: pd.DataFrame, pairs: pd.DataFrame) -> set[str]:
    """Employees that will have a competency score (an atasan or a non-withheld group)."""
    n = pairs.groupby(["nip_dinilai", "sumber"])["nip_penilai"].nunique().unstack(fill_value=0)
    for source in ("atasan", "rekan", "bawahan"):
        if source not in n:
            n[source] = 0
    ok = (n["atasan"] > 0) | (n["rekan"] >= ANONYMITY_K) | (n["bawahan"] >= ANONYMITY_K)
    return set(n.index[ok])


def _quota(plan: str, n: int) -> dict[str, int]:
    counts = {
        p: max(round(share * n), PLAN_MINIMUM[plan].get(p, 0)) for p, share in PLANS[plan].items()
    }
    counts["baik"] = n - sum(counts.values())
    return counts


def plan_targets(
    rng: np.random.Generator, roster: pd.DataFrame, eligible: set[str], forced_baik: set[str]
) -> pd.DataFrame:
    """Target predikat per employee from the unit's plan, then the two ratings behind it."""
    rows: list[dict[str, str]] = []
    for unit in UNITS:
        members = roster[roster["unit_kerja"] == unit.name]["nip"].to_list()
        counted = [m for m in members if m in eligible]
        forced = [m for m in counted if m in forced_baik]
        free = [m for m in counted if m not in forced_baik]
        free = [free[i] for i in rng.permutation(len(free))]
        quota = _quota(unit.plan, len(counted))
        labels = [p for p, c in quota.items() if p != "baik" for _ in range(c)]
        labels += ["baik"] * (len(free) - len(labels))
        assignment = dict(zip(free, labels, strict=True)) | {m: "baik" for m in forced}
        for nip in members:
            target = assignment.get(nip, "baik")
            options = PREDIKAT_TO_RATINGS[target]
            probs = np.array([p for _, p in options])
            hasil, perilaku = options[int(rng.choice(len(options), p=probs))][0]
            rows.append({"nip": nip, "target": target, "hasil": hasil, "perilaku": perilaku})
    targets = pd.DataFrame(rows)
    targets["jpm_target"] = _jpm_targets(rng, roster, targets)
    return targets


def _jpm_targets(
    rng: np.random.Generator, roster: pd.DataFrame, targets: pd.DataFrame
) -> list[str]:
    tiers = roster.set_index("nip").loc[targets["nip"], "tier"].to_list()
    out: list[str] = []
    for tier in tiers:
        if STANDARD_BASE[tier] >= 2:
            p = [0.55, 0.27, 0.18]
        else:
            p = [1.0, 0.0, 0.0]
        out.append(str(rng.choice(["optimal", "cukup_optimal", "kurang_optimal"], p=p)))
    return out


def build_latent(
    rng: np.random.Generator, roster: pd.DataFrame, standards: pd.DataFrame, targets: pd.DataFrame
) -> pd.DataFrame:
    """True level per (employee, competency) for the standard and B.01–B.07."""
    merged = roster[["nip", "jabatan"]].merge(targets, on="nip")
    std = standards.groupby("jabatan")
    rows: list[dict[str, object]] = []
    for nip, jabatan, perilaku, jpm_target in merged[
        ["nip", "jabatan", "perilaku", "jpm_target"]
    ].itertuples(index=False):
        low, high = JPM_RATIO[jpm_target]
        ratio = float(rng.uniform(low, high))
        for code, level in std.get_group(jabatan)[["kompetensi_kode", "level"]].itertuples(
            index=False
        ):
            true = level * ratio + rng.normal(0, 0.25)
            rows.append({"nip": nip, "kode": code, "true": float(np.clip(true, 1, 5))})
        base = BEHAVIOUR_LEVEL[perilaku]
        for code in BERAKHLAK:
            true = base + rng.normal(0, 0.15)
            rows.append({"nip": nip, "kode": code, "true": float(np.clip(true, 1, 5))})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------
# Ratings
# --------------------------------------------------------------------------------------

COMMENTS_HIGH = (
    "Konsisten menyelesaikan tugas tepat waktu.",
    "Sangat membantu rekan kerja dalam tim.",
    "Inisiatif tinggi dalam memperbaiki layanan.",
    "Komunikasi dengan pemangku kepentingan sangat baik.",
    "Menjadi teladan dalam disiplin kerja.",
)
COMMENTS_MID = (
    "Sudah sesuai dengan yang diharapkan.",
    "Kinerja stabil sepanjang tahun.",
    "Cukup baik, masih dapat ditingkatkan.",
    "Perlu dipertahankan.",
)
COMMENTS_LOW = (
    "Perlu meningkatkan ketepatan waktu penyelesaian laporan.",
    "Masih perlu bimbingan dalam pengambilan keputusan.",
    "Kurang aktif dalam kerja tim.",
    "Perlu lebih cermat dalam administrasi.",
    "Sering terlambat mengikuti apel pagi.",
)
COMMENTS_SELF = (
    "Saya terus berupaya meningkatkan kompetensi.",
    "Target kerja tahun ini tercapai.",
    "Masih perlu belajar di bidang ini.",
)
COMMENTS_PUBLIC = (
    "Pelayanan ramah dan cepat.",
    "Petugas menjelaskan persyaratan dengan jelas.",
    "Antrean cukup lama, tetapi petugas sopan.",
    "Mohon waktu tunggu dipercepat.",
)


def rater_biases(
    rng: np.random.Generator, raters: Iterable[str], lenient: str, severe: str
) -> dict[str, float]:
    """A small personal bias for every rater, and the two planted extremes."""
    biases = {r: float(rng.normal(0, RATER_BIAS_SD)) for r in sorted(set(raters))}
    biases[lenient] = LENIENT_BIAS
    biases[severe] = SEVERE_BIAS
    return biases


def build_ratings(
    rng: np.random.Generator, pairs: pd.DataFrame, latent: pd.DataFrame, biases: dict[str, float]
) -> pd.DataFrame:
    """One row per (ratee, rater, competency) with skor and an occasional catatan."""
    by_ratee = {nip: grp for nip, grp in latent.groupby("nip", sort=False)}
    frames: list[pd.DataFrame] = []
    for ratee, rater, source in pairs.itertuples(index=False):
        cells = by_ratee[ratee]
        if source == "masyarakat":
            cells = cells[cells["kode"].isin(["B.01", "M.05"])]
        true = cells["true"].to_numpy()
        if source == "diri":
            shift, noise = SELF_BIAS, RATER_NOISE
        elif source == "masyarakat":
            shift, noise = PUBLIC_BIAS, PUBLIC_NOISE
        else:
            shift, noise = biases[rater], RATER_NOISE
        raw = true + shift + rng.normal(0, noise, size=len(true))
        frames.append(
            pd.DataFrame(
                {
                    "periode": PERIOD,
                    "nip_dinilai": ratee,
                    "nip_penilai": rater,
                    "sumber": source,
                    "kompetensi_kode": cells["kode"].to_numpy(),
                    "skor": np.clip(np.rint(raw), 1, 5).astype(int),
                }
            )
        )
    ratings = pd.concat(frames, ignore_index=True)
    ratings["catatan"] = _comments(rng, ratings)
    order = {"atasan": 0, "diri": 1, "rekan": 2, "bawahan": 3, "masyarakat": 4}
    ratings["_o"] = ratings["sumber"].map(order)
    ratings = ratings.sort_values(["nip_dinilai", "_o", "nip_penilai", "kompetensi_kode"])
    return ratings.drop(columns="_o").reset_index(drop=True)


def _comments(rng: np.random.Generator, ratings: pd.DataFrame) -> list[str]:
    out: list[str] = []
    draws = rng.random(len(ratings))
    for draw, source, skor in zip(draws, ratings["sumber"], ratings["skor"], strict=True):
        if draw >= 0.05:
            out.append("")
        elif source == "diri":
            out.append(_pick(rng, COMMENTS_SELF))
        elif source == "masyarakat":
            out.append(_pick(rng, COMMENTS_PUBLIC))
        elif skor >= 4:
            out.append(_pick(rng, COMMENTS_HIGH))
        elif skor <= 2:
            out.append(_pick(rng, COMMENTS_LOW))
        else:
            out.append(_pick(rng, COMMENTS_MID))
    return out


def build_hasil_kerja(targets: pd.DataFrame, missing: set[str]) -> pd.DataFrame:
    """``hasil_kerja.csv``: the planned rating hasil kerja, some employees missing."""
    rows = targets[~targets["nip"].isin(missing)]
    return pd.DataFrame(
        {"periode": PERIOD, "nip": rows["nip"], "rating_hasil_kerja": rows["hasil"]}
    ).reset_index(drop=True)


def build_unit_kerja() -> pd.DataFrame:
    """``unit_kerja.csv``: the organisation predikat of every unit."""
    return pd.DataFrame(
        [
            {"periode": PERIOD, "unit_kerja": u.name, "predikat_organisasi": u.predikat_organisasi}
            for u in UNITS
        ]
    )


# --------------------------------------------------------------------------------------
# Self-check: DESIGN §4 scoring and §5 calibration, re-implemented minimally
# --------------------------------------------------------------------------------------

# fmt: off
MATRIX = {
    "di_atas": {"di_bawah": "kurang_misconduct", "sesuai": "baik", "di_atas": "sangat_baik"},
    "sesuai": {"di_bawah": "kurang_misconduct", "sesuai": "baik", "di_atas": "baik"},
    "di_bawah": {"di_bawah": "sangat_kurang", "sesuai": "butuh_perbaikan",
                 "di_atas": "butuh_perbaikan"},
}
BOX = {("di_atas", "rendah"): 4, ("di_atas", "menengah"): 7, ("di_atas", "tinggi"): 9,
       ("sesuai", "rendah"): 2, ("sesuai", "menengah"): 5, ("sesuai", "tinggi"): 8,
       ("di_bawah", "rendah"): 1, ("di_bawah", "menengah"): 3, ("di_bawah", "tinggi"): 6}
# fmt: on


def leniency(ratings: pd.DataFrame) -> pd.DataFrame:
    """DESIGN §5 rater leniency: deviasi, n_sel and label per rater."""
    rated = ratings[ratings["sumber"].isin(EVALUATIVE_SOURCES)]
    cell = rated.groupby(["periode", "nip_dinilai", "kompetensi_kode"])["skor"]
    total, count = cell.transform("sum"), cell.transform("count")
    deviation = (rated["skor"] - (total - rated["skor"]) / (count - 1))[count >= 2]
    comparable = rated.loc[deviation.index, ["nip_penilai"]].assign(d=deviation)
    out = comparable.groupby("nip_penilai").agg(n_sel=("d", "count"), deviasi=("d", "mean"))
    out = out.reset_index()
    out["label"] = np.select(
        [
            (out["deviasi"] >= 0.5 - TOL) & (out["n_sel"] >= 5),
            (out["deviasi"] <= -0.5 + TOL) & (out["n_sel"] >= 5),
        ],
        ["lunak", "keras"],
        "wajar",
    )
    return out


def competency_scores(ratings: pd.DataFrame) -> pd.DataFrame:
    """DESIGN §4 steps 1–3: weighted skor per (ratee, competency)."""
    keys = ["nip_dinilai", "kompetensi_kode", "sumber"]
    means = ratings.groupby(keys).agg(skor=("skor", "mean")).reset_index()
    n_g = ratings.groupby(["nip_dinilai", "sumber"])["nip_penilai"].nunique().rename("n_g")
    means = means.merge(n_g.reset_index(), on=["nip_dinilai", "sumber"])
    withheld = means["sumber"].isin(ANONYMOUS_SOURCES) & (means["n_g"] < ANONYMITY_K)
    means["w"] = means["sumber"].map(SOURCE_WEIGHTS)
    means = means[~withheld & (means["w"] > 0)]
    means = means.assign(wm=means["w"] * means["skor"])
    agg = means.groupby(["nip_dinilai", "kompetensi_kode"])[["wm", "w"]].sum()
    return (agg["wm"] / agg["w"]).rename("skor").reset_index()


def _rating(value: float) -> str | None:
    if np.isnan(value):
        return None
    if value >= 3.5 - TOL:
        return "di_atas"
    return "sesuai" if value >= 2.5 - TOL else "di_bawah"


def _jpm_category(value: float) -> str | None:
    if np.isnan(value):
        return None
    if value >= 90 - TOL:
        return "optimal"
    return "cukup_optimal" if value >= 78 - TOL else "kurang_optimal"


def employee_summary(
    roster: pd.DataFrame, standards: pd.DataFrame, ratings: pd.DataFrame, hasil: pd.DataFrame
) -> pd.DataFrame:
    """JPM, rating perilaku, predikat and nine-box per employee (DESIGN §4)."""
    scores = competency_scores(ratings).rename(columns={"nip_dinilai": "nip"})
    std = roster[["nip", "jabatan"]].merge(standards, on="jabatan")
    std = std.merge(scores, on=["nip", "kompetensi_kode"], how="left")
    sums = std.assign(missing=std["skor"].isna()).groupby("nip")[["skor", "level", "missing"]]
    totals = sums.sum()
    jpm = (100 * totals["skor"] / totals["level"]).where(totals["missing"] == 0).rename("jpm")
    grid = pd.MultiIndex.from_product([roster["nip"], BERAKHLAK], names=["nip", "kompetensi_kode"])
    beh = scores.set_index(["nip", "kompetensi_kode"]).reindex(grid)["skor"]
    perilaku = beh.groupby(level="nip").agg(lambda s: s.mean() if s.notna().all() else np.nan)
    out = roster[["nip", "nama", "unit_kerja", "jabatan"]].set_index("nip")
    out["jpm"] = jpm
    out["skor_perilaku"] = perilaku
    out["rating_perilaku"] = out["skor_perilaku"].map(_rating)
    out["rating_hasil_kerja"] = hasil.set_index("nip")["rating_hasil_kerja"]
    out["predikat"] = [
        MATRIX[h][p] if isinstance(h, str) and isinstance(p, str) else None
        for h, p in zip(out["rating_hasil_kerja"], out["rating_perilaku"], strict=True)
    ]
    out["kategori_jpm"] = out["jpm"].map(_jpm_category)
    kinerja = out["predikat"].map(
        {
            "sangat_baik": "di_atas",
            "baik": "sesuai",
            "butuh_perbaikan": "di_bawah",
            "kurang_misconduct": "di_bawah",
            "sangat_kurang": "di_bawah",
        }
    )
    potensial = out["kategori_jpm"].map(
        {"optimal": "tinggi", "cukup_optimal": "menengah", "kurang_optimal": "rendah"}
    )
    out["kotak"] = [BOX.get((k, p)) for k, p in zip(kinerja, potensial, strict=True)]
    return out.reset_index()


DISTRIBUTION_RULES: dict[str, tuple[tuple[str, tuple[str, ...], float], ...]] = {
    "istimewa": (("maks", ("sangat_baik",), 0.7), ("terbanyak", ("sangat_baik",), 0.0)),
    "baik": (
        ("maks", ("baik",), 0.7),
        ("terbanyak", ("baik",), 0.0),
        ("min_jumlah", ("butuh_perbaikan", "kurang_misconduct"), 0.0),
    ),
    "butuh_perbaikan": (("min", ("butuh_perbaikan",), 0.6), ("maks", ("sangat_baik",), 0.1)),
    "kurang": (
        ("min", ("kurang_misconduct",), 0.6),
        ("min", ("butuh_perbaikan",), 0.1),
        ("maks", ("sangat_baik",), 0.1),
    ),
    "sangat_kurang": (
        ("min", ("sangat_kurang",), 0.6),
        ("min", ("butuh_perbaikan", "kurang_misconduct"), 0.1),
        ("maks", ("sangat_baik",), 0.0),
    ),
}
PREDIKAT_ORDER = ("sangat_baik", "baik", "butuh_perbaikan", "kurang_misconduct", "sangat_kurang")


def distribution(summary: pd.DataFrame) -> pd.DataFrame:
    """DESIGN §5 distribution rows (aturan, jumlah, batas, status, selisih) per unit."""
    rows: list[dict[str, object]] = []
    for unit in UNITS:
        pred = summary.loc[(summary["unit_kerja"] == unit.name), "predikat"].dropna()
        counts = pred.value_counts().reindex(PREDIKAT_ORDER, fill_value=0)
        n = int(counts.sum())
        for rule, names, p in DISTRIBUTION_RULES[unit.predikat_organisasi]:
            count = int(counts[list(names)].sum())
            if rule == "maks":
                limit = int(np.floor(p * n + TOL))
                gap = min(0, limit - count)
            elif rule == "min":
                limit = int(np.ceil(p * n - TOL))
                gap = max(0, limit - count)
            elif rule == "min_jumlah":
                limit, gap = 1, max(0, 1 - count)
            else:
                limit = int(counts.drop(list(names)).max())
                gap = max(0, limit - count)
            rows.append(
                {
                    "unit_kerja": unit.name,
                    "predikat_organisasi": unit.predikat_organisasi,
                    "aturan": rule,
                    "predikat": "+".join(names),
                    "jumlah": count,
                    "batas": limit,
                    "n": n,
                    "status": "ok" if gap == 0 else "melanggar",
                    "selisih": gap,
                }
            )
    return pd.DataFrame(rows)


def self_check(
    roster: pd.DataFrame,
    ratings: pd.DataFrame,
    summary: pd.DataFrame,
    dist: pd.DataFrame,
    lenient: str,
    severe: str,
) -> list[str]:
    """Everything that must hold; returns the list of failures (empty when all is well)."""
    failures: list[str] = []
    raters = leniency(ratings)
    flagged = raters[raters["label"] != "wajar"]
    if set(flagged["nip_penilai"]) != {lenient, severe}:
        failures.append(f"flagged raters: {flagged.to_dict('records')}")
    label = raters.set_index("nip_penilai")["label"]
    if label.get(lenient) != "lunak" or label.get(severe) != "keras":
        failures.append("planted raters not labelled lunak/keras")
    bad = dist[dist["status"] == "melanggar"]
    if set(bad["unit_kerja"]) != {CURVE_BREAKING_UNIT}:
        failures.append(f"distribution violations: {bad.to_dict('records')}")
    if ratings.duplicated(["periode", "nip_dinilai", "nip_penilai", "kompetensi_kode"]).any():
        failures.append("duplicate ratings")
    if roster["nip"].duplicated().any() or not roster["nip"].str.fullmatch(r"\d{18}").all():
        failures.append("bad or duplicate NIP")
    if not summary["kategori_jpm"].dropna().nunique() == 3:
        failures.append("JPM does not span three categories")
    names = roster.set_index("nip")["nama"]
    for nip in (lenient, severe):
        if f"{nip} {names[nip]}" not in (__doc__ or ""):
            failures.append(f"module docstring does not name planted rater {nip} {names[nip]}")
    return failures


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------

PEGAWAI_COLUMNS = [
    "nip",
    "nama",
    "unit_kerja",
    "jabatan",
    "jenis_jabatan",
    "golongan",
    "nip_atasan",
]
RATING_COLUMNS = [
    "periode",
    "nip_dinilai",
    "nip_penilai",
    "sumber",
    "kompetensi_kode",
    "skor",
    "catatan",
]


def write_csv(frame: pd.DataFrame, name: str) -> None:
    """Write one contract file: comma separated, UTF-8 without BOM, ``\\n`` line ends."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    frame.to_csv(OUT_DIR / name, index=False, encoding="utf-8", lineterminator="\n")


def print_summary(
    files: dict[str, pd.DataFrame],
    roster: pd.DataFrame,
    ratings: pd.DataFrame,
    summary: pd.DataFrame,
    dist: pd.DataFrame,
    lenient: str,
    severe: str,
) -> None:
    """Counts per file and unit, flagged raters, distribution violations, predikat, boxes."""
    print("Files:")
    for name, frame in files.items():
        print(f"  {name:26s} {len(frame):6d} rows")
    print("Ratings per source:", ratings["sumber"].value_counts().to_dict())
    print("Ratees per source by number of distinct raters (k = 3 withholds 1-2):")
    n_g = ratings.groupby(["sumber", "nip_dinilai"])["nip_penilai"].nunique()
    bands = pd.cut(n_g, [0, 2, 1000], labels=["1-2 (withheld)", ">=3"])
    table = bands.groupby(level="sumber", observed=False).value_counts().unstack()
    print(table.rename_axis(index="sumber", columns="raters").to_string())
    print("Employees per unit (predikat counts):")
    table = pd.crosstab(summary["unit_kerja"], summary["predikat"]).reindex(
        columns=list(PREDIKAT_ORDER), fill_value=0
    )
    table.insert(0, "n", roster.groupby("unit_kerja").size())
    print(table.to_string())
    raters = leniency(ratings)
    flagged = raters[raters["label"] != "wajar"].merge(
        roster[["nip", "nama"]], left_on="nip_penilai", right_on="nip"
    )
    print("Flagged raters:")
    for r in flagged.itertuples():
        print(f"  {r.label}: {r.nip_penilai} {r.nama} (deviasi {r.deviasi:+.2f}, n_sel {r.n_sel})")
    others = raters[~raters["nip_penilai"].isin([lenient, severe])]["deviasi"]
    print(
        f"  other raters: {len(others)}, deviasi range {others.min():+.2f} .. {others.max():+.2f}"
    )
    print("Distribution violations:")
    for r in dist[dist["status"] == "melanggar"].itertuples():
        print(
            f"  {r.unit_kerja} ({r.predikat_organisasi}): {r.aturan} {r.predikat} "
            f"jumlah {r.jumlah} batas {r.batas} selisih {r.selisih}"
        )
    print("Predikat:", summary["predikat"].value_counts(dropna=False).to_dict())
    print("Kategori JPM:", summary["kategori_jpm"].value_counts(dropna=False).to_dict())
    boxes = summary["kotak"].dropna().astype(int).value_counts().sort_index()
    print("Nine-box (kotak: employees):", boxes.to_dict())


def main() -> int:
    rng = np.random.default_rng(SEED)
    roster = build_roster(rng)
    standards = build_standards(rng, roster)
    lenient, severe = planted_raters(roster)
    full_teams = planted_teams(roster)
    no_supervisor = choose_missing(rng, roster, 0.05, full_teams)
    no_self = choose_missing(rng, roster, 0.10, set())
    pairs = build_pairs(rng, roster, no_supervisor, no_self, full_teams)
    publics = public_pairs(rng, roster)
    missing_hasil = choose_missing(rng, roster, 0.03, no_supervisor)
    eligible = scored_employees(roster, pairs) - missing_hasil
    targets = plan_targets(rng, roster, eligible, no_supervisor)
    latent = build_latent(rng, roster, standards, targets)
    evaluators = pairs.loc[pairs["sumber"].isin(EVALUATIVE_SOURCES), "nip_penilai"]
    biases = rater_biases(rng, evaluators, lenient, severe)
    ratings = build_ratings(rng, pd.concat([pairs, publics], ignore_index=True), latent, biases)
    hasil = build_hasil_kerja(targets, missing_hasil)

    summary = employee_summary(roster, standards, ratings, hasil)
    dist = distribution(summary)
    files = {
        "pegawai.csv": roster[PEGAWAI_COLUMNS],
        "standar_kompetensi.csv": standards,
        "penilaian.csv": ratings[RATING_COLUMNS],
        "hasil_kerja.csv": hasil,
        "unit_kerja.csv": build_unit_kerja(),
        "kompetensi.csv": build_competencies(),
        "pelatihan.csv": build_trainings(),
    }
    print_summary(files, roster, ratings, summary, dist, lenient, severe)
    mismatch = summary.merge(targets, on="nip")
    mismatch = mismatch[mismatch["predikat"].notna() & (mismatch["predikat"] != mismatch["target"])]
    print(f"Employees whose predikat differs from the planted target: {len(mismatch)}")
    failures = self_check(roster, ratings, summary, dist, lenient, severe)
    if failures:
        print("SELF-CHECK FAILED, nothing written:")
        for failure in failures:
            print("  -", failure)
        return 1
    for name, frame in files.items():
        write_csv(frame, name)
    print(f"Self-check passed; wrote {len(files)} files to {OUT_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
