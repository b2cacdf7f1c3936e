"""Reads of the roster by key (``kinerja.roster``): the circles answer as the whole roster."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja import roster
from kinerja.entry import completion, rating_targets
from kinerja.store import Store
from tests.store_fixtures import sample_store

PERIODE = "2025"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The sample store with a superseded and a withdrawn rating (the in-force reduction)."""
    s = sample_store(tmp_path_factory.mktemp("roster"))
    ratings = s.ratings(PERIODE)
    first = ratings.iloc[0]
    pair = ratings.loc[
        (ratings["nip_dinilai"] == first["nip_dinilai"])
        & (ratings["nip_penilai"] == first["nip_penilai"])
    ]
    changed = pair.iloc[1:][["periode", "nip_dinilai", "nip_penilai", "sumber"]].assign(
        kompetensi_kode=pair["kompetensi_kode"].iloc[1:],
        skor=(pair["skor"].iloc[1:].astype(int) % 5) + 1,
    )
    s.save_ratings(changed, who="uji", withdraw=[str(pair["kompetensi_kode"].iloc[0])])
    yield s
    s.dispose()


@pytest.fixture(scope="module")
def pegawai(store: Store) -> pd.DataFrame:
    return store.dataset().pegawai


def test_units_are_the_rosters_distinct_units(store: Store, pegawai: pd.DataFrame):
    assert roster.units(store) == sorted(pegawai["unit_kerja"].unique())


def test_employees_reads_the_given_nips_only(store: Store, pegawai: pd.DataFrame):
    nips = list(pegawai["nip"].iloc[[3, 7]])
    got = roster.employees(store, [*nips, "tidak-ada"])
    assert list(got["nip"]) == sorted(nips)
    assert list(got.columns) == list(roster.PEGAWAI_COLUMNS)
    assert roster.employees(store, ["R-0001"]).empty  # a respondent id is nobody


def test_a_raters_circle_gives_the_same_targets_as_the_whole_roster(
    store: Store, pegawai: pd.DataFrame
):
    for nip in pegawai["nip"].iloc[::3]:  # a third of the sample: heads, staff, every unit
        circle = roster.rater_circle(store, nip)
        assert len(circle) < len(pegawai)
        pd.testing.assert_frame_equal(rating_targets(circle, nip), rating_targets(pegawai, nip))


def test_a_units_circle_and_ratings_give_the_same_completion_as_the_whole_period(
    store: Store, pegawai: pd.DataFrame
):
    ds = store.dataset(PERIODE)
    everything = store.ratings(PERIODE)
    for unit in roster.units(store):
        ratings = roster.unit_ratings(store, PERIODE, unit)
        members = set(pegawai.loc[pegawai["unit_kerja"] == unit, "nip"])
        assert set(ratings["nip_dinilai"]) <= members  # that unit's ratees only
        want = everything.loc[everything["nip_dinilai"].isin(members)]
        assert len(ratings) == len(want)
        got = completion(
            roster.unit_circle(store, unit), ds.standar, ds.kompetensi, ratings, unit_kerja=unit
        )
        full = completion(pegawai, ds.standar, ds.kompetensi, everything, unit_kerja=unit)
        assert len(got) and set(got["unit_kerja"]) == {unit}
        pd.testing.assert_frame_equal(got, full)


def test_unit_ratings_leave_out_superseded_and_withdrawn_records(store: Store):
    history = store.rating_history(
        periode=PERIODE, nip_dinilai=store.ratings(PERIODE)["nip_dinilai"].iloc[0]
    )
    unit = roster.employees(store, [history["nip_dinilai"].iloc[0]])["unit_kerja"].iloc[0]
    got = roster.unit_ratings(store, PERIODE, unit)
    mine = got.loc[got["nip_dinilai"] == history["nip_dinilai"].iloc[0]]
    in_force = store.ratings(PERIODE, nip_dinilai=history["nip_dinilai"].iloc[0])
    assert len(history) > len(in_force)  # the fixture superseded and withdrew records
    key = ["nip_penilai", "kompetensi_kode"]
    assert sorted(map(tuple, mine[key].to_numpy())) == sorted(map(tuple, in_force[key].to_numpy()))


def test_reference_tables_are_the_stored_data_sets(store: Store):
    standar, kompetensi = roster.reference_tables(store)
    ds = store.dataset(periode="__tidak-ada__")
    pd.testing.assert_frame_equal(standar, ds.standar, check_dtype=False)
    pd.testing.assert_frame_equal(kompetensi, ds.kompetensi, check_dtype=False)
