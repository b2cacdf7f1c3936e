"""Texts of access control in the apps (DESIGN.md §9): refusals people read, in Bahasa Indonesia."""

from __future__ import annotations

#: The apps' names as people know them (by workbook file name).
APP_NAMES: dict[str, str] = {
    "formulir_penilaian.ipynb": "Formulir Penilaian",
    "profil_kompetensi.ipynb": "Profil Kompetensi",
    "kalibrasi.ipynb": "Kalibrasi",
    "lokakarya.ipynb": "Lokakarya",
}

HEAD = "Akses ditolak"
NOT_SIGNED_IN = (
    "Halaman ini hanya untuk pengguna yang sudah masuk: buka aplikasi lewat halaman masuk "
    "(login) server Kinerja."
)
NO_ACCOUNT = "Akun '{username}' tidak ada atau sudah dinonaktifkan; hubungi admin BKPSDM."
APP_REFUSED = "Akun '{username}' ({peran}) tidak boleh membuka aplikasi {app}."
EMPLOYEE_REFUSED = "Akun Anda tidak berhak atas data pegawai dengan NIP {nip}."
UNIT_REFUSED = "Akun Anda tidak berhak atas unit '{unit}'."
ALL_UNITS_REFUSED = "Akun Anda hanya boleh melihat unit kerjanya sendiri, bukan semua unit."
NO_UNITS = "Akun Anda belum diberi unit kerja; hubungi admin BKPSDM."
IMPORT_REFUSED = "Impor data hanya boleh dilakukan oleh admin BKPSDM."
IMPORT_NOTE = "Impor data hanya untuk admin BKPSDM; akun Anda dapat mengisi penilaian di tab Entri."
TASK_REFUSED = "Penilaian NIP {nip} pada periode {periode} bukan tugas penilaian Anda."
SIGNED_IN_AS = "Masuk sebagai <b>{username}</b> ({peran})"
