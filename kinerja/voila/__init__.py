"""The landing page of `kinerja serve` (a Voilà template written by :mod:`kinerja.serve`)."""
