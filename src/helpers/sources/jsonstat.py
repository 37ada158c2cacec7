"""Read JSON-stat datasets into tidy DataFrames.

Two forms reach the project, and both are read here:

- JSON-stat 2.0 (PxWebApi v2 and api/v0 table answers): ``{"class": "dataset", "id": [...],
  "size": [...], "dimension": {...}, "value": [...], "status": ...}``.
- The older form of SSB's ready-made datasets (``api/v0/dataset/{id}.json``), and JSON-stat 1.x
  bundles in general: ``{"dataset": {"dimension": {"id": [...], "size": [...], ...}, ...}}``,
  sometimes with a sibling ``_metadata`` object a recorder added (SSB URL, fetch time).

pyjstat was considered: it drops the ``status`` markers this project must keep apart from zero,
and it was last released in 2023, so the reader is this small module with its own tests.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

#: Markers whose cell has no number. SSB's ``-`` (nil) is a true zero and becomes 0.
NIL = "-"


class JSONStatError(ValueError):
    """The input is not a JSON-stat dataset of either form; the message says what is wrong."""


def read_jsonstat(obj: Mapping[str, Any] | str | bytes | Path) -> pd.DataFrame:
    """A JSON-stat dataset (2.0, or the older ``dataset`` form) as a tidy DataFrame.

    One row per cell; for every dimension a code column (the dimension id) and a label column
    (``<id>_label``), then ``value`` (float, NaN when the cell has no number) and ``status``
    (SSB's marker, "" when none). SSB's nil marker ``-`` on a missing value becomes 0 with
    status "-"; the other markers (``.``, ``..``, ``...``, ``:``) leave NaN, so a sum never
    reads "not available" as zero. ``attrs`` holds the dataset's ``label``, ``updated``,
    ``source``, ``note``, the dimension labels (``dimension_labels``), the ``form`` read
    ("json-stat 2.0" or "json-stat 1.x") and a recorder's ``_metadata`` when present.

    Raises ``JSONStatError`` naming what is malformed.
    """
    if isinstance(obj, Path):
        obj = obj.read_bytes()
    if isinstance(obj, (str, bytes)):
        try:
            obj = json.loads(obj)
        except json.JSONDecodeError as exc:
            raise JSONStatError(f"JSON-stat: not valid JSON ({exc})") from exc
    if not isinstance(obj, Mapping):
        raise JSONStatError(f"JSON-stat: expected an object, got {type(obj).__name__}")
    dataset, ids, sizes, form = _unwrap(obj)
    dims = dataset.get("dimension")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise JSONStatError("JSON-stat: 'id' must be a list of dimension ids")
    if not isinstance(sizes, list) or len(sizes) != len(ids):
        raise JSONStatError(
            f"JSON-stat: 'size' must be a list as long as 'id' ({len(ids)}), got {sizes!r}"
        )
    if not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes):
        raise JSONStatError(f"JSON-stat: 'size' must hold non-negative integers, got {sizes!r}")
    if not isinstance(dims, Mapping):
        raise JSONStatError("JSON-stat: 'dimension' is missing or not an object")

    n = math.prod(sizes)
    values = _cells(dataset.get("value"), n, "value", required=True)
    status = _cells(dataset.get("status"), n, "status", required=False)

    frame = pd.DataFrame(index=pd.RangeIndex(n))
    # JSON-stat stores cells in row-major order: the last dimension varies fastest
    positions = np.unravel_index(np.arange(n), sizes) if ids else ()
    dim_labels = {}
    for k, dim_id in enumerate(ids):
        codes, labels = _categories(dims, dim_id)
        if len(codes) != sizes[k]:
            raise JSONStatError(
                f"JSON-stat: dimension {dim_id!r} has {len(codes)} categories but size says "
                f"{sizes[k]}"
            )
        pos = positions[k]
        frame[dim_id] = np.asarray(codes, dtype=object)[pos] if n else []
        frame[f"{dim_id}_label"] = np.asarray(labels, dtype=object)[pos] if n else []
        dim_labels[dim_id] = str(dims[dim_id].get("label", dim_id))
    marks = ["" if s is None else str(s) for s in status]
    numbers = np.full(n, math.nan)
    for i, v in enumerate(values):
        if v is None:
            if marks[i] == NIL:
                numbers[i] = 0.0
        elif isinstance(v, bool) or not isinstance(v, (int, float)):
            raise JSONStatError(f"JSON-stat: value at position {i} is not a number: {v!r}")
        else:
            numbers[i] = float(v)
    frame["value"] = numbers
    frame["status"] = marks
    for key in ("label", "updated", "source", "note"):
        if key in dataset:
            frame.attrs[key] = dataset[key]
    frame.attrs["dimension_labels"] = dim_labels
    frame.attrs["form"] = form
    if isinstance(obj.get("_metadata"), Mapping):
        frame.attrs["_metadata"] = dict(obj["_metadata"])
    return frame


def _unwrap(obj: Mapping[str, Any]) -> tuple[Mapping[str, Any], Any, Any, str]:
    """The dataset object, its dimension ids and sizes, and which form it was."""
    if "id" in obj or obj.get("class") is not None or "version" in obj:
        if obj.get("class", "dataset") != "dataset":
            raise JSONStatError(f"JSON-stat: class is {obj.get('class')!r}, expected 'dataset'")
        return obj, obj.get("id"), obj.get("size"), "json-stat 2.0"
    # the older form: a bundle of named datasets (SSB names it "dataset"), ids inside dimension
    named = [k for k, v in obj.items() if not k.startswith("_") and isinstance(v, Mapping)]
    if "dataset" in named:
        named = ["dataset"]
    if len(named) != 1:
        raise JSONStatError(
            "JSON-stat: neither a 2.0 dataset ('class', 'id', 'size') nor a bundle with one "
            f"dataset (found keys {', '.join(map(str, obj)) or 'none'})"
        )
    dataset = obj[named[0]]
    dims = dataset.get("dimension")
    if not isinstance(dims, Mapping):
        raise JSONStatError(f"JSON-stat: dataset {named[0]!r} has no 'dimension' object")
    return dataset, dims.get("id"), dims.get("size"), "json-stat 1.x"


def _categories(dims: Mapping[str, Any], dim_id: str) -> tuple[list[str], list[str]]:
    dim = dims.get(dim_id)
    if not isinstance(dim, Mapping) or not isinstance(dim.get("category"), Mapping):
        raise JSONStatError(f"JSON-stat: dimension {dim_id!r} lacks a 'category' object")
    cat = dim["category"]
    index, label = cat.get("index"), cat.get("label") or {}
    if not isinstance(label, Mapping):
        raise JSONStatError(f"JSON-stat: category labels of {dim_id!r} are not an object")
    if index is None:
        # a single category may give only labels
        if len(label) != 1:
            raise JSONStatError(f"JSON-stat: dimension {dim_id!r} has no category index")
        ordered = list(label)
    elif isinstance(index, list):
        ordered = [str(c) for c in index]
    elif isinstance(index, Mapping):
        positions = sorted(index.items(), key=lambda kv: kv[1])
        if [p for _, p in positions] != list(range(len(positions))):
            raise JSONStatError(
                f"JSON-stat: category index of {dim_id!r} is not the positions 0..n-1"
            )
        ordered = [str(c) for c, _ in positions]
    else:
        raise JSONStatError(f"JSON-stat: category index of {dim_id!r} is neither list nor object")
    # SSB pads some labels with spaces (' Coal and coal products (ktonn)')
    return ordered, [str(label.get(c, c)).strip() for c in ordered]


def _cells(raw: Any, n: int, what: str, *, required: bool) -> list[Any]:
    """Dense list of ``n`` cells from JSON-stat's list, sparse object or single-string forms."""
    if raw is None:
        if required:
            raise JSONStatError(f"JSON-stat: '{what}' is missing")
        return [None] * n
    if isinstance(raw, list):
        if len(raw) != n:
            raise JSONStatError(
                f"JSON-stat: '{what}' has {len(raw)} cells, the dimension sizes give {n}"
            )
        return raw
    if isinstance(raw, Mapping):
        out: list[Any] = [None] * n
        for key, v in raw.items():
            try:
                pos = int(key)
            except ValueError as exc:
                raise JSONStatError(f"JSON-stat: '{what}' key {key!r} is not a position") from exc
            if not 0 <= pos < n:
                raise JSONStatError(f"JSON-stat: '{what}' position {pos} is outside 0..{n - 1}")
            out[pos] = v
        return out
    if isinstance(raw, str) and what == "status":
        return [raw] * n
    raise JSONStatError(f"JSON-stat: '{what}' has an unexpected form ({type(raw).__name__})")
