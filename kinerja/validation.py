"""Check the input tables against their contracts (DESIGN.md §3) with pandera.

Each table is normalised (spaces trimmed, vocabulary labels turned into
codes, numbers parsed) and checked by a pandera schema built from the kinds
of its contract's columns (:mod:`kinerja.contracts`), whose checks carry
Indonesian messages.  Cross-table rules (a NIP must be in ``pegawai``, a
``kompetensi_kode`` in the dictionary) are checks built with the reference
sets of this import.  pandera collects every failing row lazily; the failures
become one problems table naming file, Excel row, column, value and message.

All checks are vectorised; only unique values are normalised, so a million
ratings cost a few factorisations, not a Python loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from kinerja import reference
from kinerja.codes import codes_of, object_text
from kinerja.contracts import ALL_CONTRACTS, CONTRACTS, NUMBER_KINDS, Column, Kind
from kinerja.dataset import empty_frame
from kinerja.errors import PROBLEM_COLUMNS, DataValidationError
from kinerja.labels import code_lookup
from kinerja.labels import validation as wording
from kinerja.labels.validation import MESSAGES
from kinerja.nip import nip_rules, sci_of
from kinerja.readers import RawTables, problem
from kinerja.vocab import EMPLOYEE_SOURCES, CompetencyType, PredikatOrganisasi, Rating, Source

#: At most this many failing rows are listed per check (the count is still exact).
MAX_CASES_PER_CHECK = 500


@dataclass(frozen=True)
class _Table:
    name: str
    frame: pd.DataFrame
    source: str


def validate(raw: RawTables) -> dict[str, pd.DataFrame]:
    """Normalise and check raw tables; raise :class:`DataValidationError` on any problem.

    Returns each table read, normalised: codes instead of labels, typed
    numbers, the contract's categorical columns as categoricals.  Every
    problem of every table is collected before raising.
    """
    found = list(raw.problems)  # what stopped a table from being read, then missing columns
    tables: dict[str, _Table] = {}
    for name, frame in raw.frames.items():
        missing = [c for c in CONTRACTS[name].required if c not in frame.columns]
        source = raw.sources[name]
        found += [
            problem(source, wording.MISSING_COLUMN.format(column=c), kolom=c) for c in missing
        ]
        if not missing:
            tables[name] = _Table(name, _normalise(name, frame), source)
    problems = [pd.DataFrame(found, columns=list(PROBLEM_COLUMNS))]

    codes = _competency_codes(tables.get("kompetensi"))
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

    problems = [p for p in problems if len(p)]
    if problems:
        raise DataValidationError(_sorted(pd.concat(problems, ignore_index=True)))
    return {name: table.frame for name, table in tables.items()}


def validate_table(
    name: str, frame: pd.DataFrame, source: str, *, nips: Iterable[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Normalise and check one table read on its own (the ``penugasan`` sheet) against
    the roster's NIPs.

    The same column checks as :func:`validate` (kinds, vocabularies, NIPs in
    the roster, repeated keys) and the table's own rules.  Returns the
    normalised frame (None-free only where valid) and its problems table
    (:data:`kinerja.errors.PROBLEM_COLUMNS`; empty when valid); never raises
    for bad input, so the caller adds its own problems before refusing.
    """
    missing = [c for c in ALL_CONTRACTS[name].required if c not in frame.columns]
    if missing:
        found = [problem(source, wording.MISSING_COLUMN.format(column=c), kolom=c) for c in missing]
        return frame, pd.DataFrame(found, columns=list(PROBLEM_COLUMNS))
    table = _Table(name, _normalise(name, frame), source)
    schema = _schema(table, codes=set(), nips=_text_index(nips), jabatan_std=None)
    problems = [p for p in (_run(schema, table), _duplicates(table)) if len(p)]
    if not problems:
        return table.frame, empty_frame(PROBLEM_COLUMNS)
    return table.frame, _sorted(pd.concat(problems, ignore_index=True))


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


