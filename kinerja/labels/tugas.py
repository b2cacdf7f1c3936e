"""Texts of the rating tasks (penugasan, DESIGN §10): checks, refusals, "Penilaian saya"."""

from __future__ import annotations

from kinerja.vocab import Source

# --- the task's role, as the rater reads it
ROLE: dict[str, str] = {
    Source.SELF.value: "Penilaian diri",
    Source.SUPERVISOR.value: "Sebagai atasan",
    Source.PEER.value: "Sebagai rekan",
    Source.SUBORDINATE.value: "Sebagai bawahan",
}

# --- checks of a penugasan sheet or of one task (kinerja.task_import)
NOT_THE_SUPERVISOR = (
    "Sumber atasan: penilai harus atasan langsung pegawai yang dinilai (nip_atasan di daftar "
    "pegawai{atasan})."
)
NOT_A_SUBORDINATE = (
    "Sumber bawahan: pegawai yang dinilai harus atasan langsung penilai (nip_atasan penilai "
    "di daftar pegawai{atasan})."
)
PEER_IN_HIERARCHY = (
    "Sumber rekan: penilai dan yang dinilai tidak boleh atasan-bawahan langsung; pakai sumber "
    "atasan atau bawahan."
)
LISTED_AS = ": {nip}"
NO_SUPERVISOR = ": tidak ada"
OUTSIDE_UNITS = "Pegawai yang dinilai ada di unit '{unit}', di luar unit Anda ({units})."
NO_UNITS = "tidak ada"
TASK_SHEET = "penugasan"

# --- store actions (kinerja.tasks)
NO_WHO = "Nama petugas yang menyimpan penugasan wajib diisi."
NO_SUCH_TASK = "Penugasan ini tidak ada (atau sudah dihapus): {penilai} menilai {dinilai}."
BAD_SCHEDULE = (
    "Tanggal dibuka ({dibuka}) harus sebelum atau sama dengan tanggal ditutup ({ditutup})."
)
NOT_A_PEGAWAI = "Hanya akun pegawai (dengan NIP) yang mengisi penilaian lewat penugasan."
NOT_YOUR_TASK = "Anda tidak punya penugasan menilai pegawai ini pada periode {periode}."
PERIOD_CLOSED = "Periode {periode} sudah ditutup pada {ditutup}: penilaian hanya dapat dibaca."
PERIOD_NOT_OPEN = "Periode {periode} baru dibuka pada {dibuka}."
UNKNOWN_CODES = "Kompetensi {codes} tidak termasuk yang dinilai untuk pegawai ini."
NO_SCORE = "Isi minimal satu skor sebelum menyimpan."
NO_PERIOD = "Periode wajib diisi."

# --- completion by tasks (kinerja.task_completion)
STATUS: dict[str, str] = {"selesai": "Selesai", "sebagian": "Sebagian", "belum": "Belum"}
REMINDER_COLUMNS: dict[str, str] = {
    "unit_kerja": "Unit kerja",
    "nip_penilai": "NIP penilai",
    "nama_penilai": "Nama penilai",
    "n_tugas": "Jumlah tugas",
    "n_selesai": "Selesai",
    "n_terbuka": "Belum selesai",
}
REMINDER_SHEET = "pengingat"

# --- the "Penilaian saya" widget (kinerja.ui.tugas)
TITLE = "<h3>Penilaian saya</h3>"
PROMISE = (
    "<b>Jawaban Anda dirahasiakan.</b> Penilaian Anda sebagai <b>rekan</b> atau "
    "<b>bawahan</b> tidak pernah ditampilkan satu per satu — tidak kepada pegawai yang "
    "dinilai, tidak kepada atasan, tidak kepada siapa pun. Penilaian rekan dan bawahan hanya "
    "dihitung bila paling sedikit {k} orang dari kelompok yang sama ikut menilai; bila kurang, "
    "kelompok itu tidak dipakai dan tidak ditampilkan. Penilaian diri dan penilaian atasan "
    "tidak anonim."
)
PROMISE_HERE = (
    "Penugasan ini anonim: jawaban Anda tidak ditampilkan kepada {nama} maupun orang lain, "
    "dan hanya dihitung bersama paling sedikit {k} penilai."
)
HEAD_TASKS = "<b>Tugas penilaian Anda — periode {periode}</b> ({selesai} dari {n} selesai)"
TASK_ITEM = "{nama} — {peran} · {status}"
NO_TASKS = "Anda tidak punya tugas penilaian pada periode {periode}."
RATEE = "Dinilai"
SCHEDULE_OPEN = "Periode penilaian dibuka {dibuka} sampai {ditutup}."
SCHEDULE_CLOSED = "Periode penilaian sudah ditutup ({ditutup}): penilaian hanya dapat dibaca."
SCHEDULE_NOT_YET = "Periode penilaian baru dibuka {dibuka}."
RATEE_OPTION = "{nama} — {peran}"
COMMENT = "Catatan"
SAVE = "Simpan penilaian"
SAVED = "Tersimpan {n} nilai pada {stamp}."
SAVED_STAMP = "%d-%m-%Y %H:%M:%S WIB"
NOTHING_CHANGED = "Tidak ada perubahan; tidak ada yang disimpan."
NOT_SAVED = "Tidak disimpan: {reason}"
REFUSED = "Halaman ini hanya untuk akun pegawai yang terhubung dengan NIP."

