"""Write a DataFrame as the contract's CSV (DESIGN.md §6), column at a time.

The text is what ``DataFrame.to_csv(index=False, lineterminator="\\n")``
writes (comma, minimal quoting, missing values as empty fields, floats
unrounded: the shortest text that reads back to the same number), except
that booleans are ``true``/``false`` and very large or small magnitudes may
take exponent form where pandas writes digits (``1e+14``; the same number).
Every column is formatted by pyarrow's compute kernels instead of one Python
call per cell: pandas' writer spent over a second on the 160,000 competency
rows of a 10,000-employee year, this takes a few hundredths of a second.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

#: Characters that make a field need quotes (``csv.QUOTE_MINIMAL`` with a comma).
_NEEDS_QUOTES = ',"\r\n'


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV of ``frame`` as UTF-8: one header row, ``\n`` line ends, no index."""
    header = (",".join(_quote_text(str(c)) for c in frame.columns) + "\n").encode("utf-8")
    if frame.shape[1] == 0 or len(frame) == 0:
        return header
    fields = [_field(frame.iloc[:, j]) for j in range(frame.shape[1])]
    body = io.BytesIO()
    table = pa.table(fields, names=[f"c{j}" for j in range(len(fields))])
    try:
        # Arrow lays the fields out as they are and refuses a value that needs quotes
        pacsv.write_csv(
            table,
            body,
            write_options=pacsv.WriteOptions(include_header=False, quoting_style="none"),
        )
        return header + body.getvalue()
    except pa.ArrowInvalid:  # a comma, quote or line break (unit names have commas)
        quoted = [_quoted(f) for f in fields]
    lines = pc.binary_join_element_wise(*quoted, ",").cast(pa.large_string())
    # all lines joined in Arrow (no Python string per row)
    one_list = pa.LargeListArray.from_arrays(pa.array([0, len(lines)], pa.int64()), lines)
    joined = pc.binary_join(one_list, pa.scalar("\n", pa.large_string()))[0]
    return header + joined.as_buffer().to_pybytes() + b"\n"


def csv_text(frame: pd.DataFrame) -> str:
    """:func:`csv_bytes` as text."""
    return csv_bytes(frame).decode("utf-8")


def write_csv(frame: pd.DataFrame, path: str | Path) -> None:
    """Write :func:`csv_bytes` of ``frame`` to ``path``."""
    Path(path).write_bytes(csv_bytes(frame))


def _field(col: pd.Series) -> pa.Array:
    """One column as CSV fields: a string array without nulls (not yet quoted)."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        col = col.astype(col.cat.categories.dtype)
    kind = getattr(col.dtype, "kind", "O")
    if kind == "b" or str(col.dtype) == "boolean":
        text = pc.if_else(pa.array(col, type=pa.bool_(), from_pandas=True), "true", "false")
    elif kind == "f":
        text = _float_text(col.to_numpy(dtype=float))
    elif kind in "iu":
        text = pc.cast(pa.array(col, from_pandas=True), pa.string())
    else:
        text = _as_string_array(col)
    return pc.fill_null(text, "")


def _float_text(values: np.ndarray) -> pa.Array:
    """Shortest round-trip text; a whole number keeps ``.0`` as pandas writes it.

    Very large or small magnitudes come in exponent form (``1e+16``,
    ``2.5e-7``), which reads back to the same number.  Only the distinct
    values are formatted (scores are means of a few integers: a column of
    160,000 holds a few thousand), then taken back to every row.
    """
    row, distinct = pd.factorize(values, use_na_sentinel=True)  # NaN: code -1
    text = pc.cast(pa.array(distinct), pa.string())
    whole = pc.invert(_contains_any(text, ".en"))  # not 2.5, 1e+16, inf
    text = pc.if_else(whole, pc.binary_join_element_wise(text, ".0", ""), text)
    return text.take(pa.array(row, mask=row < 0))  # a masked index takes a null: empty


def _contains_any(text: pa.Array, characters: str) -> pa.Array:
    """Whether each value contains any of ``characters`` (one character-class match)."""
    pattern = "[" + "".join(f"\\x{{{ord(ch):x}}}" for ch in characters) + "]"
    return pc.match_substring_regex(text, pattern)


def _has_any(text: pa.Array, characters: str) -> bool:
    """Whether any value of a string array contains any of ``characters``.

    One scan of the array's bytes (a few microseconds where a per-value
    match takes milliseconds): the usual column needs no quotes at all.
    """
    if len(text) == 0 or text.buffers()[2] is None:
        return False
    width = np.int64 if pa.types.is_large_string(text.type) else np.int32
    offsets = np.frombuffer(text.buffers()[1], dtype=width)
    start, end = int(offsets[text.offset]), int(offsets[text.offset + len(text)])
    data = text.buffers()[2][start:end].to_pybytes()
    return any(data.find(ch.encode("utf-8")) >= 0 for ch in characters)


def _as_string_array(col: pd.Series) -> pa.Array:
    """Text of an object or string column (non-text values through ``str``)."""
    try:
        return pa.array(col, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        values = col.to_numpy(dtype=object)
        missing = np.asarray(pd.isna(col), dtype=bool)
        text = np.array([None if m else str(v) for v, m in zip(values, missing, strict=True)])
        return pa.array(text, type=pa.string())


def _quoted(text: pa.Array) -> pa.Array:
    """Quote the fields that contain a comma, a quote or a line break (quotes doubled)."""
    if not _has_any(text, _NEEDS_QUOTES):
        return text
    needs = _contains_any(text, _NEEDS_QUOTES)
    doubled = pc.replace_substring(text, '"', '""')
    quoted = pc.binary_join_element_wise('"', doubled, '"', "")
    return pc.if_else(needs, quoted, text)


def _quote_text(value: str) -> str:
    if any(ch in value for ch in _NEEDS_QUOTES):
        return '"' + value.replace('"', '""') + '"'
    return value
