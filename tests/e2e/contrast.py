"""Readability checks a browser test runs on a served page (DESIGN §8, §11).

- :func:`contrast_failures`: every visible text (text nodes, form-control
  values and placeholders, SVG ``<text>`` inline or inside an
  ``<img src="data:image/svg+xml,…">``) whose WCAG 2 contrast against its
  effective background is below 4.5:1 (3:1 for large text: at least 24 px,
  or at least 18.66 px bold).  The colour and background come from computed
  styles: the background is found by walking up the ancestors and
  compositing every semi-transparent background over the ones below it
  (white canvas at the bottom); element opacity fades the text.  Disabled
  controls are exempt, as WCAG exempts inactive components.
- :func:`visible_text`: the page's visible text (``innerText``) plus the text
  of every SVG chart and the chosen option of every dropdown, for the
  "labels, never codes" check (:func:`tests.display_codes.codes_in`).

Both are plain functions over a Playwright ``Page`` so every app's test can use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page


def _script(name: str) -> str:
    """A JavaScript function from a file beside this one, without its leading comment line."""
    text = Path(__file__).with_name(name).read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("//"))


_JS = _script("contrast.js")


@dataclass(frozen=True)
class Contrast:
    """One piece of text and its contrast against its effective background."""

    text: str
    where: str
    kind: str
    ratio: float
    need: float
    fg: tuple[float, ...]
    bg: tuple[int, ...]
    size: str

    def __str__(self) -> str:
        return (
            f"{self.ratio:.2f} < {self.need} {self.kind} {self.text!r} at {self.where} "
            f"(color {self.fg} on {self.bg}, {self.size})"
        )


def measure(page: Page, root: str = "body") -> list[Contrast]:
    """Every visible text under ``root`` with its contrast ratio."""
    rows = page.evaluate(_JS, root)
    return [
        Contrast(
            text=r["text"],
            where=r["where"],
            kind=r["kind"],
            ratio=float(r["ratio"]),
            need=float(r["need"]),
            fg=tuple(r["fg"]),
            bg=tuple(r["bg"]),
            size=r["size"],
        )
        for r in rows
    ]


def contrast_failures(page: Page, root: str = "body") -> list[Contrast]:
    """The visible texts under ``root`` below the WCAG AA contrast they need."""
    return [c for c in measure(page, root) if c.ratio < c.need]


_TEXT_JS = _script("visible_text.js")


def visible_text(page: Page) -> str:
    """What a person can read on the page: ``innerText`` plus every SVG chart's text."""
    return str(page.evaluate(_TEXT_JS))
