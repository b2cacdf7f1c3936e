"""Text of the apps people read: Kalibrasi, Lokakarya, Profil, their shared pieces and the board.

Templates take ``str.format`` fields (``{n}``); table headers map a frame's
columns to what the table shows.
"""

from __future__ import annotations

# --- shared by every app (kinerja.ui.common, kinerja.ui.views)
ALL_UNITS = "(semua unit)"
SAMPLE_NOTICE = (
    "<b>DATA CONTOH</b> — aplikasi ini memakai data fiktif bawaan (sample_data), "
    "bukan data pegawai sungguhan."
)
MORE_ROWS = "… dan {n} baris lainnya."
UNEXPECTED_ERROR = (
    "Terjadi kesalahan tak terduga: {error}. "
    "Data yang diketik tidak hilang; coba lagi atau hubungi admin."
)
BAR_COUNTS = "awal <b class='kinerja-awal'>{before}</b> → kini <b class='kinerja-kini'>{after}</b>"
MATRIX_CORNER = "Hasil kerja ↓ / Perilaku →"

# --- the calibration board's texts (kinerja.board)
CURVE_OK = "sesuai"
CURVE_MAX = "perlu {n:+d} {names} (maksimal {limit})"
CURVE_LARGEST = (
    "{names} harus kelompok terbanyak: sekarang {n}, kelompok lain {limit} (selisih {gap})"
)
CURVE_MIN = "perlu +{n} {names} (minimal {limit})"
REASON_CURVE = "unit melanggar kurva distribusi pada predikat ini"
REASON_RATER = {"lunak": "terlalu murah (lunak)", "keras": "terlalu pelit (keras)"}
REASON_RATED_BY = "dinilai penilai yang "
REASON_SPREAD = "penilai sangat berbeda pendapat (rentang rata-rata {spread})"
REASON_SELF = "penilaian diri jauh dari penilaian orang lain"
REASON_INCOMPLETE = "data belum lengkap"
UNKNOWN_NIP = "NIP {nip} tidak ada pada periode {periode}."

