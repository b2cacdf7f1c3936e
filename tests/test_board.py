"""CalibrationBoard and its pure helpers (kinerja/board.py).

The helpers (:func:`distribution_message`, :func:`curve_reasons`,
:func:`rank_queue`) get small frames typed here.  The board itself runs on a
copy of the imported sample data (one board per module for the read-only
checks; adjustments use a store of their own).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kinerja.board import (
    QUEUE_WEIGHTS,
    CalibrationBoard,
    curve_reasons,
    curve_rows,
    distribution_message,
    rank_queue,
    rule_text,
    standing_reasons,
)
from kinerja.errors import StoreError
from kinerja.labels import fmt
from tests.store_fixtures import SAMPLE_PERIODE, row_counts, sample_store

UNIT = (
    "Dinas Pertanian dan Pangan"  # the sample unit (predikat organisasi baik) that breaks its curve
)
KURVA_TEKS = "unit melanggar kurva distribusi pada predikat ini"


def rule(
    aturan: str, predikat: str, *, jumlah: int, batas: int, selisih: int, unit: str = "U"
) -> dict:
    return {
        "periode": "2025",
        "unit_kerja": unit,
        "predikat_organisasi": "baik",
        "aturan": aturan,
        "predikat": predikat,
        "jumlah": jumlah,
        "batas": batas,
        "status": "ok" if selisih == 0 else "melanggar",
        "selisih": selisih,
    }


def people(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """Summary rows from ``(nip, unit_kerja, predikat)``; ``nama`` is ``"N <nip>"``."""
    return pd.DataFrame(
        {
            "nip": [r[0] for r in rows],
            "nama": [f"N {r[0]}" for r in rows],
            "unit_kerja": [r[1] for r in rows],
            "predikat": [r[2] for r in rows],
        }
    )


# --------------------------------------------------------------------------- distribution_message


@pytest.mark.parametrize(
    ("row", "text"),
    [
        (rule("maks", "baik", jumlah=5, batas=22, selisih=0), "sesuai"),
        (
            rule("maks", "sangat_baik", jumlah=9, batas=7, selisih=-2),
            "perlu −2 Sangat Baik (maksimal 7)",
        ),
        (
            rule("terbanyak", "baik", jumlah=11, batas=21, selisih=10),
            "Baik harus kelompok terbanyak: sekarang 11, kelompok lain 21 (selisih 10)",
        ),
        (
            rule("min", "butuh_perbaikan", jumlah=3, batas=6, selisih=3),
            "perlu +3 Butuh Perbaikan (minimal 6)",
        ),
        (
            rule("min_jumlah", "butuh_perbaikan+kurang_misconduct", jumlah=0, batas=1, selisih=1),
            "perlu +1 Butuh Perbaikan + Kurang/Misconduct (minimal 1)",
        ),
    ],
    ids=["ok", "maks", "terbanyak", "min", "min_jumlah-two-predikat"],
)
def test_distribution_message_states_the_move_needed(row, text):
    assert distribution_message(pd.Series(row)) == text


# --------------------------------------------------------------------------- curve_reasons


def test_curve_reasons_flag_the_predikat_over_its_maximum_in_that_unit_only():
    summary = people(
        ("1", "U", "sangat_baik"),
        ("2", "U", "sangat_baik"),
        ("3", "U", "baik"),
        ("4", "V", "sangat_baik"),
    )
    dist = pd.DataFrame(
        [
            rule("maks", "sangat_baik", jumlah=2, batas=1, selisih=-1, unit="U"),
            rule("maks", "sangat_baik", jumlah=1, batas=1, selisih=0, unit="V"),
        ]
    )
    got = curve_reasons(summary, dist)
    assert sorted(got["nip"]) == ["1", "2"]
    assert set(got["jenis"]) == {"kurva"} and set(got["teks"]) == {KURVA_TEKS}


def test_curve_reasons_flag_only_the_groups_larger_than_the_one_that_must_be_largest():
    # baik must be the largest group: sangat_baik (3) outnumbers it (2); the single
    # butuh_perbaikan employee is what the curve asks for, not over-represented
    summary = people(
        ("1", "U", "sangat_baik"),
        ("2", "U", "sangat_baik"),
        ("3", "U", "sangat_baik"),
        ("4", "U", "baik"),
        ("5", "U", "baik"),
        ("6", "U", "butuh_perbaikan"),
    )
    dist = pd.DataFrame(
        [
            rule("maks", "baik", jumlah=2, batas=4, selisih=0),
            rule("terbanyak", "baik", jumlah=2, batas=3, selisih=1),
            rule("min_jumlah", "butuh_perbaikan+kurang_misconduct", jumlah=1, batas=1, selisih=0),
        ]
    )
    assert sorted(curve_reasons(summary, dist)["nip"]) == ["1", "2", "3"]


def test_curve_reasons_are_empty_when_every_rule_holds():
    summary = people(("1", "U", "baik"), ("2", "U", "butuh_perbaikan"))
    dist = pd.DataFrame([rule("terbanyak", "baik", jumlah=1, batas=1, selisih=0)])
    got = curve_reasons(summary, dist)
    assert got.empty and list(got.columns) == ["nip", "jenis", "teks"]


# --------------------------------------------------------------------------- standing_reasons


def test_standing_reasons_write_the_disagreement_range_the_indonesian_way():
    summary = people(("a", "U", "baik"), ("b", "U", "baik")).assign(lengkap=True)
    no_raters = pd.DataFrame(columns=["nip_penilai", "label"])
    no_links = pd.DataFrame(columns=["nip_penilai", "nip_dinilai"])
    disagreement = pd.DataFrame({"nip": ["a", "b"], "unit_kerja": "U", "sebaran": [3.0, 1.25]})
    competencies = pd.DataFrame({"nip": ["a"], "skor": [3.0], "skor_diri": [3.0]})
    got = standing_reasons(summary, no_raters, no_links, disagreement, competencies)
    assert got.set_index("nip")["teks"].to_dict() == {
        "a": "penilai sangat berbeda pendapat (rentang rata-rata 3,00)",
        "b": "penilai sangat berbeda pendapat (rentang rata-rata 1,25)",
    }


# --------------------------------------------------------------------------- rank_queue


def test_rank_queue_orders_by_summed_weight_then_name_and_joins_the_reasons():
    summary = people(
        ("a", "U", "baik"), ("b", "U", "baik"), ("c", "U", "sangat_baik"), ("d", "U", "baik")
    )
    summary["nama"] = ["Citra", "Bayu", "Agus", "Dewi"]
    reasons = pd.DataFrame(
        [
            ("a", "diri", "diri jauh"),  # 1
            ("b", "kurva", KURVA_TEKS),  # 4 + 3 = 7
            ("b", "penilai", "penilai lunak"),
            ("b", "penilai", "penilai lunak"),  # the same reason twice counts once
            ("c", "sebaran", "berbeda pendapat"),  # 2 + 1 = 3
            ("c", "tidak_lengkap", "data belum lengkap"),
            ("d", "tidak_lengkap", "data belum lengkap"),  # 1: ties with a, Citra < Dewi
            ("zzz", "kurva", KURVA_TEKS),  # not in the summary
        ],
        columns=["nip", "jenis", "teks"],
    )
    q = rank_queue(reasons, summary)
    assert list(q.columns) == ["nip", "nama", "unit_kerja", "predikat", "skor_prioritas", "alasan"]
    assert q["nip"].tolist() == ["b", "c", "a", "d"]
    assert q["skor_prioritas"].tolist() == [
        QUEUE_WEIGHTS["kurva"] + QUEUE_WEIGHTS["penilai"],
        QUEUE_WEIGHTS["sebaran"] + QUEUE_WEIGHTS["tidak_lengkap"],
        QUEUE_WEIGHTS["diri"],
        QUEUE_WEIGHTS["tidak_lengkap"],
    ]
    assert q.loc[0, "alasan"] == f"{KURVA_TEKS}; penilai lunak"


def test_rank_queue_of_no_reasons_is_an_empty_frame_with_the_columns():
    q = rank_queue(pd.DataFrame(columns=["nip", "jenis", "teks"]), people(("a", "U", "baik")))
    assert q.empty and "skor_prioritas" in q.columns


# ------------------------------------------------------------------------ the board on sample data


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> CalibrationBoard:
    return CalibrationBoard(sample_store(tmp_path_factory.mktemp("board")), SAMPLE_PERIODE)


def test_sample_unit_breaks_its_curve_and_only_it(board: CalibrationBoard):
    v = board.violations_by_unit().set_index("unit_kerja")
    assert v.loc[v["n_melanggar"] > 0].index.tolist() == [UNIT]
    assert set(board.distribution(UNIT)["status"]) == {"ok", "melanggar"}


def test_queue_of_the_unit_puts_its_over_represented_employees_first(board: CalibrationBoard):
    q = board.queue(UNIT)
    s = board.summary(UNIT)
    # Sangat Baik outnumbers Baik, which must be the largest group
    over = set(s.loc[s["predikat"] == "sangat_baik", "nip"])
    assert len(over) > (s["predikat"] == "baik").sum()
    curve = q.loc[q["alasan"].str.contains(KURVA_TEKS, regex=False)]
    assert set(curve["nip"]) == over
    assert q["skor_prioritas"].is_monotonic_decreasing
    assert q["skor_prioritas"].iloc[: len(over)].min() >= QUEUE_WEIGHTS["kurva"]


def test_queue_reasons_of_the_sample_write_numbers_with_a_decimal_comma(board: CalibrationBoard):
    reasons = board.queue(UNIT)["alasan"]  # a queue is per unit (no period-wide ratings read)
    spread = reasons.loc[reasons.str.contains("rentang rata-rata", regex=False)]
    assert len(spread)
    assert spread.str.contains(r"rentang rata-rata \d+,\d\d\)").all()
    assert not reasons.str.contains(r"\d\.\d").any()


def test_queue_filtered_by_level_keeps_the_curve_reasons_of_the_unit(board: CalibrationBoard):
    # a level where Sangat Baik does not outnumber Baik: over-represented only unit-wide
    s = board.summary(UNIT)
    per_level = s.groupby([s["nip"].map(board.levels), "predikat"]).size().unstack(fill_value=0)
    level = per_level.loc[
        (per_level["sangat_baik"] > 0) & (per_level["sangat_baik"] <= per_level["baik"])
    ].index[0]
    q = board.queue(UNIT, level)
    mine = board.summary(UNIT, level)
    assert set(q["nip"]) <= set(mine["nip"])
    flagged = set(q.loc[q["alasan"].str.contains(KURVA_TEKS, regex=False), "nip"])
    assert flagged == set(mine.loc[mine["predikat"] == "sangat_baik", "nip"])


def test_adjust_updates_only_that_employee_and_matches_a_full_rescore(tmp_path: Path):
    store = sample_store(tmp_path)
    b = CalibrationBoard(store, SAMPLE_PERIODE)
    s = b.summary(UNIT)
    sb = s.loc[s["predikat"] == "sangat_baik", "nip"].tolist()
    before = b.calibrated.copy()
    r1 = b.adjust(
        nip=sb[0], field="rating_hasil_kerja", new_value="sesuai", reason="bukti", who="F"
    )
    r2 = b.adjust(
        nip=sb[1], field="rating_hasil_kerja", new_value="di_bawah", reason="bukti", who="F"
    )
    assert (r1.predikat_before, r1.predikat_after) == ("sangat_baik", "baik")
    assert (r2.predikat_before, r2.predikat_after) == ("sangat_baik", "butuh_perbaikan")
    changed = before["predikat"].fillna("-") != b.calibrated["predikat"].fillna("-")
    assert sorted(changed[changed].index) == sorted(sb[:2])

    fresh = CalibrationBoard(store, SAMPLE_PERIODE)  # everything re-scored from the store
    cols = ["rating_hasil_kerja", "rating_perilaku", "predikat", "kinerja", "kotak"]
    pd.testing.assert_frame_equal(
        b.calibrated[cols].sort_index(), fresh.calibrated[cols].sort_index(), check_dtype=False
    )
    key = ["unit_kerja", "aturan", "predikat"]
    pd.testing.assert_frame_equal(
        b.distribution().sort_values(key, ignore_index=True),
        fresh.distribution().sort_values(key, ignore_index=True),
        check_dtype=False,
    )
    assert b.summary(UNIT, calibrated=False)["predikat"].equals(s["predikat"])  # raw view untouched


def test_adjust_refuses_an_empty_reason_or_author_and_an_unknown_nip(tmp_path: Path):
    store = sample_store(tmp_path)
    b = CalibrationBoard(store, SAMPLE_PERIODE)
    nip = b.summary(UNIT)["nip"].iloc[0]
    counts = row_counts(store)
    with pytest.raises(StoreError, match="Alasan"):
        b.adjust(nip=nip, field="rating_perilaku", new_value="sesuai", reason="  ", who="F")
    with pytest.raises(StoreError, match="fasilitator"):
        b.adjust(nip=nip, field="rating_perilaku", new_value="sesuai", reason="ada", who="")
    with pytest.raises(StoreError, match="tidak ada"):
        b.adjust(
            nip="000000000000000000",
            field="rating_perilaku",
            new_value="sesuai",
            reason="ada",
            who="F",
        )
    with pytest.raises(StoreError, match="belum punya penyesuaian"):
        b.undo(nip=nip, who="F")
    assert row_counts(store) == counts
    assert b.adjustments.empty


def test_minutes_frames_come_from_the_boards_log_as_last_read(tmp_path: Path):
    store = sample_store(tmp_path)
    a, b = CalibrationBoard(store, SAMPLE_PERIODE), CalibrationBoard(store, SAMPLE_PERIODE)
    s = a.summary(UNIT)
    nip = s.loc[s["predikat"] == "sangat_baik", "nip"].iloc[0]
    a.adjust(nip=nip, field="rating_hasil_kerja", new_value="sesuai", reason="bukti", who="F")

    log, dist, counts = b.minutes_frames(UNIT)  # pure: b has not re-read the store
    assert log.empty
    assert (counts["awal"] == counts["sesudah"]).all()

    b.refresh()
    log, dist, counts = b.minutes_frames(UNIT)
    assert log[["nip", "nama", "new_value", "reason"]].values.tolist() == [
        [nip, s.at[nip, "nama"], "sesuai", "bukti"]
    ]
    moved = counts.set_index("predikat")
    assert moved.at["sangat_baik", "sesudah"] == moved.at["sangat_baik", "awal"] - 1
    assert moved.at["baik", "sesudah"] == moved.at["baik", "awal"] + 1
    assert dist["predikat"].tolist() == b.distribution_table(UNIT)["predikat"].tolist()

    other = next(u for u in b.unit_names() if u != UNIT)
    assert b.minutes_frames(other)[0].empty
    log_all, dist_all, _ = b.minutes_frames()
    assert len(log_all) == 1 and dist_all.empty and "saran" in dist_all.columns


# --------------------------------------------------------------------------- rules in words


@pytest.mark.parametrize(
    ("org", "aturan", "predikat", "expected"),
    [
        ("baik", "maks", "baik", "paling banyak 70,0 % Baik"),
        ("baik", "terbanyak", "baik", "Baik kelompok terbanyak"),
        (
            "baik",
            "min_jumlah",
            "butuh_perbaikan+kurang_misconduct",
            "paling sedikit 1 pegawai Butuh Perbaikan atau Kurang/Misconduct",
        ),
        ("butuh_perbaikan", "min", "butuh_perbaikan", "paling sedikit 60,0 % Butuh Perbaikan"),
        ("sangat_kurang", "maks", "sangat_baik", "paling banyak 0,0 % Sangat Baik"),
    ],
)
def test_rule_text_says_the_rule_in_words_with_its_share(org, aturan, predikat, expected):
    assert rule_text(org, aturan, predikat) == expected


def test_curve_rows_show_words_and_match_before_by_rule_not_by_position():
    after = pd.DataFrame(
        [
            rule("maks", "baik", jumlah=5, batas=22, selisih=0),
            rule("terbanyak", "baik", jumlah=5, batas=9, selisih=4),
            rule("min_jumlah", "butuh_perbaikan+kurang_misconduct", jumlah=1, batas=1, selisih=0),
        ]
    )
    before = after.iloc[[2, 0, 1]].assign(jumlah=[0, 7, 7])  # another order, other counts
    rows = curve_rows(after, before)
    assert rows["jumlah_awal"].tolist() == [7, 7, 0]
    assert rows["status"].tolist() == ["terpenuhi", "melanggar", "terpenuhi"]
    assert rows["aturan"].tolist()[2] == (
        "paling sedikit 1 pegawai Butuh Perbaikan atau Kurang/Misconduct"
    )
    shown = " ".join(rows.astype(str).to_numpy().ravel())
    for code in ("maks", "min_jumlah", "butuh_perbaikan", "kurang_misconduct", "ok"):
        assert code not in shown.split()


def test_a_deviation_that_rounds_to_zero_is_shown_without_a_minus_sign():
    assert fmt(-0.001) == "0,00" and fmt(-0.004, 1) == "0,0" and fmt(-0.006) == "-0,01"