def _normalise(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    contract = ALL_CONTRACTS[name]
    out = {}
    for column in (c for c in contract.columns if c.name in frame.columns):
        out.update(_normalised(column, frame[column.name], column.name in contract.category))
    return pd.DataFrame(out, index=frame.index, copy=False)  # the columns are new or unchanged


def _normalised(column: Column, col: pd.Series, category: bool) -> dict[str, pd.Series]:
    """The column normalised by its kind; a number keeps its text as ``_<name>_teks``."""
    if column.vocab is not None:
        return {column.name: _to_code(col, column.vocab, category=category)}
    if column.kind in (Kind.COMPETENCY, Kind.COMPETENCY_CODE):
        return {column.name: _upper_code(col, category=category)}
    text = _clean_text(col, category=category)
    if column.kind in NUMBER_KINDS:
        return {column.name: _numeric(text), f"_{column.name}_teks": text}
    return {column.name: text}


def _competency_codes(table: _Table | None) -> set[str]:
    """Codes of the packaged dictionary and of the user's ``kompetensi`` file."""
    codes = set(reference.competencies()["kode"])
    return codes if table is None else codes | set(table.frame["kode"].dropna())


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
        return codes, pd.Series(object_text(values), dtype=object)
    return codes, pd.Series(np.asarray(values.astype(str), dtype=object), dtype=object)


def _decide(
    s: pd.Series, ok: Callable[[pd.Series], object], applies: pd.Series | None = None
) -> bool | pd.Series:
    """``ok(value)`` per row (with ``applies``: ``~applies | ok(value)``), decided per
    distinct value of ``s``; a missing value is not this check's.

    ``applies`` covers the whole table; pandera may hand over fewer rows
    (the non-empty cells), so it is aligned on ``s``'s index.
    """
    codes, values = _distinct(s)
    good = np.asarray(ok(values), dtype=bool)
    if good.all():
        return True
    per_row = pd.Series(np.append(good, True)[codes], index=s.index)
    return per_row if applies is None else ~applies.reindex(s.index, fill_value=False) | per_row


def _text_index(values: Iterable[str]) -> pd.Index:
    """Values as an object Index: hashed once, looked up in C for every check."""
    return pd.Index(list(values), dtype=object)


def nip_checks() -> list[pa.Check]:
    """The NIP format rules (Perka BKN 22/2007; NI PPPK), each with its own message."""

    def rules(u: pd.Series) -> pd.DataFrame:
        return nip_rules(u).assign(sci=sci_of(u))

    return [
        _value_check("nip_notasi_ilmiah", lambda u: ~rules(u)["sci"]),
        _value_check("nip_18_digit", lambda u: rules(u)["angka18"] | rules(u)["sci"]),
        _value_check("nip_tanggal_lahir", lambda u: rules(u)["lahir"]),
        _value_check("nip_tmt", lambda u: rules(u)["tmt"]),
        _value_check("nip_jenis_kelamin", lambda u: rules(u)["kelamin"]),
    ]


def _in_roster(nips: pd.Index | None) -> list[pa.Check]:
    checks = [_value_check("nip_notasi_ilmiah", lambda u: ~sci_of(u))]
    if nips is not None:
        checks.append(_value_check("nip_terdaftar", lambda u: u.isin(nips) | sci_of(u)))
    return checks


def _number(name: str, ok: Callable[[pd.Series], pd.Series], text: pd.Series) -> pa.Column:
    """A parsed number column: missing text is 'wajib diisi', unparsable text fails ``name``."""

    check = pa.Check(
        lambda s: text.isna() | ok(s),
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
    same = _same_person(f)
    is_self = _source_is(f["sumber"], [Source.SELF]).to_numpy()

    def answer(bad: np.ndarray, s: pd.Series) -> bool | pd.Series:
        if not bad.any():
            return True
        return ~pd.Series(bad, index=f.index).reindex(s.index, fill_value=False)

    return (lambda s: answer(is_self & ~same, s), lambda s: answer(same & ~is_self, s))


#: The check of each vocabulary's codes.
_VOCAB_CHECKS: dict[type[StrEnum], str] = {
    Source: "sumber_kode",
    Rating: "rating_kode",
    PredikatOrganisasi: "predikat_organisasi_kode",
    CompetencyType: "jenis_kode",
}

#: The check of each number kind, by column: ``skor`` -> ``skor_bulat_1_5``.
_NUMBER_CHECKS: dict[Kind, tuple[str, Callable[[pd.Series], pd.Series]]] = {
    Kind.LEVEL: ("{}_bulat_1_5", lambda s: s.between(1, 5) & (s == np.floor(s))),
    Kind.POSITIVE: ("{}_positif", lambda s: s > 0),
}


def _schema(
    table: _Table,
    *,
    codes: set[str],
    nips: pd.Index | None,
    jabatan_std: set[str] | None,
) -> pa.DataFrameSchema:
    """The pandera schema of one table: checks by column kind, then the table's own rules."""
    f = table.frame
    rules = _table_rules(table.name, f, nips)
    columns: dict[str, pa.Column] = {}
    for column in ALL_CONTRACTS[table.name].columns:
        if column.kind in NUMBER_KINDS:
            name, ok = _NUMBER_CHECKS[column.kind]
            columns[column.name] = _number(name.format(column.name), ok, f[f"_{column.name}_teks"])
            columns[f"_{column.name}_teks"] = _col(required=column.required)
            continue
        checks = [*_kind_checks(column, codes=codes, nips=nips, jabatan_std=jabatan_std)]
        checks += rules.get(column.name, [])
        if checks or column.required:
            columns[column.name] = _col(*checks, required=column.required)
    return pa.DataFrameSchema(columns, strict=False, name=table.name)


def _kind_checks(
    column: Column, *, codes: set[str], nips: pd.Index | None, jabatan_std: set[str] | None
) -> list[pa.Check]:
    """The checks a column's kind asks for (the rater's depend on the source: table rules)."""
    if column.vocab is not None:
        return [_isin(_VOCAB_CHECKS[column.vocab], [v.value for v in column.vocab])]
    if column.kind is Kind.NIP:
        return nip_checks()
    if column.kind is Kind.ROSTER_NIP:
        return _in_roster(nips)
    if column.kind is Kind.COMPETENCY:
        return [_isin("kompetensi_terdaftar", codes)]
    if column.kind is Kind.JOB and jabatan_std is not None:
        return [_isin("jabatan_berstandar", jabatan_std)]
    return []


def _table_rules(name: str, f: pd.DataFrame, nips: pd.Index | None) -> dict[str, list[pa.Check]]:
    """Rules between a table's columns, by the column they report on."""
    if name == "pegawai":
        own = f["nip"]
        # pandera hands the check the non-empty cells only: compare row by row
        return {
            "nip_atasan": [
                _check(
                    "atasan_bukan_diri",
                    lambda s: s.astype(object) != own.reindex(s.index).astype(object),
                )
            ]
        }
    if name == "penugasan":
        by_self, self_source = _self_rules(f)
        public = Source.PUBLIC.value
        return {
            "nip_penilai": [_check("diri_sama", by_self)],
            "sumber": [
                _check("sumber_diri", self_source),
                _check("sumber_penugasan", lambda s: s.astype(object) != public),
            ],
        }
    if name != "penilaian":
        return {}
    by_self, self_source = _self_rules(f)
    rater_checks = [_check("diri_sama", by_self)]
    if nips is not None:
        by_employee = _source_is(f["sumber"], EMPLOYEE_SOURCES)
        by_public = _source_is(f["sumber"], [Source.PUBLIC])
        rater_checks += [
            _check(
                "responden_bukan_nip",
                lambda s: _decide(s, lambda u: ~u.isin(nips), by_public),
            ),
            _check(
                "penilai_terdaftar",
                lambda s: _decide(s, lambda u: u.isin(nips) | sci_of(u), by_employee),
            ),
            _check(
                "nip_notasi_ilmiah",
                lambda s: _decide(s, lambda u: ~sci_of(u), by_employee),
            ),
        ]
    return {"nip_penilai": rater_checks, "sumber": [_check("sumber_diri", self_source)]}


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
    for num in (c.name for c in ALL_CONTRACTS[table.name].columns if c.kind in NUMBER_KINDS):
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


def _duplicates(table: _Table) -> pd.DataFrame:
    """Rows repeating the key of an earlier row, each naming the first row."""
    keys = list(ALL_CONTRACTS[table.name].key)
    frame = table.frame[keys]
    dup = frame.duplicated(keep=False)
    if not dup.any():
        return empty_frame(PROBLEM_COLUMNS)
    rows = frame[dup].assign(_baris=frame.index[dup] + 2)
    first = rows.groupby(keys, dropna=False, observed=True)["_baris"].transform("min")
    later = rows[rows["_baris"] != first]
    first = first[later.index]
    what = wording.DUPLICATE_KEY.format(keys=", ".join(keys))
    if keys == ["nip"]:
        what = wording.DUPLICATE_NIP
    return pd.DataFrame(
        {
            "berkas": table.source,
            "baris": later["_baris"].to_numpy(),
            "kolom": keys[-1] if len(keys) > 1 else keys[0],
            "nilai": later[keys[-1]].astype(str).to_numpy(),
            "pesan": [wording.DUPLICATE.format(what=what, first=b) for b in first],
            "tingkat": "galat",
        }
    )


def _mixed_sources(table: _Table) -> pd.DataFrame:
    """Rows giving a (periode, nip_dinilai, nip_penilai) another source than its first row.

    One rater has one source towards one ratee in one period (DESIGN §3).
    Rows of a rater rating themself are left to ``sumber_diri``, which names
    exactly the rows not filed as ``diri``.
    """
    f = table.frame
    pair = ["periode", "nip_dinilai", "nip_penilai"]
    known = f[[*pair, "sumber"]].notna().all(axis=1).to_numpy() & ~_same_person(f)
    rows = f.loc[known, [*pair, "sumber"]].assign(_baris=f.index[known] + 2)
    first = rows.groupby(pair, observed=True, sort=False)[["sumber", "_baris"]].transform("first")
    later = rows["sumber"].to_numpy(dtype=object) != first["sumber"].to_numpy(dtype=object)
    rows, first = rows[later], first[later]
    return pd.DataFrame(
        {
            "berkas": table.source,
            "baris": rows["_baris"].to_numpy(),
            "kolom": "sumber",
            "nilai": rows["sumber"].to_numpy(dtype=object),
            "pesan": [
                wording.MIXED_SOURCES.format(source=s, first=b)
                for s, b in zip(first["sumber"], first["_baris"], strict=True)
            ],
            "tingkat": "galat",
        },
        columns=list(PROBLEM_COLUMNS),
    )


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
