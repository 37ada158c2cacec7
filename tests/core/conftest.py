"""Fixtures shared by the tests of ``helpers.core`` that read the recorded statistics."""

from __future__ import annotations

import pytest
from statistics_support import require_recorded

from helpers.sources import external
from helpers.sources import statistics as sources


@pytest.fixture
def recorded(tmp_path, monkeypatch):
    """The recorded copies as the only source: downloads go to a temporary store, and no
    ``$INDUSTRIRAPPORTER_STATISTICS`` choice from the caller's environment applies."""
    root = require_recorded()
    monkeypatch.setenv(external.EXTERNAL_DIR_ENV, str(root))
    monkeypatch.setenv(external.EXTERNAL_STORE_ENV, str(tmp_path / "store"))
    monkeypatch.delenv(sources.SOURCE_ENV, raising=False)
    return root
