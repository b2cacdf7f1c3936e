"""Every ``kinerja`` command written in the user docs' shell blocks parses as written.

The README and ``docs/*.md`` show office staff commands to copy; a renamed or
missing flag there fails here (argparse exits on an unknown flag, a missing
required one or a value outside its choices).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from kinerja.cli import _parser

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
ENV_ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")


def documented_commands() -> list[tuple[str, list[str]]]:
    """(file, argv after ``kinerja``) of each ``kinerja`` line in a ```bash block."""
    found = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
            for line in block.splitlines():
                words = shlex.split(line, comments=True)
                while words and ENV_ASSIGNMENT.match(words[0]):
                    words = words[1:]
                if words and words[0] == "kinerja":
                    found.append((path.name, words[1:]))
    return found


COMMANDS = documented_commands()


def test_the_docs_show_the_self_service_commands() -> None:
    shown = {(name, tuple(argv[:2])) for name, argv in COMMANDS}
    for name in ("README.md", "penilaian-mandiri.md"):
        for command in (("users", "add-from-roster"), ("tasks", "generate"), ("tasks", "schedule")):
            assert (name, command) in shown
        assert (name, ("tasks", "remind")) in shown


@pytest.mark.parametrize(("name", "argv"), COMMANDS, ids=[" ".join(a[:2]) for _, a in COMMANDS])
def test_a_documented_command_parses(name: str, argv: list[str]) -> None:
    args = _parser().parse_args(argv)
    assert args.command == argv[0], name
