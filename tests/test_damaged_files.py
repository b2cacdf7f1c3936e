"""Damaged input files (issue 12, DESIGN.md §3 and §6): ``kinerja score`` and
``kinerja import`` end in exit 0 or exit 2 with an Indonesian message naming
the file (and the row where there is one), never a traceback, and write
nothing when they refuse.

The property tests damage a reduced copy of the sample data (one unit's
employees and their ratings: the structure of every file is what matters) at
random: a stray separator or a decimal comma in a cell, a very long header
cell next to a carriage return, truncation, stray bytes, blank lines.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.cli import main

#: An exception Python can only print ("Exception ignored in ...") is a traceback too.
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")

SAMPLE_DATA = Path(__file__).resolve().parents[1] / "sample_data"
PERIODE = "2025"
UNIT = "Sekretariat Daerah"
FILES = (
    "pegawai.csv",
    "standar_kompetensi.csv",
    "penilaian.csv",
    "hasil_kerja.csv",
    "unit_kerja.csv",
    "kompetensi.csv",
    "pelatihan.csv",
)


def reduce_sample(target: Path) -> Path:
    """One unit of the sample data, still a valid data set: its employees (a supervisor
    outside the unit is left empty), their ratings, standards, results and the unit."""
    read = {n: pd.read_csv(SAMPLE_DATA / n, dtype=str, keep_default_na=False) for n in FILES}
    pegawai = read["pegawai.csv"][read["pegawai.csv"]["unit_kerja"] == UNIT]
    nips = set(pegawai["nip"])
    pegawai = pegawai.assign(
        nip_atasan=pegawai["nip_atasan"].where(pegawai["nip_atasan"].isin(nips), "")
    )
    penilaian = read["penilaian.csv"]
    kept = penilaian["nip_dinilai"].isin(nips) & (
        penilaian["nip_penilai"].isin(nips) | (penilaian["sumber"] == "masyarakat")
    )
    standar = read["standar_kompetensi.csv"]
    tables = {
        **read,
        "pegawai.csv": pegawai,
        "penilaian.csv": penilaian[kept],
        "standar_kompetensi.csv": standar[standar["jabatan"].isin(set(pegawai["jabatan"]))],
        "hasil_kerja.csv": read["hasil_kerja.csv"][read["hasil_kerja.csv"]["nip"].isin(nips)],
        "unit_kerja.csv": read["unit_kerja.csv"][read["unit_kerja.csv"]["unit_kerja"] == UNIT],
    }
    target.mkdir(parents=True)
    for name, frame in tables.items():
        frame.to_csv(target / name, index=False, lineterminator="\n")
    return target


@pytest.fixture(scope="module")
def reduced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = reduce_sample(tmp_path_factory.mktemp("reduced") / "data")
    assert run(["score", "--data", str(folder), "--periode", PERIODE], folder.parent / "ok")[0] == 0
    return folder


def run(argv: list[str], out: Path) -> tuple[int, str]:
    """``kinerja.cli.main`` in this process, output folder ``out``; exit status and stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main([*argv, "--out", str(out)] if argv[0] == "score" else argv)
    return code, err.getvalue()


# --------------------------------------------------------------------------- damage

