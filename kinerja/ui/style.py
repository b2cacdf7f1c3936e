"""The apps' stylesheet: readable text in every app and mode (DESIGN §8).

Every text people read has a contrast of at least 4.5:1 against what is
behind it (3:1 for large text), projector mode included.  JupyterLab's light
theme, which Voilà's ``lab`` template uses, falls short in a few places that
the apps show; the rules below fix them:

- inactive tab titles and accordion headers use ``--jp-ui-font-color2``
  (black at 54 % on grey: 4.4:1) — darkened;
- the coloured buttons ``warning`` (white on orange, 2.7:1), ``success``
  (4.1:1) and ``info`` (3.5:1) — darker shades of the same hues (5.6, 5.1
  and 5.7:1);
- helper text (``kinerja-muted``) is ``#555`` (7.5:1 on white).

Kalibrasi's projector mode (``kinerja-proyektor``) is white on black in large
type: every panel, tab, table and message box turns dark, so no white text
lands on a white panel; links and muted text get light shades.

:data:`APP_CSS` goes into every app once (:func:`kinerja.ui.common.header`,
and the Lokakarya app); :data:`PROJECTOR_CSS` into Kalibrasi.
"""

from __future__ import annotations

#: Darker shades of JupyterLab's button colours (white text on them ≥ 4.5:1).
BUTTON_COLOURS = {
    "warning": "#a84e00",
    "success": "#2e7d32",
    "info": "#00727f",
}
MUTED = "#555555"

APP_CSS = (
    "<style>\n"
    ".jupyter-widgets.jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab,"
    " .jupyter-widgets.widget-tab > .p-TabBar .p-TabBar-tab,"
    " .jupyter-widget-Collapse-header { color: rgba(0, 0, 0, 0.87); }\n"
    + "".join(
        f".jupyter-button.mod-{kind}, .jupyter-button.mod-{kind}.mod-active "
        f"{{ background-color: {colour}; color: #fff; }}\n"
        for kind, colour in BUTTON_COLOURS.items()
    )
    + f".kinerja-muted {{ color: {MUTED}; }}\n"
    # tab titles take the width they need (no "Penilai & kesepakata"), counts stay on one line
    ".jupyter-widgets.jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab { flex: 0 0 auto; }\n"
    ".kinerja-bars td:last-child { white-space: nowrap; }\n"
    ".kinerja-scroll { max-height: 420px; overflow-y: auto; }\n"
    ".kinerja-scroll thead th { position: sticky; top: 0; }\n"
    "</style>"
)

_P = ".kinerja-kalibrasi.kinerja-proyektor"
PROJECTOR_CSS = (
    "<style>\n"
    f"{_P} {{ font-size: 20px; background: #000; color: #fff; }}\n"
    f"{_P} .widget-html-content, {_P} label, {_P} .widget-label "
    "{ font-size: 20px !important; color: #fff !important; }\n"
    # the tab panel, the tab bar and the accordion: dark instead of white
    f"{_P} .widget-tab-contents, {_P} .jupyter-widget-TabPanel-tabContents, "
    f"{_P} .lm-TabPanel-stackedPanel {{ background: #000 !important; color: #fff; }}\n"
    f"{_P} .lm-TabBar-tab, {_P} .p-TabBar-tab "
    "{ background: #222 !important; color: #fff !important; font-size: 18px; }\n"
    f"{_P} .lm-TabBar-tab.lm-mod-current, {_P} .p-TabBar-tab.p-mod-current "
    "{ background: #000 !important; color: #ffeb3b !important; }\n"
    f"{_P} .widget-inline-hbox > .widget-label "
    "{ width: auto !important; max-width: none !important; margin-right: 8px; }\n"
    f"{_P} .kinerja-table {{ font-size: 20px; color: #fff; }}\n"
    f"{_P} .kinerja-table td {{ border-color: #888; }}\n"
    f"{_P} .kinerja-table th {{ background: #333; color: #ffeb3b; border-color: #888; }}\n"
    f"{_P} .kinerja-msg {{ background: #111 !important; color: #fff !important; }}\n"
    f"{_P} .kinerja-muted, {_P} .kinerja-bar-label {{ color: #ddd !important; }}\n"
    f"{_P} a {{ color: #9ecbff !important; }}\n"
    f"{_P} .kinerja-demo {{ color: #1d2630 !important; }}\n"
    f"{_P} .kinerja-box button {{ font-size: 22px; height: 90px; }}\n"
    ".kinerja-box button { height: 64px; font-weight: bold; white-space: pre-line; }\n"
    "</style>"
)
