"""The contract's CSV writer (kinerja.csvwrite): same text as pandas, read back exactly,
formula-like text escaped (DESIGN.md §6)."""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.csvwrite import csv_bytes, formula_like, write_csv


def csv_text(frame: pd.DataFrame) -> str:
    return csv_bytes(frame).decode("utf-8")


def pandas_text(frame: pd.DataFrame) -> str:
    """What ``DataFrame.to_csv`` writes, with booleans as ``true``/``false``."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool or str(out[column].dtype) == "boolean":
            out[column] = out[column].map({True: "true", False: "false"})
    return out.to_csv(index=False, lineterminator="\n")


def escaped(text: str) -> str:
    """The contract's rule, typed out independently: formula-like text gets a leading quote."""
    plain_number = re.fullmatch(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?", text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not plain_number else text


def test_every_column_kind_is_written_as_pandas_writes_it() -> None:
    frame = pd.DataFrame(
        {
            "teks": ["a", "b,c", None, 'q"x'],
            "skor": [1.0, 10 / 3, np.nan, 0.1 + 0.2],
            "standar": pd.array([1, None, 3, 4], dtype="Int64"),
            "n": [0, -1, 2, 3],
            "lengkap": [True, False, True, False],
            "catatan": pd.Series(["x", np.nan, "baris\nbaru", 5], dtype=object),
            "flag": pd.array([True, None, False, True], dtype="boolean"),
            "kode": pd.Categorical(["M.01", "B.01", None, "M.01"]),
        }
    )
    text = csv_text(frame)
    assert text == pandas_text(frame)
    assert text.splitlines()[1] == "a,1.0,1,0,true,x,true,M.01"
    assert '"b,c",3.3333333333333335,,-1,false,,,B.01' in text
    assert '"q""x",0.30000000000000004,4,3,false,5,true,M.01' in text


def test_unquoted_and_quoted_paths_agree_on_the_same_rows() -> None:
    plain = pd.DataFrame({"nip": ["196401011989022292", "199001012020092163"], "x": [2.5, 3.0]})
    quoted = plain.assign(nip=["1964,0101", "199001012020092163"])
    assert csv_text(plain) == "nip,x\n196401011989022292,2.5\n199001012020092163,3.0\n"
    assert csv_text(quoted) == 'nip,x\n"1964,0101",2.5\n199001012020092163,3.0\n'


def test_empty_frames_give_the_header_row_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    frame = pd.DataFrame({"periode": pd.Series(dtype=object), "skor": pd.Series(dtype=float)})
    assert csv_bytes(frame) == b"periode,skor\n"
    write_csv(frame, tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_bytes() == b"periode,skor\n"


def test_file_is_utf8_with_newline_line_ends(tmp_path) -> None:  # type: ignore[no-untyped-def]
    frame = pd.DataFrame({"nama": ["Sri Rahayu, S.Pd.", "Ṡuharto"], "x": [1, 2]})
    write_csv(frame, tmp_path / "a.csv")
    data = (tmp_path / "a.csv").read_bytes()
    assert b"\r" not in data
    assert data.decode("utf-8") == pandas_text(frame)


names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), names),
            st.one_of(
                st.none(),
                st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
                st.integers(-1000, 1000).map(float),
            ),
            st.booleans(),
            st.integers(-(2**40), 2**40),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_written_values_read_back_exactly(rows) -> None:  # type: ignore[no-untyped-def]
    frame = pd.DataFrame(rows, columns=["teks", "skor", "lengkap", "n"])
    frame["teks"] = frame["teks"].astype(object)
    frame["skor"] = frame["skor"].astype(float)
    back = pd.read_csv(
        io.BytesIO(csv_bytes(frame)),
        dtype={"teks": object},
        keep_default_na=False,
        na_values={"teks": [""], "skor": [""]},
    )
    # formula-like text comes back with the leading quote the contract adds, nothing else changes
    assert back["teks"].fillna("").tolist() == [escaped(t) for t in frame["teks"].fillna("")]
    np.testing.assert_array_equal(back["skor"].to_numpy(), frame["skor"].to_numpy())
    assert back["lengkap"].tolist() == frame["lengkap"].tolist()
    assert back["n"].tolist() == frame["n"].tolist()


# --------------------------------------------------------------------------- formula-like text

FORMULA_LIKE = {
    '=HYPERLINK("http://evil.example/x","klik")': "equals",
    "@SUM(A1:A9)": "at",
    "+62 812 3456 7890": "plus",
    "-2+3": "minus",
    "\tmenjorok": "tab",
    "\r=1+1": "carriage return",
}


@pytest.mark.parametrize("text", list(FORMULA_LIKE), ids=list(FORMULA_LIKE.values()))
def test_formula_like_text_is_written_with_a_leading_quote(text: str) -> None:
    frame = pd.DataFrame({"nama": [text, "Budi"], "unit": pd.Categorical([text, "Dinas"])})
    back = pd.read_csv(io.StringIO(csv_text(frame)), dtype=str)
    assert back["nama"].tolist() == ["'" + text, "Budi"]
    assert back["unit"].tolist() == ["'" + text, "Dinas"]


def test_numbers_keep_their_sign_and_stay_numbers() -> None:
    frame = pd.DataFrame(
        {
            "gap": [-0.5, -2.0, 1.25],
            "selisih": [-3, 0, 2],
            "teks": ["-2", "+3.5", "-1e3"],  # numbers written as text: nothing to run
        }
    )
    lines = csv_text(frame).splitlines()
    assert lines[1:] == ["-0.5,-3,-2", "-2.0,0,+3.5", "1.25,2,-1e3"]


def test_formula_like_marks_exactly_the_rule_of_the_contract() -> None:
    values = pd.Series(["=1", "+62 8", "-2+3", "@x", "\tx", "\rx", "-2", "+3.5", "a=b", "", None])
    assert formula_like(values).tolist() == [True] * 6 + [False] * 5


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("=+-@\t\r0123456789.eE ab,"), max_size=6)))
def test_formula_like_agrees_with_the_typed_out_rule(values: list[str]) -> None:
    marked = formula_like(pd.Series(values, dtype=object)).tolist()
    assert marked == [escaped(v) != v for v in values]


def test_csv_and_excel_writers_keep_the_same_formula_like_values_from_running() -> None:
    """One rule: what the CSV writer escapes, the workbook holds as quote-prefixed text."""
    import openpyxl

    from kinerja.excel import write_frames

    formulas = [v for v in FORMULA_LIKE if "\r" not in v]  # XML reads a CR back as a LF
    values = [*formulas, "-2", "Budi", "196502031990031005"]
    frame = pd.DataFrame({"nama": values})
    csv_values = pd.read_csv(io.StringIO(csv_text(frame)), dtype=str)["nama"].tolist()
    buf = io.BytesIO()
    write_frames({"lembar": frame}, buf)
    buf.seek(0)
    cells = [row[0] for row in openpyxl.load_workbook(buf)["lembar"].iter_rows(min_row=2)]
    for value, written, cell, risky in zip(
        values, csv_values, cells, formula_like(frame["nama"]), strict=True
    ):
        assert written == ("'" + value if risky else value)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)
    assert formula_like(frame["nama"]).sum() == len(formulas)
