"""Printable A4 PDF reports in Bahasa Indonesia (fpdf2), produced offline.

fpdf2 writes PDFs in pure Python (no browser, no LaTeX, no network);
charts are embedded as PNG rendered by vl-convert.  Text uses DejaVu Sans
when the system has it (Debian's fonts-dejavu), else the PDF core font with
the few non-Latin-1 symbols spelled out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import cast

import pandas as pd
from fpdf import FPDF

from kinerja.labels import ADJUSTABLE_FIELD, fmt, label
from kinerja.labels import messages as msg
from kinerja.labels.times import fmt_time, now_local
from kinerja.profile import EmployeeProfile
from kinerja.vocab import AdjustableField, JpmCategory, Predikat, Rating, Source

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


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
            for a, b in msg.PDF_ASCII.items():
                s = s.replace(a, b)
            s = s.encode("latin-1", "replace").decode("latin-1")
        return s

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.set_text_color(110)
        stamp = fmt_time(now_local())  # DESIGN §11: WIB (KINERJA_TZ), with the zone
        footer = msg.PDF_FOOTER.format(title=self.doc_title, stamp=stamp, page=self.page_no())
        self.cell(0, 5, self.t(footer), align="C")
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

    def wrapped_table(
        self,
        frame: pd.DataFrame,
        widths: Sequence[float],
        headers: Sequence[str],
        *,
        keep_with_last: float = 0.0,
        line: float = 4.2,
    ) -> None:
        """A table whose cells wrap their text (nothing cut off with ``…``).

        A row never splits over two pages and the header row is repeated on a
        new page; ``keep_with_last`` (mm) is room kept free below the last
        row, so what follows the table (the minutes' signatures) starts on the
        page of the last row rather than alone on a page of its own.
        """
        cells = [[self.t(h) for h in headers]] + [
            [self.t(fmt(v) if isinstance(v, float) else v) for v in row]
            for row in frame.itertuples(index=False, name=None)
        ]
        heights = [self._row_height(row, widths, line, bold=i == 0) for i, row in enumerate(cells)]
        bottom = self.h - self.b_margin
        self._table_row(cells[0], widths, heights[0], line, header=True)
        for i in range(1, len(cells)):
            need = heights[i] + (keep_with_last if i == len(cells) - 1 else 0.0)
            if self.get_y() + need > bottom:
                self.add_page()
                self._table_row(cells[0], widths, heights[0], line, header=True)
            self._table_row(cells[i], widths, heights[i], line, header=False)

    def table_height(
        self, frame: pd.DataFrame, widths: Sequence[float], headers: Sequence[str]
    ) -> float:
        """The height (mm) :meth:`wrapped_table` takes for ``frame`` on one page."""
        rows = [[self.t(h) for h in headers]] + [
            [self.t(fmt(v) if isinstance(v, float) else v) for v in row]
            for row in frame.itertuples(index=False, name=None)
        ]
        return sum(self._row_height(r, widths, 4.2, bold=i == 0) for i, r in enumerate(rows))

    def _row_height(
        self, row: Sequence[str], widths: Sequence[float], line: float, *, bold: bool
    ) -> float:
        self.set_font(self.family, "B" if bold else "", 8)
        lines = [
            len(
                cast(
                    list[str],
                    self.multi_cell(wdt, line, text, align="L", dry_run=True, output="LINES"),
                )
            )
            or 1
            for text, wdt in zip(row, widths, strict=True)
        ]
        return max(lines) * line + 1.0

    def _table_row(
        self,
        row: Sequence[str],
        widths: Sequence[float],
        height: float,
        line: float,
        *,
        header: bool,
    ) -> None:
        self.set_font(self.family, "B" if header else "", 8)
        self.set_fill_color(235)
        x, y = self.l_margin, self.get_y()
        for text, wdt in zip(row, widths, strict=True):
            self.rect(x, y, wdt, height, style="DF" if header else "D")
            self.set_xy(x, y + 0.5)
            self.multi_cell(wdt, line, text, align="L", new_x="RIGHT", new_y="TOP")
            x += wdt
        self.set_xy(self.l_margin, y + height)

    def image_png(self, png: bytes, width: float = 170) -> None:
        import io

        self.image(io.BytesIO(png), w=width)
        self.ln(2)


def _profile_pages(pdf: _Pdf, profile: EmployeeProfile) -> None:
    from kinerja import charts  # Altair only where a chart is drawn

    info = profile.info
    pdf.add_page()
    pdf.heading(msg.PDF_PROFILE_HEADING.format(periode=info["periode"]), 15)
    identity = [info["nama"], info["nip_tampil"], info["unit_kerja"], info["jabatan"]]
    pdf.pairs(list(zip(msg.PDF_IDENTITY, [*identity, info.get("golongan") or "–"], strict=True)))
    pdf.ln(2)
    mark = msg.PDF_CALIBRATED if info.get("dikalibrasi") else ""
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
    pdf.heading(msg.PDF_SUMMARY)
    summary = [
        label(info.get("predikat"), Predikat) + mark,
        label(info.get("rating_hasil_kerja"), Rating),
        label(info.get("rating_perilaku"), Rating),
        jpm,
        box,
    ]
    pdf.pairs(list(zip(msg.PDF_SUMMARY_KEYS, summary, strict=True)))
    for adj in profile.adjustments.itertuples():
        old, new = label(adj.old_value, Rating), label(adj.new_value, Rating)
        reason, who = adj.reason, adj.who
        pdf.para(msg.PDF_ADJUSTED.format(field=adj.label, old=old, new=new, reason=reason, who=who))
    pdf.ln(2)
    pdf.image_png(charts.to_png(charts.competency_chart(profile.competencies)), width=165)
    comp = profile.competencies[
        ["kompetensi_kode", "nama", "skor", "skor_diri", "standar", "gap", "tanda"]
    ]
    comp = comp.assign(standar=comp["standar"].astype(object).where(comp["standar"].notna(), None))
    pdf.table(comp, [18, 62, 16, 16, 16, 16, 36], msg.PDF_COMPETENCY_HEADERS)
    pdf.ln(3)
    if len(profile.sources):
        per_source = profile.sources.groupby("sumber", as_index=False)["rata_rata"].mean()
        per_source = per_source.assign(sumber=per_source["sumber"].map(lambda s: label(s, Source)))
        pdf.heading(msg.PDF_PER_SOURCE)
        pdf.table(per_source, [60, 30], msg.PDF_PER_SOURCE_HEADERS)
    if profile.withheld:
        hidden = ", ".join(label(s, Source) for s in profile.withheld)
        pdf.para(msg.PDF_WITHHELD.format(sources=hidden))
    pdf.ln(2)
    pdf.heading(msg.PDF_STRENGTHS)
    pdf.para("\n".join(f"• {s}" for s in profile.strengths) or "–")
    pdf.heading(msg.PDF_DEVELOPMENT_AREAS)
    areas = "\n".join(f"• {s}" for s in profile.development_areas)
    pdf.para(areas or msg.PDF_NO_DEVELOPMENT_AREA)
    pdf.heading(msg.PDF_PLAN.format(jp=fmt(profile.plan_jp, 0)))
    plan = profile.plan[["kompetensi_kode", "pelatihan_nama", "jalur", "jp", "catatan"]]
    plan = plan.assign(jp=plan["jp"].map(lambda v: fmt(v, 0)))  # whole lesson hours
    pdf.table(plan.fillna("–"), [18, 78, 24, 12, 48], msg.PDF_PLAN_HEADERS)
    pdf.ln(2)
    pdf.heading(msg.PDF_EXPLANATION)
    for step, text in profile.explanation:
        pdf.set_font(pdf.family, "B", 9)
        pdf.multi_cell(0, 5, pdf.t(step), new_x="LMARGIN", new_y="NEXT")
        pdf.para(text)
    if profile.comments:
        pdf.heading(msg.PDF_COMMENTS)
        pdf.para("\n".join(f"• {c}" for c in profile.comments))


def profile_pdf(profile: EmployeeProfile) -> bytes:
    """The A4 PDF report of one employee."""
    pdf = _Pdf(msg.PDF_PROFILE_TITLE.format(name=profile.info["nama"]))
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
    pdf = _Pdf(msg.PDF_PROFILE_TITLE.format(name=unit))
    for i, profile in enumerate(profiles, start=1):
        _profile_pages(pdf, profile)
        if progress is not None:
            progress(i, total)
    return bytes(pdf.output())


def sentence(text: object) -> str:
    """``text`` without its closing full stops, for a template that adds its own
    (``Alasan: {reason}.`` must not print ``peserta..``)."""
    return str(text).strip().rstrip(".").rstrip()


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
        ``aturan, batas, jumlah_awal, jumlah, status, saran`` (after), in words
        (:func:`kinerja.board.curve_rows`); printed in a table whose cells
        wrap, kept on one page with the closing and the signatures.
    counts
        ``predikat, awal, sesudah`` employee counts per predikat.
    """
    pdf = _Pdf(msg.MINUTES_TITLE.format(unit=unit, periode=periode))
    pdf.add_page()
    pdf.heading(msg.MINUTES_HEADING, 14)
    who = ", ".join(p for p in peserta if p.strip()) or "–"
    pdf.pairs(list(zip(msg.MINUTES_KEYS, [periode, unit, tanggal, who], strict=True)))
    pdf.ln(2)
    pdf.para(msg.MINUTES_INTRO)
    pdf.ln(2)
    pdf.heading(msg.MINUTES_ADJUSTMENTS.format(n=len(adjustments)))
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
                msg.MINUTES_ADJUSTMENT.format(
                    field=r.field,
                    old=r.old_value,
                    new=r.new_value,
                    reason=sentence(r.reason),
                    who=sentence(r.who),
                )
            )
    else:
        pdf.para(msg.MINUTES_NO_ADJUSTMENT)
    pdf.ln(2)
    pdf.heading(msg.MINUTES_COUNTS)
    c = counts.assign(predikat=counts["predikat"].map(lambda p: label(p, Predikat)))
    pdf.table(c.astype(object), [60, 30, 30], msg.MINUTES_COUNT_HEADERS)
    pdf.ln(2)
    from kinerja import charts  # Altair only where a chart is drawn

    long = pd.concat(
        [
            pd.DataFrame({"predikat": counts["predikat"], "jumlah": counts[column], "tahap": stage})
            for column, stage in zip(("awal", "sesudah"), msg.MINUTES_STAGES, strict=True)
        ],
        ignore_index=True,
    )
    chart = charts.distribution_chart(long, title=msg.MINUTES_CHART)
    pdf.image_png(charts.to_png(chart), width=140)
    d = distribution[["aturan", "batas", "jumlah_awal", "jumlah", "status", "saran"]].astype(object)
    widths = [52, 13, 13, 13, 20, 69]
    closing = 55.0  # mm: the closing sentence, the signers and the signature lines
    # the check, its table and the signatures stay together: on a new page when they fit there
    # and not here; a longer table breaks between rows and keeps its last row with the signatures
    block = 8 + pdf.table_height(d, widths, msg.MINUTES_CHECK_HEADERS) + closing
    room = pdf.h - pdf.b_margin - pdf.get_y()
    if block > room and block <= pdf.h - pdf.b_margin - pdf.t_margin:
        pdf.add_page()
    pdf.heading(msg.MINUTES_CHECK)
    pdf.wrapped_table(d, widths, msg.MINUTES_CHECK_HEADERS, keep_with_last=closing)
    pdf.ln(8)
    pdf.para(msg.MINUTES_CLOSING)
    pdf.ln(12)
    pdf.para(msg.MINUTES_SIGNERS)
    pdf.ln(16)
    pdf.para(
        "(.............................)                                   "
        "(.............................)"
    )
    return bytes(pdf.output())
