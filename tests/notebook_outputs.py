"""Read what an executed report notebook displayed (shared by the notebook tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat


def _outputs(result: Any) -> list[dict]:
    executed = next(Path(result.out_dir).glob("*.ipynb"))
    nb = nbformat.read(executed, as_version=4)
    return [out for cell in nb.cells for out in cell.get("outputs", [])]


def executed_outputs(result: Any, *, allow_stderr: bool = True) -> str:
    """All outputs of the executed notebook as one text; fails on any error output (and on
    stderr output unless ``allow_stderr``)."""
    parts = []
    for out in _outputs(result):
        assert out.get("output_type") != "error", out
        if not allow_stderr:
            assert out.get("name") != "stderr", out.get("text")
        parts.append(json.dumps(out.get("data", {}), ensure_ascii=False))
        parts.append(out.get("text", ""))
    return "\n".join(parts)


def per_output(result: Any) -> list[str]:
    """One string per displayed output (an output's plain and rich forms count once)."""
    return [json.dumps(out.get("data", {}), ensure_ascii=False) + out.get("text", "")
            for out in _outputs(result)]