Damage = Callable[[bytes], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _cell_edit(line_pick: int, cell_pick: int, edit: Callable[[bytes], bytes]) -> Damage:
    """Edit one cell of one data line (cells split on the separator, quotes ignored)."""

    def damage(data: bytes) -> bytes:
        lines = _lines(data)
        if len(lines) < 2:
            return data
        i = 1 + line_pick % (len(lines) - 1)
        cells = lines[i].split(b",")
        j = cell_pick % len(cells)
        cells[j] = edit(cells[j])
        lines[i] = b",".join(cells)
        return b"\n".join(lines)

    return damage


def stray_separator(line_pick: int, cell_pick: int, sep: bytes, at: int) -> Damage:
    return _cell_edit(
        line_pick, cell_pick, lambda c: c[: at % (len(c) + 1)] + sep + c[at % (len(c) + 1) :]
    )


def decimal_comma(line_pick: int, cell_pick: int) -> Damage:
    return _cell_edit(line_pick, cell_pick, lambda c: b"3,0")


def long_header_cell(cell_pick: int, length: int, cr_first: bool) -> Damage:
    def damage(data: bytes) -> bytes:
        lines = _lines(data)
        cells = lines[0].split(b",")
        long = b"x" * length
        cells[cell_pick % len(cells)] = b"\r" + long if cr_first else long + b"\r"
        lines[0] = b",".join(cells)
        return b"\n".join(lines)

    return damage


def truncate(fraction: float) -> Damage:
    return lambda data: data[: int(len(data) * fraction)]


def stray_bytes(fraction: float, junk: bytes) -> Damage:
    return lambda data: data[: int(len(data) * fraction)] + junk + data[int(len(data) * fraction) :]


def blank_lines(line_pick: int, blank: bytes) -> Damage:
    def damage(data: bytes) -> bytes:
        lines = _lines(data)
        i = line_pick % len(lines)
        return b"\n".join([*lines[:i], blank, *lines[i:]])

    return damage


picks = st.integers(0, 10_000)
damages = st.one_of(
    st.builds(stray_separator, picks, picks, st.sampled_from([b",", b";"]), picks),
    st.builds(decimal_comma, picks, picks),
    st.builds(long_header_cell, picks, st.integers(1_000, 6_000), st.booleans()),
    st.builds(truncate, st.floats(0, 1)),
    st.builds(stray_bytes, st.floats(0, 1), st.binary(min_size=1, max_size=8)),
    st.builds(blank_lines, picks, st.sampled_from([b"", b"\r", b"  ", b",,,", b";;;"])),
)
damaged_files = st.lists(st.tuples(st.sampled_from(FILES), damages), min_size=1, max_size=3)


@contextlib.contextmanager
def damaged_copy(reduced: Path, harm: list[tuple[str, Damage]]) -> Iterator[Path]:
    """A temporary copy of the reduced data set with the damage applied."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(reduced, folder)
        for name, damage in harm:
            (folder / name).write_bytes(damage((folder / name).read_bytes()))
        yield folder


def assert_refusal_explains_itself(err: str) -> None:
    """An Indonesian message, no traceback: the problems name a file (and a row) or the
    missing period."""
    assert "Traceback" not in err
    if "Periode" in err:  # e.g. the ratings cut before the first row
        assert "tidak ada di data" in err
        return
    assert "Data tidak valid" in err
    assert any(name in err for name in FILES)
    assert "baris" in err


SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


@settings(SETTINGS, max_examples=200)
@given(harm=damaged_files)
def test_score_on_damaged_files_exits_0_or_2_and_writes_nothing_on_refusal(reduced, harm):  # type: ignore[no-untyped-def]
    with damaged_copy(reduced, harm) as folder:
        out = folder.parent / "hasil"
        code, err = run(["score", "--data", str(folder), "--periode", PERIODE], out)
        assert code in (0, 2), err
        if code == 2:
            assert_refusal_explains_itself(err)
            assert not out.exists()
        else:
            assert sorted(p.name for p in out.iterdir()) == sorted(
                ["skor_kompetensi.csv", "ringkasan_pegawai.csv", "penilai.csv", "distribusi.csv"]
            )


@settings(SETTINGS, max_examples=40)
@given(harm=damaged_files)
def test_import_of_damaged_files_exits_0_or_2_and_stores_nothing_on_refusal(reduced, harm):  # type: ignore[no-untyped-def]
    with damaged_copy(reduced, harm) as folder:
        db = folder.parent / "kinerja.sqlite"
        code, err = run(["import", "--data", str(folder), "--db", f"sqlite:///{db}"], db)
        assert code in (0, 2), err
        if code == 2:
            assert_refusal_explains_itself(err)
            assert not db.exists()


# --------------------------------------------------------------------------- the two known crashes


def decimal_comma_in_kompetensi(folder: Path) -> None:
    """``3,0`` typed into the first technical competency's ``jenis`` cell."""
    file = folder / "kompetensi.csv"
    lines = file.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b",teknis,", b",3,0,", 1)
    file.write_bytes(b"\n".join(lines))


def long_header_cell_before_a_carriage_return(folder: Path) -> None:
    """A 5,000-character header cell followed by a carriage return in the standards."""
    file = folder / "standar_kompetensi.csv"
    lines = file.read_bytes().split(b"\n")
    lines[0] = b"jabatan," + b"x" * 5_000 + b"\r,kompetensi_kode,level"
    file.write_bytes(b"\n".join(lines))


KNOWN_CRASHES = {
    "decimal-comma-in-kompetensi": (decimal_comma_in_kompetensi, "kompetensi.csv, baris 2"),
    "long-header-cell-and-cr": (
        long_header_cell_before_a_carriage_return,
        "standar_kompetensi.csv, baris 2",
    ),
}


@pytest.mark.parametrize("case", list(KNOWN_CRASHES))
@pytest.mark.parametrize("command", ["score", "import"])
def test_known_crashing_file_is_refused_with_exit_2_naming_file_and_row(
    tmp_path: Path, case: str, command: str
) -> None:
    damage, where = KNOWN_CRASHES[case]
    folder = shutil.copytree(SAMPLE_DATA, tmp_path / "data")
    damage(folder)
    out = tmp_path / "hasil"
    db = tmp_path / "kinerja.sqlite"
    if command == "score":
        code, err = run(["score", "--data", str(folder), "--periode", PERIODE], out)
    else:
        code, err = run(["import", "--data", str(folder), "--db", f"sqlite:///{db}"], out)
    assert code == 2, err
    assert where in err
    assert "sel" in err and "baris judul" in err  # what is wrong: more cells than the header
    assert not out.exists() and not db.exists()
