"""Text of the Excel export for people (``kinerja export``, DESIGN §6 and §11).

Sheet names, Indonesian column headers and the display labels of the
columns that hold codes in the CSV contract.  The score CSV files keep the
codes; only the workbook shows these.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Sheet key -> sheet name (at most 31 characters, Excel's limit).
SHEETS: Mapping[str, str] = MappingProxyType(
    {
        "ringkasan_pegawai": "Ringkasan Pegawai",
        "skor_kompetensi": "Skor Kompetensi",
        "penilai": "Penilai",
        "distribusi": "Distribusi",
        "distribusi_awal": "Distribusi Sebelum Kalibrasi",
        "kalibrasi": "Kalibrasi",
    }
)

#: Suffix of the header of a summary field's value before calibration.
BEFORE_CALIBRATION = "{header} (sebelum kalibrasi)"

#: Column -> header, for every column of every exported sheet.
HEADERS: Mapping[str, str] = MappingProxyType(
    {
        "periode": "Periode",
        "nip": "NIP",
        "nama": "Nama",
        "unit_kerja": "Unit Kerja",
        "jabatan": "Jabatan",
        "jpm": "JPM (%)",
        "kategori_jpm": "Kategori JPM",
        "skor_perilaku": "Skor Perilaku",
        "rating_perilaku": "Rating Perilaku Kerja",
        "rating_hasil_kerja": "Rating Hasil Kerja",
        "predikat": "Predikat Kinerja",
        "kinerja": "Kinerja 9-Box",
        "potensial": "Potensial 9-Box",
        "kotak": "Kotak 9-Box",
        "lengkap": "Penilaian Lengkap",
        "dikalibrasi": "Dikalibrasi",
        "kompetensi_kode": "Kode Kompetensi",
        "kompetensi_nama": "Kompetensi",
        "jenis": "Jenis Kompetensi",
        "skor": "Skor",
        "skor_diri": "Skor Diri",
        "standar": "Standar",
        "gap": "Gap",
        "n_penilai": "Jumlah Penilai",
        "nip_penilai": "NIP Penilai",
        "n_sel": "Jumlah Penilaian",
        "deviasi": "Deviasi",
        "label": "Kecenderungan",
        "predikat_organisasi": "Predikat Organisasi",
        "aturan": "Aturan",
        "jumlah": "Jumlah Pegawai",
        "batas": "Batas",
        "status": "Status",
        "selisih": "Selisih",
        "id": "No. Catatan",
        "field": "Yang Diubah",
        "old_value": "Nilai Lama",
        "new_value": "Nilai Baru",
        "reason": "Alasan",
        "who": "Oleh",
        "when": "Waktu (WIB)",
    }
)

#: A boolean as people read it.
YES_NO: Mapping[bool, str] = MappingProxyType({True: "Ya", False: "Tidak"})

#: ``status`` of a distribution rule row.
STATUS: Mapping[str, str] = MappingProxyType({"ok": "Sesuai", "melanggar": "Melanggar"})

#: A rule with a proportion: ``paling banyak 70 %`` (the rule's words, then the share).
RULE_SHARE = "{rule} {share} %"
