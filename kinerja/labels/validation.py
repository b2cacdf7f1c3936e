"""Indonesian messages of the input checks, by check name (kinerja.validation)."""

from __future__ import annotations

from kinerja.labels import expected
from kinerja.vocab import CompetencyType, PredikatOrganisasi, Rating, Source

MESSAGES: dict[str, str] = {
    "not_nullable": "Wajib diisi.",
    "nip_notasi_ilmiah": (
        "NIP rusak menjadi angka/notasi ilmiah oleh Excel (digit terakhir hilang). "
        "Format kolom sebagai Teks lalu ketik ulang NIP lengkap 18 digit."
    ),
    "nip_18_digit": "NIP harus tepat 18 digit angka (tanpa spasi atau titik).",
    "nip_tanggal_lahir": "Digit 1–8 NIP harus tanggal lahir yang nyata (TTTTBBHH).",
    "nip_tmt": (
        "Digit 9–14 NIP harus TMT CPNS TTTTBB dengan bulan 01–12 dan tahun setelah tahun lahir "
        "(NI PPPK: digit 9–12 tahun setelah tahun lahir, digit 13 = 2, digit 14 = 1–9)."
    ),
    "nip_jenis_kelamin": "Digit 15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan).",
    "nip_terdaftar": "NIP tidak ada di daftar pegawai (pegawai).",
    "penilai_terdaftar": (
        "Penilai dengan sumber diri/atasan/rekan/bawahan harus pegawai yang ada di daftar "
        "pegawai (untuk masyarakat isi id responden)."
    ),
    "diri_sama": "Penilaian diri: nip_penilai harus sama dengan nip_dinilai.",
    "sumber_diri": (
        "nip_penilai sama dengan nip_dinilai: penilaian atas diri sendiri harus bersumber "
        "diri (bukan atasan, rekan, bawahan atau masyarakat)."
    ),
    "responden_bukan_nip": (
        "Id responden masyarakat tidak boleh NIP pegawai: pegawai yang menilai memakai sumber "
        "atasan, rekan, bawahan atau diri, bukan masyarakat."
    ),
    "sumber_penugasan": (
        "Penugasan hanya untuk penilai pegawai: sumber harus diri, atasan, rekan atau bawahan "
        "(masyarakat mengisi lewat petugas, bukan lewat penugasan)."
    ),
    "atasan_bukan_diri": "nip_atasan tidak boleh sama dengan NIP pegawai itu sendiri.",
    "sumber_kode": f"Sumber tidak dikenal; gunakan salah satu: {expected(Source)}.",
    "rating_kode": f"Rating tidak dikenal; gunakan salah satu: {expected(Rating)}.",
    "predikat_organisasi_kode": (
        f"Predikat organisasi tidak dikenal; gunakan salah satu: {expected(PredikatOrganisasi)}."
    ),
    "jenis_kode": (
        f"Jenis kompetensi tidak dikenal; gunakan salah satu: {expected(CompetencyType)}."
    ),
    "kompetensi_terdaftar": (
        "Kode kompetensi tidak ada di kamus kompetensi (M.01–M.08, SK.01, B.01–B.07 "
        "atau kode teknis di berkas kompetensi)."
    ),
    "skor_bulat_1_5": "Skor harus bilangan bulat 1 sampai 5.",
    "level_bulat_1_5": "Level harus bilangan bulat 1 sampai 5.",
    "jp_positif": "JP (jam pelajaran) harus angka lebih dari 0.",
    "jabatan_berstandar": "Jabatan ini tidak punya standar kompetensi di standar_kompetensi.",
}

MISSING_COLUMN = "Kolom wajib '{column}' tidak ada (baris 1 = nama kolom)."
DUPLICATE_NIP = "NIP ganda"
DUPLICATE_KEY = "Kombinasi ({keys}) ganda"
DUPLICATE = "{what}: sama dengan baris {first}; hanya boleh satu kali."
MIXED_SOURCES = (
    "Penilai ini sudah menilai pegawai yang sama pada periode ini dengan sumber "
    "'{source}' (baris {first}); satu penilai hanya punya satu sumber "
    "terhadap satu pegawai dalam satu periode."
)
NOT_THE_SUPERVISOR = (
    "Peringatan: penilai 'atasan' bukan atasan langsung di daftar pegawai (diterima)."
)
NOT_A_SUBORDINATE = (
    "Peringatan: penilai 'bawahan' bukan bawahan langsung di daftar pegawai (diterima)."
)
UNIT_WITHOUT_STAFF = "Peringatan: unit kerja ini tidak ada di daftar pegawai."