# --- the command line (kinerja.cli_tasks)
HELP_TASKS = "penugasan penilaian 360° mandiri: buat dari daftar pegawai, impor, jadwal, pengingat"
HELP_GENERATE = "buat penugasan satu periode dari daftar pegawai yang tersimpan"
HELP_TASK_IMPORT = "impor sheet penugasan (CSV atau XLSX) dan simpan dalam satu transaksi"
HELP_SCHEDULE = "atur tanggal dibuka dan ditutup pengisian penugasan satu periode"
HELP_REMIND = "daftar penilai yang belum menyelesaikan tugasnya di satu unit (CSV atau XLSX)"
HELP_PERIODE = "periode penugasan, mis. 2026"
HELP_SEED = "bilangan acak untuk memilih rekan (sama = pilihan sama; bawaan 0)"
HELP_TASK_FILE = "berkas penugasan.csv atau buku kerja .xlsx dengan sheet penugasan"
HELP_UNIT = "batasi ke unit ini (boleh diulang); tanpa --unit: semua unit"
HELP_DATE = "tanggal TTTT-BB-HH"
HELP_REMIND_UNIT = "unit kerja yang dinilai"
HELP_REMIND_OUT = "berkas keluaran .csv atau .xlsx"
GENERATED = "Penugasan periode {periode}: {n} penugasan baru disimpan (yang sudah ada dilewati)."
IMPORTED = "Penugasan diimpor: {n} catatan baru disimpan."
SCHEDULED = "Periode {periode} dibuka {dibuka} dan ditutup {ditutup}."
REMINDERS = "{n} penilai dengan tugas yang belum selesai; ditulis: {path}"
BAD_DATE = "Tanggal '{value}' tidak sah: tulis TTTT-BB-HH, mis. 2026-01-31."
BAD_OUT = "Berkas keluaran harus berakhiran .csv atau .xlsx: {name}"
NO_ROSTER = "Belum ada daftar pegawai di basis data: impor data pegawai dulu."

# --- the HR monitor of tasks (kinerja.ui.penugasan)
MONITOR_TITLE = "<b>Kelengkapan penugasan</b> — tugas selesai dan penilai yang perlu diingatkan"
MONITOR_UNIT = "Unit kerja"
MONITOR_REFRESH = "Perbarui"
MONITOR_SUMMARY = (
    "Periode {periode}, {unit}: {selesai} dari {n} tugas selesai, {sebagian} sebagian, "
    "{belum} belum."
)
MONITOR_NO_TASKS = "Belum ada penugasan untuk pegawai unit ini pada periode {periode}."
MONITOR_NO_UNITS = "Akun ini tidak punya unit kerja."
MONITOR_NONE_OPEN = "Semua penilai sudah menyelesaikan tugasnya."
DOWNLOAD_CSV = "Unduh daftar pengingat (CSV)"
DOWNLOAD_XLSX = "Unduh daftar pengingat (Excel)"
REMINDER_FILE = "pengingat_{periode}_{unit}"

# --- Formulir's "Penugasan" tab for HR staff (kinerja.ui.penugasan.TugasTab)
TAB_TITLE = "Penugasan"
TAB_PERIOD = "Periode"
TAB_UPLOAD = "Pilih berkas penugasan"
TAB_IMPORT = "Impor penugasan"
TAB_GENERATE = "Buat dari data pegawai"
TAB_HELP = (
    "<span class='kinerja-muted'>Siapa menilai siapa: diri sendiri, atasan langsung, bawahan "
    "langsung, dan sampai empat rekan dengan atasan yang sama. Ubah dengan mengimpor sheet "
    "<b>penugasan</b> (kolom periode, NIP yang dinilai, NIP penilai dan sumber; nama kolomnya "
    "ada di panduan penilaian mandiri) untuk pegawai unit Anda; setiap baris diperiksa dan "
    "tidak ada yang disimpan bila ada kesalahan.</span>"
)
TAB_NO_FILE = "Pilih berkas penugasan (.csv atau .xlsx) dulu."
TAB_REFUSED = "Akun pegawai tidak dapat mengubah penugasan."
TAB_GENERATE_REFUSED = "Hanya admin yang membuat penugasan seluruh periode dari data pegawai."
