"""What is asked of SSB: selections written as PxWebApi v2 and api/v0 request bodies, table
numbers and dates checked, and JSON-stat answers read into tidy DataFrames."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

from helpers.sources import jsonstat
from helpers.sources.ssb_http import SSBFormatError

#: A selection: variable code → value codes (``["*"]`` for all), or the v2 list form.
Selection = Mapping[str, Sequence[str]] | Sequence[Mapping[str, Any]]


def read_jsonstat(obj: Mapping[str, Any] | str | bytes) -> pd.DataFrame:
    """A JSON-stat dataset as a tidy DataFrame (see ``helpers.sources.jsonstat``); a malformed
    one raises ``SSBFormatError``."""
    try:
        return jsonstat.read_jsonstat(obj)
    except jsonstat.JSONStatError as exc:
        raise SSBFormatError(str(exc)) from exc


def v2_body(selection: Selection, codelists: Mapping[str, str] | None = None) -> dict[str, Any]:
    """PxWebApi v2 request body from ``{variable: [codes]}`` (or an already built list)."""
    if isinstance(selection, Mapping):
        items = []
        for var, vals in selection.items():
            _check_values(var, vals)
            item: dict[str, Any] = {"variableCode": var, "valueCodes": list(vals)}
            if codelists and var in codelists:
                item["codelist"] = codelists[var]
            items.append(item)
        return {"selection": items}
    return {"selection": [dict(s) for s in selection]}


def v0_body(selection: Selection, codelists: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The equivalent api/v0 query (``"*"`` becomes the ``all`` filter; codelists become
    ``agg:``/``vs:`` filters as given)."""
    pairs = (
        [(s["variableCode"], s["valueCodes"], s.get("codelist")) for s in selection]
        if not isinstance(selection, Mapping)
        else [(k, v, (codelists or {}).get(k)) for k, v in selection.items()]
    )
    query = []
    for var, vals, codelist in pairs:
        _check_values(var, vals)
        vals = list(vals)
        if vals == ["*"]:
            sel: dict[str, Any] = {"filter": "all", "values": ["*"]}
        else:
            sel = {"filter": codelist or "item", "values": vals}
        query.append({"code": var, "selection": sel})
    return {"query": query, "response": {"format": "json-stat2"}}


def _check_values(var: str, vals: Any) -> None:
    if isinstance(vals, str) or not isinstance(vals, Sequence) or not vals:
        raise ValueError(
            f"selection for variable {var!r} must be a non-empty list of value codes, got {vals!r}"
        )


def checked_table_id(table_id: str | int) -> str:
    """An SSB table number as text ("11561"); anything else is a ``ValueError``."""
    text = str(table_id).strip()
    if not text.isalnum():
        raise ValueError(f"table_id must be an SSB table number such as '11561', got {table_id!r}")
    return text


def iso_date(on: date | str) -> str:
    """A date (or "YYYY-MM-DD" text) as "YYYY-MM-DD"; anything else is a ``ValueError``."""
    if isinstance(on, date):
        return on.isoformat()
    try:
        return date.fromisoformat(str(on)).isoformat()
    except ValueError as exc:
        raise ValueError(f"date must be YYYY-MM-DD, got {on!r}") from exc
