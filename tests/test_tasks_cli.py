"""``kinerja tasks …`` and ``kinerja import --data penugasan.csv`` (DESIGN §10)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kinerja import task_store as ts
from kinerja.cli import main
from kinerja.store import Store
from tests.store_fixtures import KEPALA, SMALL_UNIT, STAF_A, STAF_B, small_store


@pytest.fixture
def url(tmp_path):  # type: ignore[no-untyped-def]
    store = small_store(tmp_path)
    store.dispose()
    return store.url


def test_generate_stores_the_tasks_once(url, capsys):
    assert main(["tasks", "generate", "--periode", "2026", "--seed", "2", "--db", url]) == 0
    assert "16 penugasan baru" in capsys.readouterr().out  # 4 self, 3 + 3 hierarchy, 6 peer
    assert main(["tasks", "generate", "--periode", "2026", "--db", url, "--oleh", "sri"]) == 0
    assert "0 penugasan baru" in capsys.readouterr().out
    tasks = ts.tasks_in_force(Store(url), "2026")
    assert len(tasks) == 16 and set(tasks["oleh"]) != {"sri"}


def test_import_routes_a_penugasan_sheet_and_refuses_bad_rows(url, tmp_path, capsys):
    path = tmp_path / "penugasan.csv"
    rows = [["2026", STAF_A, KEPALA, "atasan"], ["2026", STAF_A, STAF_B, "atasan"]]
    pd.DataFrame(rows, columns=["periode", "nip_dinilai", "nip_penilai", "sumber"]).to_csv(
        path, index=False
    )
    assert main(["import", "--data", str(path), "--db", url]) == 2
    err = capsys.readouterr().err
    assert "baris 3, kolom nip_penilai" in err and "baris 2" not in err
    assert len(ts.tasks_in_force(Store(url), "2026")) == 0
    path.write_text(f"periode,nip_dinilai,nip_penilai,sumber\n2026,{STAF_A},{KEPALA},atasan\n")
    assert main(["import", "--data", str(path), "--db", url, "--oleh", "sri"]) == 0
    tasks = ts.tasks_in_force(Store(url), "2026")
    assert list(tasks["oleh"]) == ["sri"]


def test_tasks_import_limited_to_units(url, tmp_path, capsys):
    path = tmp_path / "tugas.csv"
    path.write_text(f"periode,nip_dinilai,nip_penilai,sumber\n2026,{STAF_A},{KEPALA},atasan\n")
    args = ["tasks", "import", "--data", str(path), "--db", url, "--unit", "Dinas Lain"]
    assert main(args) == 2
    assert "di luar unit" in capsys.readouterr().err
    assert main([*args[:-1], SMALL_UNIT]) == 0


def test_schedule_and_remind(url, tmp_path, capsys):
    assert main(["tasks", "generate", "--periode", "2025", "--db", url]) == 0
    args = ["tasks", "schedule", "--periode", "2025", "--dibuka", "2025-01-02"]
    assert main([*args, "--ditutup", "2025-01-31", "--db", url]) == 0
    found = ts.schedule(Store(url), "2025")
    assert found is not None and found.ditutup == date(2025, 1, 31)
    out = tmp_path / "pengingat.csv"
    remind = ["tasks", "remind", "--periode", "2025", "--unit", SMALL_UNIT, "--db", url]
    assert main([*remind, "--out", str(out)]) == 0
    table = pd.read_csv(out, dtype=str)
    assert list(table.columns)[:3] == ["Unit kerja", "NIP penilai", "Nama penilai"]
    assert STAF_B in set(table["NIP penilai"])
    capsys.readouterr()
    assert main([*remind, "--out", str(tmp_path / "x.txt")]) == 2
