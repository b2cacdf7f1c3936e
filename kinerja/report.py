"""Printable A4 PDF reports in Bahasa Indonesia (fpdf2), produced offline.

fpdf2 writes PDFs in pure Python (no browser, no LaTeX, no network);
charts are embedded as PNG rendered by vl-convert.  Text uses DejaVu Sans
when the system has it (Debian's fonts-dejavu), else the PDF core font with
the few non-Latin-1 symbols spelled out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path

import pandas as pd
from fpdf import FPDF

from kinerja.labels import PREDIKAT, SOURCE, label
from kinerja.profile import EmployeeProfile, fmt
from kinerja.vocab import JpmCategory, Predikat, Rating, Source

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
_ASCII = {
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


class _Pdf(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.doc_title = title
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)
        self.unicode = False
        for path in FONT_CANDIDATES:
            bold = path.with_name("DejaVuSans-Bold.ttf")
            if path.exists() and bold.exists():
                self.add_font("DejaVu", "", str(path))
                self.add_font("DejaVu", "B", str(bold))
                self.unicode = True
                break
        self.family = "DejaVu" if self.unicode else "Helvetica"
        self.set_title(title)
        self.set_creator("Kinerja")

    def t(self, text: object) -> str:
        s = "–" if text is None or (isinstance(text, float) and text != text) else str(text)
        if not self.unicode:
            for a, b in _ASCII.items():
                s = s.replace(a, b)
            s = s.encode("latin-1", "replace").decode("latin-1")
        return s

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.set_text_color(110)
        stamp = datetime.now().strftime("%d-%m-%Y %H:%M")
        self.cell(
            0,
            5,
            self.t(f"{self.doc_title} — dicetak {stamp} — halaman {self.page_no()}"),
            align="C",
        )
        self.set_text_color(0)

    def heading(self, text: str, size: int = 12) -> None:
        self.set_font(self.family, "B", size)
        self.multi_cell(0, 6, self.t(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.family, "", 9)

    def para(self, text: str, size: int = 9) -> None:
        self.set_font(self.family, "", size)
        self.multi_cell(0, 4.6, self.t(text), new_x="LMARGIN", new_y="NEXT")

    def pairs(self, rows: Sequence[tuple[str, object]]) -> None:
        self.set_font(self.family, "", 9)
        for key, value in rows:
            self.set_font(self.family, "B", 9)
            self.cell(42, 5, self.t(key))
            self.set_font(self.family, "", 9)
            self.multi_cell(0, 5, self.t(value), new_x="LMARGIN", new_y="NEXT")

    def table(  # type: ignore[override]  # own frame table, not fpdf2's table() API
        self, frame: pd.DataFrame, widths: Sequence[float], headers: Sequence[str]
    ) -> None:
        self.set_font(self.family, "B", 8)
        self.set_fill_color(235)
        for h, wdt in zip(headers, widths, strict=True):
            self.cell(wdt, 5, self.t(h), border=1, fill=True)
        self.ln()
        self.set_font(self.family, "", 8)
        for row in frame.itertuples(index=False, name=None):
            if self.get_y() > 275:
                self.add_page()
            for v, wdt in zip(row, widths, strict=True):
                text = self.t(fmt(v) if isinstance(v, float) else v)
                while self.get_string_width(text) > wdt - 1.5 and len(text) > 3:
                    text = text[:-2] + "…" if self.unicode else text[:-4] + "..."
                self.cell(wdt, 5, self.t(text), border=1)
            self.ln()

    def image_png(self, png: bytes, width: float = 170) -> None:
        import io

        self.image(io.BytesIO(png), w=width)
        self.ln(2)


def _profile_pages(pdf: _Pdf, profile: EmployeeProfile) -> None:
    from kinerja import charts  # Altair only where a chart is drawn

    info = profile.info
    pdf.add_page()
    pdf.heading(f"Profil Kompetensi — Periode {info['periode']}", 15)
    pdf.pairs(
        [
            ("Nama", info["nama"]),
            ("NIP", info["nip_tampil"]),
            ("Unit kerja", info["unit_kerja"]),
            ("Jabatan", info["jabatan"]),
            ("Golongan", info.get("golongan") or "–"),
        ]
    )
    pdf.ln(2)
    mark = " (dikalibrasi)" if info.get("dikalibrasi") else ""
    jpm = (
        "–"
        if pd.isna(info.get("jpm"))
        else f"{fmt(info['jpm'], 1)} % ({label(info['kategori_jpm'], JpmCategory)})"
    )
    box = (
        "–"
        if pd.isna(info.get("kotak"))
        else f"{int(info['kotak'])} — {info.get('rekomendasi', '')}"
    )
    pdf.heading("Ringkasan")
    pdf.pairs(
        [
            ("Predikat kinerja", label(info.get("predikat"), Predikat) + mark),
            ("Rating hasil kerja", label(info.get("rating_hasil_kerja"), Rating)),
            ("Rating perilaku", label(info.get("rating_perilaku"), Rating)),
            ("JPM", jpm),
            ("Kotak talenta", box),
        ]
    )
    for adj in profile.adjustments.itertuples():
        pdf.para(
            f"Dikalibrasi: {adj.label} {label(adj.old_value, Rating)} → "
            f"{label(adj.new_value, Rating)}. Alasan: {adj.reason} ({adj.who})."
        )
    pdf.ln(2)
    pdf.image_png(charts.to_png(charts.competency_chart(profile.competencies)), width=165)
    comp = profile.competencies[
        ["kompetensi_kode", "nama", "skor", "skor_diri", "standar", "gap", "tanda"]
    ]
    comp = comp.assign(standar=comp["standar"].astype(object).where(comp["standar"].notna(), None))
    pdf.table(
        comp,
        [18, 62, 16, 16, 16, 16, 36],
        ["Kode", "Kompetensi", "Skor", "Diri", "Standar", "Gap", "Catatan"],
    )
    pdf.ln(3)
    if len(profile.sources):
        per_source = profile.sources.groupby("sumber", as_index=False)["rata_rata"].mean()
        per_source = per_source.assign(sumber=per_source["sumber"].map(lambda s: SOURCE[Source(s)]))
        pdf.heading("Rata-rata per sumber penilai")
        pdf.table(per_source, [60, 30], ["Sumber", "Rata-rata"])
    if profile.withheld:
        hidden = ", ".join(SOURCE[Source(s)] for s in profile.withheld)
        pdf.para(f"Dirahasiakan (kurang dari ambang anonimitas): {hidden}.")
    pdf.ln(2)
    pdf.heading("Kekuatan")
    pdf.para("\n".join(f"• {s}" for s in profile.strengths) or "–")
    pdf.heading("Area pengembangan")
    pdf.para(
        "\n".join(f"• {s}" for s in profile.development_areas)
        or "Tidak ada kompetensi di bawah standar."
    )
    pdf.heading(
        f"Rencana pengembangan — total {fmt(profile.plan_jp, 0)} JP (hak minimal 20 JP/tahun)"
    )
    plan = profile.plan[["kompetensi_kode", "pelatihan_nama", "jalur", "jp", "catatan"]]
    pdf.table(
        plan.fillna("–"), [18, 78, 24, 12, 48], ["Kode", "Pelatihan", "Jalur", "JP", "Catatan"]
    )
    pdf.ln(2)
    pdf.heading("Bagaimana skor ini dihitung")
    for step, text in profile.explanation:
        pdf.set_font(pdf.family, "B", 9)
        pdf.multi_cell(0, 5, pdf.t(step), new_x="LMARGIN", new_y="NEXT")
        pdf.para(text)
    if profile.comments:
        pdf.heading("Catatan penilai (tanpa nama)")
        pdf.para("\n".join(f"• {c}" for c in profile.comments))


def profile_pdf(profile: EmployeeProfile) -> bytes:
    """The A4 PDF report of one employee."""
    pdf = _Pdf(f"Profil Kompetensi {profile.info['nama']}")
    _profile_pages(pdf, profile)
    return bytes(pdf.output())


def unit_pdf(
    profiles: Iterable[EmployeeProfile],
    *,
    unit: str,
    total: int,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """One PDF with the report of every employee of a unit; ``progress(done, total)`` after each."""
    pdf = _Pdf(f"Profil Kompetensi {unit}")
    for i, profile in enumerate(profiles, start=1):
        _profile_pages(pdf, profile)
        if progress is not None:
            progress(i, total)
    return bytes(pdf.output())


def minutes_pdf(
    *,
    periode: str,
    unit: str,
    tanggal: str,
    peserta: Sequence[str],
    adjustments: pd.DataFrame,
    distribution: pd.DataFrame,
    counts: pd.DataFrame,
) -> bytes:
    """Berita acara of a calibration meeting (A4, Indonesian).

    Parameters
    ----------
    adjustments
        ``nip, nama, field, old_value, new_value, reason, who, when`` — every
        adjustment made, in order.
    distribution
        ``aturan, predikat, batas, jumlah_awal, jumlah, status, saran`` (after).
    counts
        ``predikat, awal, sesudah`` employee counts per predikat.
    """
    from kinerja.labels import ADJUSTABLE_FIELD
    from kinerja.vocab import AdjustableField

    pdf = _Pdf(f"Berita Acara Kalibrasi {unit} {periode}")
    pdf.add_page()
    pdf.heading("BERITA ACARA RAPAT KALIBRASI PENILAIAN KINERJA", 14)
    pdf.pairs(
        [
            ("Periode", periode),
            ("Unit kerja", unit),
            ("Tanggal", tanggal),
            ("Peserta", ", ".join(p for p in peserta if p.strip()) or "–"),
        ]
    )
    pdf.ln(2)
    pdf.para(
        "Rapat kalibrasi membahas sebaran predikat kinerja pegawai terhadap pola distribusi yang "
        "ditetapkan berdasarkan predikat kinerja organisasi (SE MenPANRB Nomor 3 Tahun 2023). "
        "Penyesuaian berikut disepakati, masing-masing dengan alasannya; "
        "nilai penilaian asli tidak diubah."
    )
    pdf.ln(2)
    pdf.heading(f"Penyesuaian ({len(adjustments)})")
    if len(adjustments):
        rows = adjustments.assign(
            field=adjustments["field"].map(lambda f: ADJUSTABLE_FIELD[AdjustableField(f)]),
            old_value=adjustments["old_value"].map(lambda v: label(v, Rating)),
            new_value=adjustments["new_value"].map(lambda v: label(v, Rating)),
        )
        for i, r in enumerate(rows.itertuples(), start=1):
            pdf.set_font(pdf.family, "B", 9)
            pdf.multi_cell(0, 5, pdf.t(f"{i}. {r.nama} ({r.nip})"), new_x="LMARGIN", new_y="NEXT")
            pdf.para(
                f"{r.field}: {r.old_value} → {r.new_value}. Alasan: {r.reason}. Oleh: {r.who}."
            )
    else:
        pdf.para("Tidak ada penyesuaian.")
    pdf.ln(2)
    pdf.heading("Sebaran predikat sebelum dan sesudah kalibrasi")
    c = counts.assign(predikat=counts["predikat"].map(lambda p: PREDIKAT[Predikat(p)]))
    pdf.table(c.astype(object), [60, 30, 30], ["Predikat", "Sebelum", "Sesudah"])
    pdf.ln(2)
    from kinerja import charts  # Altair only where a chart is drawn

    long = pd.concat(
        [
            pd.DataFrame(
                {"predikat": counts["predikat"], "jumlah": counts["awal"], "tahap": "1 sebelum"}
            ),
            pd.DataFrame(
                {"predikat": counts["predikat"], "jumlah": counts["sesudah"], "tahap": "2 sesudah"}
            ),
        ],
        ignore_index=True,
    )
    chart = charts.distribution_chart(long, title="Sebaran predikat sebelum dan sesudah")
    pdf.image_png(charts.to_png(chart), width=140)
    pdf.heading("Pemeriksaan pola distribusi (sesudah kalibrasi)")
    d = distribution[
        ["aturan", "predikat", "batas", "jumlah_awal", "jumlah", "status", "saran"]
    ].astype(object)
    pdf.table(
        d,
        [18, 44, 12, 14, 14, 18, 60],
        ["Aturan", "Predikat", "Batas", "Awal", "Kini", "Status", "Saran"],
    )
    pdf.ln(8)
    pdf.para("Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.")
    pdf.ln(12)
    pdf.para("Fasilitator,                                                   Pimpinan unit kerja,")
    pdf.ln(16)
    pdf.para(
        "(.............................)                                   "
        "(.............................)"
    )
    return bytes(pdf.output())
