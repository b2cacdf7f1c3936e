"""Widget apps (ipywidgets) for the Voilà workbooks; each app is a class a test can drive."""

from kinerja.ui.formulir import FormulirApp

__all__ = ["FormulirApp"]