# --- Kalibrasi (kinerja.ui.kalibrasi)
ALL_LEVELS = "(semua jenjang)"
KALIBRASI_TABS = ("Distribusi", "Penilai & kesepakatan", "Kotak talenta", "Antrian diskusi")
KALIBRASI_FIELDS = {
    "periode": "Periode",
    "unit": "Unit kerja",
    "level": "Jenjang",
    "projector": "Mode proyektor",
    "employee": "Pegawai",
    "field": "Rating",
    "value": "Menjadi",
    "reason": "Alasan",
    "reason_hint": "wajib: dasar penyesuaian",
    "who": "Fasilitator",
    "save": "Simpan penyesuaian",
    "undo": "Batalkan penyesuaian terakhir",
    "participants": "Peserta",
    "participants_hint": "satu nama per baris",
    "pdf": "Berita acara (PDF)",
    "xlsx": "Rekap (Excel)",
}
#: Who the calibration records name (the signed-in account; never typed).
SIGNED_AS = "{label}: <b class='kinerja-petugas-nama'>{who}</b>"
#: Column headers of the board's tables.
BOARD_COLUMNS = {
    "unit_kerja": "Unit",
    "predikat_organisasi": "Predikat organisasi",
    "n_melanggar": "Aturan dilanggar",
    "aturan": "Aturan",
    "predikat": "Predikat",
    "batas": "Batas",
    "jumlah_awal": "Awal",
    "jumlah": "Kini",
    "status": "Status",
    "selisih": "Selisih",
    "saran": "Saran",
    "nip": "NIP",
    "nip_penilai": "NIP",
    "nama": "Pegawai",
    "n_sel": "Sel",
    "deviasi": "Deviasi",
    "label": "Label",
    "kompetensi_kode": "Kompetensi",
    "alpha": "α",
    "n_dinilai": "Pegawai",
    "sebaran": "Rentang rata-rata",
    "kompetensi_terbesar": "Kompetensi",
    "jabatan": "Jabatan",
    "kategori_jpm": "JPM",
    "skor_prioritas": "Prioritas",
    "alasan": "Alasan",
    "id": "#",
    "field": "Rating",
    "old_value": "Dari",
    "new_value": "Menjadi",
    "reason": "Alasan",
    "who": "Oleh",
}
RATER_COLUMNS = {**BOARD_COLUMNS, "nama": "Penilai"}
BOX_COLUMNS = {**BOARD_COLUMNS, "nama": "Nama"}
HEAD_ADJUST = "Penyesuaian"
HEAD_MINUTES = "Berita acara"
HEAD_SPREAD = "<b>Sebaran predikat {unit}</b>"
EVERY_UNIT = "seluruh unit"
HEAD_CURVES = "<b>Pemeriksaan kurva per unit</b>"
HEAD_CURVE = "<b>Kurva untuk predikat organisasi: {org}</b>"
NO_ORG_PREDIKAT = "Unit ini belum punya predikat organisasi untuk periode ini."
HEAD_RATERS = "<b>Kemurahan penilai</b> (deviasi dari rata-rata penilai lain pada sel yang sama)"
HEAD_AGREEMENT = "<b>Kesepakatan antar-penilai</b> (Krippendorff α per kompetensi)"
HEAD_DISAGREEMENT = "<b>Pegawai dengan penilai paling berbeda pendapat</b>"
BOX_BUTTON = "Kotak {box}: {n} org"
HEAD_BOX = "<b>Kotak {box}</b> ({n} pegawai)"
HEAD_QUEUE = "<b>Antrian diskusi</b> ({n} kasus, paling mendesak dulu)"
HEAD_LOG = "<b>Log penyesuaian</b> ({n})"
CALIBRATED_MARK = " <b>(dikalibrasi)</b>"
CURRENT_VALUES = (
    "Kini: hasil kerja <b>{hasil_kerja}</b>, perilaku <b>{perilaku}</b> → predikat "
    "<b class='kinerja-adjust-predikat'>{predikat}</b>{mark}"
)
ADJUST_SAVED = "Penyesuaian #{id} tersimpan: predikat {before} → {after}."
ADJUST_UNDONE = "Penyesuaian dibatalkan (#{id}); nilai kembali ke {value}."
MINUTES_ALL_UNITS = "Seluruh unit"
HEAD_PREVIOUS = "<b>Periode sebelumnya ({periode})</b>"
PREVIOUS_CURVE = "Kurva periode {periode}: {n} aturan dilanggar."
NO_PREVIOUS = "Belum ada periode sebelumnya untuk dibandingkan."
PREVIOUS_COLUMNS = {"predikat": "Predikat", "jumlah": "Jumlah"}
RATERS_STORED = (
    "Angka tersimpan per penilai atas seluruh selnya (penilai.csv), tanpa menyebut pegawai "
    "yang dinilai; dihitung {computed}."
)
RATERS_STALE = (
    "Angka penilai ini dihitung {computed}, sebelum perubahan terakhir ({changed}); "
    "mungkin sudah berubah. Hitung ulang untuk angka terkini."
)
RATERS_REFRESH = "Hitung ulang angka penilai"
RATERS_REFRESHED = "Angka penilai sudah dihitung ulang."
RATERS_UNIT_NOTE = (
    "Dihitung dari penilaian atas pegawai unit ini saja; penilaian kelompok yang "
    "dirahasiakan tidak dihitung."
)
PER_UNIT_ONLY = "Pilih satu unit: {what} disusun per unit dari penilaian unit itu."
WHAT_AGREEMENT = "kesepakatan antar-penilai"
WHAT_QUEUE = "antrian diskusi"
WHAT_ADJUST = "penyesuaian"
BOX_FIRST = "(paling banyak {n} pertama menurut nama)"
DOWNLOAD_MINUTES = "Unduh berita acara (PDF)"
DOWNLOAD_RECAP = "Unduh rekap kalibrasi (Excel)"

