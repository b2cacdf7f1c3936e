"""Text of the Formulir Penilaian app (kinerja.ui.formulir) and its entry rules (kinerja.entry).

Templates take ``str.format`` fields (``{n}``); table headers map a frame's
columns to what the table shows.
"""

from __future__ import annotations

TABS = ("Entri penilaian", "Kelengkapan", "Penugasan", "Impor data")
#: Rater modes: what the toggle shows.
MODES = {"employee": "Pegawai", "public": "Masyarakat (responden)"}

# --- Entri penilaian
FIELDS = {
    "periode": "Periode",
    "unit": "Unit kerja",
    "mode": "Penilai",
    "search": "Cari",
    "search_hint": "nama atau NIP penilai",
    "search_hint_public": "nama atau NIP yang dinilai",
    "rater": "Penilai",
    "respondent": "Id responden",
    "respondent_hint": "mis. R-DKS-0012",
    "ratee": "Dinilai",
    "comment": "Catatan",
    "comment_hint": "opsional",
    "save": "Simpan penilaian",
}
SOURCE_CORRECTION = "Koreksi sumber: ganti sumber penilaian yang tersimpan (petugas SDM)"
#: Under the search box when more people match than the list shows.
MORE_MATCHES = "Menampilkan {n} yang pertama; ketik nama atau NIP untuk mempersempit."
HEAD_SCORES = "<b>Skor per kompetensi</b> (1–5; 3 = sesuai ekspektasi/standar)"
GUIDE_BERAKHLAK = "Panduan perilaku BerAKHLAK (3 = sesuai ekspektasi)"
GUIDE_STANDARD = "Standar jabatan: level {level}"
GUIDE_LEVELS = "Level kompetensi"
GUIDE_LEVEL = "Level {level}: {judul}"
RATEE_OPTION = "{nama} — {nip} · sumber: {sumber}"
SOURCE_LINE = "Sumber penilaian: <b class='kinerja-sumber-kode' data-sumber='{code}'>{sumber}</b>"
EXISTING = (
    "Penilaian ini sudah ada ({n} nilai, terakhir oleh {who}). Menyimpan lagi akan mencatat "
    "koreksi; riwayat tetap tersimpan."
)
OTHER_SOURCE = (
    "Penilaian tersimpan bersumber '{stored}', bukan '{chosen}'. Satu penilai hanya punya satu "
    "sumber terhadap satu pegawai dalam satu periode: menyimpan dengan sumber ini hanya bisa "
    "sebagai koreksi sumber (centang kotak di atas); semua nilai penilai ini lalu tercatat "
    "dengan sumber baru."
)
HEAD_HISTORY = "<b>Riwayat penyimpanan</b>"
HISTORY_COLUMNS = {"oleh": "Petugas", "waktu": "Waktu", "n_nilai": "Jumlah nilai"}
SIGNED_AS = "Disimpan atas nama <b class='kinerja-petugas-nama'>{who}</b>"
NO_RESPONDENT = "Isi id responden masyarakat."
NO_SCORE = "Isi minimal satu skor sebelum menyimpan."
NOT_SAVED = "Tidak disimpan — perbaiki dulu (isian Anda tetap di formulir):"
NOTHING_CHANGED = "Tidak ada perubahan; tidak ada yang disimpan."
#: Pieces of the message after a save: ``{parts} pada {stamp}{missing}.``
SAVED = {
    "new": "Tersimpan {n} nilai",
    "same": " ({n} lainnya tidak berubah)",
    "withdrawn": "{n} nilai lama dihapus{codes}, riwayat tetap ada",
    "missing": " ({n} kompetensi belum diisi)",
    "done": "{parts} pada {stamp}{missing}.",
}
#: Column headers of a validation problem table.
PROBLEM_COLUMNS = {
    "berkas": "Berkas",
    "baris": "Baris",
    "kolom": "Kolom",
    "nilai": "Nilai",
    "pesan": "Masalah",
}
#: Shown when a masyarakat respondent id is an employee's NIP (DESIGN §3; kinerja.entry).
RESPONDENT_IS_EMPLOYEE = (
    "Id responden {respondent} adalah NIP pegawai. Pegawai yang menilai memakai sumber atasan, "
    "rekan, bawahan atau diri (mode Pegawai), bukan masyarakat; isi id responden lain."
)

# --- Kelengkapan
REFRESH = "Perbarui"
CHOOSE_UNIT = "Pilih satu unit kerja (atau satu penilai) di tab Entri untuk melihat kelengkapannya."
HEAD_PERIOD = "<b>Periode {periode}</b>"
SHARE_COLUMNS = {
    "unit_kerja": "Unit kerja",
    "n_pasangan": "Penilaian diharapkan",
    "n_lengkap": "Lengkap",
    "persen_lengkap": "% lengkap",
}
MISSING_COLUMNS = {
    "nama_penilai": "Penilai",
    "nama_dinilai": "Dinilai",
    "unit_kerja": "Unit",
    "sumber": "Sumber",
    "n_diharapkan": "Diharapkan",
    "n_terisi": "Terisi",
    "status": "Status",
}
HEAD_MISSING = "<b>Belum lengkap: {n}</b>"
#: Status codes of the completion table (kinerja.entry.completion) as people read them.
STATUS = {"lengkap": "Lengkap", "sebagian": "Sebagian", "belum": "Belum"}
#: The Penilai cell of a peer row: peers are counted per ratee, not named pair by pair.
ANY_PEERS = "{n} rekan sejawat (siapa saja)"
#: Under the missing list when it has peer rows.
PEER_NOTE = (
    "Baris sumber Rekan Sejawat dihitung per pegawai yang dinilai, bukan per pasangan: "
    '"Diharapkan" adalah jumlah rekan berbeda yang perlu menilai (ambang anonimitas), '
    '"Terisi" jumlah rekan yang sudah menilai. Rekan mana pun dari unit dan jenis jabatan '
    "yang sama boleh menilai."
)
#: Sheet names of the downloaded missing list.
MISSING_SHEETS = {"missing": "Belum lengkap", "share": "Ringkasan"}
DOWNLOAD_MISSING = "Unduh daftar yang belum lengkap (Excel)"

# --- Impor
IMPORT_FIELDS = {
    "upload": "Pilih berkas",
    "run": "Validasi & simpan",
    "progress": "Proses",
    "template": "Unduh template Excel kosong",
}
IMPORT_HELP = (
    "Unggah satu buku kerja Excel (sheet: pegawai, standar_kompetensi, penilaian, …) "
    "atau beberapa berkas CSV dengan nama yang sama. Semua masalah ditampilkan; "
    "tidak ada yang disimpan bila ada satu masalah."
)
#: The import tab's own steps (the store's are kinerja.labels.messages.IMPORT_STEPS).
IMPORT_STAGES = {
    "files": "Menyalin berkas",
    "validate": "Membaca dan memvalidasi berkas",
    "invalid": "Data tidak valid; tidak ada yang disimpan",
}
NO_FILES = "Pilih berkas terlebih dahulu."
INVALID = "Data tidak valid: {n} masalah. Tidak ada yang disimpan."
WARNINGS = "{n} peringatan (data tetap diterima):"
IMPORTED = (
    "Tersimpan (impor #{id}): {n_pegawai} pegawai, {n_penilaian} penilaian baru, "
    "{n_hasil_kerja} hasil kerja baru."
)
