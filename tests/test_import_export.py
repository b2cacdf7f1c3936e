"""``kinerja import`` / ``kinerja export`` and the Excel files (DESIGN.md §6–§7):
idempotent imports that append only what changed, invalid input stored
nowhere, store-scored results equal to file-scored ones, the exported
workbook (sheets, adjustments, formula-safe text) and the empty template."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import re
import shutil
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from kinerja.cli import main
from kinerja.excel import write_frames, write_template
from kinerja.labels import (
    ADJUSTABLE_FIELD,
    COMPETENCY_TYPE,
    LENIENCY,
    PREDIKAT,
    PREDIKAT_ORGANISASI,
    RATING,
)
from kinerja.loaders import load_dataset
from kinerja.pipeline import OUTPUT_FILES, score_dataset
from kinerja.results import period_results, status_table
from kinerja.store import ENV_DB, ENV_DB_TIMEOUT, Store, sqlite_url
from kinerja.vocab import (
    AdjustableField,
    CompetencyType,
    DistributionRule,
    JpmCategory,
    Potential,
    Predikat,
    PredikatOrganisasi,
    Rating,
)
from tests.store_fixtures import (
    SAMPLE_DATA,
    SAMPLE_PERIODE,
    SMALL_PERIODE,
    copy_sample_folder,
    read_csv_text,
    row_counts,
    sample_dataset,
    sample_store,
    small_store,
    small_tables,
    table_dump,
    write_csv_text,
    write_folder,
)
from tests.test_store_failures import write_lock_held

#: DESIGN §3 input tables and their columns, typed here from the document.
TEMPLATE_HEADERS: dict[str, list[str]] = {
    "pegawai": ["nip", "nama", "unit_kerja", "jabatan", "jenis_jabatan", "golongan", "nip_atasan"],
    "standar_kompetensi": ["jabatan", "kompetensi_kode", "level"],
    "penilaian": [
        "periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode", "skor", "catatan",
    ],
    "hasil_kerja": ["periode", "nip", "rating_hasil_kerja"],
    "unit_kerja": ["periode", "unit_kerja", "predikat_organisasi"],
    "kompetensi": ["kode", "nama", "jenis", "definisi"],
    "pelatihan": ["kode", "nama", "kompetensi_kode", "jp", "jalur"],
}  # fmt: skip

EXPORT_SHEETS = ("Ringkasan Pegawai", "Skor Kompetensi", "Penilai", "Distribusi", "Kalibrasi")

#: Text that a spreadsheet would run as a formula if it were not stored as text.
FORMULA_LIKE = (
    '=HYPERLINK("http://evil.example/x","klik")',
    "+62 812 3456 7890",
    "-2+3",
    "@SUM(A1:A9)",
    "=1+1",
)


def without_impor(dump: dict[str, list]) -> dict[str, list]:
    return {k: v for k, v in dump.items() if k != "impor"}


def sheet_frame(ws) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """A sheet as a frame of its cell values (an empty cell is None)."""
    rows = list(ws.iter_rows(values_only=True))
    frame = pd.DataFrame(rows[1:], columns=rows[0], dtype=object)
    return frame.where(frame.notna(), None)


def formula_elements(path: Path | io.BytesIO) -> list[str]:
    """Every ``<f>`` (formula) element in the workbook's worksheets."""
    with zipfile.ZipFile(path) as z:
        return [
            m
            for name in z.namelist()
            if name.startswith("xl/worksheets/")
            for m in re.findall(r"<f[ >]", z.read(name).decode("utf-8"))
        ]


# --------------------------------------------------------------------------- import


def test_importing_the_same_files_twice_stores_nothing_new(tmp_path, capsys):
    store = sample_store(tmp_path)  # the sample files were imported once already
    before = table_dump(store)
    assert main(["import", "--data", str(SAMPLE_DATA), "--db", store.url, "--oleh", "hr"]) == 0
    assert "0 penilaian baru, 0 hasil kerja baru" in capsys.readouterr().out
    after = table_dump(store)
    assert without_impor(after) == without_impor(before)
    # the import itself is logged, with nothing new
    assert len(after["impor"]) == len(before["impor"]) + 1
    assert after["impor"][:-1] == before["impor"]
    result = store.import_dataset(sample_dataset(), who="hr")
    assert (result.n_penilaian_baru, result.n_hasil_kerja_baru) == (0, 0)
    assert without_impor(table_dump(store)) == without_impor(before)


