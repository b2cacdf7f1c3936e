"""Texts of accounts, sign-in and roles (Bahasa Indonesia)."""

from __future__ import annotations

ROLE_LABELS: dict[str, str] = {
    "admin": "Admin BKPSDM",
    "petugas": "Petugas SDM",
    "fasilitator": "Fasilitator kalibrasi",
    "pelatih": "Pelatih lokakarya",
    "pegawai": "Pegawai",
}

BAD_USERNAME = (
    "Nama pengguna '{username}' tidak sah: pakai 3–64 huruf kecil, angka, titik, "
    "garis bawah atau tanda hubung."
)
BAD_ROLE = "Peran '{role}' tidak dikenal; pilih salah satu: {roles}."
ACCOUNT_EXISTS = "Akun '{username}' sudah ada."
NO_SUCH_ACCOUNT = "Akun '{username}' tidak ada."
PEGAWAI_NEEDS_NIP = "Akun berperan pegawai memerlukan --nip (NIP pegawai itu)."
UNKNOWN_NIP = "NIP {nip} tidak ada di data pegawai; impor data pegawai dulu."
UNKNOWN_UNIT = "Unit '{unit}' tidak ada di kolom unit_kerja data pegawai."
PASSWORD_TOO_SHORT = "Kata sandi terlalu pendek: paling sedikit {n} karakter."
PASSWORD_TOO_COMMON = "Kata sandi terlalu mudah ditebak; pilih yang lain."
PASSWORD_IS_USERNAME = "Kata sandi tidak boleh memuat nama pengguna."
LOGIN_INVALID = "Nama pengguna atau kata sandi salah."
LOGIN_LOCKED = (
    "Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal; "
    "coba lagi setelah {menit} menit."
)
LOGIN_DISABLED = "Akun ini dinonaktifkan; hubungi admin BKPSDM."
