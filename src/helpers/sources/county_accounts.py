"""Read SSB table 11713 (fylkesfordelt nasjonalregnskap) from the statbank export in Excel.

The recorded copy is an export by Telemark fylkeskommune's analysts: sheet ``BNPB`` holds one
row per region × industry × year with five measures as columns. Its quirks, handled here:

- Region cells carry code and name together ("06 Buskerud (-2019)").
- Industry cells carry no code; sub-groups are marked with "¬" ("¬¬" one level deeper). The
  label without the marker is the key.
- The export turned SSB's ".." into blanks or 0: the 2008 volume change (no previous year) is
  0, a volume change beside a missing value is 0, and the "Fastlands-Norge" rows are 0 in every
  region. These cells are read as not available (NaN, status ".."), never as zero.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

SHEET = "BNPB"
#: Column header in the export → (measure code, unit).
MEASURES: dict[str, tuple[str, str]] = {
    "Bruttoprodukt i basisverdi. Løpende priser (mill. kr)": ("bruttoprodukt", "mill. kr"),
    "Bruttoprodukt i basisverdi. Volumendring, årlig (prosent)": ("volumendring", "prosent"),
    "Bruttoinvestering i fast realkapital. Løpende priser (mill. kr)": (
        "bruttoinvestering", "mill. kr"),
    "Sysselsatte personer (1 000 personer)": ("sysselsatte", "1 000 personer"),
    "Lønnskostnader. Løpende priser (mill. kr)": ("lonnskostnader", "mill. kr"),
}
NOT_AVAILABLE = ".."
MAINLAND = "Fastlands-Norge"
MANUFACTURING = "Industri"
COLUMNS = [
    "region", "region_label", "industry", "industry_label", "industry_level", "subgroup",
    "manufacturing_subgroup", "parent_industry", "year", "measure", "measure_label", "unit",
    "value", "status",
]


class CountyAccountsError(ValueError):
    """The workbook is not the 11713 export expected; the message names file and problem."""


def read_11713_xlsx(path: Path | str, encoding: str | None = None) -> pd.DataFrame:
    """The ``BNPB`` sheet as a tidy frame, one row per region × industry × year × measure.

    Columns: ``region`` (code, e.g. "06"; "0" is the whole country), ``region_label``
    ("Buskerud (-2019)"), ``industry`` and ``industry_label`` (the label without the "¬"
    markers; the export has no industry codes), ``industry_level`` (0 for an industry, 1 for
    "¬", 2 for "¬¬"), ``subgroup`` (marked with "¬"), ``manufacturing_subgroup`` (a "¬" group
    under "Industri"), ``parent_industry``, ``year``, ``measure`` (bruttoprodukt, volumendring,
    bruttoinvestering, sysselsatte, lonnskostnader), ``measure_label``, ``unit``, ``value``,
    ``status`` ("" or ".." for a cell the export left blank or zeroed).
    """
    path = Path(path)
    try:
        raw = pd.read_excel(path, sheet_name=SHEET, engine="openpyxl")
    except ValueError as exc:  # pandas: "Worksheet named 'BNPB' not found"
        raise CountyAccountsError(f"{path}: no sheet {SHEET!r} ({exc})") from exc
    missing = [c for c in ("Region", "Næring", "År", *MEASURES) if c not in raw.columns]
    if missing:
        raise CountyAccountsError(
            f"{path}, sheet {SHEET!r}: missing column(s) {', '.join(missing)}"
        )
    regions = raw["Region"].astype(str).str.strip()
    split = regions.str.extract(r"^(\d+)\s+(.+)$")
    if split[0].isna().any():
        bad = regions[split[0].isna()].iloc[0]
        raise CountyAccountsError(f"{path}, sheet {SHEET!r}: region {bad!r} has no code")
    industries = raw["Næring"].astype(str)
    level = industries.str.extract(r"^(¬*)")[0].str.len()
    label = industries.str.replace(r"^¬*\s*", "", regex=True).str.strip()
    parents = _parents(list(dict.fromkeys(zip(label, level, strict=True))))
    base = pd.DataFrame({
        "region": split[0],
        "region_label": split[1].str.strip(),
        "industry": label,
        "industry_label": label,
        "industry_level": level.astype(int),
        "subgroup": level > 0,
        "parent_industry": label.map(parents).fillna(""),
        "year": pd.to_numeric(raw["År"], errors="raise").astype(int),
    })
    base["manufacturing_subgroup"] = base["subgroup"] & (base["parent_industry"] == MANUFACTURING)
    frames = []
    price_missing = raw[next(iter(MEASURES))].isna()
    for header, (code, unit) in MEASURES.items():
        values = pd.to_numeric(raw[header], errors="coerce").astype(float)
        lost = values.isna()
        if code == "volumendring":
            # no previous year in 2008, or no level to change: the export wrote 0
            lost |= (base["year"] == base["year"].min()) | price_missing
        lost |= base["industry"] == MAINLAND
        part = base.copy()
        part["measure"], part["measure_label"], part["unit"] = code, header, unit
        part["value"] = values.mask(lost, math.nan)
        part["status"] = lost.map({True: NOT_AVAILABLE, False: ""})
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)[COLUMNS]
    out.attrs["label"] = "11713: Fylkesfordelt nasjonalregnskap, etter region, næring og år"
    return out


def _parents(ordered: list[tuple[str, int]]) -> dict[str, str]:
    """Each marked industry's parent: the nearest earlier industry one level up."""
    out: dict[str, str] = {}
    stack: list[tuple[str, int]] = []
    for name, lvl in ordered:
        while stack and stack[-1][1] >= lvl:
            stack.pop()
        if lvl > 0 and stack:
            out[name] = stack[-1][0]
        stack.append((name, lvl))
    return out


def county_code(region: str) -> str:
    """Two-digit county code from a region code ("6" → "06"); "0" stays the whole country."""
    text = str(region).strip()
    return text if text == "0" or not re.fullmatch(r"\d+", text) else text.zfill(2)
