"""``kinerja score`` end to end (DESIGN.md §6): the four CSV files, their
columns and values, and exit status 2 with nothing written on invalid input."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kinerja.cli import main
from tests.datafiles import (
    BAD_INPUTS,
    KEPALA,
    PPPK,
    STAF_A,
    STAF_B,
    BadInput,
    add_rating,
    csv_case,
    valid_tables,
    write_csv_folder,
    write_xlsx,
)

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DATA = REPO / "sample_data"

CONTRACT: dict[str, list[str]] = {
    "skor_kompetensi.csv": [
        "periode", "nip", "kompetensi_kode", "jenis", "skor", "skor_diri", "standar", "gap",
        "n_penilai",
    ],
    "ringkasan_pegawai.csv": [
        "periode", "nip", "nama", "unit_kerja", "jabatan", "jpm", "kategori_jpm",
        "skor_perilaku", "rating_perilaku", "rating_hasil_kerja", "predikat", "kinerja",
        "potensial", "kotak", "lengkap",
    ],
    "penilai.csv": ["periode", "nip_penilai", "n_sel", "deviasi", "label"],
    "distribusi.csv": [
        "periode", "unit_kerja", "predikat_organisasi", "aturan", "predikat", "jumlah", "batas",
        "status", "selisih",
    ],
}  # fmt: skip


def score(data: Path, out: Path, periode: str = "2025") -> int:
    return main(["score", "--data", str(data), "--periode", periode, "--out", str(out)])


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of an output CSV, read as plain text (no type guessing)."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [dict(zip(header, r, strict=True)) for r in reader]
    return header, rows


def no_files_written(out: Path) -> bool:
    return not out.exists() or not any(out.rglob("*"))


@pytest.fixture
def scored(tmp_path: Path) -> Path:
    """Output folder of ``kinerja score`` on the valid data set (labels in the input)."""
    tables = valid_tables()
    tables["hasil_kerja"].set(0, "rating_hasil_kerja", "Di Atas Ekspektasi")
    tables["hasil_kerja"].set(1, "rating_hasil_kerja", "Sesuai Ekspektasi")
    tables["unit_kerja"].set(0, "predikat_organisasi", "Baik")
    tables["penilaian"].set(0, "sumber", "Atasan")
    out = tmp_path / "out"
    assert score(write_csv_folder(tmp_path / "data", tables, sep=";", bom=True), out) == 0
    return out


# --------------------------------------------------------------------------- valid input


def test_score_writes_exactly_the_four_contract_files(scored: Path) -> None:
    assert sorted(p.name for p in scored.iterdir()) == sorted(CONTRACT)


@pytest.mark.parametrize("name", list(CONTRACT))
def test_output_file_has_exactly_the_contract_columns_in_order(scored: Path, name: str) -> None:
    header, _ = read_rows(scored / name)
    assert header == CONTRACT[name]


def test_output_files_are_comma_separated_utf8_without_bom(scored: Path) -> None:
    for name, columns in CONTRACT.items():
        data = (scored / name).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), name
        assert data.decode("utf-8").splitlines()[0] == ",".join(columns)


def test_summary_has_one_row_per_employee(scored: Path) -> None:
    _, rows = read_rows(scored / "ringkasan_pegawai.csv")
    assert [r["nip"] for r in rows] == [KEPALA, STAF_A, STAF_B, PPPK]
    assert {r["periode"] for r in rows} == {"2025"}


def test_lengkap_is_true_or_false_in_lower_case(scored: Path) -> None:
    _, rows = read_rows(scored / "ringkasan_pegawai.csv")
    lengkap = {r["nip"]: r["lengkap"] for r in rows}
    # STAF_A: atasan rating on M.01, SK.01, B.01-B.07 and a hasil kerja rating
    assert lengkap == {KEPALA: "false", STAF_A: "true", STAF_B: "false", PPPK: "false"}


def test_vocabulary_columns_hold_codes_not_labels(scored: Path) -> None:
    _, rows = read_rows(scored / "ringkasan_pegawai.csv")
    staf_a = next(r for r in rows if r["nip"] == STAF_A)
    staf_b = next(r for r in rows if r["nip"] == STAF_B)
    assert staf_a["rating_hasil_kerja"] == "di_atas"
    assert staf_b["rating_hasil_kerja"] == "sesuai"
    assert staf_a["rating_perilaku"] == "sesuai"  # B.01-B.07 all 3
    assert staf_a["predikat"] == "baik"
    assert staf_a["kategori_jpm"] == "optimal"
    assert staf_a["kinerja"] == "sesuai"
    assert staf_a["potensial"] == "tinggi"
    assert staf_a["kotak"] == "8"

    _, komp = read_rows(scored / "skor_kompetensi.csv")
    assert {r["jenis"] for r in komp} == {"manajerial", "sosial_kultural", "perilaku"}

    _, dist = read_rows(scored / "distribusi.csv")
    assert {r["predikat_organisasi"] for r in dist} == {"baik"}
    assert {r["status"] for r in dist} <= {"ok", "melanggar"}
    assert {r["aturan"] for r in dist} <= {"maks", "min", "min_jumlah", "terbanyak"}


def test_empty_values_are_empty_fields(scored: Path) -> None:
    _, rows = read_rows(scored / "ringkasan_pegawai.csv")
    kepala = next(r for r in rows if r["nip"] == KEPALA)
    for column in ("jpm", "kategori_jpm", "rating_hasil_kerja", "predikat", "kotak"):
        assert kepala[column] == "", column
    for name in CONTRACT:
        text = (scored / name).read_text(encoding="utf-8")
        for token in ("nan", "NaN", "<NA>", "None", "NaT"):
            assert f",{token}," not in text and not text.rstrip().endswith(f",{token}"), (
                name,
                token,
            )


def test_competency_scores_cover_standard_berakhlak_and_rated_competencies(scored: Path) -> None:
    _, rows = read_rows(scored / "skor_kompetensi.csv")
    by_nip: dict[str, set[str]] = {}
    for r in rows:
        by_nip.setdefault(r["nip"], set()).add(r["kompetensi_kode"])
    berakhlak = {f"B.{i:02d}" for i in range(1, 8)}
    assert by_nip[KEPALA] == {"M.01"} | berakhlak
    assert by_nip[STAF_A] == {"M.01", "SK.01"} | berakhlak
    assert by_nip[STAF_B] == {"M.01", "SK.01"} | berakhlak
    staf_a_m01 = next(r for r in rows if r["nip"] == STAF_A and r["kompetensi_kode"] == "M.01")
    assert (staf_a_m01["skor"], staf_a_m01["skor_diri"], staf_a_m01["standar"]) == (
        "4.0",
        "5.0",
        "2",
    )


#: Names a spreadsheet would run as formulas (DESIGN.md §6), one per employee of the valid set.
FORMULA_NAMES = (
    '=HYPERLINK("http://evil.example/x","klik")',
    "@SUM(A1:A9)",
    "+62 812 3456 7890",
    "-2+3",
)


def test_formula_like_names_and_units_are_written_with_a_leading_quote(tmp_path: Path) -> None:
    tables = valid_tables()
    for row, name in enumerate(FORMULA_NAMES):
        tables["pegawai"].set(row, "nama", name)
    unit = "=Dinas+1"
    for row in range(len(tables["pegawai"].rows)):
        tables["pegawai"].set(row, "unit_kerja", unit)
    tables["unit_kerja"].set(0, "unit_kerja", unit)
    tables["penilaian"].set(0, "skor", "1")  # STAF_A's M.01: 1 against a standard of 2
    out = tmp_path / "out"
    assert score(write_csv_folder(tmp_path / "data", tables), out) == 0

    _, summary = read_rows(out / "ringkasan_pegawai.csv")
    names = {r["nip"]: r["nama"] for r in summary}
    nips = [str(tables["pegawai"].get(row, "nip")) for row in range(len(FORMULA_NAMES))]
    assert [names[nip] for nip in nips] == ["'" + name for name in FORMULA_NAMES]
    assert {r["unit_kerja"] for r in summary} == {"'" + unit}
    _, distribution = read_rows(out / "distribusi.csv")
    assert {r["unit_kerja"] for r in distribution} == {"'" + unit}
    # numbers keep their sign and stay numbers: a negative gap, a negative selisih
    assert any(r["selisih"].startswith("-") for r in distribution)
    assert all(int(r["selisih"]) <= 0 or r["aturan"] != "maks" for r in distribution)
    _, competencies = read_rows(out / "skor_kompetensi.csv")
    gap = next(r for r in competencies if r["nip"] == STAF_A and r["kompetensi_kode"] == "M.01")
    assert gap["gap"] == "-1.0"


def test_score_from_xlsx_workbook_matches_csv_folder(tmp_path: Path) -> None:
    tables = valid_tables()
    assert score(write_csv_folder(tmp_path / "data", tables), tmp_path / "from_csv") == 0
    assert score(write_xlsx(tmp_path / "data.xlsx", tables), tmp_path / "from_xlsx") == 0
    for name in CONTRACT:
        assert (tmp_path / "from_xlsx" / name).read_bytes() == (
            tmp_path / "from_csv" / name
        ).read_bytes(), name


def test_hierarchy_warning_goes_to_stderr_and_scoring_still_succeeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # PPPK is not STAF_B's supervisor (and rates STAF_B under no other source)
    data = csv_case(add_rating(nip_dinilai=STAF_B, nip_penilai=PPPK, sumber="atasan"))(tmp_path)
    out = tmp_path / "out"
    assert score(data, out) == 0
    err = capsys.readouterr().err
    assert "peringatan" in err.lower()
    assert "penilaian.csv, baris 17, kolom nip_penilai" in err
    assert sorted(p.name for p in out.iterdir()) == sorted(CONTRACT)


def test_unknown_periode_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert score(write_csv_folder(tmp_path / "data", valid_tables()), out, periode="2019") == 2
    err = capsys.readouterr().err
    assert "2019" in err
    assert "2025" in err  # names the periods that exist
    assert no_files_written(out)


def test_console_module_runs_as_a_separate_process(tmp_path: Path) -> None:
    data = write_csv_folder(tmp_path / "data", valid_tables())
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "kinerja", "score", "--data", str(data), "--periode", "2025",
         "--out", str(out)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(CONTRACT)


# --------------------------------------------------------------------------- invalid input


@pytest.mark.parametrize("case", BAD_INPUTS, ids=lambda c: c.id)
def test_invalid_input_exits_2_reports_the_problem_and_writes_nothing(
    tmp_path: Path, case: BadInput, capsys: pytest.CaptureFixture[str]
) -> None:
    data = case.write(tmp_path)
    out = tmp_path / "out"
    assert score(data, out) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err
    e = case.expected
    line = next((ln for ln in err.splitlines() if ln.startswith(e.berkas)), None)
    assert line is not None, f"no line about {e.berkas} in:\n{err}"
    lines = [ln for ln in err.splitlines() if e.pesan in ln]
    assert lines, f"no line with '{e.pesan}' in:\n{err}"
    where = e.berkas
    if e.baris is not None:
        where += f", baris {e.baris}"
    if e.kolom and e.baris is not None:
        where += f", kolom {e.kolom}"
    assert any(ln.startswith(where) for ln in lines), f"no line starting '{where}' in:\n{err}"
    if e.nilai:
        assert any(f"nilai '{e.nilai}'" in ln for ln in lines), err
    assert no_files_written(out)


def test_invalid_input_leaves_an_existing_output_folder_untouched(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "ringkasan_pegawai.csv").write_text("lama\n", encoding="utf-8")
    case = next(c for c in BAD_INPUTS if c.id == "score-6")
    assert score(case.write(tmp_path), out) == 2
    assert sorted(p.name for p in out.iterdir()) == ["ringkasan_pegawai.csv"]
    assert (out / "ringkasan_pegawai.csv").read_text(encoding="utf-8") == "lama\n"


def test_all_problems_are_on_stderr_not_just_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = valid_tables()
    tables["penilaian"].set(0, "skor", "6")
    tables["hasil_kerja"].set(1, "rating_hasil_kerja", "Luar Biasa")
    tables["pegawai"].set(2, "nama", "")
    out = tmp_path / "out"
    assert score(write_csv_folder(tmp_path / "data", tables), out) == 2
    err = capsys.readouterr().err
    assert "penilaian.csv, baris 2, kolom skor: nilai '6'" in err
    assert "hasil_kerja.csv, baris 3, kolom rating_hasil_kerja: nilai 'Luar Biasa'" in err
    assert "pegawai.csv, baris 4, kolom nama" in err
    assert "3 masalah" in err
    assert no_files_written(out)


def test_missing_data_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert score(tmp_path / "tidak_ada", out) == 2
    assert "tidak ditemukan" in capsys.readouterr().err
    assert no_files_written(out)


# --------------------------------------------------------------------------- bundled sample data


def test_sample_data_scores_one_summary_row_per_employee(tmp_path: Path) -> None:
    if not (SAMPLE_DATA / "pegawai.csv").exists():
        pytest.skip("sample_data/pegawai.csv not generated yet (another engineer's task)")
    out = tmp_path / "out"
    assert score(SAMPLE_DATA, out) == 0
    employees = pd.read_csv(
        SAMPLE_DATA / "pegawai.csv", dtype=str, sep=None, engine="python", encoding="utf-8-sig"
    )
    nips = sorted(employees.rename(columns=lambda c: c.strip().lower())["nip"].str.strip())
    _, summary = read_rows(out / "ringkasan_pegawai.csv")
    assert len(summary) == len(employees)
    assert sorted(r["nip"] for r in summary) == nips
    for name, columns in CONTRACT.items():
        assert read_rows(out / name)[0] == columns


def test_out_pointing_at_a_file_is_refused_with_exit_2(tmp_path, capsys):
    target = tmp_path / "bukan_folder.csv"
    target.write_text("isi lama")
    code = main(["score", "--data", str(SAMPLE_DATA), "--periode", "2025", "--out", str(target)])
    assert code == 2 and "--out harus folder" in capsys.readouterr().err
    assert target.read_text() == "isi lama"


def test_import_without_a_database_is_refused_before_reading(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("KINERJA_DB", raising=False)
    code = main(["import", "--data", str(tmp_path / "tidak_ada")])
    err = capsys.readouterr().err
    assert code == 2 and "Basis data belum ditentukan" in err and "tidak ditemukan" not in err