def test_importing_a_changed_file_appends_only_the_changed_ratings(tmp_path, capsys):
    store = sample_store(tmp_path)
    before = table_dump(store)
    folder = copy_sample_folder(tmp_path / "berubah")
    pen = read_csv_text(folder / "penilaian.csv")
    pen.loc[[0, 1, 2], "skor"] = [str(int(s) % 5 + 1) for s in pen.loc[[0, 1, 2], "skor"]]
    pen.loc[3, "catatan"] = "Catatan baru dari atasan"
    write_csv_text(pen, folder / "penilaian.csv")
    hk = read_csv_text(folder / "hasil_kerja.csv")
    hk.loc[0, "rating_hasil_kerja"] = (
        "di_bawah" if hk.loc[0, "rating_hasil_kerja"] != "di_bawah" else "sesuai"
    )
    write_csv_text(hk, folder / "hasil_kerja.csv")
    peg = read_csv_text(folder / "pegawai.csv")
    peg.loc[5, "nama"] = "Nama Baru Setelah Menikah"
    write_csv_text(peg, folder / "pegawai.csv")

    assert main(["import", "--data", str(folder), "--db", store.url, "--oleh", "hr"]) == 0
    assert "4 penilaian baru, 1 hasil kerja baru" in capsys.readouterr().out

    after = table_dump(store)
    assert len(after["penilaian"]) == len(before["penilaian"]) + 4
    assert (
        after["penilaian"][: len(before["penilaian"])] == before["penilaian"]
    )  # old rows untouched
    assert len(after["hasil_kerja"]) == len(before["hasil_kerja"]) + 1
    assert after["hasil_kerja"][: len(before["hasil_kerja"])] == before["hasil_kerja"]
    assert len(after["pegawai"]) == len(before["pegawai"])
    new_import_id = max(r[0] for r in after["impor"])
    assert [r[4] for r in after["impor"] if r[0] == new_import_id] == [4]

    current = store.ratings(SAMPLE_PERIODE)
    key = ["nip_dinilai", "nip_penilai", "kompetensi_kode"]
    merged = pen.loc[:3, key + ["skor", "catatan"]].merge(current, on=key, suffixes=("_file", ""))
    assert merged["skor"].astype(int).tolist() == merged["skor_file"].astype(int).tolist()
    assert merged["impor_id"].eq(new_import_id).all()
    assert merged.loc[3, "catatan"] == "Catatan baru dari atasan"
    ds = store.dataset(SAMPLE_PERIODE)
    assert ds.pegawai.set_index("nip").loc[peg.loc[5, "nip"], "nama"] == "Nama Baru Setelah Menikah"
    assert (
        ds.hasil_kerja.set_index("nip").loc[hk.loc[0, "nip"], "rating_hasil_kerja"]
        == hk.loc[0, "rating_hasil_kerja"]
    )


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("penilaian", "skor", "7"),
        ("penilaian", "nip_penilai", "198001012005011001"),  # well-formed NIP of nobody
        ("pegawai", "nip", "19700101200003100A"),
    ],
    ids=["skor-7", "unknown-rater", "bad-nip"],
)
def test_invalid_input_to_import_exits_2_and_stores_nothing(tmp_path, capsys, table, column, value):
    tables = small_tables()
    row = 1 if table == "pegawai" else 0
    tables[table].loc[row, column] = value
    folder = write_folder(tmp_path / "salah", tables)

    empty = Store(sqlite_url(tmp_path / "kosong.sqlite"))
    empty_before = table_dump(empty)
    filled = small_store(tmp_path)
    filled_before = table_dump(filled)

    for store, before in ((empty, empty_before), (filled, filled_before)):
        assert main(["import", "--data", str(folder), "--db", store.url]) == 2
        err = capsys.readouterr().err
        assert f"{table}.csv" in err and value in err
        assert table_dump(store) == before
    assert empty.is_empty()


def test_import_takes_the_database_from_the_environment(tmp_path, monkeypatch):
    folder = write_folder(tmp_path / "data", small_tables())
    monkeypatch.setenv(ENV_DB, sqlite_url(tmp_path / "env.sqlite"))
    assert main(["import", "--data", str(folder)]) == 0
    counts = row_counts(Store(sqlite_url(tmp_path / "env.sqlite")))
    assert counts["pegawai"] == 4
    assert counts["penilaian"] == len(small_tables()["penilaian"])


# --------------------------------------------------------------------------- store == files