# --- Lokakarya (kinerja.ui.lokakarya, kinerja.workshop)
STEP_TITLES = (
    "1. Metode penilaian",
    "2. Nilai sendiri sebuah kasus",
    "3. Bagaimana skor dibentuk",
    "4. Temukan penilai yang bias",
    "5. Latihan kalibrasi",
    "6. Dari kesenjangan ke rencana pengembangan",
    "7. Seberapa yakin kita?",
)
STEP_OF = "Langkah {i} dari {n}"
NAV = {"back": "Sebelumnya", "next": "Berikutnya", "reset": "Mulai ulang"}
YES, NO = "ya", "tidak"
SOURCE_COLUMNS = ["Sumber", "Bobot (kebijakan lokal)", "Anonim (ambang 3)"]
LEVEL_COLUMN = "Level {level}"
JPM_BANDS = ("≥ 90 %", "78 % – < 90 %", "< 78 %")  # of the JPM categories, in order
JPM_COLUMNS = ("JPM", "Kategori")
BERAKHLAK_COLUMNS = {"kode": "Kode", "nama": "Nilai", "indikator": "Panduan perilaku"}
METHOD_HEADINGS = (
    "Sumber umpan balik",
    "Level kompetensi (PermenPANRB 38/2017)",
    "Nilai dasar BerAKHLAK (SE MenPANRB 20/2021)",
    "Matriks predikat kinerja (PermenPANRB 6/2022)",
    "Job Person Match (Peraturan BKN 26/2019)",
    "Kotak manajemen talenta (PermenPANRB 3/2020)",
)
JPM_FORMULA = "JPM = 100 × Σ skor ÷ Σ standar level jabatan."
#: The case participants rate in step 2 (a fictitious employee).
VIGNETTE = {
    "nama": "Sri Handayani, S.E. (fiktif)",
    "jabatan": "Pengelola Keuangan — Dinas Pertanian dan Pangan",
    "cerita": (
        "Sri menyusun laporan keuangan triwulan selalu tepat waktu dan rapi, tetapi dua kali "
        "laporannya harus diperbaiki karena salah input. Ia sabar menjelaskan prosedur pencairan "
        "kepada petani yang datang ke kantor, meski antrean panjang. Dalam rapat tim ia jarang "
        "menyampaikan pendapat, namun membantu rekan baru memahami aplikasi keuangan. Saat sistem "
        "pembayaran berubah ke aplikasi daring, ia termasuk yang terakhir beradaptasi dan masih "
        "sering meminta bantuan. Ia tidak pernah memakai fasilitas kantor untuk keperluan pribadi."
    ),
}
VIGNETTE_TEXT = {
    "name": "Nama Anda",
    "submit": "Kirim penilaian saya",
    "refresh": "Perbarui hasil kelas",
    "scale": "Beri skor 1–5 (3 = sesuai ekspektasi).",
    "no_name": "Isi nama Anda dulu.",
    "no_score": "Isi minimal satu skor.",
    "sent": "Terkirim. Lihat sebaran kelas di bawah.",
    "results": "<b>Hasil kelas</b>: {n} peserta, kesepakatan (Krippendorff α) = "
    "<b class='kinerja-alpha'>{alpha}</b>",
    "moral": "Semakin lebar rentang min–maks, semakin perlu kalibrasi: "
    "orang yang sama dinilai berbeda.",
}
VIGNETTE_COLUMNS = {
    "kompetensi_kode": "Kompetensi",
    "n": "Peserta",
    "rata_rata": "Rata-rata",
    "simpangan": "Simpangan baku",
    "min": "Min",
    "max": "Maks",
}
WEIGHTS_TEXT = {"employee": "Pegawai", "threshold": "Ambang anonim"}
WEIGHTS_RESULT = (
    "JPM: <b class='kinerja-bobot-jpm'>{jpm}</b> % ({kategori}) · skor perilaku "
    "<b>{skor}</b> → {perilaku} · predikat <b class='kinerja-bobot-predikat'>{predikat}</b> · "
    "kotak <b class='kinerja-bobot-kotak'>{kotak}</b>"
)
WEIGHTS_COLUMNS = {
    "kompetensi_kode": "Kode",
    "skor": "Skor",
    "standar": "Standar",
    "gap": "Gap",
    "rumus": "Rumus dengan bobot saat ini",
}
BIAS_TEXT = {
    "guess": "Tebakan",
    "reveal": "Ungkap hasil",
    "mean": "{nama} (rata-rata {mean})",
    "hits": "Tebakan Anda mengenai <b class='kinerja-tebakan-benar'>{hits}</b> dari "
    "{n} penilai yang diberi efek. Aturan kemurahan "
    "(deviasi ≥ 0,5 dari penilai lain pada sel yang sama, "
    "minimal 5 sel) menemukan penilai murah dan pelit; "
    "halo terlihat dari simpangan dalam pegawai ≈ 0, "
    "kecenderungan tengah dari porsi skor 3 ≈ 1.",
}
PLANTED_EFFECT = {
    "lenient": "murah (lunak)",
    "severe": "pelit (keras)",
    "halo": "halo",
    "central": "kecenderungan tengah",
}
REVEAL_COLUMNS = {
    "nama": "Penilai",
    "ditanam": "Efek yang ditanam",
    "temuan": "Temuan aturan",
    "deviasi": "Deviasi",
    "sd_dalam": "Simpangan dalam",
    "porsi_tiga": "Porsi 3",
    "tebakan": "Anda tebak",
}
EXERCISE_TEXT = {
    "intro": "Unit <b>{unit}</b> berpredikat organisasi <i>Baik</i>, "
    "tetapi Sangat Baik menjadi kelompok terbanyak dan tidak ada yang "
    "Butuh Perbaikan. Usulkan penyesuaian beralasan dan lihat kurvanya berubah "
    "(latihan; tidak disimpan).",
    "field": "Rating",
    "value": "Menjadi",
    "reason": "Alasan",
    "reason_hint": "wajib",
    "apply": "Usulkan penyesuaian",
    "applied": "Penyesuaian diusulkan.",
}
EXERCISE_FIELDS = [
    ("Rating perilaku", "rating_perilaku"),
    ("Rating hasil kerja", "rating_hasil_kerja"),
]
PROPOSAL_COLUMNS = {
    "nip": "NIP",
    "field": "Rating",
    "old_value": "Dari",
    "new_value": "Menjadi",
    "reason": "Alasan",
}
PLAN_TEXT = {
    "intro": "Setiap kompetensi di bawah standar (gap negatif) "
    "mendapat pelatihan dari katalog, kesenjangan terbesar dulu, "
    "jalur non-klasikal (coaching, mentoring, e-learning) diutamakan, "
    "hingga minimal 20 JP per tahun (PP 11/2017).",
    "gaps": "<b>Kesenjangan</b>",
    "plan": "<b>Rencana</b> — total <b class='kinerja-rencana-jp'>{jp} JP</b>",
}
SENSITIVITY_TEXT = {
    "delta": "Perubahan ±",
    "run": "Hitung sensitivitas",
    "intro": "Bobot sumber adalah kebijakan lokal, bukan aturan nasional. "
    "Berapa pegawai yang predikat atau kotaknya berubah bila satu bobot digeser? "
    "Jika sedikit, hasilnya kokoh; "
    "jika banyak, bobot perlu disepakati dengan hati-hati.",
}
SENSITIVITY_COLUMNS = {
    "sumber": "Sumber",
    "perubahan": "Perubahan",
    "bobot_baru": "Bobot baru",
    "n_predikat_berubah": "Predikat berubah",
    "n_kotak_berubah": "Kotak berubah",
    "n_pegawai": "Pegawai berpredikat",
}

