"""Messages, command-line text, reports and charts: the Indonesian text of the core modules.

Templates take named fields (``PERIOD_NOT_IN_DATA.format(periode=..., ada=...)``);
the vocabularies' labels are in :mod:`kinerja.labels`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# Errors (kinerja.errors) -----------------------------------------------------------------------
INVALID_DATA = "Data tidak valid: {n} masalah ditemukan; tidak ada yang disimpan."
PROBLEM_ROW = "baris {baris}"
PROBLEM_COLUMN = "kolom {kolom}"
PROBLEM_VALUE = ": nilai '{nilai}'"
FILE = "Berkas"
FOLDER = "Folder"
UNWRITABLE = (
    "{noun} {path} tidak dapat ditulis ({reason}): periksa folder, izin tulis dan "
    "ruang disk, lalu coba lagi."
)

#: One line per kind of storage failure: what happened and what to do (DESIGN §7).
STORAGE: Mapping[str, str] = MappingProxyType(
    {
        "locked": (
            "Basis data sedang dikunci oleh program lain yang menyimpan data; tutup program "
            "itu atau tunggu sebentar, lalu coba lagi. Tidak ada yang disimpan."
        ),
        "full": (
            "Disk penuh: basis data tidak dapat ditulis. Kosongkan ruang disk, lalu coba "
            "lagi. Tidak ada yang disimpan."
        ),
        "readonly": (
            "Basis data hanya dapat dibaca: periksa izin tulis berkas basis data dan "
            "foldernya, lalu coba lagi. Tidak ada yang disimpan."
        ),
        "cantopen": (
            "Berkas basis data tidak dapat dibuka: periksa URL/path basis data (--db atau "
            "KINERJA_DB) dan izin foldernya."
        ),
        "missing": (
            "Berkas basis data {detail} tidak ada: periksa URL/path basis data (--db atau "
            "KINERJA_DB); basis data baru dibuat oleh kinerja import."
        ),
        "notadb": (
            "Berkas itu bukan basis data kinerja atau sudah rusak: periksa URL/path basis "
            "data (--db atau KINERJA_DB)."
        ),
        "io": (
            "Basis data tidak dapat dibaca atau ditulis (galat disk): periksa disk dan "
            "berkas basis data, lalu coba lagi. Tidak ada yang disimpan."
        ),
        "unreachable": (
            "Basis data tidak dapat dihubungi: periksa URL basis data (--db atau KINERJA_DB), "
            "nama basis data, pengguna, dan apakah server basis data berjalan."
        ),
        "url": (
            "URL basis data tidak dapat dipakai: periksa URL (--db atau KINERJA_DB), "
            "mis. sqlite:///kinerja.sqlite atau postgresql+psycopg://pengguna@host/kinerja."
        ),
        "driver": (
            "Driver basis data untuk URL ini belum terpasang ({detail}): periksa URL "
            "(--db atau KINERJA_DB) atau pasang drivernya."
        ),
    }
)

# Policy and settings (kinerja.config, KINERJA_DB_TIMEOUT) -------------------------------------
BAD_WEIGHT = "Bobot tidak dikenal atau bukan angka: {error}"
WEIGHT_NOT_FINITE = "Bobot sumber penilai harus berupa bilangan terhingga."
WEIGHT_NEGATIVE = "Bobot sumber penilai tidak boleh negatif."
NO_POSITIVE_WEIGHT = "Setidaknya satu sumber penilai harus berbobot lebih dari 0."
ANONYMITY_K_TOO_SMALL = "Ambang anonimitas (anonymity_k) minimal 1."
SETTING_NOT_BOOL = "Pengaturan {name} harus true/false, bukan {value!r}."
SETTING_NOT_INT = "Pengaturan {name} harus bilangan bulat, bukan {value!r}."
SETTING_NOT_NUMBER = "Pengaturan {name} harus berupa angka, bukan {value!r}."
UNKNOWN_SOURCE_IN = "Sumber penilai tidak dikenal di {name}: {error}"
UNKNOWN_SETTING = "Pengaturan tidak dikenal: [{section}] {key}"
POLICY_UNREADABLE = "Berkas kebijakan {path} tidak dapat dibaca: {error}"
BAD_DB_TIMEOUT = "{env} harus jumlah detik (angka 0 atau lebih): '{raw}'."

# Storage refusals (kinerja.store) -------------------------------------------------------------
NO_DATABASE = "Basis data belum ditentukan: berikan --db atau variabel lingkungan KINERJA_DB."
UNKNOWN_USER = "tidak-dikenal"
WITHDRAWER_REQUIRED = "Nama petugas yang menarik penilaian wajib diisi."
NEWER_SCHEMA = (
    "Basis data dibuat oleh versi kinerja yang lebih baru (skema {revision}); "
    "perbarui paket kinerja untuk membukanya."
)
NIP_NOT_IN_ROSTER = "NIP {nip} tidak ada di daftar pegawai."

# Calibration (kinerja.calibration, kinerja.store) ---------------------------------------------
NO_CHANGE = "Tidak ada perubahan: nilai yang berlaku sudah {value}."
EMPTY_VALUE = "kosong"
REASON_REQUIRED = "Alasan wajib diisi: tanpa alasan, penyesuaian tidak sah."
UNKNOWN_ADJUSTMENT = "Rating atau nilai penyesuaian tidak dikenal."
NIP_NOT_IN_SUMMARY = "NIP {nip} tidak ada pada ringkasan."
CALIBRATION_REASON_REQUIRED = "Alasan kalibrasi wajib diisi."
FACILITATOR_REQUIRED = "Nama fasilitator/petugas kalibrasi wajib diisi."
ADJUSTABLE_ONLY = (
    "Kalibrasi hanya untuk rating_hasil_kerja atau rating_perilaku dengan nilai "
    "di_atas, sesuai atau di_bawah."
)
ADJUSTABLE_FIELDS_ONLY = "Kalibrasi hanya untuk rating_hasil_kerja atau rating_perilaku."
NOTHING_TO_UNDO = "Pegawai ini belum punya penyesuaian untuk dibatalkan."
UNDO_WITHOUT_OLD_VALUE = "Nilai sebelum penyesuaian kosong; tidak dapat dibatalkan otomatis."
UNDO_REASON = "Pembatalan penyesuaian #{id}"

# Command line (kinerja.cli): help, errors, output ---------------------------------------------
CLI_DESCRIPTION = "Penilaian kinerja ASN berbasis kompetensi (PermenPANRB 6/2022)."
COMMAND_METAVAR = "PERINTAH"
HELP_SCORE = "hitung skor satu periode dan tulis empat berkas CSV"
HELP_IMPORT = "validasi lalu simpan satu set data dalam satu transaksi"
HELP_EXPORT = "ekspor hasil tersimpan satu periode atau lebih (dengan kalibrasi) ke Excel"
HELP_SERVE = "jalankan aplikasi (Voilà) di http://127.0.0.1"
HELP_DATA = "folder CSV atau buku kerja .xlsx"
HELP_SCORED_PERIOD = "periode yang dihitung, mis. 2025"
HELP_EXPORT_PERIOD = (
    "periode yang diekspor, mis. 2025; boleh diulang (--periode 2024 --periode 2025)"
)
HELP_OUT_FOLDER = "folder keluaran"
HELP_OUT_XLSX = "berkas .xlsx keluaran"
HELP_POLICY = "berkas kebijakan TOML (bobot, ambang)"
HELP_DB = "URL basis data (bawaan: variabel KINERJA_DB)"
HELP_DB_SERVE = "URL basis data (bawaan: KINERJA_DB, atau data contoh)"
HELP_BY = "nama petugas yang mengimpor (bawaan: pengguna sistem)"
HELP_PORT = "port (bawaan 8866)"
HELP_DEV = "tampilkan kode sumber dan traceback"
HELP_PREHEAT = "siapkan kernel lebih dulu (lebih cepat)"
HELP_CULL_IDLE = "detik sebelum kernel menganggur dihentikan"
OUT_NOT_FOLDER = "--out harus folder, bukan berkas: {out}"
OUT_NOT_XLSX = "--out harus berkas Excel yang berakhiran .xlsx, bukan '{name}'."
OUT_IS_FOLDER = "--out harus berkas .xlsx, bukan folder: {out}"
PERIOD_NOT_IN_DATA = "Periode '{periode}' tidak ada di data (ada: {ada})."
PERIOD_NOT_STORED = (
    "Periode {periode} belum punya hasil tersimpan di basis data; impor datanya dulu "
    "(periode yang punya hasil: {ada})."
)
WRITTEN = "ditulis: {path}"
IMPORTED = (
    "tersimpan (impor #{impor_id}): {n_pegawai} pegawai, {n_penilaian_baru} penilaian baru, "
    "{n_hasil_kerja_baru} hasil kerja baru"
)
WARNINGS = "{n} peringatan (data tetap diterima):"
#: Steps of an import (Store.import_dataset's progress callback; the terminal's bar).
IMPORT_STEPS: Mapping[str, str] = MappingProxyType(
    {
        "reference": "Menyimpan data referensi",
        "check": "Memeriksa penilaian",
        "ratings": "Menyimpan penilaian",
        "work": "Menyimpan hasil kerja",
        "scoring": "Menghitung hasil periode {periode}",
        "done": "Selesai",
    }
)
#: A step line on a terminal that is not a TTY (a log): ``[ 40%] Menyimpan penilaian``.
PROGRESS_LINE = "[{percent:3d}%] {step}"
ERROR_LINE = "Galat: {error}"

# kinerja serve: landing page and console (kinerja.serve) -------------------------------------
#: The landing page's cards: notebook -> (title, who it is for, what it does).
APP_CARDS: Mapping[str, tuple[str, str, str]] = MappingProxyType(
    {
        "formulir_penilaian.ipynb": (
            "Formulir Penilaian",
            "Untuk petugas BKPSDM",
            "Entri dan impor penilaian 360° dari atasan, rekan, bawahan, diri sendiri dan "
            "masyarakat; pantau siapa yang belum menilai.",
        ),
        "profil_kompetensi.ipynb": (
            "Profil Kompetensi",
            "Untuk pegawai dan atasan",
            "Profil kompetensi seorang pegawai terhadap standar jabatan, predikat, JPM, kotak "
            "talenta dan rencana pengembangan, dengan laporan PDF.",
        ),
        "kalibrasi.ipynb": (
            "Kalibrasi",
            "Untuk fasilitator rapat kalibrasi",
            "Distribusi predikat terhadap kurva, penilai yang terlalu murah atau pelit, kotak "
            "talenta, dan penyesuaian beralasan dengan berita acara.",
        ),
        "lokakarya.ipynb": (
            "Lokakarya",
            "Untuk pelatih",
            "Metode penilaian langkah demi langkah dengan data contoh: rumus, bobot, bias "
            "penilai dan kalibrasi.",
        ),
    }
)
OPEN_APP = "Buka {judul}"
COMING_SOON = "Segera hadir"
DEMO_BANNER = (
    "<b>DATA CONTOH</b> — aplikasi berjalan dengan data fiktif bawaan (sample_data), bukan "
    "data pegawai sungguhan."
)
NO_LAB_TEMPLATE = "Template Voilà 'lab' tidak ditemukan; pasang ulang paket voila."
PORT_TAKEN = (
    "Port {port} di 127.0.0.1 sudah dipakai program lain. Tutup program itu atau pilih port "
    "lain, mis. kinerja serve --port {next_port}."
)
DEMO_DATABASE = "data contoh (demo)"
RUNNING = "Kinerja berjalan di http://127.0.0.1:{port}/  (basis data: {where})"
STOP_HINT = "Tekan Ctrl-C untuk berhenti."
STOPPING = "\nMenghentikan Kinerja…"

# Profile: sentences and the explanation of a score (kinerja.profile, kinerja.development) ------
BLIND_SPOT = "titik buta"
HIDDEN_STRENGTH = "kekuatan tersembunyi"
NOTE_NO_TRAINING = "Katalog belum memiliki pelatihan untuk kompetensi ini; usulkan ke BKPSDM."
STRENGTH_ABOVE = "{kode} {nama}: skor {skor}, di atas standar jabatan (+{gap})"
STRENGTH_MEETS = "{kode} {nama}: skor {skor}, memenuhi standar jabatan"
NEED_BEHAVIOUR = "{kode} {nama}: perilaku di bawah ekspektasi ({skor} dari 3)"
NEED_COMPETENCY = "{kode} {nama}: {gap} di bawah standar jabatan"
NO_SOURCE_COUNTED = "tidak ada sumber yang dihitung → skor kosong"
CALIBRATED_BECAUSE = " (dikalibrasi; alasan: {reason})"
STEP_SCORE = "1. Skor kompetensi"
SCORE_FORMULA = (
    "Skor = Σ(bobot × rata-rata sumber) ÷ Σ bobot sumber yang ada. Bobot: {weights}; "
    "diri sendiri dan masyarakat ditampilkan sebagai pembanding."
)
SOURCES_WITHHELD = " {sources}: kurang dari {k} penilai, dirahasiakan dan tidak dihitung."
STEP_JPM = "2. Job Person Match (JPM)"
JPM_FORMULA = (
    "JPM = 100 × Σ skor ÷ Σ standar = 100 × {skor} ÷ {standar} = {jpm} % → {kategori} "
    "(Optimal ≥ {optimal}; Cukup Optimal ≥ {cukup})."
)
JPM_MISSING = "Belum dapat dihitung: ada kompetensi standar tanpa skor."
STEP_PERILAKU = "3. Rating perilaku kerja (BerAKHLAK)"
PERILAKU_FORMULA = (
    "Rata-rata skor B.01–B.07 = {skor} → {rating} (Di Atas ≥ {di_atas}; Sesuai ≥ {sesuai})."
)
PERILAKU_CALIBRATED = " Dikalibrasi menjadi {rating}; alasan: {reason}."
PERILAKU_MISSING = "Belum dapat dihitung: ada nilai BerAKHLAK tanpa skor."
STEP_PREDIKAT = "4. Predikat kinerja (PermenPANRB 6/2022)"
PREDIKAT_FORMULA = "Hasil kerja {hasil} × perilaku {perilaku} → {predikat}."
PREDIKAT_MISSING = "Belum ada: butuh rating hasil kerja dan rating perilaku."
STEP_BOX = "5. Kotak manajemen talenta (PermenPANRB 3/2020)"
BOX_FORMULA = (
    "Kinerja {kinerja} (dari predikat) × potensial {potensial} (dari kategori JPM) → "
    "kotak {kotak}: {rekomendasi}."
)
BOX_MISSING = "Belum ada: butuh predikat dan JPM."

# Charts (kinerja.charts) ---------------------------------------------------------------------
CHART_COMPETENCY = "Skor terhadap standar jabatan"
CHART_COMPETENCY_KEY = "batang = skor penilai lain · garis merah = standar · ◆ = penilaian diri"
CHART_SCORE_AXIS = "Skor (1–5)"
CHART_SCORE = "Skor"
CHART_BERAKHLAK = "Profil BerAKHLAK (garis = sesuai ekspektasi)"
CHART_MEAN_SCORE = "Rata-rata skor"
CHART_SOURCES = "Rata-rata per sumber (yang memenuhi ambang anonimitas)"
CHART_HISTORY = "Skor kompetensi per periode terhadap standar"
CHART_HISTORY_KEY = "batang = skor tiap periode · garis merah = standar jabatan periode itu"
CHART_PERIOD = "Periode"
CHART_DISTRIBUTION = "Distribusi predikat"
CHART_EMPLOYEES = "Jumlah pegawai"
CHART_STAGE = "Tahap"
CHART_NINE_BOX = "Kotak manajemen talenta"
CHART_POTENTIAL_AXIS = "Potensial (JPM)"
CHART_KINERJA_AXIS = "Kinerja (predikat)"
CHART_BOX_COUNT = "{kotak}: {jumlah} org"
#: The nine-box's kinerja rows, shorter than the rating labels.
NINE_BOX_KINERJA: Mapping[str, str] = MappingProxyType(
    {"di_atas": "Di atas", "sesuai": "Sesuai", "di_bawah": "Di bawah"}
)

# PDF reports: the profile (kinerja.report) ---------------------------------------------------
PDF_FOOTER = "{title} — dicetak {stamp} — halaman {page}"
PDF_PROFILE_TITLE = "Profil Kompetensi {name}"
PDF_PROFILE_HEADING = "Profil Kompetensi — Periode {periode}"
PDF_IDENTITY = ("Nama", "NIP", "Unit kerja", "Jabatan", "Golongan")
PDF_SUMMARY = "Ringkasan"
PDF_SUMMARY_KEYS = (
    "Predikat kinerja",
    "Rating hasil kerja",
    "Rating perilaku",
    "JPM",
    "Kotak talenta",
)
PDF_CALIBRATED = " (dikalibrasi)"
PDF_ADJUSTED = "Dikalibrasi: {field} {old} → {new}. Alasan: {reason} ({who})."
PDF_COMPETENCY_HEADERS = ("Kode", "Kompetensi", "Skor", "Diri", "Standar", "Gap", "Catatan")
PDF_PER_SOURCE = "Rata-rata per sumber penilai"
PDF_PER_SOURCE_HEADERS = ("Sumber", "Rata-rata")
PDF_WITHHELD = "Dirahasiakan (kurang dari ambang anonimitas): {sources}."
PDF_STRENGTHS = "Kekuatan"
PDF_DEVELOPMENT_AREAS = "Area pengembangan"
PDF_NO_DEVELOPMENT_AREA = "Tidak ada kompetensi di bawah standar."
PDF_PLAN = "Rencana pengembangan — total {jp} JP (hak minimal 20 JP/tahun)"
PDF_PLAN_HEADERS = ("Kode", "Pelatihan", "Jalur", "JP", "Catatan")
PDF_EXPLANATION = "Bagaimana skor ini dihitung"
PDF_COMMENTS = "Catatan penilai (tanpa nama)"
#: Symbols spelled out when the PDF has only its core font (Latin-1).
PDF_ASCII: Mapping[str, str] = MappingProxyType(
    {
        "–": "-",
        "—": "-",
        "≥": ">=",
        "≤": "<=",
        "Σ": "jumlah ",
        "×": "x",
        "÷": "/",
        "→": "->",
        "◆": "*",
        "°": " derajat",
        "·": "-",
        "…": "...",
    }
)

# PDF reports: the minutes of a calibration meeting (kinerja.report) --------------------------
MINUTES_TITLE = "Berita Acara Kalibrasi {unit} {periode}"
MINUTES_HEADING = "BERITA ACARA RAPAT KALIBRASI PENILAIAN KINERJA"
MINUTES_KEYS = ("Periode", "Unit kerja", "Tanggal", "Peserta")
MINUTES_INTRO = (
    "Rapat kalibrasi membahas sebaran predikat kinerja pegawai terhadap pola distribusi yang "
    "ditetapkan berdasarkan predikat kinerja organisasi (SE MenPANRB Nomor 3 Tahun 2023). "
    "Penyesuaian berikut disepakati, masing-masing dengan alasannya; "
    "nilai penilaian asli tidak diubah."
)
MINUTES_ADJUSTMENTS = "Penyesuaian ({n})"
MINUTES_ADJUSTMENT = "{field}: {old} → {new}. Alasan: {reason}. Oleh: {who}."
MINUTES_NO_ADJUSTMENT = "Tidak ada penyesuaian."
MINUTES_COUNTS = "Sebaran predikat sebelum dan sesudah kalibrasi"
MINUTES_COUNT_HEADERS = ("Predikat", "Sebelum", "Sesudah")
MINUTES_STAGES = ("1 sebelum", "2 sesudah")
MINUTES_CHART = "Sebaran predikat sebelum dan sesudah"
MINUTES_CHECK = "Pemeriksaan pola distribusi (sesudah kalibrasi)"
MINUTES_CHECK_HEADERS = ("Aturan", "Batas", "Awal", "Kini", "Status", "Saran")
MINUTES_CLOSING = "Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya."
MINUTES_SIGNERS = (
    "Fasilitator,                                                   Pimpinan unit kerja,"
)