def test_scores_from_the_store_equal_scores_from_the_files(tmp_path):
    store = sample_store(tmp_path)
    from_files = score_dataset(load_dataset(SAMPLE_DATA), SAMPLE_PERIODE).frames()
    from_store = score_dataset(store.dataset(), SAMPLE_PERIODE).frames()
    assert list(from_store) == list(OUTPUT_FILES)
    for name in OUTPUT_FILES:
        assert len(from_files[name]) > 0
        pd.testing.assert_frame_equal(from_store[name], from_files[name], obj=name)


def test_cli_score_csvs_equal_csvs_written_from_the_store(tmp_path):
    store = sample_store(tmp_path)
    out_cli, out_store = tmp_path / "cli", tmp_path / "store"
    assert (
        main(
            [
                "score",
                "--data",
                str(SAMPLE_DATA),
                "--periode",
                SAMPLE_PERIODE,
                "--out",
                str(out_cli),
            ]
        )
        == 0
    )
    score_dataset(store.dataset(SAMPLE_PERIODE), SAMPLE_PERIODE).write_csv(out_store)
    for name in OUTPUT_FILES:
        text = (out_cli / name).read_text(encoding="utf-8")
        assert text.count("\n") > 1
        assert (out_store / name).read_text(encoding="utf-8") == text, name


# --------------------------------------------------------------------------- export


