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
PASSWORD_UNCHANGED = "Kata sandi baru harus berbeda dari kata sandi lama."

# kinerja users (kinerja.cli) --------------------------------------------------------------
HELP_USERS = "kelola akun pengguna aplikasi (untuk server kantor)"
HELP_USERS_ADD = "tambah satu akun (kata sandi dari KINERJA_PASSWORD atau ditanyakan)"
HELP_USERS_LIST = "daftar akun"
HELP_USERS_DISABLE = "nonaktifkan akun (riwayatnya tetap tersimpan)"
HELP_USERS_PASSWORD = "ganti kata sandi akun (dari KINERJA_PASSWORD atau ditanyakan)"
HELP_USERS_ROSTER = (
    "buat akun pegawai (nama pengguna = NIP) untuk setiap pegawai yang belum punya akun, "
    "dengan kata sandi sekali pakai yang ditulis ke berkas Excel untuk BKPSDM"
)
HELP_USERNAME = "nama pengguna (huruf kecil, angka, titik, garis bawah, tanda hubung)"
HELP_ROLE = "peran: admin, petugas, fasilitator, pelatih atau pegawai"
HELP_NIP = "NIP pegawai yang memakai akun ini (wajib untuk peran pegawai)"
HELP_UNIT = "unit kerja (boleh diulang)"
HELP_ROSTER_UNIT = "hanya pegawai unit ini (boleh diulang; bawaan: semua unit)"
HELP_ROSTER_OUT = "berkas .xlsx kata sandi sekali pakai (bawaan: sandi_awal_TANGGAL.xlsx)"
PROMPT_PASSWORD = "Kata sandi untuk {username}: "
PROMPT_PASSWORD_AGAIN = "Ulangi kata sandi: "
PASSWORDS_DIFFER = "Kedua kata sandi tidak sama; tidak ada yang diubah."
ACCOUNT_ADDED = "Akun '{username}' ({peran}) dibuat."
ACCOUNT_DISABLED = "Akun '{username}' dinonaktifkan."
PASSWORD_SET = "Kata sandi akun '{username}' diganti."
ROSTER_ADDED = "{n} akun pegawai dibuat; kata sandi sekali pakai ditulis ke {path}."
ROSTER_NOTHING = "Semua pegawai sudah punya akun; tidak ada akun baru dan tidak ada berkas ditulis."
ROSTER_OUT_EXISTS = (
    "Berkas {path} sudah ada; pilih nama lain dengan --out (berkas lama tidak ditimpa)."
)
NO_ACCOUNTS = "Belum ada akun."
YES = "ya"
NO = "tidak"
NONE = "–"
#: Columns of ``kinerja users list``.
LIST_COLUMNS = ("Nama pengguna", "Peran", "NIP", "Unit", "Aktif", "Login terakhir")
#: A time people read (stored as UTC, shown in WIB).
TIME_FORMAT = "%d-%m-%Y %H:%M WIB"
#: The sheet HR prints or mails from (``kinerja users add-from-roster``).
ROSTER_SHEET = "Sandi awal"
ROSTER_COLUMNS = ("NIP", "Nama", "Unit kerja", "Nama pengguna", "Kata sandi sekali pakai")
ROSTER_NOTE = (
    "Kata sandi ini hanya untuk masuk pertama kali; aplikasi meminta kata sandi baru "
    "setelah masuk. Simpan berkas ini dengan aman dan hapus setelah dibagikan."
)

# the served apps' sign-in pages (kinerja.web_auth) ------------------------------------------
PAGE_TITLE = "Kinerja — {judul}"
LOGIN_TITLE = "Masuk"
LOGIN_INTRO = "Masuk dengan akun yang diberikan BKPSDM."
LOGIN_USERNAME = "Nama pengguna"
LOGIN_PASSWORD = "Kata sandi"
LOGIN_BUTTON = "Masuk"
LOGIN_REQUIRED_API = "Perlu masuk dulu."
LOGGED_OUT = "Anda sudah keluar."
CHANGE_TITLE = "Ganti kata sandi"
CHANGE_INTRO = (
    "Kata sandi akun {username} harus diganti sebelum aplikasi dapat dibuka. Kata sandi "
    "baru paling sedikit {n} karakter, tidak mudah ditebak dan tidak memuat nama pengguna."
)
CHANGE_OLD = "Kata sandi sekarang"
CHANGE_NEW = "Kata sandi baru"
CHANGE_AGAIN = "Ulangi kata sandi baru"
CHANGE_BUTTON = "Simpan kata sandi baru"
CHANGE_REQUIRED = "Ganti kata sandi dulu di halaman Ganti kata sandi."
SIGNED_IN_AS = "Masuk sebagai <b>{username}</b> ({peran})"
LOGOUT = "Keluar"
CHANGE_LINK = "Ganti kata sandi"
FORBIDDEN_TITLE = "Akses ditolak"
APP_FORBIDDEN = "Peran {peran} tidak dapat membuka aplikasi {judul}."
HOST_REFUSED = (
    "Alamat '{host}' tidak dikenal server ini. Buka Kinerja lewat alamat yang diberikan "
    "admin, atau minta admin menambahkannya dengan kinerja serve --allow-host."
)
ORIGIN_REFUSED = "Sambungan dari halaman lain ({origin}) ditolak."
BACK_HOME = "Kembali ke halaman utama"
LAN_FOOTER = "Kinerja di jaringan kantor; setiap akses tercatat atas nama akun Anda."
LOCAL_FOOTER = (
    "Semua halaman berjalan di komputer ini (127.0.0.1); tidak ada data yang dikirim ke internet."
)

# kinerja serve on the office network (kinerja.serve) ----------------------------------------
HELP_HOST = (
    "alamat yang didengarkan (bawaan 127.0.0.1); alamat lain, mis. 0.0.0.0 untuk jaringan "
    "kantor, memerlukan akun di basis data"
)
HELP_ALLOW_HOST = (
    "nama server yang boleh dipakai di alamat peramban, mis. kinerja.bkpsdm.local "
    "(boleh diulang; untuk proxy HTTPS kantor)"
)
HELP_MAX_KERNELS = "kernel paling banyak per akun (bawaan 3); yang tertua dihentikan dulu"
HELP_SESSION_HOURS = "jam sebelum sesi masuk berakhir (bawaan 9, satu hari kerja)"
HOST_NEEDS_ACCOUNTS = (
    "Kinerja hanya dibuka ke jaringan ({host}) bila basis data sudah punya akun. Buat akun "
    "admin dulu: KINERJA_PASSWORD=… kinerja users add admin --role admin --db …"
)
PREHEAT_WITH_ACCOUNTS = (
    "--preheat tidak dapat dipakai bila basis data punya akun: halaman tiap akun harus "
    "disiapkan untuk akun itu. Jalankan tanpa --preheat."
)
RUNNING_LAN = "Kinerja berjalan di http://{host}:{port}/  (basis data: {where}; dengan akun)"
