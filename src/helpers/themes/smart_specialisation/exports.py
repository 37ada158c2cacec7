"""The Balassa index and shift-share on published mainland goods exports by SITC group and county.
"""

from __future__ import annotations

import pandas as pd

from helpers.core import data
from helpers.methods import regional

from .common import BALASSA_REFERENCES, EXPORTS, VIKEN_PARTS, _check_county


def _sitc(year: int) -> pd.DataFrame:
    exp = data.load(EXPORTS)
    sel = exp[(exp["year"] == year) & exp["industry"].str.startswith("SITC")
              & ~exp["industry"].str.startswith("SITC 03")]
    return sel[["region", "industry", "value"]]


def export_years() -> list[int]:
    """Years with mainland exports by SITC group and county in the data."""
    exp = data.load(EXPORTS)
    return sorted(int(y) for y in exp.loc[exp["industry"].str.startswith("SITC"), "year"].unique())


def export_year_for(year: int) -> int | None:
    """The latest year with SITC exports by county not after ``year`` (None if none)."""
    years = [y for y in export_years() if y <= year]
    return years[-1] if years else None


def _exports_of(region: str, year: int) -> pd.Series:
    frame = _sitc(year)
    if region in ("Viken", "viken"):
        return regional.aggregate(frame, VIKEN_PARTS)
    if region in ("Norge", "norge"):
        region = "Hele landet"
    series = frame[frame["region"] == region].set_index("industry")["value"].astype(float)
    if series.empty:
        raise ValueError(f"no SITC exports for {region!r} in {year} in dataset {EXPORTS}")
    return series


def export_balassa(county: str, reference: str, year: int) -> pd.DataFrame:
    """Balassa index on mainland goods exports by SITC group: county against reference.

    ``reference`` is a key of ``BALASSA_REFERENCES``. SITC 03 (fish) is left out because it is
    part of SITC 0+1; the seven remaining groups add up to the total.
    """
    _check_county(county)
    if reference not in BALASSA_REFERENCES:
        raise ValueError(f"unknown reference {reference!r}; valid: {', '.join(BALASSA_REFERENCES)}")
    region = _exports_of(county, year)
    ref = _exports_of(reference, year)
    index = regional.balassa(region, ref)
    out = pd.DataFrame({
        "varegruppe": region.index,
        "eksport_mill_kr": region.to_numpy(),
        "andel_region_pct": (regional.shares(region) * 100).to_numpy(),
        "andel_referanse_pct": (regional.shares(ref).reindex(region.index) * 100).to_numpy(),
        "balassa": index.to_numpy(),
    })
    return out.sort_values("balassa", ascending=False).reset_index(drop=True)

def balassa_sensitivity(county: str, year: int) -> pd.DataFrame:
    """The export Balassa index of the county against both references, side by side."""
    frames = {}
    for ref in BALASSA_REFERENCES:
        if county == "Viken" and ref == "viken":
            continue
        frames[BALASSA_REFERENCES[ref]] = export_balassa(county, ref, year).set_index(
            "varegruppe")["balassa"]
    return pd.DataFrame(frames).reset_index().rename(columns={"index": "varegruppe"})


def export_shift_share(county: str, reference: str, start: int, end: int) -> pd.DataFrame:
    """Dunn's shift-share of the county's mainland goods exports by SITC group, start -> end."""
    return regional.shift_share(
        _exports_of(county, start), _exports_of(county, end),
        _exports_of(reference, start), _exports_of(reference, end),
    )
