"""Reference tables shipped with the package (regulations, dictionary), read by :mod:`kinerja.reference`."""
