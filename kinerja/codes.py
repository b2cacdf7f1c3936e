"""Integer codes for text columns, so that no step hashes a million strings.

A million ratings hold a few thousand distinct NIPs and codes.  These helpers
turn columns into integer codes (a categorical gives its own), group integer
keys with bincount, and turn codes back into text by taking from the
distinct values.  Used where a step sees every rating: validation, the first
scoring step (:mod:`kinerja._engine`) and the rater leniency.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def codes_of(col: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of ``col`` (-1 for missing) and the values they index.

    A categorical column gives its own codes; any other column is factorised
    (values in order of first appearance).
    """
    if isinstance(col.dtype, pd.CategoricalDtype):
        return col.cat.codes.to_numpy(), col.cat.categories
    if isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow":
        # Arrow hashes its own buffers (several times faster than making Python strings)
        codes, found = pd.factorize(col)
        return codes, pd.Index(np.asarray(found, dtype=object), dtype=object)
    if isinstance(col.dtype, pd.StringDtype) or col.dtype == object:
        # hashing the object array directly is faster than through a Python-backed string dtype
        codes, uniques = pd.factorize(col.to_numpy(dtype=object))
        return codes, pd.Index(uniques, dtype=object)
    codes, unique_index = pd.factorize(col)
    return codes, pd.Index(unique_index)


def object_text(values: pd.Series | pd.Index | np.ndarray) -> np.ndarray:
    """``values`` as an object array of text (missing stays missing).

    No copy when they are one already (as the reader's categories are);
    other values go through ``str``.  Lookups among object arrays hash the
    Python strings directly, with no conversion to pandas' Arrow strings.
    """
    out = np.asarray(values, dtype=object)
    if pd.api.types.infer_dtype(out, skipna=True) in ("string", "empty"):
        return out
    return np.asarray(pd.Series(out).astype("str"), dtype=object)


def sorted_codes(values: pd.Index) -> tuple[pd.Index, np.ndarray]:
    """``values`` sorted as text and, for each of ``values``, its position in that order.

    Sorted by Arrow (a few thousand NIPs in a few milliseconds; Python's string
    comparisons take several times longer); the order is the code-point order
    of Python's ``sorted``.  Values whose text repeats share one position.
    """
    text = values.astype("str") if values.dtype != "str" else values
    if not text.hasnans:
        order = pc.array_sort_indices(pa.array(text.array)).to_numpy()
        ordered = np.asarray(text, dtype=object)[order]
        if not (ordered[1:] == ordered[:-1]).any():
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            return pd.Index(ordered, dtype=object), rank
    rank, uniques = pd.factorize(np.asarray(text, dtype=object), sort=True)
    return pd.Index(uniques, dtype=object), rank


def group_keys(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of ``key`` (non-negative integers), sorted, and each row's group.

    Dense keys are counted into bins (no sort, no hashing); sparse ones are sorted.
    """
    if len(key) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    space = int(key.max()) + 1
    if space <= 4 * len(key) + (1 << 20):
        present = np.bincount(key, minlength=space) > 0
        group_of = np.cumsum(present) - 1
        return np.flatnonzero(present), group_of[key]
    distinct, group = np.unique(key, return_inverse=True)
    return distinct, group.reshape(-1)


def text_of(codes: np.ndarray, values: pd.Index) -> pd.Series:
    """``values[codes]`` as text (code -1: missing), taken from the distinct values.

    The text has pandas' string dtype whatever the input held, so results
    compare equal whether ratings came as categoricals, objects or strings.
    """
    text = values.astype("str") if values.dtype != "str" else values
    return pd.Series(text.take(codes, allow_fill=True, fill_value=None))
