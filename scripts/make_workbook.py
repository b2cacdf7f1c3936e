"""Write a thin workbook: a markdown cell, a parameters cell and one cell that builds the app.

Usage: python scripts/make_workbook.py NAME "Title" "What the page is for" "AppClass"
The notebook is written without outputs (as committed).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat


def workbook(title: str, purpose: str, app_class: str) -> nbformat.NotebookNode:
    """The notebook of one app."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {title}\n\n{purpose}"),
        nbformat.v4.new_code_cell(
            "# parameter: URL basis data; None = KINERJA_DB atau data contoh\nDB = None",
            metadata={"tags": ["parameters"]},
        ),
        nbformat.v4.new_code_cell(
            f"from kinerja.ui import {app_class}\n\napp = {app_class}.from_env(DB)\napp",
            metadata={"tags": ["nbval-ignore-output"]},
        ),
    ]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    return nb


if __name__ == "__main__":
    name, title, purpose, app_class = sys.argv[1:5]
    path = Path(__file__).resolve().parents[1] / "workbooks" / f"{name}.ipynb"
    nbformat.write(workbook(title, purpose, app_class), path)
    print(path)
