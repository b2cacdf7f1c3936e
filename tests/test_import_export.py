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
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kinerja.cli import main
from kinerja.excel import write_frames, write_template
from kinerja.loaders import load_dataset
from kinerja.pipeline import OUTPUT_FILES, score_dataset
from kinerja.store import ENV_DB, Store, sqlite_url
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

EXPORT_SHEETS = ("ringkasan_pegawai", "skor_kompetensi", "penilai", "distribusi", "kalibrasi")

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
    rows = list(ws.iter_rows(values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0])


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
    kal = sheet_frame(wb["kalibrasi"])
    log = store.adjustments(SAMPLE_PERIODE)
    assert len(kal) == len(log) == 3
    assert kal["reason"].tolist() == log["reason"].tolist()
    assert kal["who"].tolist() == ["@fasilitator", "-tim kalibrasi", "+sekretaris"]
    assert kal["nip"].tolist() == log["nip"].tolist()

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
    ring = sheet_frame(wb["ringkasan_pegawai"]).set_index("nip")
    renamed = pegawai["nip"].iloc[: len(FORMULA_LIKE)]
    assert ring.loc[renamed, "nama"].tolist() == list(FORMULA_LIKE)

    # original values beside calibrated ones: they differ exactly where adjusted
    assert ring.loc[targets[0], ["rating_hasil_kerja", "rating_hasil_kerja_awal"]].tolist() == [
        "di_atas", "sesuai",
    ]  # fmt: skip
    assert ring.loc[targets[1], ["rating_hasil_kerja", "rating_hasil_kerja_awal"]].tolist() == [
        "di_bawah", "sesuai",
    ]  # fmt: skip

    def changed(field: str) -> set[str]:
        now, before = ring[field], ring[f"{field}_awal"]
        same = (now == before) | (now.isna() & before.isna())
        return set(ring.index[~same])

    for field in ("rating_hasil_kerja", "rating_perilaku", "kinerja", "kotak"):
        assert changed(field) <= set(targets), field
    assert changed("rating_hasil_kerja") == changed("predikat") == set(targets)
    assert changed("rating_perilaku") == {targets[1]}
    assert ring.loc[targets, "predikat"].tolist() == ["sangat_baik", "sangat_kurang"]
    assert ring.loc[targets, "predikat_awal"].tolist() == ["baik", "baik"]
    assert ring.loc[targets, "dikalibrasi"].tolist() == [True, True]
    assert int(ring["dikalibrasi"].sum()) == 2

    # the other sheets are the scored period's frames
    adjusted = score_dataset(
        store.dataset(SAMPLE_PERIODE), SAMPLE_PERIODE, adjustments=store.adjustments(SAMPLE_PERIODE)
    )
    assert len(sheet_frame(wb["distribusi"])) == len(adjusted.distribusi)
    assert len(sheet_frame(wb["skor_kompetensi"])) == len(adjusted.kompetensi)
    assert (
        sheet_frame(wb["penilai"])["nip_penilai"].tolist()
        == adjusted.penilai["nip_penilai"].tolist()
    )
    pd.testing.assert_series_equal(
        sheet_frame(wb["distribusi"])["jumlah"], adjusted.distribusi["jumlah"], check_dtype=False,
        check_names=False,
    )  # fmt: skip


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


# --------------------------------------------------------------------------- template


def test_template_has_the_seven_input_sheets_with_the_design_headers(tmp_path):
    path = tmp_path / "templat.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(TEMPLATE_HEADERS)
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
