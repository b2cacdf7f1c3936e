"""The README's Python example runs as written (on the bundled sample data)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_python_example_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks, "README has no Python example"
    shutil.copytree(ROOT / "sample_data", tmp_path / "sample_data")
    here = Path.cwd()
    os.chdir(tmp_path)  # the example names relative paths
    try:
        namespace: dict[str, object] = {}
        exec(compile(blocks[0], "README.md", "exec"), namespace)  # noqa: S102 - our own docs
    finally:
        os.chdir(here)
    summary = namespace["results"].employee_summary(  # type: ignore[attr-defined]
        namespace["store"], "2025", namespace["nip"]
    )
    assert summary["rating_hasil_kerja"].tolist() == ["di_atas"]
    assert bool(summary["dikalibrasi"].iloc[0]) is (
        summary["rating_hasil_kerja_awal"].iloc[0] != "di_atas"
    )
