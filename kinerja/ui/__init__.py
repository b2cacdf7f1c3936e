"""Widget apps (ipywidgets) for the Voilà workbooks; each app is a class a test can drive."""

from kinerja.ui.formulir import FormulirApp
from kinerja.ui.kalibrasi import KalibrasiApp
from kinerja.ui.lokakarya import LokakaryaApp
from kinerja.ui.profil import ProfilApp

__all__ = ["FormulirApp", "KalibrasiApp", "LokakaryaApp", "ProfilApp"]
