"""Migration scripts, one per schema change, named ``NNNN_what.py`` with ``revision = "NNNN"``."""
