"""Validation of the input tables (DESIGN.md §3) with pandera.

Each table is normalised (spaces trimmed, vocabulary labels turned into
codes, numbers parsed) and checked by a pandera schema whose checks carry
Indonesian messages.  Cross-table rules (a NIP must be in ``pegawai``, a
``kompetensi_kode`` in the dictionary) are checks built with the reference
sets of this import.  pandera collects every failing row lazily; the failures
become one problems table naming file, Excel row, column, value and message.

All checks are vectorised; only unique values are normalised, so a million
ratings cost a few factorisations, not a Python loop.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from kinerja import reference
from kinerja.codes import codes_of, object_text
from kinerja.dataset import Dataset, empty_frame
from kinerja.errors import PROBLEM_COLUMNS, DataValidationError
from kinerja.labels import code_lookup, expected
from kinerja.readers import TABLE_COLUMNS, RawTables, problem
from kinerja.vocab import (
    EMPLOYEE_SOURCES,
    CompetencyType,
    PredikatOrganisasi,
    Rating,
    Source,
)

#: At most this many failing rows are listed per check (the count is still exact).
MAX_CASES_PER_CHECK = 500

_SCI = r"^\s*[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+\s*$"
_DECIMAL = r"^\d+[.,]\d+$"

MESSAGES: dict[str, str] = {
    "not_nullable": "Wajib diisi.",
    "nip_notasi_ilmiah": (
        "NIP rusak menjadi angka/notasi ilmiah oleh Excel (digit terakhir hilang). "
        "Format kolom sebagai Teks lalu ketik ulang NIP lengkap 18 digit."
    ),
    "nip_18_digit": "NIP harus tepat 18 digit angka (tanpa spasi atau titik).",
    "nip_tanggal_lahir": "Digit 1–8 NIP harus tanggal lahir yang nyata (TTTTBBHH).",
    "nip_tmt": (
        "Digit 9–14 NIP harus TMT CPNS TTTTBB dengan bulan 01–12 dan tahun setelah tahun lahir "
        "(NI PPPK: digit 9–12 tahun setelah tahun lahir, digit 13 = 2, digit 14 = 1–9)."
    ),
    "nip_jenis_kelamin": "Digit 15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan).",
    "nip_terdaftar": "NIP tidak ada di daftar pegawai (pegawai).",
    "penilai_terdaftar": (
        "Penilai dengan sumber diri/atasan/rekan/bawahan harus pegawai yang ada di daftar "
        "pegawai (untuk masyarakat isi id responden)."
    ),
    "diri_sama": "Penilaian diri: nip_penilai harus sama dengan nip_dinilai.",
    "sumber_diri": (
        "nip_penilai sama dengan nip_dinilai: penilaian atas diri sendiri harus bersumber "
        "diri (bukan atasan, rekan, bawahan atau masyarakat)."
    ),
    "responden_bukan_nip": (
        "Id responden masyarakat tidak boleh NIP pegawai: pegawai yang menilai memakai sumber "
        "atasan, rekan, bawahan atau diri, bukan masyarakat."
    ),
    "atasan_bukan_diri": "nip_atasan tidak boleh sama dengan NIP pegawai itu sendiri.",
    "sumber_kode": f"Sumber tidak dikenal; gunakan salah satu: {expected(Source)}.",
    "rating_kode": f"Rating tidak dikenal; gunakan salah satu: {expected(Rating)}.",
    "predikat_organisasi_kode": (
        f"Predikat organisasi tidak dikenal; gunakan salah satu: {expected(PredikatOrganisasi)}."
    ),
    "jenis_kode": (
        f"Jenis kompetensi tidak dikenal; gunakan salah satu: {expected(CompetencyType)}."
    ),
    "kompetensi_terdaftar": (
        "Kode kompetensi tidak ada di kamus kompetensi (M.01–M.08, SK.01, B.01–B.07 "
        "atau kode teknis di berkas kompetensi)."
    ),
    "skor_bulat_1_5": "Skor harus bilangan bulat 1 sampai 5.",
    "level_bulat_1_5": "Level harus bilangan bulat 1 sampai 5.",
    "jp_positif": "JP (jam pelajaran) harus angka lebih dari 0.",
    "jabatan_berstandar": "Jabatan ini tidak punya standar kompetensi di standar_kompetensi.",
}


@dataclass(frozen=True)
class _Table:
    name: str
    frame: pd.DataFrame
    source: str


def validate_tables(raw: RawTables) -> Dataset:
    """Normalise and validate raw tables; raise :class:`DataValidationError` on any problem.

    Returns the :class:`Dataset` with codes instead of labels and typed
    numbers.  Every problem of every table is collected before raising.
    """
    problems: list[pd.DataFrame] = [pd.DataFrame(raw.problems, columns=list(PROBLEM_COLUMNS))]
    tables: dict[str, _Table] = {}
    for name, frame in raw.frames.items():
        missing = [c for c in TABLE_COLUMNS[name][0] if c not in frame.columns]
        source = raw.sources[name]
        if missing:
            problems.append(
                pd.DataFrame(
                    [
                        problem(
                            source, f"Kolom wajib '{c}' tidak ada (baris 1 = nama kolom).", kolom=c
                        )
                        for c in missing
                    ],
                    columns=list(PROBLEM_COLUMNS),
                )
            )
            continue
        tables[name] = _Table(name, _normalise(name, frame), source)

    kompetensi = _dictionary(tables.get("kompetensi"))
    codes = set(kompetensi["kode"])
    nips = _text_index(tables["pegawai"].frame["nip"].dropna()) if "pegawai" in tables else None
    jabatan_std = (
        set(tables["standar_kompetensi"].frame["jabatan"].dropna())
        if "standar_kompetensi" in tables
        else None
    )
    for table in tables.values():
        schema = _schema(table, codes=codes, nips=nips, jabatan_std=jabatan_std)
        problems.append(_run(schema, table))
        problems.append(_duplicates(table))
        if table.name == "penilaian":
            problems.append(_mixed_sources(table))

    found = [p for p in problems if len(p)]
    if found:
        raise DataValidationError(_sorted(pd.concat(found, ignore_index=True)))
    return _dataset(tables, kompetensi)


# --------------------------------------------------------------------------- normalising


def _map_uniques(
    col: pd.Series,
    fn: Callable[[pd.Index], object],
    dtype: type[object] = object,
    *,
    category: bool = False,
) -> pd.Series:
    """Apply ``fn`` to the unique non-missing values of ``col`` only, then broadcast back.

    With ``category`` the result is categorical: a million ratings then hold
    a few thousand strings, and checks work on the codes.  The codes are kept
    when the mapping merges no values (categories in the reader's order);
    otherwise merged values share one code (categories sorted).
    """
    if not category and not col.notna().any():  # an empty column (``catatan`` often is)
        return pd.Series(np.full(len(col), np.nan, dtype=dtype), index=col.index, dtype=dtype)
    if isinstance(col.dtype, pd.CategoricalDtype):  # as the CSV reader delivers: no hashing
        codes, uniques = col.cat.codes.to_numpy(), col.cat.categories
    else:
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
    mapped = np.asarray(fn(pd.Index(uniques).astype(str)), dtype=dtype)
    if category:
        kept = pd.Index(mapped, dtype=object)
        clean = isinstance(col.dtype, pd.CategoricalDtype) and np.array_equal(
            mapped, np.asarray(uniques, dtype=object)
        )  # already trimmed codes in upper case: the same distinct values
        if clean and col.cat.categories.dtype == object:
            return col  # nothing to change: the column itself, not a rebuilt copy
        if clean or (not kept.hasnans and kept.is_unique):  # same codes, new labels
            return pd.Series(
                pd.Categorical.from_codes(codes, categories=kept, validate=False), index=col.index
            )
        new_codes, categories = pd.factorize(mapped, sort=True, use_na_sentinel=True)
        new_codes = np.append(new_codes, -1)  # code -1 -> missing
        categorical = pd.Categorical.from_codes(
            new_codes[codes], categories=pd.Index(categories, dtype=object)
        )
        return pd.Series(categorical, index=col.index)
    mapped = np.append(mapped, np.array([np.nan], dtype=dtype))  # code -1 -> missing
    return pd.Series(mapped[codes], index=col.index, dtype=dtype)


def _clean_text(col: pd.Series, *, category: bool = False) -> pd.Series:
    """Strip surrounding spaces; blank becomes missing."""

    def strip(u: pd.Index) -> object:
        stripped = u.str.strip()
        return stripped.where(stripped != "", np.nan)

    return _map_uniques(col, strip, category=category)


def _to_code(col: pd.Series, enum: type[StrEnum], *, category: bool = False) -> pd.Series:
    """Map codes and labels (any case) to codes; unknown values are kept for the message."""
    lookup = code_lookup(enum)
    return _map_uniques(
        col, lambda u: [lookup.get(v.strip().lower(), v.strip()) for v in u], category=category
    )


def _upper_code(col: pd.Series, *, category: bool = False) -> pd.Series:
    """Competency codes are compared upper case: ``m.01`` is ``M.01``."""
    return _map_uniques(col, lambda u: u.str.strip().str.upper(), category=category)


def _numeric(col: pd.Series) -> pd.Series:
    """Parse numbers; a comma decimal separator (``4,0``) is accepted."""
    return _map_uniques(
        col,
        lambda u: pd.to_numeric(  # type: ignore[call-overload]  # stubs: Index is accepted
            u.str.strip().str.replace(",", "."), errors="coerce"
        ),
        dtype=float,
    )


_VOCAB: dict[str, type[StrEnum]] = {
    "sumber": Source,
    "rating_hasil_kerja": Rating,
    "predikat_organisasi": PredikatOrganisasi,
    "jenis": CompetencyType,
}
_CODE_COLUMNS = {"kompetensi_kode", "kode"}
_NUMERIC = {"skor", "level", "jp"}
#: Columns normalised to categoricals (few distinct values in up to millions of rows).
_CATEGORY: dict[str, frozenset[str]] = {
    "penilaian": frozenset(
        {"periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode", "skor", "catatan"}
    ),
    # NIP columns are checked by several rules each: coded once, each rule reads the codes
    "pegawai": frozenset({"nip", "nip_atasan"}),
    "hasil_kerja": frozenset({"nip"}),
}


def _normalise(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    known = [c for c in (*TABLE_COLUMNS[name][0], *TABLE_COLUMNS[name][1]) if c in frame.columns]
    out = {}
    for column in known:
        col = frame[column]
        category = column in _CATEGORY.get(name, ())
        if column in _VOCAB:
            out[column] = _to_code(col, _VOCAB[column], category=category)
        elif column in _CODE_COLUMNS and not (name == "pelatihan" and column == "kode"):
            out[column] = _upper_code(col, category=category)
        else:
            out[column] = _clean_text(col, category=category)
        if column in _NUMERIC:
            out[f"_{column}_teks"] = out[column]
            out[column] = _numeric(out[column])
    return pd.DataFrame(out, index=frame.index, copy=False)  # the columns are new or unchanged


def _dictionary(table: _Table | None) -> pd.DataFrame:
    """Packaged competency dictionary overridden/extended by the user's ``kompetensi`` file."""
    packaged = reference.competencies()
    if table is None:
        return packaged
    user = table.frame.reindex(columns=["kode", "nama", "jenis", "definisi"]).dropna(
        subset=["kode"]
    )
    user = user.assign(definisi=user["definisi"].astype(object).fillna(""))  # may be absent
    merged = pd.concat([packaged[~packaged["kode"].isin(user["kode"])], user], ignore_index=True)
    return merged.sort_values("kode", kind="stable", ignore_index=True)


# --------------------------------------------------------------------------- schemas


def _check(name: str, fn: Callable[[pd.Series], bool | pd.Series]) -> pa.Check:
    return pa.Check(fn, name=name, error=MESSAGES[name], n_failure_cases=MAX_CASES_PER_CHECK)


def _col(*checks: pa.Check, required: bool = True) -> pa.Column:
    return pa.Column(checks=list(checks), nullable=not required, required=False)


def _isin(name: str, values: Iterable[str]) -> pa.Check:
    allowed = _text_index(values)
    return _value_check(name, lambda u: u.isin(allowed))


def _value_check(name: str, ok: Callable[[pd.Series], object]) -> pa.Check:
    """A check decided once per distinct value: ``ok`` gets them as text, returns booleans.

    When every distinct value passes (the usual case) the whole column passes
    at once; otherwise the answer is broadcast to the rows so that pandera
    names each failing row.
    """
    return _check(name, lambda s: _decide(s, ok))


def _distinct(s: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes of ``s`` (-1: missing) and its distinct values as an object text Series."""
    codes, values = codes_of(s)
    if isinstance(s.dtype, pd.CategoricalDtype):
        return codes, _category_text(values)
    return codes, pd.Series(np.asarray(values.astype(str), dtype=object), dtype=object)


#: The text of the last categories seen: the checks of one column share its categories.
_CATEGORY_TEXT: list[tuple[pd.Index, pd.Series]] = []


def _category_text(categories: pd.Index) -> pd.Series:
    for seen, text in _CATEGORY_TEXT:
        if seen is categories:
            return text
    text = pd.Series(object_text(categories), dtype=object)
    _CATEGORY_TEXT[:] = [(categories, text), *_CATEGORY_TEXT[:7]]
    return text


def _decide(s: pd.Series, ok: Callable[[pd.Series], object]) -> bool | pd.Series:
    codes, values = _distinct(s)
    good = np.asarray(ok(values), dtype=bool)
    if good.all():
        return True
    return pd.Series(np.append(good, True)[codes], index=s.index)  # missing: not this check's


def _rows_where(
    s: pd.Series, applies: pd.Series, ok: Callable[[pd.Series], object]
) -> bool | pd.Series:
    """``~applies | ok(value)`` per row, ``ok`` decided per distinct value of ``s``.

    ``applies`` covers the whole table; pandera may hand over fewer rows
    (the non-empty cells), so it is aligned on ``s``'s index.
    """
    codes, values = _distinct(s)
    good = np.asarray(ok(values), dtype=bool)
    if good.all():
        return True
    return ~applies.reindex(s.index, fill_value=False) | pd.Series(
        np.append(good, True)[codes], index=s.index
    )


def _text_index(values: Iterable[str]) -> pd.Index:
    """Values as an object Index: hashed once, looked up in C for every check."""
    return pd.Index(list(values), dtype=object)


def _sci_values(u: pd.Series) -> np.ndarray:
    """Whether each text value is a number Excel mangled (``1.96502E+17``, ``1,965``)."""
    for seen, hit in _SCI_SEEN:  # the checks of one column ask about the same values
        if seen is u:
            return hit
    hit = _sci_of(u)
    _SCI_SEEN[:] = [(u, hit), *_SCI_SEEN[:3]]
    return hit


_SCI_SEEN: list[tuple[pd.Series, np.ndarray]] = []


def _sci_of(u: pd.Series) -> np.ndarray:
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


def nip_checks() -> list[pa.Check]:
    """The NIP format rules (Perka BKN 22/2007; NI PPPK), each with its own message."""
    last: list[tuple[pd.Series, pd.DataFrame]] = []

    def rules(u: pd.Series) -> pd.DataFrame:
        # the five checks of one column share one evaluation of its distinct values
        if not (last and len(last[0][0]) == len(u) and last[0][0].equals(u)):
            found = nip_rules(u).assign(sci=_sci_values(u))
            last[:] = [(u, found)]
        return last[0][1]

    return [
        _value_check("nip_notasi_ilmiah", lambda u: ~rules(u)["sci"]),
        _value_check("nip_18_digit", lambda u: rules(u)["angka18"] | rules(u)["sci"]),
        _value_check("nip_tanggal_lahir", lambda u: rules(u)["lahir"]),
        _value_check("nip_tmt", lambda u: rules(u)["tmt"]),
        _value_check("nip_jenis_kelamin", lambda u: rules(u)["kelamin"]),
    ]


def _in_roster(nips: pd.Index | None) -> list[pa.Check]:
    checks = [_value_check("nip_notasi_ilmiah", lambda u: ~_sci_values(u))]
    if nips is not None:
        checks.append(_value_check("nip_terdaftar", lambda u: u.isin(nips) | _sci_values(u)))
    return checks


def _number(name: str, ok: Callable[[pd.Series], pd.Series], text: pd.Series) -> pa.Column:
    """A parsed number column: missing text is 'wajib diisi', unparsable text fails ``name``."""

    def decide(s: pd.Series) -> bool | pd.Series:
        if isinstance(text.dtype, pd.CategoricalDtype) and not text.isna().any():
            # every row has text: decided once per distinct text (a million scores, five texts)
            parsed = _numeric(pd.Series(text.cat.categories))
            if bool(np.asarray(ok(parsed), dtype=bool).all()):
                return True
        return text.isna() | ok(s)

    check = pa.Check(
        decide,
        name=name,
        error=MESSAGES[name],
        n_failure_cases=MAX_CASES_PER_CHECK,
        ignore_na=False,
    )
    return pa.Column(checks=[check], nullable=True, required=False)


def _source_is(sumber: pd.Series, sources: Iterable[Source]) -> pd.Series:
    """Whether each row's source is one of ``sources`` (decided per distinct value)."""
    codes, values = _distinct(sumber)
    hit = np.asarray(values.isin([x.value for x in sources]), dtype=bool)
    return pd.Series(np.append(hit, False)[codes], index=sumber.index)


def _same_person(f: pd.DataFrame) -> np.ndarray:
    """Whether each row's rater is its ratee (compared on codes; a missing NIP is nobody)."""
    rater, raters = _distinct(f["nip_penilai"])
    ratee, ratees = _distinct(f["nip_dinilai"])
    rater_as_ratee = np.append(pd.Index(ratees).get_indexer(pd.Index(raters)), -2)
    return (rater_as_ratee[rater] == ratee) & (ratee >= 0)


def _self_rules(f: pd.DataFrame) -> tuple[Callable[[pd.Series], bool | pd.Series], ...]:
    """The two halves of "a rating is by oneself exactly when its source is ``diri``".

    ``diri_sama`` (on ``nip_penilai``): a ``diri`` rating's rater is its
    ratee.  ``sumber_diri`` (on ``sumber``): a rating whose rater is its
    ratee has source ``diri`` (a self-rating filed as ``atasan`` would count
    as the supervisor's).  Both are decided once per table on codes; pandera
    hands each check only the non-empty cells, so the answer is aligned on
    the cells it asks about.
    """
    found: list[tuple[np.ndarray, np.ndarray]] = []

    def rows() -> tuple[np.ndarray, np.ndarray]:
        if not found:
            same = _same_person(f)
            is_self = _source_is(f["sumber"], [Source.SELF]).to_numpy()
            found.append((is_self & ~same, same & ~is_self))
        return found[0]

    def answer(bad: np.ndarray, s: pd.Series) -> bool | pd.Series:
        if not bad.any():
            return True
        return ~pd.Series(bad, index=f.index).reindex(s.index, fill_value=False)

    return (lambda s: answer(rows()[0], s), lambda s: answer(rows()[1], s))


def _integer_1_5(s: pd.Series) -> pd.Series:
    return s.between(1, 5) & (s == np.floor(s))


def _schema(
    table: _Table,
    *,
    codes: set[str],
    nips: pd.Index | None,
    jabatan_std: set[str] | None,
) -> pa.DataFrameSchema:
    f = table.frame
    kode = _isin("kompetensi_terdaftar", codes)
    if table.name == "pegawai":
        own = f["nip"]
        jabatan_checks = [] if jabatan_std is None else [_isin("jabatan_berstandar", jabatan_std)]
        columns = {
            "nip": _col(*nip_checks()),
            "nama": _col(),
            "unit_kerja": _col(),
            "jabatan": _col(*jabatan_checks),
            "nip_atasan": _col(
                *_in_roster(nips),
                # pandera hands the check the non-empty cells only: compare row by row
                _check(
                    "atasan_bukan_diri",
                    lambda s: s.astype(object) != own.reindex(s.index).astype(object),
                ),
                required=False,
            ),
        }
    elif table.name == "standar_kompetensi":
        columns = {
            "jabatan": _col(),
            "kompetensi_kode": _col(kode),
            "level": _number("level_bulat_1_5", _integer_1_5, f["_level_teks"]),
            "_level_teks": _col(),
        }
    elif table.name == "penilaian":
        by_employee = _source_is(f["sumber"], EMPLOYEE_SOURCES)
        by_self, self_source = _self_rules(f)
        rater_checks = [_check("diri_sama", by_self)]
        if nips is not None:
            by_public = _source_is(f["sumber"], [Source.PUBLIC])
            rater_checks.append(
                _check(
                    "responden_bukan_nip",
                    lambda s: _rows_where(s, by_public, lambda u: ~u.isin(nips)),
                )
            )
            rater_checks.append(
                _check(
                    "penilai_terdaftar",
                    lambda s: _rows_where(s, by_employee, lambda u: u.isin(nips) | _sci_values(u)),
                )
            )
            rater_checks.append(
                _check(
                    "nip_notasi_ilmiah",
                    lambda s: _rows_where(s, by_employee, lambda u: ~_sci_values(u)),
                )
            )
        columns = {
            "periode": _col(),
            "nip_dinilai": _col(*_in_roster(nips)),
            "nip_penilai": _col(*rater_checks),
            "sumber": _col(
                _isin("sumber_kode", [s.value for s in Source]), _check("sumber_diri", self_source)
            ),
            "kompetensi_kode": _col(kode),
            "skor": _number("skor_bulat_1_5", _integer_1_5, f["_skor_teks"]),
            "_skor_teks": _col(),
        }
    elif table.name == "hasil_kerja":
        columns = {
            "periode": _col(),
            "nip": _col(*_in_roster(nips)),
            "rating_hasil_kerja": _col(_isin("rating_kode", [r.value for r in Rating])),
        }
    elif table.name == "unit_kerja":
        columns = {
            "periode": _col(),
            "unit_kerja": _col(),
            "predikat_organisasi": _col(
                _isin("predikat_organisasi_kode", [p.value for p in PredikatOrganisasi])
            ),
        }
    elif table.name == "kompetensi":
        columns = {
            "kode": _col(),
            "nama": _col(),
            "jenis": _col(_isin("jenis_kode", [c.value for c in CompetencyType])),
        }
    elif table.name == "pelatihan":
        columns = {
            "kode": _col(),
            "nama": _col(),
            "kompetensi_kode": _col(kode),
            "jp": _number("jp_positif", lambda s: s > 0, f["_jp_teks"]),
            "_jp_teks": _col(),
        }
    else:  # pragma: no cover - TABLE_COLUMNS and this function list the same tables
        raise ValueError(f"unknown table {table.name}")
    return pa.DataFrameSchema(columns, strict=False, name=table.name)


def _run(schema: pa.DataFrameSchema, table: _Table) -> pd.DataFrame:
    try:
        schema.validate(table.frame, lazy=True)
    except SchemaErrors as err:
        return _problems_from(err.failure_cases, table)
    return empty_frame(PROBLEM_COLUMNS)


def _problems_from(cases: pd.DataFrame, table: _Table) -> pd.DataFrame:
    # one of our checks without a row: its function raised instead of answering
    broken = cases[cases["index"].isna() & cases["check"].astype(str).isin(list(MESSAGES))]
    if len(broken):  # a check that cannot run must not pass silently
        raise RuntimeError(
            f"pemeriksaan {table.name} gagal dijalankan: {broken['failure_case'].iloc[0]}"
        )
    cases = cases[cases["index"].notna()]
    column = cases["column"].astype(str)
    index = cases["index"].astype(int)
    # numbers are reported as the user typed them
    shown = cases["failure_case"].astype(object)
    for num in _NUMERIC:
        text_col = f"_{num}_teks"
        if text_col in table.frame.columns:
            mask = (column == num).to_numpy()
            shown = shown.where(~mask, table.frame[text_col].reindex(index.to_numpy()).to_numpy())
    check = cases["check"].astype(str)
    column = column.str.replace(r"^_(.*)_teks$", r"\1", regex=True)
    return pd.DataFrame(
        {
            "berkas": table.source,
            "baris": (index + 2).to_numpy(),
            "kolom": column.to_numpy(),
            "nilai": shown.where(shown.notna(), "").to_numpy(),
            "pesan": check.map(MESSAGES).fillna(check).to_numpy(),
            "tingkat": "galat",
        }
    )


_UNIQUE_KEYS: dict[str, tuple[str, ...]] = {
    "pegawai": ("nip",),
    "standar_kompetensi": ("jabatan", "kompetensi_kode"),
    "penilaian": ("periode", "nip_dinilai", "nip_penilai", "kompetensi_kode"),
    "hasil_kerja": ("periode", "nip"),
    "unit_kerja": ("periode", "unit_kerja"),
    "kompetensi": ("kode",),
    "pelatihan": ("kode",),
}


def _duplicates(table: _Table) -> pd.DataFrame:
    """Rows repeating the key of an earlier row, each naming the first row."""
    keys = list(_UNIQUE_KEYS[table.name])
    frame = table.frame[keys]
    dup = _duplicated(frame)
    if not dup.any():
        return empty_frame(PROBLEM_COLUMNS)
    rows = frame[dup].assign(_baris=frame.index[dup] + 2)
    first = rows.groupby(keys, dropna=False, observed=True)["_baris"].transform("min")
    later = rows[rows["_baris"] != first]
    first = first[later.index]
    what = "NIP ganda" if keys == ["nip"] else f"Kombinasi ({', '.join(keys)}) ganda"
    return pd.DataFrame(
        {
            "berkas": table.source,
            "baris": later["_baris"].to_numpy(),
            "kolom": keys[-1] if len(keys) > 1 else keys[0],
            "nilai": later[keys[-1]].astype(str).to_numpy(),
            "pesan": [f"{what}: sama dengan baris {b}; hanya boleh satu kali." for b in first],
            "tingkat": "galat",
        }
    )


def _mixed_sources(table: _Table) -> pd.DataFrame:
    """Rows giving a (periode, nip_dinilai, nip_penilai) another source than its first row.

    One rater has one source towards one ratee in one period (DESIGN §3).
    Rows of a rater rating themself are left to ``sumber_diri``, which names
    exactly the rows not filed as ``diri``.  Decided on the categorical
    codes: the pairs are factorised once and only the rows of a pair with
    two sources are looked at further.
    """
    f = table.frame
    pair = ["periode", "nip_dinilai", "nip_penilai"]
    source, sources = _distinct(f["sumber"])
    codes = [codes_of(f[c])[0] for c in pair]
    known = (source >= 0) & np.logical_and.reduce([c >= 0 for c in codes])
    known &= ~_same_person(f)  # a self pair's source is diri by its own rule (sumber_diri)
    if not known.any():
        return empty_frame(PROBLEM_COLUMNS)
    rows = np.flatnonzero(known)
    width = len(sources) + 1
    sizes = [int(c.max()) + 1 for c in codes]
    if math.prod(sizes) * width <= np.iinfo(np.int64).max:
        key = np.zeros(len(rows), dtype=np.int64)
        for c, size in zip(codes, sizes, strict=True):
            key = key * size + (c if len(rows) == len(c) else c[rows])
    else:  # pragma: no cover - needs billions of distinct values
        key = pd.factorize(pd.MultiIndex.from_arrays([c[rows] for c in codes]))[0]
    pair_sources = pd.unique(key * width + source[rows])
    if len(pair_sources) == len(pd.unique(key)):  # the usual case: one source per pair
        return empty_frame(PROBLEM_COLUMNS)
    group, pairs = pd.factorize(key)
    per_pair = np.bincount(pd.Index(pairs).get_indexer(pair_sources // width), minlength=len(pairs))
    mixed = per_pair[group] > 1
    rows, group = rows[mixed], group[mixed]
    first = pd.Series(rows).groupby(group).transform("min").to_numpy()  # rows ascend
    later = source[rows] != source[first]
    rows, first = rows[later], first[later]
    shown = np.asarray(sources, dtype=object)
    return pd.DataFrame(
        {
            "berkas": table.source,
            "baris": f.index[rows].to_numpy() + 2,
            "kolom": "sumber",
            "nilai": shown[source[rows]],
            "pesan": [
                f"Penilai ini sudah menilai pegawai yang sama pada periode ini dengan sumber "
                f"'{shown[source[r]]}' (baris {b}); satu penilai hanya punya satu sumber "
                "terhadap satu pegawai dalam satu periode."
                for r, b in zip(first, f.index[first].to_numpy() + 2, strict=True)
            ],
            "tingkat": "galat",
        },
        columns=list(PROBLEM_COLUMNS),
    )


def _duplicated(frame: pd.DataFrame) -> pd.Series:
    """``frame.duplicated(keep=False)``, on one integer key built from categorical codes."""
    if not all(isinstance(t, pd.CategoricalDtype) for t in frame.dtypes):
        return frame.duplicated(keep=False)
    sizes = [len(frame[c].cat.categories) + 1 for c in frame.columns]  # missing: a value too
    if math.prod(sizes) > np.iinfo(np.int64).max:
        return frame.duplicated(keep=False)
    key = np.zeros(len(frame), dtype=np.int64)
    for column, size in zip(frame.columns, sizes, strict=True):
        key = key * size + (frame[column].cat.codes.to_numpy() + 1)
    ordered = np.sort(key)
    if not (ordered[1:] == ordered[:-1]).any():  # the usual case: no key repeats
        return pd.Series(False, index=frame.index)
    return pd.Series(pd.Series(key).duplicated(keep=False).to_numpy(), index=frame.index)


def _sorted(problems: pd.DataFrame) -> pd.DataFrame:
    key = pd.to_numeric(problems["baris"], errors="coerce").fillna(0)
    order = np.lexsort(
        (
            problems["kolom"].astype(str).to_numpy(),
            key.to_numpy(),
            problems["berkas"].astype(str).to_numpy(),
        )
    )
    return problems.iloc[order].drop_duplicates(["berkas", "baris", "kolom", "pesan"])


# --------------------------------------------------------------------------- result


def _frame(tables: dict[str, _Table], name: str) -> pd.DataFrame:
    required, optional = TABLE_COLUMNS[name]
    columns = [*required, *optional]
    if name not in tables:
        return empty_frame(columns)
    frame = tables[name].frame.reindex(columns=columns)
    if name == "penilaian":
        return frame
    # categoricals only served the checks: the data set holds plain text outside penilaian
    coded = [c for c in _CATEGORY.get(name, ()) if c in frame.columns]
    return frame.assign(**{c: frame[c].astype(object) for c in coded}) if coded else frame


def _dataset(tables: dict[str, _Table], kompetensi: pd.DataFrame) -> Dataset:
    penilaian = _frame(tables, "penilaian")
    keys = ["periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode"]
    penilaian = penilaian.assign(
        **{k: _as_category(penilaian[k]) for k in keys},
        skor=penilaian["skor"].astype("int8"),
    )
    standar = _frame(tables, "standar_kompetensi")
    pegawai = _frame(tables, "pegawai")
    dataset = Dataset(
        pegawai=pegawai,
        standar=standar.assign(level=standar["level"].astype(int)),
        penilaian=penilaian,
        hasil_kerja=_frame(tables, "hasil_kerja"),
        unit_kerja=_frame(tables, "unit_kerja"),
        kompetensi=kompetensi,
        pelatihan=_frame(tables, "pelatihan"),
    )
    warnings = hierarchy_warnings(dataset, tables.get("penilaian"))
    warnings = pd.concat([warnings, _unknown_units(dataset, tables.get("unit_kerja"))])
    return Dataset(**{**dataset.__dict__, "warnings": warnings.reset_index(drop=True)})


def _as_category(col: pd.Series) -> pd.Series:
    """``col`` as a categorical.

    Columns normalised here already are: their categories are the values the
    file holds (the reader's dictionary, or the distinct values after
    trimming), so nothing is recoded.
    """
    return col if isinstance(col.dtype, pd.CategoricalDtype) else col.astype("category")


def hierarchy_warnings(dataset: Dataset, table: _Table | None = None) -> pd.DataFrame:
    """Ratings whose source disagrees with the roster's hierarchy (warnings, DESIGN §3).

    One warning per (periode, ratee, rater, source), on its first row: an
    ``atasan`` who is not the listed supervisor, a ``bawahan`` whose listed
    supervisor is not the ratee.  Computed on integer codes of the rating
    columns; only the roster's few thousand NIPs are looked up as text.
    """
    p = dataset.penilaian
    src = table.source if table is not None else "penilaian"
    periode, periods = codes_of(p["periode"])
    ratee, ratees = codes_of(p["nip_dinilai"])
    rater, raters = codes_of(p["nip_penilai"])
    sumber, sources = codes_of(p["sumber"])
    source_text = np.asarray(sources.astype(str), dtype=object)
    boss_of_ratee, boss_of_rater = _bosses(dataset.pegawai, ratees, raters)
    found = [
        _disagree(sumber, source_text, Source.SUPERVISOR, ratee, rater, boss_of_ratee),
        _disagree(sumber, source_text, Source.SUBORDINATE, rater, ratee, boss_of_rater),
    ]
    rows = np.concatenate(found)
    is_sup = np.repeat([True, False], [len(found[0]), len(found[1])])
    if len(rows):
        widths = [len(periods) + 1, len(ratees) + 1, len(raters) + 1, len(sources) + 1]
        key = np.zeros(len(rows), dtype=np.int64)
        for codes, width in zip((periode, ratee, rater, sumber), widths, strict=True):
            key = key * width + codes[rows] + 1
        _, first = np.unique(key, return_index=True)
        order = np.argsort(rows[first], kind="stable")
        rows, is_sup = rows[first][order], is_sup[first][order]
    bad = p.iloc[rows]
    pesan = np.where(
        is_sup,
        "Peringatan: penilai 'atasan' bukan atasan langsung di daftar pegawai (diterima).",
        "Peringatan: penilai 'bawahan' bukan bawahan langsung di daftar pegawai (diterima).",
    )
    return pd.DataFrame(
        {
            "berkas": src,
            "baris": bad.index.to_numpy() + 2,
            "kolom": "nip_penilai",
            "nilai": bad["nip_penilai"].astype(str).to_numpy(),
            "pesan": pesan,
            "tingkat": "peringatan",
        },
        columns=list(PROBLEM_COLUMNS),
    )


def _disagree(
    sumber: np.ndarray,
    source_text: np.ndarray,
    source: Source,
    person: np.ndarray,
    other: np.ndarray,
    boss_of_person: np.ndarray,
) -> np.ndarray:
    """Rows of ``source`` whose ``other`` is not the listed supervisor of ``person``.

    For ``atasan`` the person is the ratee and the other the rater; for
    ``bawahan`` the other way round.  Only that source's rows are touched.
    """
    code = np.flatnonzero(source_text == source.value)
    if not len(code):
        return np.zeros(0, dtype=np.int64)
    rows = np.flatnonzero(sumber == code[0])
    rows = rows[person[rows] >= 0]
    expected = boss_of_person[person[rows]]
    return rows[expected != other[rows]]


def _bosses(
    pegawai: pd.DataFrame, ratees: pd.Index, raters: pd.Index
) -> tuple[np.ndarray, np.ndarray]:
    """The listed supervisor of each ratee as a rater code, and of each rater as a
    ratee code (-1: none, or not among them).

    One factorisation of the roster's and the ratings' few thousand NIPs;
    everything after it is integer lookups.  The first roster row of a NIP counts.
    """
    parts = [object_text(pegawai["nip"]), object_text(pegawai["nip_atasan"])]
    parts += [object_text(ratees), object_text(raters)]
    codes = pd.factorize(np.concatenate(parts))[0]
    nip, boss, ratee, rater = np.split(codes, np.cumsum([len(p) for p in parts])[:-1])
    size = int(codes.max(initial=-1)) + 2  # the last slot serves code -1 (missing): it stays -1
    boss_of = np.full(size, -1, dtype=np.int64)
    listed = np.flatnonzero(nip >= 0)
    _, first = np.unique(nip[listed], return_index=True)  # the first row of a repeated NIP
    boss_of[nip[listed[first]]] = boss[listed[first]]
    as_rater = np.full(size, -1, dtype=np.int64)
    as_rater[rater] = np.arange(len(rater))
    as_ratee = np.full(size, -1, dtype=np.int64)
    as_ratee[ratee] = np.arange(len(ratee))
    return as_rater[boss_of[ratee]], as_ratee[boss_of[rater]]


def _unknown_units(dataset: Dataset, table: _Table | None) -> pd.DataFrame:
    if table is None:
        return empty_frame(PROBLEM_COLUMNS)
    units = dataset.unit_kerja
    bad = units[~units["unit_kerja"].isin(set(dataset.pegawai["unit_kerja"]))]
    return pd.DataFrame(
        {
            "berkas": table.source,
            "baris": bad.index.to_numpy() + 2,
            "kolom": "unit_kerja",
            "nilai": bad["unit_kerja"].to_numpy(),
            "pesan": "Peringatan: unit kerja ini tidak ada di daftar pegawai.",
            "tingkat": "peringatan",
        },
        columns=list(PROBLEM_COLUMNS),
    )
