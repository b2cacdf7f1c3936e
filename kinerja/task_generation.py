"""Rating tasks derived from the roster (DESIGN.md §10): who rates whom in a period.

A pure function of the roster: :func:`generate_tasks`.  Storing them is
:func:`kinerja.tasks.store_tasks`.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from kinerja.vocab import Source

#: Columns of a tasks frame (the ``penugasan`` sheet's).
TASK_COLUMNS: tuple[str, ...] = ("periode", "nip_dinilai", "nip_penilai", "sumber")

#: Peers each employee rates at most (DESIGN §10: "up to four").
MAX_PEERS = 4

_ORDER = {
    Source.SELF.value: 0,
    Source.SUPERVISOR.value: 1,
    Source.SUBORDINATE.value: 2,
    Source.PEER.value: 3,
}


def generate_tasks(
    pegawai: pd.DataFrame, periode: str, *, seed: int = 0, max_peers: int = MAX_PEERS
) -> pd.DataFrame:
    """The rating tasks of one period derived from the roster.

    Parameters
    ----------
    pegawai
        The roster (``nip``, ``nip_atasan``; a supervisor not on the roster
        counts as none).
    periode
        The period the tasks are for.
    seed
        Chooses the peers: the same seed and roster give the same tasks.
    max_peers
        Peers each employee rates (fewer when their group is smaller).

    Returns
    -------
    DataFrame
        :data:`TASK_COLUMNS`, one row per (rater, ratee), ordered by ratee,
        then self, supervisor, subordinate, peer, then rater:

        - ``diri``: everyone rates themself;
        - ``atasan``: the direct supervisor rates each direct subordinate;
        - ``bawahan``: each employee rates their direct supervisor;
        - ``rekan``: within each group of employees with the same
          supervisor (n people), each rates ``k = min(max_peers, n − 1)``
          others and is rated by exactly ``k``.

    Notes
    -----
    The peers come from a circulant design: the group, sorted by NIP, is
    shuffled by a generator seeded with ``seed`` and the supervisor's NIP,
    and the person in place ``i`` rates those in places ``i+1 … i+k``
    (mod n).  So every rater has ``k`` peer tasks and every ratee ``k`` peer
    raters (the anonymity threshold of 3 is reached whenever the group has
    at least four people), and a group's choice does not depend on the
    other groups or the roster's row order.  Employees without a supervisor
    have no peers.  ``masyarakat`` is never a task (the public is not on the
    roster).
    """
    p = pegawai[["nip", "nip_atasan"]].astype(object)
    p = p.loc[p["nip"].notna()].drop_duplicates("nip")
    nips = p["nip"].astype(str)
    boss = p["nip_atasan"].where(p["nip_atasan"].isin(set(p["nip"])))
    has_boss = boss.notna()
    frames = [
        _rows(nips, nips, Source.SELF),
        _rows(nips[has_boss], boss[has_boss].astype(str), Source.SUPERVISOR),
        _rows(boss[has_boss].astype(str), nips[has_boss], Source.SUBORDINATE),
        _peer_tasks(nips[has_boss], boss[has_boss].astype(str), seed=seed, max_peers=max_peers),
    ]
    out = pd.concat(frames, ignore_index=True).assign(periode=str(periode))
    out = out.assign(_o=out["sumber"].map(_ORDER))
    out = out.sort_values(["nip_dinilai", "_o", "nip_penilai"], ignore_index=True)
    return out[list(TASK_COLUMNS)]


def _rows(ratee: pd.Series, rater: pd.Series, source: Source) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "nip_dinilai": ratee.to_numpy(dtype=object),
            "nip_penilai": rater.to_numpy(dtype=object),
            "sumber": source.value,
        }
    )


def _peer_tasks(nips: pd.Series, boss: pd.Series, *, seed: int, max_peers: int) -> pd.DataFrame:
    """``rekan`` tasks within each group of the same supervisor (circulant design)."""
    raters: list[np.ndarray] = []
    ratees: list[np.ndarray] = []
    frame = pd.DataFrame({"nip": nips.to_numpy(dtype=object), "boss": boss.to_numpy(dtype=object)})
    frame = frame.sort_values(["boss", "nip"], ignore_index=True)
    bosses = frame["boss"].to_numpy()
    members_all = frame["nip"].to_numpy()
    starts = np.flatnonzero(np.r_[True, bosses[1:] != bosses[:-1]])
    for start, stop in zip(starts, [*starts[1:], len(frame)], strict=True):
        n = stop - start
        k = min(max_peers, n - 1)
        if k < 1:
            continue
        members = members_all[start:stop]  # sorted by NIP
        rng = np.random.default_rng([int(seed), zlib.crc32(str(bosses[start]).encode())])
        order = members[rng.permutation(n)]
        raters.append(np.repeat(order, k))
        ratees.append(order[(np.repeat(np.arange(n), k) + np.tile(np.arange(1, k + 1), n)) % n])
    if not raters:
        return pd.DataFrame(columns=["nip_dinilai", "nip_penilai", "sumber"])
    return _rows(pd.Series(np.concatenate(ratees)), pd.Series(np.concatenate(raters)), Source.PEER)


def task_counts(tasks: pd.DataFrame) -> pd.DataFrame:
    """Per employee: tasks as rater and as ratee, by source (for documentation and checks).

    Returns
    -------
    DataFrame
        ``nip, n_menilai, n_dinilai, rekan_menilai, rekan_dinilai`` (one
        row per NIP that appears in ``tasks``).
    """
    peer = tasks["sumber"] == Source.PEER.value
    counts = {
        "n_menilai": tasks.groupby("nip_penilai").size(),
        "n_dinilai": tasks.groupby("nip_dinilai").size(),
        "rekan_menilai": tasks.loc[peer].groupby("nip_penilai").size(),
        "rekan_dinilai": tasks.loc[peer].groupby("nip_dinilai").size(),
    }
    out = pd.DataFrame(counts).fillna(0).astype(int)
    return out.rename_axis("nip").reset_index()
