"""The regulated tables against copies typed by hand from DESIGN.md §4–5.

The expected tables below are typed from DESIGN §4 (PermenPANRB 6/2022
predikat matrix, PermenPANRB 3/2020 nine-box, Peraturan BKN 26/2019 JPM
categories) and §5 (SE MenPANRB 3/2023 distribution), never read from
``kinerja/data``.  They check both the behaviour of :func:`derive_outcomes`
and the packaged CSV files the code reads.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from kinerja import reference
from kinerja.scoring import derive_outcomes

RATINGS = ("di_atas", "sesuai", "di_bawah")
KATEGORI = ("optimal", "cukup_optimal", "kurang_optimal")

# PermenPANRB 6/2022: (rating_hasil_kerja, rating_perilaku) -> predikat (DESIGN §4).
PREDIKAT = {
    ("di_atas", "di_bawah"): "kurang_misconduct",
    ("di_atas", "sesuai"): "baik",
    ("di_atas", "di_atas"): "sangat_baik",
    ("sesuai", "di_bawah"): "kurang_misconduct",
    ("sesuai", "sesuai"): "baik",
    ("sesuai", "di_atas"): "baik",
    ("di_bawah", "di_bawah"): "sangat_kurang",
    ("di_bawah", "sesuai"): "butuh_perbaikan",
    ("di_bawah", "di_atas"): "butuh_perbaikan",
}

# Nine-box axes (DESIGN §4).
KINERJA = {
    "sangat_baik": "di_atas",
    "baik": "sesuai",
    "butuh_perbaikan": "di_bawah",
    "kurang_misconduct": "di_bawah",
    "sangat_kurang": "di_bawah",
}
POTENSIAL = {"optimal": "tinggi", "cukup_optimal": "menengah", "kurang_optimal": "rendah"}

# PermenPANRB 3/2020: (kinerja, potensial) -> kotak (DESIGN §4).
KOTAK = {
    ("di_atas", "rendah"): 4,
    ("di_atas", "menengah"): 7,
    ("di_atas", "tinggi"): 9,
    ("sesuai", "rendah"): 2,
    ("sesuai", "menengah"): 5,
    ("sesuai", "tinggi"): 8,
    ("di_bawah", "rendah"): 1,
    ("di_bawah", "menengah"): 3,
    ("di_bawah", "tinggi"): 6,
}

# SE MenPANRB 3/2023 (DESIGN §5): predikat_organisasi -> [(aturan, predikat, proporsi)].
DISTRIBUSI = {
    "istimewa": [("maks", "sangat_baik", 0.7), ("terbanyak", "sangat_baik", None)],
    "baik": [
        ("maks", "baik", 0.7),
        ("terbanyak", "baik", None),
        ("min_jumlah", "butuh_perbaikan+kurang_misconduct", None),
    ],
    "butuh_perbaikan": [("min", "butuh_perbaikan", 0.6), ("maks", "sangat_baik", 0.1)],
    "kurang": [
        ("min", "kurang_misconduct", 0.6),
        ("min", "butuh_perbaikan", 0.1),
        ("maks", "sangat_baik", 0.1),
    ],
    "sangat_kurang": [
        ("min", "sangat_kurang", 0.6),
        ("min", "butuh_perbaikan+kurang_misconduct", 0.1),
        ("maks", "sangat_baik", 0.0),
    ],
}


def _frame(hasil, perilaku, kategori) -> pd.DataFrame:
    return pd.DataFrame(
        {"rating_hasil_kerja": hasil, "rating_perilaku": perilaku, "kategori_jpm": kategori},
        dtype=object,
    )


# ------------------------------------------------------------------ derive_outcomes


@pytest.mark.parametrize(("hasil", "perilaku"), sorted(PREDIKAT))
def test_predikat_matrix_cell_follows_permenpanrb_6_2022(hasil, perilaku):
    out = derive_outcomes(_frame([hasil], [perilaku], ["optimal"]))
    assert out["predikat"].iloc[0] == PREDIKAT[(hasil, perilaku)]


def test_all_nine_predikat_cells_in_one_frame_keep_row_order_and_index():
    keys = list(itertools.product(RATINGS, RATINGS))
    frame = _frame([k[0] for k in keys], [k[1] for k in keys], ["optimal"] * 9)
    frame.index = pd.Index([f"r{i}" for i in range(9)])
    out = derive_outcomes(frame)
    assert list(out.index) == list(frame.index)
    assert out["predikat"].tolist() == [PREDIKAT[k] for k in keys]


@pytest.mark.parametrize(("kinerja", "potensial"), sorted(KOTAK))
def test_nine_box_cell_follows_permenpanrb_3_2020(kinerja, potensial):
    # one (hasil, perilaku) pair whose predikat lands on the wanted kinerja row
    hasil, perilaku = next(k for k, p in PREDIKAT.items() if KINERJA[p] == kinerja)
    kategori = next(k for k, v in POTENSIAL.items() if v == potensial)
    out = derive_outcomes(_frame([hasil], [perilaku], [kategori]))
    assert out["kinerja"].iloc[0] == kinerja
    assert out["potensial"].iloc[0] == potensial
    assert out["kotak"].iloc[0] == KOTAK[(kinerja, potensial)]
    # codes are plain strings, not enum members (they are exported and compared as text)
    assert type(out["kinerja"].iloc[0]) is str
    assert type(out["potensial"].iloc[0]) is str
    assert type(out["predikat"].iloc[0]) is str


def test_every_rating_pair_and_jpm_category_gives_the_typed_box():
    combos = list(itertools.product(RATINGS, RATINGS, KATEGORI))
    out = derive_outcomes(
        _frame([c[0] for c in combos], [c[1] for c in combos], [c[2] for c in combos])
    )
    expected = [KOTAK[(KINERJA[PREDIKAT[(h, p)]], POTENSIAL[k])] for h, p, k in combos]
    assert [int(v) for v in out["kotak"]] == expected
    assert sorted(set(expected)) == list(range(1, 10))


@pytest.mark.parametrize("predikat", sorted(KINERJA))
def test_kinerja_axis_is_derived_from_the_predikat(predikat):
    hasil, perilaku = next(k for k, p in PREDIKAT.items() if p == predikat)
    out = derive_outcomes(_frame([hasil], [perilaku], ["kurang_optimal"]))
    assert out["kinerja"].iloc[0] == KINERJA[predikat]


@pytest.mark.parametrize("kategori", KATEGORI)
def test_potensial_axis_is_derived_from_the_jpm_category(kategori):
    out = derive_outcomes(_frame(["sesuai"], ["sesuai"], [kategori]))
    assert out["potensial"].iloc[0] == POTENSIAL[kategori]


@pytest.mark.parametrize(
    ("hasil", "perilaku"),
    [(None, "di_atas"), ("di_atas", None), (None, None), (np.nan, "sesuai"), ("sesuai", np.nan)],
)
def test_no_predikat_kinerja_or_box_without_both_ratings(hasil, perilaku):
    out = derive_outcomes(_frame([hasil], [perilaku], ["optimal"]))
    assert pd.isna(out["predikat"].iloc[0])
    assert pd.isna(out["kinerja"].iloc[0])
    assert out["potensial"].iloc[0] == "tinggi"
    assert pd.isna(out["kotak"].iloc[0])


def test_no_potensial_or_box_without_jpm_category():
    out = derive_outcomes(_frame(["di_atas"], ["di_atas"], [None]))
    assert out["predikat"].iloc[0] == "sangat_baik"
    assert out["kinerja"].iloc[0] == "di_atas"
    assert pd.isna(out["potensial"].iloc[0])
    assert pd.isna(out["kotak"].iloc[0])


def test_all_empty_float_columns_give_empty_outcomes():
    frame = pd.DataFrame(
        {"rating_hasil_kerja": [np.nan], "rating_perilaku": [np.nan], "kategori_jpm": [np.nan]}
    )
    out = derive_outcomes(frame)
    assert out[["predikat", "kinerja", "potensial", "kotak"]].isna().all().all()


def test_empty_input_gives_empty_output_with_outcome_columns():
    out = derive_outcomes(_frame([], [], []))
    assert len(out) == 0
    assert {"predikat", "kinerja", "potensial", "kotak"} <= set(out.columns)


def test_derive_outcomes_recomputes_stale_outcomes_and_leaves_input_alone():
    frame = _frame(["di_bawah"], ["di_bawah"], ["optimal"]).assign(
        predikat="sangat_baik", kinerja="di_atas", potensial="rendah", kotak=4
    )
    before = frame.copy()
    out = derive_outcomes(frame)
    assert out["predikat"].iloc[0] == "sangat_kurang"
    assert out["kinerja"].iloc[0] == "di_bawah"
    assert out["potensial"].iloc[0] == "tinggi"
    assert out["kotak"].iloc[0] == 6
    pd.testing.assert_frame_equal(frame, before)


def test_box_numbers_are_integers_or_missing():
    out = derive_outcomes(_frame(["di_atas", None], ["di_atas", "sesuai"], ["optimal", "optimal"]))
    assert out["kotak"].iloc[0] == 9
    assert out["kotak"].isna().tolist() == [False, True]


# ------------------------------------------------------------------ packaged tables


def test_packaged_predikat_matrix_equals_typed_table():
    table = reference.predikat_matrix()
    got = {(r.rating_hasil_kerja, r.rating_perilaku): r.predikat for r in table.itertuples()}
    assert len(table) == 9
    assert got == PREDIKAT


def test_packaged_nine_box_equals_typed_table():
    table = reference.nine_box()
    got = {(r.kinerja, r.potensial): int(r.kotak) for r in table.itertuples()}
    assert len(table) == 9
    assert got == KOTAK
    assert (table["rekomendasi"].str.strip() != "").all()


def test_packaged_distribution_rules_equal_typed_table():
    table = reference.distribution_rules()
    got: dict[str, list] = {}
    for r in table.itertuples():
        p = None if pd.isna(r.proporsi) else float(r.proporsi)
        got.setdefault(r.predikat_organisasi, []).append((r.aturan, r.predikat, p))
    assert {k: sorted(v, key=str) for k, v in got.items()} == {
        k: sorted(v, key=str) for k, v in DISTRIBUSI.items()
    }


def test_packaged_dictionary_has_the_national_and_berakhlak_codes_with_their_types():
    table = reference.competencies().set_index("kode")["jenis"]
    expected = {f"M.0{i}": "manajerial" for i in range(1, 9)}
    expected["SK.01"] = "sosial_kultural"
    expected.update({f"B.0{i}": "perilaku" for i in range(1, 8)})
    assert table.to_dict() == expected
    names = reference.competencies().set_index("kode")["nama"]
    assert [names[f"B.0{i}"] for i in range(1, 8)] == [
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ]


def test_public_api_is_curated_and_every_name_resolves():
    import kinerja

    assert kinerja.__all__ == sorted(kinerja.__all__)
    missing = [name for name in kinerja.__all__ if not hasattr(kinerja, name)]
    assert missing == []
    assert kinerja.Store.__module__ == "kinerja.store"


def test_every_error_a_user_can_fix_lives_in_errors_and_is_exported():
    import importlib
    import pkgutil

    import kinerja
    import kinerja.errors
    from kinerja.errors import KinerjaError

    # __main__ runs the command line; migration scripts run only inside Alembic
    skip = ("kinerja.__main__", "kinerja.migrations.")
    for module in pkgutil.walk_packages(kinerja.__path__, "kinerja."):
        if not module.name.startswith(skip):
            importlib.import_module(module.name)
    found, todo = set(), [KinerjaError]
    while todo:
        cls = todo.pop()
        found.add(cls)
        todo.extend(cls.__subclasses__())
    assert {c.__module__ for c in found} == {"kinerja.errors"}
    assert {c.__name__ for c in found} <= set(kinerja.__all__)
    tree = str(kinerja.errors.__doc__)  # the hierarchy in the module docstring
    assert [c.__name__ for c in found if f" {c.__name__} " not in tree] == []