# --- Profil (kinerja.ui.profil)
PROFIL_FIELDS = {
    "periode": "Periode",
    "search": "Cari",
    "search_hint": "nama atau NIP",
    "employee": "Pegawai",
    "unit": "Unit kerja",
    "pdf": "PDF pegawai ini",
    "pdf_unit": "PDF seluruh unit",
    "progress": "PDF unit",
    "how": "Bagaimana skor ini dihitung",
}
NIP_NOT_FOUND = "NIP {nip} tidak ditemukan. Pilih pegawai dari daftar."
#: Profil's unit chooser: the whole roster (a search then spans every unit).
ALL_UNITS = "(semua unit)"
#: Under Profil's list of matches: more people match than the list shows.
MORE_MATCHES = "Menampilkan {n} pegawai pertama; ketik nama atau NIP untuk mempersempit."
NO_MATCHES = "Tidak ada pegawai yang cocok dengan pencarian."
HEAD_HISTORY = "<b>Riwayat per periode</b>"
HISTORY_COLUMNS = {
    "periode": "Periode",
    "predikat": "Predikat",
    "jpm": "JPM",
    "kotak": "Kotak",
}
HISTORY_CALIBRATED = " (dikalibrasi)"
IDENTITY = (
    "<div>NIP <b class='kinerja-nip'>{nip}</b> · {jabatan} · golongan {golongan}</div>"
    "<div>{unit} · periode {periode}</div>"
)
#: Above the predikat matrix, below the header card.
HEAD_MATRIX = "<b>Mengapa predikat ini</b> (matriks PermenPANRB 6/2022)"
CALIBRATED_BADGE = "dikalibrasi"
PREDIKAT_LINE = "Predikat: <b class='kinerja-predikat-nilai'>{predikat}</b>{mark}"
RATINGS_LINE = "Rating hasil kerja: <b>{hasil_kerja}</b> · Rating perilaku: <b>{perilaku}</b>"
JPM_LINE = "JPM: <b class='kinerja-jpm'>{jpm}</b>"
BOX_LINE = "Kotak {box}: {advice}"
ADJUSTED_ITEM = "{field}: {old} → <b>{new}</b> — alasan: {reason} ({who})"
HEAD_CALIBRATED = "<b>Dikalibrasi</b>"
WITHHELD = "Dirahasiakan (kurang dari {k} penilai): {sources}"
MARKS = {
    "blind_spot": "titik buta (menilai diri lebih tinggi)",
    "hidden_strength": "kekuatan tersembunyi (orang lain menilai lebih tinggi)",
}
PROFILE_COLUMNS = {
    "kompetensi_kode": "Kode",
    "nama": "Kompetensi",
    "skor": "Skor",
    "skor_diri": "Diri",
    "standar": "Standar",
    "gap": "Gap",
    "tanda": "Catatan",
    "pelatihan_nama": "Pelatihan",
    "jalur": "Jalur",
    "jp": "JP",
    "catatan": "Catatan",
    "rumus": "Perhitungan",
}
HEAD_SCORES = "<b>Skor per kompetensi</b>"
NO_GAP = "Tidak ada kompetensi di bawah standar."
STRENGTHS = "<b>Kekuatan</b><ul>{good}</ul><b>Area pengembangan</b><ul>{areas}</ul>"
#: The JP cell of a plan row whose competency has no training in the catalogue.
PLAN_NO_TRAINING = "belum ada pelatihan di katalog"
PLAN_LINE = (
    "<b>Rencana pengembangan</b> — total <b class='kinerja-total-jp'>{jp} JP</b> "
    "dari hak minimal 20 JP per tahun ({met})"
)
PLAN_MET = {True: "terpenuhi", False: "belum terpenuhi"}
HEAD_FORMULAS = "<b>Rumus per kompetensi</b>"
HEAD_COMMENTS = "<b>Catatan penilai</b> (tanpa nama)"
DOWNLOAD_PROFILE = "Unduh PDF profil"
DOWNLOAD_UNIT = "Unduh PDF {unit} ({n} pegawai)"

