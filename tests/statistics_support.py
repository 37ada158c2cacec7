"""Where the tests find the recorded copies of the published statistics."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "public" / "external"
RECORDED = Path(os.environ.get("INDUSTRIRAPPORTER_EXTERNAL_DIR") or SHARED)


def require_recorded(*relative: str) -> Path:
    """The recorded-copies directory; skip (with the reason) when it or a file is absent."""
    if not RECORDED.is_dir():
        pytest.skip(
            f"recorded copies not found at {RECORDED}: set INDUSTRIRAPPORTER_EXTERNAL_DIR to the "
            "directory holding them (CI uses ../shared/public/external)"
        )
    for rel in relative:
        if not (RECORDED / rel).is_file():
            pytest.skip(f"recorded copy {rel} not found in {RECORDED} "
                        "(INDUSTRIRAPPORTER_EXTERNAL_DIR)")
    return RECORDED


def one(frame, **where):
    """The one row of ``frame`` whose columns have the given values (fails unless exactly one)."""
    sel = frame
    for col, val in where.items():
        sel = sel[sel[col] == val]
    assert len(sel) == 1, f"{where} matched {len(sel)} rows"
    return sel.iloc[0]


def needs_external(what: str) -> pytest.MarkDecorator:
    """Skip unless ``$INDUSTRIRAPPORTER_EXTERNAL_DIR`` names a directory; ``what`` says which
    files the test needs ("the EU 2023 files")."""
    value = os.environ.get("INDUSTRIRAPPORTER_EXTERNAL_DIR", "")
    return pytest.mark.skipif(
        not value or not Path(value).is_dir(),
        reason=f"$INDUSTRIRAPPORTER_EXTERNAL_DIR is unset or absent: {what} are needed",
    )
