"""Progress of an import (issue 14): the store's callback and the terminal's bar."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kinerja.cli import main
from kinerja.labels import messages as msg
from kinerja.loaders import load_dataset
from kinerja.progress import TerminalProgress, bar
from kinerja.store import Store, sqlite_url
from tests.store_fixtures import SAMPLE_DATA

STEPS = msg.IMPORT_STEPS


def record(calls: list[tuple[str, float]]):  # type: ignore[no-untyped-def]
    return lambda step, fraction: calls.append((step, fraction))


def test_import_reports_every_step_with_growing_fractions_ending_at_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setitem(Store._append.__kwdefaults__, "chunk", 5_000)  # several rating chunks
    dataset = load_dataset(SAMPLE_DATA)
    store = Store(sqlite_url(tmp_path / "p.sqlite"))
    calls: list[tuple[str, float]] = []
    store.import_dataset(dataset, who="uji", progress=record(calls))
    store.dispose()
    fractions = [f for _, f in calls]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and fractions[0] == 0.0
    steps = [s for s, _ in calls]
    assert steps[-1] == STEPS["done"]
    scoring = STEPS["scoring"].format(periode="2025")
    for name in (STEPS["reference"], STEPS["check"], STEPS["ratings"], STEPS["work"], scoring):
        assert name in steps
    chunks = -(-len(dataset.penilaian) // 5_000)
    ratings = [f for s, f in calls if s == STEPS["ratings"]]
    assert len(ratings) == 1 + chunks  # the step's start, then once per chunk
    assert len(set(ratings)) == len(ratings)  # each chunk moves the bar


def test_an_import_that_changes_nothing_still_ends_at_one(tmp_path: Path):
    dataset = load_dataset(SAMPLE_DATA)
    store = Store(sqlite_url(tmp_path / "p.sqlite"))
    store.import_dataset(dataset, who="uji")
    calls: list[tuple[str, float]] = []
    store.import_dataset(dataset, who="uji", progress=record(calls))
    store.dispose()
    assert calls[-1] == (STEPS["done"], 1.0)
    assert [f for _, f in calls] == sorted(f for _, f in calls)


def test_kinerja_import_prints_the_steps_on_standard_output_off_a_terminal(tmp_path: Path, capsys):
    db = sqlite_url(tmp_path / "cli.sqlite")
    assert main(["import", "--data", str(SAMPLE_DATA), "--db", db, "--oleh", "hr"]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[0] == msg.PROGRESS_LINE.format(percent=0, step=STEPS["reference"])
    assert lines[-2] == msg.PROGRESS_LINE.format(percent=100, step=STEPS["done"])
    assert lines[-1].startswith("tersimpan (impor #1)")
    assert any(STEPS["ratings"] in line for line in lines)
    assert len(lines) == len(set(lines))  # one line per step, not per chunk
    assert out.err == ""  # standard error keeps problems and failures only


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_tty_the_bar_is_redrawn_in_place_and_ended_by_a_newline():
    stream = FakeTty()
    show = TerminalProgress(stream)
    show("Menyimpan penilaian", 0.25)
    show("Menyimpan penilaian", 0.5)
    show("Selesai", 1.0)
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.endswith("\n") and text.count("\n") == 1
    assert bar(0.5) in text and "Selesai" in text.split("\r")[-1]
    assert bar(0.5, width=10) == "[#####.....]  50%"


def test_a_bar_left_open_by_a_failed_import_is_ended_before_the_message():
    stream = FakeTty()
    show = TerminalProgress.for_cli(stream, io.StringIO())
    show("Menyimpan penilaian", 0.4)
    show.end()
    show.end()  # ending twice writes one newline
    assert stream.getvalue().count("\n") == 1 and stream.getvalue().endswith("\n")


def test_the_bar_goes_to_standard_error_only_on_a_terminal():
    tty, log = FakeTty(), io.StringIO()
    assert TerminalProgress.for_cli(tty, log).stream is tty
    plain = io.StringIO()
    assert TerminalProgress.for_cli(plain, log).stream is log
