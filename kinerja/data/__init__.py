"""Reference tables shipped with the package, read by :mod:`kinerja.reference`."""
