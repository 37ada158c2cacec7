"""industrirapporter: helpers for the report notebooks and the build pipeline."""

__version__ = "0.1.0"
