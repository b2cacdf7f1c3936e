"""Text of the empty Excel template HR staff fill in (kinerja.excel.template_workbook)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

GUIDE_SHEET = "Petunjuk"
LISTS_SHEET = "Daftar"

#: The usual ``jenis_jabatan`` values (another value is accepted after a warning in Excel).
JOB_LEVELS = ("jpt_pratama", "administrator", "pengawas", "fungsional", "pelaksana")

#: Header of each list on the ``Daftar`` sheet.
LIST_HEADERS: Mapping[str, str] = MappingProxyType(
    {
        "sumber": "sumber (penilaian)",
        "rating_hasil_kerja": "rating_hasil_kerja (hasil_kerja)",
        "predikat_organisasi": "predikat_organisasi (unit_kerja)",
        "jenis": "jenis (kompetensi)",
        "jenis_jabatan": "jenis_jabatan (pegawai)",
        "kompetensi_kode": "kode kompetensi nasional",
    }
)

ERROR_TITLE = "Nilai tidak sesuai"
ERROR_LIST = "Pilih salah satu nilai dari daftar (lihat sheet Daftar)."
ERROR_LEVEL = "Isi bilangan bulat 1 sampai 5."
ERROR_POSITIVE = "Isi angka lebih dari 0."

#: The ``Petunjuk`` sheet, one paragraph per row.
GUIDE = (
    "Petunjuk pengisian template penilaian kinerja",
    "Isi satu baris per data di setiap sheet. Baris 1 adalah judul kolom: jangan diubah, "
    "dipindah atau dihapus. Sheet yang tidak dipakai boleh dibiarkan kosong, kecuali "
    "pegawai, standar_kompetensi dan penilaian yang wajib diisi.",
    "pegawai: satu baris per pegawai — nip (18 digit), nama, unit_kerja, jabatan; "
    "jenis_jabatan, golongan dan nip_atasan (NIP atasan langsung) boleh kosong.",
    "standar_kompetensi: level standar (1–5) setiap kompetensi untuk setiap jabatan.",
    "penilaian: satu baris per skor — periode, nip_dinilai, nip_penilai (NIP, atau id "
    "responden untuk masyarakat, mis. R-DKS-0012), sumber (pilih dari daftar), "
    "kompetensi_kode, skor 1–5 (3 = sesuai ekspektasi), catatan (boleh kosong).",
    "hasil_kerja: rating hasil kerja (SKP) per pegawai dan periode; unit_kerja: predikat "
    "organisasi per unit dan periode; kompetensi dan pelatihan: kamus kompetensi dan katalog "
    "pelatihan sendiri (boleh kosong: kamus nasional dipakai).",
    "Kolom NIP, id responden dan periode sudah berformat teks, supaya Excel tidak mengubah "
    "NIP menjadi angka (1,97E+17) atau membuang nol di depan. Bila menempel data dari tempat "
    "lain, pakai Tempel Khusus → Nilai agar format teks tetap.",
    "Kolom dengan daftar pilihan (sumber, rating, predikat organisasi, jenis kompetensi, "
    "jenis jabatan, kode kompetensi) menampilkan panah pilihan; isinya ada di sheet Daftar. "
    "Berkas lama yang berisi kode (atasan, di_atas) tetap diterima saat impor.",
    "Unggah berkas yang sudah diisi di aplikasi Formulir Penilaian, tab Impor data, atau "
    "jalankan kinerja import --data berkas.xlsx. Semua masalah ditampilkan sekaligus "
    "(sheet, baris, kolom, nilai) dan tidak ada yang disimpan sampai semuanya benar.",
)