def test_export_workbook_carries_sheets_adjustments_and_formula_safe_text(tmp_path, capsys):
    store = sample_store(tmp_path)
    ds = sample_dataset()
    # employee names that look like formulas arrive through an import
    pegawai = ds.pegawai.copy()
    pegawai.loc[: len(FORMULA_LIKE) - 1, "nama"] = list(FORMULA_LIKE)
    store.import_dataset(dataclasses.replace(ds, pegawai=pegawai), who="hr")
    plain = score_dataset(store.dataset(SAMPLE_PERIODE), SAMPLE_PERIODE)
    r = plain.ringkasan
    sesuai = r["rating_hasil_kerja"].eq("sesuai")
    targets = [
        r.loc[sesuai & r["rating_perilaku"].eq("di_atas"), "nip"].iloc[0],  # baik -> sangat_baik
        r.loc[sesuai & r["rating_perilaku"].eq("sesuai"), "nip"].iloc[0],  # baik -> sangat_kurang
    ]
    store.add_adjustment(
        periode=SAMPLE_PERIODE, nip=targets[0], field="rating_hasil_kerja",
        new_value="di_atas", reason=FORMULA_LIKE[0], who="@fasilitator",
    )  # fmt: skip
    store.add_adjustment(
        periode=SAMPLE_PERIODE, nip=targets[1], field="rating_hasil_kerja",
        new_value="di_bawah", reason=FORMULA_LIKE[1], who="-tim kalibrasi",
    )  # fmt: skip
    store.add_adjustment(
        periode=SAMPLE_PERIODE, nip=targets[1], field="rating_perilaku",
        new_value="di_bawah", reason="-2 poin: " + FORMULA_LIKE[3], who="+sekretaris",
    )  # fmt: skip
    store.add_adjustment(
        periode="2024", nip=targets[0], field="rating_perilaku", new_value="di_bawah",
        reason="periode lain", who="fasilitator",
    )  # fmt: skip

    out = tmp_path / "hasil" / "kalibrasi.xlsx"
    code = main(["export", "--periode", SAMPLE_PERIODE, "--db", store.url, "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    wb = openpyxl.load_workbook(out)
    assert set(EXPORT_SHEETS) <= set(wb.sheetnames)

    # every adjustment of the period, in log order, as text
    kal = sheet_frame(wb["Kalibrasi"])
    log = store.adjustments(SAMPLE_PERIODE)
    assert len(kal) == len(log) == 3
    assert kal["Alasan"].tolist() == log["reason"].tolist()
    assert kal["Oleh"].tolist() == ["@fasilitator", "-tim kalibrasi", "+sekretaris"]
    assert kal["NIP"].tolist() == log["nip"].tolist()

    # formula-like text is a text cell with its value unchanged, never a formula
    expected = {
        *FORMULA_LIKE,
        "@fasilitator",
        "-tim kalibrasi",
        "+sekretaris",
        log["reason"].iloc[2],
    }
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in expected:
                    found.setdefault(cell.value, []).append(cell)
    assert set(found) == expected
    for cells in found.values():
        for cell in cells:
            assert cell.data_type == "s"
            assert cell.quotePrefix
    assert formula_elements(out) == []
    ring = sheet_frame(wb["Ringkasan Pegawai"]).set_index("NIP")
    renamed = pegawai["nip"].iloc[: len(FORMULA_LIKE)]
    assert ring.loc[renamed, "Nama"].tolist() == list(FORMULA_LIKE)

    # original values beside calibrated ones, as labels: they differ exactly where adjusted
    hasil, hasil_awal = "Rating Hasil Kerja", "Rating Hasil Kerja (sebelum kalibrasi)"
    assert ring.loc[targets[0], [hasil, hasil_awal]].tolist() == [
        RATING[Rating.ABOVE], RATING[Rating.AS_EXPECTED],
    ]  # fmt: skip
    assert ring.loc[targets[1], [hasil, hasil_awal]].tolist() == [
        RATING[Rating.BELOW], RATING[Rating.AS_EXPECTED],
    ]  # fmt: skip

    def changed(header: str) -> set[str]:
        now, before = ring[header], ring[f"{header} (sebelum kalibrasi)"]
        same = (now == before) | (now.isna() & before.isna())
        return set(ring.index[~same])

    for header in ("Rating Hasil Kerja", "Rating Perilaku Kerja", "Kinerja 9-Box", "Kotak 9-Box"):
        assert changed(header) <= set(targets), header
    assert changed("Rating Hasil Kerja") == changed("Predikat Kinerja") == set(targets)
    assert changed("Rating Perilaku Kerja") == {targets[1]}
    assert ring.loc[targets, "Predikat Kinerja"].tolist() == [
        PREDIKAT[Predikat.VERY_GOOD], PREDIKAT[Predikat.VERY_POOR],
    ]  # fmt: skip
    assert ring.loc[targets, "Predikat Kinerja (sebelum kalibrasi)"].tolist() == [
        PREDIKAT[Predikat.GOOD], PREDIKAT[Predikat.GOOD],
    ]  # fmt: skip
    assert ring.loc[targets, "Dikalibrasi"].tolist() == ["Ya", "Ya"]
    assert ring["Dikalibrasi"].value_counts().to_dict() == {"Tidak": len(ring) - 2, "Ya": 2}

    # the other sheets are the scored period's frames
    adjusted = score_dataset(
        store.dataset(SAMPLE_PERIODE), SAMPLE_PERIODE, adjustments=store.adjustments(SAMPLE_PERIODE)
    )
    assert len(sheet_frame(wb["Distribusi"])) == len(adjusted.distribusi)
    assert len(sheet_frame(wb["Skor Kompetensi"])) == len(adjusted.kompetensi)
    assert (
        sheet_frame(wb["Penilai"])["NIP Penilai"].tolist()
        == adjusted.penilai["nip_penilai"].tolist()
    )
    exported = sheet_frame(wb["Distribusi"])
    assert sorted(exported["Jumlah Pegawai"]) == sorted(adjusted.distribusi["jumlah"])
    assert len(sheet_frame(wb["Distribusi Sebelum Kalibrasi"])) == len(adjusted.distribusi)


EARLIER = "2024"

#: Every code of the CSV contract's vocabulary columns: none may reach a label column.
CODES = {
    *(m.value for enum in (Rating, Predikat, PredikatOrganisasi, JpmCategory) for m in enum),
    *(m.value for enum in (Potential, CompetencyType, DistributionRule) for m in enum),
    *(m.value for m in AdjustableField),
    *LENIENCY,
    "ok", "melanggar", "true", "false", "True", "False",
}  # fmt: skip

#: Sheet -> the columns that show a vocabulary (labels there, never codes).
LABEL_COLUMNS = {
    "Ringkasan Pegawai": [
        "Kategori JPM", "Rating Perilaku Kerja", "Rating Perilaku Kerja (sebelum kalibrasi)",
        "Rating Hasil Kerja", "Rating Hasil Kerja (sebelum kalibrasi)", "Predikat Kinerja",
        "Predikat Kinerja (sebelum kalibrasi)", "Kinerja 9-Box",
        "Kinerja 9-Box (sebelum kalibrasi)", "Potensial 9-Box", "Penilaian Lengkap", "Dikalibrasi",
    ],
    "Skor Kompetensi": ["Jenis Kompetensi"],
    "Penilai": ["Kecenderungan"],
    "Distribusi": ["Predikat Organisasi", "Aturan", "Predikat Kinerja", "Status"],
    "Distribusi Sebelum Kalibrasi": ["Predikat Organisasi", "Aturan", "Predikat Kinerja", "Status"],
    "Kalibrasi": ["Yang Diubah", "Nilai Lama", "Nilai Baru"],
}  # fmt: skip


@dataclasses.dataclass(frozen=True)
class TwoPeriods:
    """A store file with two scored periods, its adjusted NIP, and its export (made once)."""

    path: Path
    adjusted: str
    workbook: openpyxl.Workbook


def export_two_periods(url: str, out: Path) -> openpyxl.Workbook:
    args = ["export", "--periode", EARLIER, "--periode", SAMPLE_PERIODE, "--db", url]
    assert main([*args, "--out", str(out)]) == 0
    return openpyxl.load_workbook(out)


@pytest.fixture(scope="module")
def two_periods(tmp_path_factory: pytest.TempPathFactory) -> TwoPeriods:
    """The sample store with the sample data imported again as period 2024 (other work
    results, so the two periods differ) and one adjustment in 2025, and its export."""
    folder = tmp_path_factory.mktemp("dua-periode")
    store = sample_store(folder)
    ds = sample_dataset()
    hasil = ds.hasil_kerja.assign(periode=EARLIER)
    hasil.loc[hasil.index[:40], "rating_hasil_kerja"] = "di_bawah"
    earlier = dataclasses.replace(
        ds,
        penilaian=ds.penilaian.assign(periode=EARLIER),
        hasil_kerja=hasil,
        unit_kerja=ds.unit_kerja.assign(periode=EARLIER),
    )
    store.import_dataset(earlier, who="hr")
    r = period_results(store, SAMPLE_PERIODE)["ringkasan_pegawai.csv"]
    nip = r.loc[r["rating_hasil_kerja"].eq("sesuai") & r["rating_perilaku"].eq("di_atas"), "nip"]
    store.add_adjustment(
        periode=SAMPLE_PERIODE, nip=nip.iloc[0], field="rating_hasil_kerja", new_value="di_atas",
        reason="kinerja tim", who="fasilitator",
    )  # fmt: skip
    store.dispose()
    path = folder / "kinerja.sqlite"
    workbook = export_two_periods(sqlite_url(path), folder / "dua.xlsx")
    return TwoPeriods(path, str(nip.iloc[0]), workbook)


def copy_of(two: TwoPeriods, tmp_path: Path) -> Store:
    """A store of the test's own, a copy of the two-period store."""
    target = tmp_path / "kinerja.sqlite"
    shutil.copyfile(two.path, target)
    return Store(sqlite_url(target))


def same_numbers(cells: pd.Series, stored: pd.Series) -> None:
    """The exported numbers are the stored ones to Excel's 15 significant digits (empty cells
    where nothing is stored)."""
    np.testing.assert_allclose(
        pd.to_numeric(cells).astype(float).to_numpy(),
        stored.astype("Float64").astype(float).to_numpy(),
        rtol=1e-14,
        atol=0,
        equal_nan=True,
    )


def rows_of(wb: openpyxl.Workbook, sheet: str, periode: str) -> pd.DataFrame:
    frame = sheet_frame(wb[sheet])
    return frame.loc[frame["Periode"] == periode].reset_index(drop=True)


def test_export_of_two_periods_holds_each_periods_stored_results_as_numbers_and_labels(
    two_periods, tmp_path
):
    store, adjusted, wb = copy_of(two_periods, tmp_path), two_periods.adjusted, two_periods.workbook
    assert set(EXPORT_SHEETS) <= set(wb.sheetnames)
    for periode in (EARLIER, SAMPLE_PERIODE):
        stored = period_results(store, periode)
        ring, want = rows_of(wb, "Ringkasan Pegawai", periode), stored["ringkasan_pegawai.csv"]
        assert ring["NIP"].tolist() == want["nip"].tolist()
        same_numbers(ring["JPM (%)"], want["jpm"])
        same_numbers(ring["Skor Perilaku"], want["skor_perilaku"])
        same_numbers(ring["Kotak 9-Box"], want["kotak"])
        assert ring["Predikat Kinerja"].tolist() == [
            None if p is None else PREDIKAT[Predikat(p)] for p in want["predikat"]
        ]
        assert ring["Penilaian Lengkap"].tolist() == [
            "Ya" if v else "Tidak" for v in want["lengkap"]
        ]

        komp, want = rows_of(wb, "Skor Kompetensi", periode), stored["skor_kompetensi.csv"]
        assert komp[["NIP", "Kode Kompetensi"]].values.tolist() == (
            want[["nip", "kompetensi_kode"]].values.tolist()
        )
        for header, column in (("Skor", "skor"), ("Skor Diri", "skor_diri"), ("Gap", "gap")):
            same_numbers(komp[header], want[column])
        assert komp["Jenis Kompetensi"].tolist() == [
            COMPETENCY_TYPE[CompetencyType(j)] for j in want["jenis"]
        ]

        pen, want = rows_of(wb, "Penilai", periode), stored["penilai.csv"]
        assert pen["NIP Penilai"].tolist() == want["nip_penilai"].tolist()
        same_numbers(pen["Deviasi"], want["deviasi"])
        same_numbers(pen["Jumlah Penilaian"], want["n_sel"])
        assert pen["Kecenderungan"].tolist() == [LENIENCY[v] for v in want["label"]]

        dist, want = rows_of(wb, "Distribusi", periode), stored["distribusi.csv"]
        for header, column in (
            ("Jumlah Pegawai", "jumlah"),
            ("Batas", "batas"),
            ("Selisih", "selisih"),
        ):
            same_numbers(dist[header], want[column])
        assert dist["Unit Kerja"].tolist() == want["unit_kerja"].tolist()
        assert set(dist["Status"]) <= {"Sesuai", "Melanggar"}

    # the two periods really differ, and each sheet holds both
    both = sheet_frame(wb["Ringkasan Pegawai"])
    assert both["Periode"].value_counts().to_dict() == {EARLIER: 228, SAMPLE_PERIODE: 228}
    assert (
        rows_of(wb, "Ringkasan Pegawai", EARLIER)["Rating Hasil Kerja"].tolist()
        != rows_of(wb, "Ringkasan Pegawai", SAMPLE_PERIODE)["Rating Hasil Kerja"].tolist()
    )

    # the adjustment: calibrated value beside the raw one, the log with its WIB time
    ring = rows_of(wb, "Ringkasan Pegawai", SAMPLE_PERIODE).set_index("NIP")
    hasil = ["Rating Hasil Kerja", "Rating Hasil Kerja (sebelum kalibrasi)"]
    assert ring.loc[adjusted, hasil].tolist() == [RATING[Rating.ABOVE], RATING[Rating.AS_EXPECTED]]
    assert ring.loc[adjusted, "Dikalibrasi"] == "Ya"
    log = store.adjustments(SAMPLE_PERIODE)
    kal = sheet_frame(wb["Kalibrasi"])
    assert kal["NIP"].tolist() == log["nip"].tolist() == [adjusted]
    assert kal["Nama"].tolist() == [ring.loc[adjusted, "Nama"]]
    assert kal["Yang Diubah"].tolist() == [ADJUSTABLE_FIELD[AdjustableField.RATING_HASIL_KERJA]]
    assert kal[["Nilai Lama", "Nilai Baru"]].values.tolist() == [
        [RATING[Rating.AS_EXPECTED], RATING[Rating.ABOVE]]
    ]
    wib = log["when"].dt.tz_convert(ZoneInfo("Asia/Jakarta")).dt.tz_localize(None).dt.floor("s")
    assert kal["Waktu (WIB)"].tolist() == wib.tolist()
    time_cell = wb["Kalibrasi"].cell(row=2, column=list(kal.columns).index("Waktu (WIB)") + 1)
    assert time_cell.is_date and time_cell.number_format == "DD-MM-YYYY HH:MM"


def test_exported_rules_read_in_words_and_no_label_column_holds_a_code(two_periods):
    wb = two_periods.workbook
    for sheet, headers in LABEL_COLUMNS.items():
        frame = sheet_frame(wb[sheet])
        assert len(frame), sheet
        for header in headers:
            texts = [v for v in frame[header] if v is not None]
            assert texts, (sheet, header)
            assert all(isinstance(v, str) for v in texts), (sheet, header)
            assert not CODES & set(texts), (sheet, header, CODES & set(texts))
            assert not [v for v in texts if "_" in v], (sheet, header)
    for ws in wb.worksheets:
        header = [c.value for c in next(ws.iter_rows(max_row=1))]
        assert not [h for h in header if "_" in h], ws.title
    # a rule with a share reads as DESIGN §11 writes it
    dist = sheet_frame(wb["Distribusi"])
    good = dist["Predikat Organisasi"].eq(PREDIKAT_ORGANISASI[PredikatOrganisasi.GOOD])
    maks = dist.loc[good & dist["Predikat Kinerja"].eq(PREDIKAT[Predikat.GOOD]), "Aturan"]
    assert "paling banyak 70 %" in set(maks)
    assert set(dist["Aturan"]) >= {"minimal 1 orang", "kelompok terbanyak"}


@pytest.mark.parametrize(
    ("sheet", "header", "number_format"),
    [
        ("Ringkasan Pegawai", "JPM (%)", "0.0"),
        ("Ringkasan Pegawai", "Skor Perilaku", "0.00"),
        ("Ringkasan Pegawai", "Kotak 9-Box", "0"),
        ("Skor Kompetensi", "Skor", "0.00"),
        ("Skor Kompetensi", "Gap", "0.00"),
        ("Penilai", "Deviasi", "0.00"),
        ("Distribusi", "Jumlah Pegawai", "0"),
    ],
)
def test_exported_numbers_are_number_cells_with_an_excel_number_format(
    two_periods, sheet, header, number_format
):
    ws = two_periods.workbook[sheet]
    column = [c.value for c in next(ws.iter_rows(max_row=1))].index(header) + 1
    cells = [row[0] for row in ws.iter_rows(min_row=2, min_col=column, max_col=column)]
    filled = [c for c in cells if c.value is not None]
    assert filled
    assert all(c.data_type == "n" and isinstance(c.value, int | float) for c in filled)
    assert {c.number_format for c in filled} == {number_format}


def test_export_reads_stored_results_and_never_scores_again(two_periods, tmp_path, monkeypatch):
    store = copy_of(two_periods, tmp_path)

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("export scored the period again")

    monkeypatch.setattr("kinerja.pipeline.score_dataset", refuse)
    monkeypatch.setattr("kinerja.store.score_dataset", refuse)
    monkeypatch.setattr(Store, "dataset", refuse)
    wb = export_two_periods(store.url, tmp_path / "dua.xlsx")
    assert set(sheet_frame(wb["Skor Kompetensi"])["Periode"]) == {EARLIER, SAMPLE_PERIODE}


def test_export_of_two_periods_under_a_held_write_lock_changes_nothing(
    two_periods, tmp_path, monkeypatch
):
    monkeypatch.setenv(ENV_DB_TIMEOUT, "0.2")  # a write would fail fast instead of waiting
    store = copy_of(two_periods, tmp_path)
    before = table_dump(store)
    store.dispose()
    path = tmp_path / "kinerja.sqlite"
    with write_lock_held(path):
        wb = export_two_periods(sqlite_url(path), tmp_path / "dua.xlsx")
    assert set(sheet_frame(wb["Penilai"])["Periode"]) == {EARLIER, SAMPLE_PERIODE}
    assert table_dump(Store(sqlite_url(path))) == before


def test_export_refuses_a_period_without_stored_results_in_one_line(two_periods, tmp_path, capsys):
    store = copy_of(two_periods, tmp_path)
    with store.engine.begin() as conn:  # the period's ratings stay, its results are gone
        conn.execute(sa.delete(status_table).where(status_table.c.periode == EARLIER))
    before = table_dump(store)
    out = tmp_path / "x.xlsx"
    args = ["export", "--periode", SAMPLE_PERIODE, "--periode", EARLIER, "--periode", "1999"]
    assert main([*args, "--db", store.url, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"Periode {EARLIER}, 1999 belum punya hasil tersimpan" in err[0]
    assert "Traceback" not in err[0]
    assert not out.exists()
    assert table_dump(store) == before


def test_export_of_a_period_not_in_the_database_exits_2_and_writes_nothing(tmp_path, capsys):
    store = small_store(tmp_path)
    out = tmp_path / "x.xlsx"
    assert main(["export", "--periode", "1999", "--db", store.url, "--out", str(out)]) == 2
    assert "1999" in capsys.readouterr().err
    assert not out.exists()


def test_write_frames_keeps_formula_like_text_as_text_and_numbers_as_numbers():
    frame = pd.DataFrame(
        {
            "teks": [*FORMULA_LIKE, "-", "biasa"],
            "angka": [-5, 3.5, 0, 1e9, -0.25, float("nan"), 2],
            "bendera": [True, False, True, False, True, False, True],
        }
    )
    buf = io.BytesIO()
    write_frames({"=lembar": frame}, buf)
    buf.seek(0)
    ws = openpyxl.load_workbook(buf)["=lembar"]
    rows = list(ws.iter_rows(min_row=2))
    assert [r[0].value for r in rows] == frame["teks"].tolist()
    assert all(r[0].data_type == "s" and r[0].quotePrefix for r in rows)
    assert [r[1].value for r in rows] == [-5, 3.5, 0, 1e9, -0.25, None, 2]
    assert all(r[1].data_type == "n" for r in rows)
    assert [r[2].value for r in rows] == frame["bendera"].tolist()
    buf.seek(0)
    assert formula_elements(buf) == []


def test_a_sheet_longer_than_excels_row_limit_continues_on_numbered_sheets(monkeypatch):
    monkeypatch.setattr("kinerja.excel.MAX_SHEET_ROWS", 3)
    frame = pd.DataFrame({"nilai": [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5], "teks": list("abcdefg")})
    buf = io.BytesIO()
    write_frames(
        {"Skor Kompetensi": frame}, buf, number_formats={"Skor Kompetensi": {"nilai": "0.00"}}
    )
    buf.seek(0)
    wb = openpyxl.load_workbook(buf)
    assert wb.sheetnames == ["Skor Kompetensi", "Skor Kompetensi (2)", "Skor Kompetensi (3)"]
    parts = [sheet_frame(ws) for ws in wb.worksheets]
    assert [list(p.columns) for p in parts] == [["nilai", "teks"]] * 3
    assert pd.concat(parts)["teks"].tolist() == list("abcdefg")
    assert {ws.cell(row=2, column=1).number_format for ws in wb.worksheets} == {"0.00"}


# --------------------------------------------------------------------------- template


def test_template_has_the_seven_input_sheets_with_the_design_headers(tmp_path):
    path = tmp_path / "templat.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Petunjuk", *TEMPLATE_HEADERS, "Daftar"]  # guide first, lists last
    for name, header in TEMPLATE_HEADERS.items():
        rows = list(wb[name].iter_rows(values_only=True))
        assert list(rows[0]) == header, name
        assert len(rows) == 1, name


def test_empty_template_loads_back_without_error(tmp_path):
    path = tmp_path / "templat.xlsx"
    write_template(path)
    ds = load_dataset(path)
    assert len(ds.pegawai) == 0 and len(ds.penilaian) == 0
    assert ds.periods() == []


def test_filled_template_loads_like_the_same_data_as_csv(tmp_path):
    path = tmp_path / "templat.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    tables = small_tables()
    for name, frame in tables.items():
        for row in frame.itertuples(index=False):
            wb[name].append([v if v != "" else None for v in row])
    wb.save(path)
    from_template = load_dataset(path)
    from_csv = load_dataset(write_folder(tmp_path / "csv", tables))
    for field in ("pegawai", "standar", "penilaian", "hasil_kerja", "unit_kerja"):
        pd.testing.assert_frame_equal(
            getattr(from_template, field).reset_index(drop=True),
            getattr(from_csv, field).reset_index(drop=True),
            obj=field,
        )
    assert from_template.periods() == [SMALL_PERIODE]


@pytest.mark.parametrize("name", ["hasil.csv", "hasil.xlsx.csv", "hasil", "hasil.xls"])
def test_export_to_an_out_not_ending_in_xlsx_exits_2_before_any_work(tmp_path, capsys, name):
    db = tmp_path / "belum-ada.sqlite"
    out = tmp_path / name
    assert main(["export", "--periode", "2025", "--db", sqlite_url(db), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert ".xlsx" in err and "Traceback" not in err
    assert not out.exists()
    assert not db.exists()  # refused before the database was even opened


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_exported_workbook_gets_the_permissions_the_umask_gives_a_new_file(
    tmp_path, capsys, mask, mode
):
    store = small_store(tmp_path)
    out = tmp_path / "hasil" / "kalibrasi.xlsx"
    with umask(mask):
        args = ["export", "--periode", SMALL_PERIODE, "--db", store.url, "--out", str(out)]
        assert main(args) == 0, capsys.readouterr().err
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert [p.name for p in out.parent.iterdir()] == ["kalibrasi.xlsx"]  # no temporary left


def test_score_output_files_get_the_permissions_the_umask_gives_a_new_file(tmp_path, capsys):
    data = write_folder(tmp_path / "data", small_tables())
    out = tmp_path / "hasil"
    with umask(0o022):
        args = ["score", "--data", str(data), "--periode", SMALL_PERIODE, "--out", str(out)]
        assert main(args) == 0, capsys.readouterr().err
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == dict.fromkeys(
        OUTPUT_FILES, 0o644
    )


def test_export_to_a_place_that_cannot_be_written_exits_1_with_one_line(tmp_path, capsys):
    store = small_store(tmp_path)
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    out = blocker / "hasil.xlsx"  # its folder is a file
    args = ["export", "--periode", SMALL_PERIODE, "--db", store.url, "--out", str(out)]
    assert main(args) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "tidak dapat ditulis" in lines[0]
    assert "Traceback" not in lines[0]
