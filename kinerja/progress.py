"""Progress of a long import: the steps of :meth:`kinerja.store.Store.import_dataset`.

The store calls a ``progress(step, fraction)`` callback (step text in Bahasa
Indonesia, share done from 0.0 to 1.0); :class:`TerminalProgress` shows it
on a terminal (``kinerja import``) and the Formulir's import tab on a
progress bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from kinerja.labels import messages as msg

#: A progress callback: (step text, share done).
ProgressCallback = Callable[[str, float], None]

#: Share of the import done at the end of each step (the results of the periods take the rest).
STEP_END: dict[str, float] = {"reference": 0.05, "check": 0.15, "ratings": 0.6, "work": 0.65}


class ImportProgress:
    """Reports an import's steps to a callback (none: nothing), never going backwards."""

    def __init__(self, callback: ProgressCallback | None):
        self.callback = callback
        self.done = 0.0

    def __call__(self, step: str, fraction: float, **fields: str) -> None:
        """Report ``step`` (a key of ``IMPORT_STEPS``; ``fields`` fill its template)."""
        if self.callback is None:
            return
        self.done = max(self.done, min(1.0, float(fraction)))
        self.callback(msg.IMPORT_STEPS[step].format(**fields), self.done)

    def span(self, step: str, start: float, end: float) -> Callable[[float], None] | None:
        """A callback for the share done within one step, mapped onto [start, end]."""
        if self.callback is None:
            return None
        return lambda share: self(step, start + (end - start) * share)


def bar(fraction: float, width: int = 30) -> str:
    """A text bar: ``[#########.....................]  30%``."""
    share = min(1.0, max(0.0, fraction))
    filled = round(share * width)
    return f"[{'#' * filled}{'.' * (width - filled)}] {round(100 * share):3d}%"


class TerminalProgress:
    """Shows progress on a terminal stream.

    On a TTY: one line redrawn in place (``\\r``), ended when the import is
    done (or by :meth:`end` when it fails).  Otherwise (a log, a pipe): one
    plain line per step.
    """

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.tty = is_tty(stream)
        self.step: str | None = None
        self._open = False  # a bar line is drawn and not ended yet

    @classmethod
    def for_cli(cls, stderr: TextIO, stdout: TextIO) -> TerminalProgress:
        """The bar on standard error when it is a TTY, else step lines on standard output.

        Standard error off a TTY keeps its contract: problems, or one line
        when the environment fails (DESIGN.md §7), nothing else.
        """
        return cls(stderr if is_tty(stderr) else stdout)

    def __call__(self, step: str, fraction: float) -> None:
        if self.tty:
            self.stream.write(f"\r{bar(fraction)} {step:<45.45}")
            self._open = fraction < 1.0
            if not self._open:
                self.stream.write("\n")
        elif step != self.step:
            percent = round(100 * min(1.0, max(0.0, fraction)))
            self.stream.write(msg.PROGRESS_LINE.format(percent=percent, step=step) + "\n")
        self.step = step
        self.stream.flush()

    def end(self) -> None:
        """End a bar line left open (an import that failed), so a message starts on its own."""
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False


def is_tty(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (a stream without ``isatty`` is not)."""
    return bool(getattr(stream, "isatty", lambda: False)())


__all__ = ["STEP_END", "ImportProgress", "ProgressCallback", "TerminalProgress", "bar", "is_tty"]
