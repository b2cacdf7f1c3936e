"""The NIP format rules (Perka BKN 22/2007; NI PPPK), evaluated on text values."""

from __future__ import annotations

import numpy as np
import pandas as pd

_SCI = r"^\s*[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+\s*$"
_DECIMAL = r"^\d+[.,]\d+$"


def sci_of(u: pd.Series) -> np.ndarray:
    """Whether each text value is a number Excel mangled (``1.96502E+17``, ``1,965``)."""
    text = u.astype("string")
    # both patterns need a mark: only the values with one meet the (slower) full patterns
    marked = text.str.contains("[.,eE]").fillna(False).to_numpy(dtype=bool)
    hit = np.zeros(len(u), dtype=bool)
    if marked.any():
        rest = text[marked]
        hit[marked] = (rest.str.fullmatch(_SCI) | rest.str.fullmatch(_DECIMAL)).fillna(False)
    return hit


def nip_rules(values: pd.Series) -> pd.DataFrame:
    """The NIP format rules evaluated on text values, one boolean column per rule.

    ``angka18``: exactly 18 ASCII digits.  For those only (the others pass the
    rules below, their problem is the length): ``lahir``, digits 1–8 are a
    real date (TTTTBBHH, year from 1900); ``tmt``, digits 9–14 are a TMT CPNS
    TTTTBB with month 01–12 after the birth year, or for PPPK digits 9–12 a
    year after the birth year, digit 13 = 2 and digit 14 = 1–9; ``kelamin``,
    digit 15 is 1 or 2.
    """
    text = values.astype("string")
    ok18 = text.str.fullmatch(r"[0-9]{18}").fillna(False).to_numpy(dtype=bool)
    nip = text.where(ok18, "0" * 18)  # the others are read as zeros and pass below
    whole = nip.astype("int64").to_numpy()  # 18 digits fit in 63 bits

    def number(first: int, last: int) -> np.ndarray:
        """Digits ``first + 1`` to ``last`` of each NIP as a number."""
        return whole // 10 ** (18 - last) % 10 ** (last - first)

    born_on = pd.to_datetime(nip.str.slice(0, 8), format="%Y%m%d", errors="coerce")
    born = born_on.notna().to_numpy() & (number(0, 4) >= 1900)
    tmt_year, tmt_month, kind = number(8, 12), number(12, 14), number(12, 13)
    after_birth = tmt_year > number(0, 4)
    pns = (kind <= 1) & (tmt_month >= 1) & (tmt_month <= 12) & after_birth
    pppk = (kind == 2) & (number(13, 14) >= 1) & after_birth
    return pd.DataFrame(
        {
            "angka18": ok18,
            "lahir": ~ok18 | born,
            "tmt": ~ok18 | ~born | pns | pppk,
            "kelamin": ~ok18 | np.isin(number(14, 15), [1, 2]),
        },
        index=values.index,
    )
