"""Rating tasks derived from the roster (``kinerja.task_generation``, DESIGN §10)."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.task_generation import TASK_COLUMNS, generate_tasks, task_counts
from kinerja.vocab import Source
from tests.store_fixtures import sample_dataset


def _roster(*rows: tuple[str, str | None]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["nip", "nip_atasan"], dtype=object)


def _nips(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{i:02d}" for i in range(n)]


# a head, two bosses under the head; boss B1 has seven staff, boss B2 three
HEAD, B1, B2 = "H", "B1", "B2"
BIG = _nips("S", 7)
SMALL = _nips("T", 3)
ROSTER = _roster(
    (HEAD, None),
    (B1, HEAD),
    (B2, HEAD),
    *[(s, B1) for s in BIG],
    *[(t, B2) for t in SMALL],
)


def _pairs(tasks: pd.DataFrame, source: Source) -> set[tuple[str, str]]:
    rows = tasks.loc[tasks["sumber"] == source.value]
    return set(zip(rows["nip_penilai"], rows["nip_dinilai"], strict=True))


def test_everyone_rates_themself_the_supervisor_rates_down_and_staff_rate_up():
    tasks = generate_tasks(ROSTER, "2026")
    assert list(tasks.columns) == list(TASK_COLUMNS)
    assert set(tasks["periode"]) == {"2026"}
    everyone = [HEAD, B1, B2, *BIG, *SMALL]
    assert _pairs(tasks, Source.SELF) == {(n, n) for n in everyone}
    down = {(HEAD, B1), (HEAD, B2), *[(B1, s) for s in BIG], *[(B2, t) for t in SMALL]}
    assert _pairs(tasks, Source.SUPERVISOR) == down
    assert _pairs(tasks, Source.SUBORDINATE) == {(b, a) for a, b in down}
    assert not (tasks["sumber"] == Source.PUBLIC.value).any()
    assert not tasks.duplicated(["nip_penilai", "nip_dinilai"]).any()


def test_peers_are_balanced_within_each_group_of_the_same_supervisor():
    tasks = generate_tasks(ROSTER, "2026", seed=7)
    peers = tasks.loc[tasks["sumber"] == Source.PEER.value]
    boss = ROSTER.set_index("nip")["nip_atasan"]
    # peers share the supervisor and never rate themselves
    assert (peers["nip_penilai"].map(boss) == peers["nip_dinilai"].map(boss)).all()
    assert (peers["nip_penilai"] != peers["nip_dinilai"]).all()
    counts = task_counts(tasks).set_index("nip")
    for group, k in ((BIG, 4), (SMALL, 2), ([B1, B2], 1)):
        given = counts.loc[group, "rekan_menilai"]
        received = counts.loc[group, "rekan_dinilai"]
        assert set(given) == {k} and set(received) == {k}, group
    assert counts.loc[HEAD, "rekan_menilai"] == 0  # no supervisor: no peers


def test_peer_choice_is_reproducible_and_independent_of_row_order():
    a = generate_tasks(ROSTER, "2026", seed=3)
    b = generate_tasks(ROSTER.iloc[::-1].reset_index(drop=True), "2026", seed=3)
    pd.testing.assert_frame_equal(a, b)
    others = [generate_tasks(ROSTER, "2026", seed=s) for s in range(4, 9)]
    assert any(_pairs(o, Source.PEER) != _pairs(a, Source.PEER) for o in others)


@pytest.mark.parametrize("max_peers", [1, 2, 4, 6])
def test_each_rater_has_at_most_max_peers(max_peers):
    tasks = generate_tasks(ROSTER, "2026", max_peers=max_peers)
    counts = task_counts(tasks)
    assert counts["rekan_menilai"].max() == min(max_peers, len(BIG) - 1)
    assert counts["rekan_dinilai"].max() == min(max_peers, len(BIG) - 1)


def test_a_supervisor_missing_from_the_roster_counts_as_none():
    tasks = generate_tasks(_roster(("A", "GONE"), ("B", "GONE")), "2026")
    assert set(tasks["sumber"]) == {Source.SELF.value}


def test_sample_roster_peer_load_is_spread_evenly_within_groups():
    pegawai = sample_dataset().pegawai
    tasks = generate_tasks(pegawai, "2025", seed=0)
    counts = task_counts(tasks).set_index("nip")
    peers = tasks.loc[tasks["sumber"] == Source.PEER.value]
    boss = pegawai.set_index("nip")["nip_atasan"]
    for _, group in peers.groupby(peers["nip_penilai"].map(boss)):
        members = sorted(set(group["nip_penilai"]))
        load = counts.loc[members, ["rekan_menilai", "rekan_dinilai"]]
        assert load.max().max() - load.min().min() <= 1
    assert len(counts) == len(pegawai)
    assert counts["rekan_menilai"].max() <= 4


def test_the_documented_sample_figures_are_what_the_generator_gives():
    """docs/penilaian-mandiri.md states the tasks of the sample data: keep them true."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "penilaian-mandiri.md").read_text()
    tasks = generate_tasks(sample_dataset().pegawai, "2025", seed=0)
    counts = task_counts(tasks)

    def dotted(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    assert f"| seluruh penugasan | {dotted(len(tasks))} |" in doc
    by_source = tasks["sumber"].value_counts()
    for label, source in (("penilaian diri", "diri"), ("sebagai rekan", "rekan")):
        assert f"| {label} | {by_source[source]} |" in doc
    per_person = counts["n_menilai"].value_counts().sort_index()
    assert "| jumlah pegawai | " + " | ".join(map(str, per_person)) + " |" in doc
    peers = counts["rekan_menilai"].value_counts().sort_index()
    assert "| jumlah pegawai | " + " | ".join(map(str, peers)) + " |" in doc
    assert f"**{int((counts['rekan_dinilai'] >= 3).sum())} dari {len(counts)} pegawai**" in doc
