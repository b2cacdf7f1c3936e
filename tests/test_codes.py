"""Integer-code helpers (kinerja.codes): dense and sparse paths agree with plain numpy."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.codes import (
    codes_of,
    group_keys,
    object_text,
    sorted_codes,
    text_of,
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=40), st.booleans())
def test_group_keys_matches_numpy_unique_on_dense_and_sparse_keys(values, sparse) -> None:  # type: ignore[no-untyped-def]
    key = np.array(values, dtype=np.int64) * (10**9 if sparse else 1)
    distinct, group = group_keys(key)
    expected, inverse = np.unique(key, return_inverse=True)
    np.testing.assert_array_equal(distinct, expected)
    np.testing.assert_array_equal(group, inverse.reshape(-1))


def test_codes_and_text_round_trip_with_missing_values() -> None:
    col = pd.Series(["b", None, "a", "b"], dtype=object)
    codes, values = codes_of(col)
    assert codes.tolist() == [0, -1, 1, 0]
    text = text_of(codes, values)
    assert text.dtype == "str"
    assert text.tolist()[0] == "b" and pd.isna(text.iloc[1]) and text.iloc[2] == "a"
    categorical = pd.Series(pd.Categorical(["x", None, "x"]))
    assert codes_of(categorical)[0].tolist() == [0, -1, 0]
    ordered, rank = sorted_codes(pd.Index(["b", "c", "a"]))
    assert ordered.tolist() == ["a", "b", "c"] and rank.tolist() == [1, 2, 0]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(max_size=4) | st.integers(-5, 20), unique=True, max_size=30))
def test_sorted_codes_orders_like_python_sorted_and_shares_repeated_text(values) -> None:  # type: ignore[no-untyped-def]
    """Arrow's sort (text) and the fallback (1 and "1" are one text) both give Python's order."""
    index = pd.Index(values, dtype=object)
    ordered, rank = sorted_codes(index)
    text = [str(v) for v in values]
    assert ordered.tolist() == sorted(set(text))
    assert [ordered[r] for r in rank] == text


def test_object_text_keeps_text_arrays_and_turns_other_values_into_text() -> None:
    text = np.array(["a", None, "b"], dtype=object)
    assert object_text(text) is text  # the reader's categories: no copy
    mixed = object_text(pd.Series([1, "x", None], dtype=object))
    assert mixed[:2].tolist() == ["1", "x"] and pd.isna(mixed[2])
    assert object_text(pd.Index(["p", "q"], dtype="str")).tolist() == ["p", "q"]
