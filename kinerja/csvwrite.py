"""Write a DataFrame as the contract's CSV (DESIGN.md §6), safe to open in a spreadsheet.

The text is what ``DataFrame.to_csv(index=False, lineterminator="\\n")``
writes (comma, quotes only around a field with a comma, quote or line break,
missing values as empty fields, floats unrounded: the shortest text that
reads back to the same number), except that booleans are ``true``/``false``
and a text cell a spreadsheet would run as a formula gets a leading ``'``
(:func:`formula_like`).

Every column is turned into fields from its distinct values; pyarrow's CSV
writer lays them out, or Python joins them when a field needs quotes.
This hand-written layer earns its place (STYLE.md): on the benchmark
(``benchmarks/bench_score.py``, 10,000 employees) pandas' writer alone takes
1.4 s for the four files (1.2 s for the 160,000 competency rows, one Python
call per field), more than the whole ``kinerja score`` command takes with
this module (0.8 s); here they take 0.1 s, over half of the command saved.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

#: The first characters that make a spreadsheet read a cell as a formula (DESIGN.md §6, §7).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: Characters that make a field need quotes (``csv.QUOTE_MINIMAL`` with a comma).
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')

#: A plain decimal number (``-2``, ``+3.5``, ``1e-3``): it starts with a sign yet runs nothing.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def formula_like(values: pd.Series) -> pd.Series:
    """Whether each value is text a spreadsheet would run as a formula.

    The rule of DESIGN.md §6: text that begins with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return and is not a number.  ``-2+3``,
    ``@SUM(A1)`` and ``+62 812`` are formula-like; ``-2`` and ``+3.5`` are
    numbers; missing values and numbers are not formula-like.  The CSV writer
    prefixes these cells with ``'``; the Excel writer (:mod:`kinerja.excel`)
    stores them, like all text, as text cells with Excel's quote prefix.
    """
    flags = [
        isinstance(v, str) and v.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(v)
        for v in values
    ]
    return pd.Series(flags, index=values.index, dtype=bool)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV of ``frame`` as UTF-8: one header row, ``\\n`` line ends, no index."""
    header = ",".join(_field(str(c)) for c in frame.columns) + "\n"
    columns = [_fields(frame.iloc[:, j]) for j in range(frame.shape[1])]
    if not len(frame) or not columns:
        return header.encode("utf-8")
    if any(quoted for _, quoted in columns):  # names of people and units: a few thousand rows
        rows = map(",".join, zip(*(c.to_pylist() for c, _ in columns), strict=True))
        return (header + "\n".join(rows) + "\n").encode("utf-8")
    table = pa.table([c for c, _ in columns], names=[f"c{j}" for j in range(len(columns))])
    body = io.BytesIO()  # Arrow lays out the fields as they are (a value to quote is not there)
    pacsv.write_csv(table, body, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    return header.encode("utf-8") + body.getvalue()


def write_csv(frame: pd.DataFrame, path: str | Path) -> None:
    """Write :func:`csv_bytes` of ``frame`` to ``path``."""
    Path(path).write_bytes(csv_bytes(frame))


def _fields(col: pd.Series) -> tuple[pa.Array, bool]:
    """One column as CSV fields (missing: empty; formula-like text escaped; quoted where
    needed) and whether any field is quoted.  Each distinct value is formatted once."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        col = col.astype(col.cat.categories.dtype)
    codes, distinct = pd.factorize(col, use_na_sentinel=True)
    kind = getattr(col.dtype, "kind", "O")
    if kind == "b" or str(col.dtype) == "boolean":
        shown = ["true" if v else "false" for v in distinct]
    elif kind == "f":
        shown = [repr(float(v)) for v in distinct]  # what pandas writes: shortest round trip
    else:
        values = pd.Series([str(v) for v in distinct], dtype=object)
        risky = formula_like(values).tolist()
        shown = ["'" + v if r else v for v, r in zip(values, risky, strict=True)]
    fields = [_field(v) for v in shown]
    lookup = pa.array([*fields, ""], type=pa.string())  # the last one, "", for missing values
    rows = pa.array(np.where(codes < 0, len(fields), codes))
    return lookup.take(rows), fields != shown


def _field(text: str) -> str:
    """``text`` quoted when it holds a comma, a quote or a line break (quotes doubled)."""
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text
