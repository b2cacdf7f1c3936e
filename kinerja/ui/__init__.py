"""Widget apps (ipywidgets) for the Voilà workbooks; each app is a class a test can drive.

The apps are imported lazily: a Formulir kernel does not pay for Altair and
vl-convert, which only the profile and the workshop need.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_APPS = {
    "FormulirApp": "kinerja.ui.formulir",
    "KalibrasiApp": "kinerja.ui.kalibrasi",
    "LokakaryaApp": "kinerja.ui.lokakarya",
    "ProfilApp": "kinerja.ui.profil",
}

__all__ = sorted(_APPS)


def __getattr__(name: str) -> Any:
    if name in _APPS:
        return getattr(import_module(_APPS[name]), name)
    raise AttributeError(f"module 'kinerja.ui' has no attribute {name!r}")