# --- curve rules, curve status and the workshop's tables in words (DESIGN §11: labels, never codes)
#: A distribution rule of SE MenPANRB 3/2023 in words, by its ``aturan`` code;
#: ``{share}`` is the percentage (one decimal), ``{names}`` the predikat labels.
RULE_TEXT = {
    "maks": "paling banyak {share} % {names}",
    "min": "paling sedikit {share} % {names}",
    "min_jumlah": "paling sedikit 1 pegawai {names}",
    "terbanyak": "{names} kelompok terbanyak",
}
#: Joins the predikat of a rule over two of them ("Butuh Perbaikan atau Kurang/Misconduct").
RULE_OR = " atau "
#: ``status`` of a distribution rule row.
CURVE_STATUS = {"ok": "terpenuhi", "melanggar": "melanggar"}
NINE_BOX_COLUMNS = {
    "kotak": "Kotak",
    "kinerja": "Kinerja",
    "potensial": "Potensial",
    "rekomendasi": "Rekomendasi",
}
GAP_COLUMNS = {
    "kompetensi_kode": "Kode",
    "nama": "Kompetensi",
    "skor": "Skor",
    "standar": "Standar",
    "gap": "Gap",
}
PLAN_COLUMNS = {
    "urutan": "Urutan",
    "kompetensi_kode": "Kode",
    "pelatihan_nama": "Pelatihan",
    "jalur": "Jalur",
    "jp": "JP",
    "jp_kumulatif": "JP kumulatif",
    "catatan": "Catatan",
}
PROPOSAL_NAME_COLUMNS = {"nama": "Pegawai", **PROPOSAL_COLUMNS}
BIAS_SORT = {
    "deviasi_tinggi": "Deviasi tertinggi dulu (terlalu murah)",
    "deviasi_rendah": "Deviasi terendah dulu (terlalu pelit)",
    "sd_dalam": "Simpangan dalam pegawai terkecil dulu (halo)",
    "porsi_tiga": "Porsi skor 3 terbesar dulu (kecenderungan tengah)",
    "nama": "Nama",
}
BIAS_SORT_LABEL = "Urutkan"
BIAS_INTRO = (
    "Kohort sintetis 120 pegawai dan {n} penilai. Empat penilai diberi efek tersembunyi: "
    "satu terlalu murah, satu terlalu pelit, satu efek halo (semua kompetensi sama), "
    "satu kecenderungan tengah (semua 3). Tabel di bawah memuat <b>semua</b> penilai; "
    "urutkan menurut angka yang mengungkap tiap efek, pilih penilai yang Anda curigai, "
    "lalu ungkap."
)
BIAS_ALL_COLUMNS = {
    "nama": "Penilai",
    "n_penilaian": "Penilaian",
    "rata_rata": "Rata-rata",
    "deviasi": "Deviasi dari penilai lain",
    "sd_dalam": "Simpangan dalam pegawai",
    "sd_antar": "Simpangan antar pegawai",
    "porsi_tiga": "Porsi skor 3",
}
#: What the workshop's figures find per rater (kinerja.workshop.rater_effects).
RATER_EFFECT = {
    "lunak": "murah (lunak)",
    "keras": "pelit (keras)",
    "halo": "halo",
    "tengah": "kecenderungan tengah",
    "": "",
}
PERCENT = "{value} %"
