"""Regional-economics methods: Balassa index (location quotient) and Dunn's shift-share.

Both work on plain pandas Series indexed by industry (values such as value added, employment or
exports), so they apply to any source.

- Balassa index / location quotient of industry i in region r against reference R:
  ``B_i = (x_ir / x_r) / (x_iR / x_R)``. Above 1: the industry's share in the region is larger
  than in the reference. A region compared with itself gives 1.0 for every industry.
- Shift-share (Dunn) of the change in region r between years 0 and t, per industry i, with the
  reference R as "the nation": national share ``e0·(E_t/E_0 − 1)``, industry mix
  ``e0·(E_it/E_i0 − E_t/E_0)``, regional shift ``e0·(e_t/e_0 − E_it/E_i0)``; the three add up
  to the region's change ``e_t − e_0``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

SHIFT_SHARE_COLUMNS = ("start", "end", "national_share", "industry_mix", "regional_shift", "change")


class RegionalError(ValueError):
    """Inputs a regional method cannot use (mismatched industries, empty totals, negatives)."""


def _series(values: pd.Series | dict, what: str) -> pd.Series:
    s = pd.Series(values, dtype=float) if isinstance(values, dict) else values.astype(float)
    if s.index.has_duplicates:
        dup = sorted(set(s.index[s.index.duplicated()]))
        raise RegionalError(f"{what}: industries occur more than once: {dup}")
    if (s < 0).any():
        neg = list(s[s < 0].index)
        raise RegionalError(f"{what}: negative values for {neg}; shares need non-negative values")
    return s


def _same_industries(a: pd.Series, b: pd.Series, what_a: str, what_b: str) -> None:
    only_a = sorted(set(a.index) - set(b.index), key=str)
    only_b = sorted(set(b.index) - set(a.index), key=str)
    if only_a or only_b:
        raise RegionalError(
            f"{what_a} and {what_b} must cover the same industries; only in {what_a}: {only_a}; "
            f"only in {what_b}: {only_b}"
        )


def shares(values: pd.Series | dict) -> pd.Series:
    """Each industry's share of the total (0-1). Missing values (NaN) are left out of the total."""
    s = _series(values, "values")
    total = s.sum(skipna=True)
    if not total > 0:
        raise RegionalError("values: the total is zero or missing, shares are undefined")
    return s / total


def balassa(region: pd.Series | dict, reference: pd.Series | dict) -> pd.Series:
    """Balassa index (location quotient) per industry: region share / reference share.

    ``region`` and ``reference`` hold the same measure per industry (same index). An industry
    absent from the reference (value 0) gets NaN, since the index is undefined there.
    """
    r = _series(region, "region")
    ref = _series(reference, "reference")
    _same_industries(r, ref, "region", "reference")
    ref_share = shares(ref).reindex(r.index)
    out = shares(r) / ref_share.replace(0.0, np.nan)
    out.name = "balassa"
    return out



def aggregate(frame: pd.DataFrame, regions: Sequence[str], *, region_col: str = "region",
              industry_col: str = "industry", value_col: str = "value") -> pd.Series:
    """Sum ``value_col`` over ``regions`` per industry (e.g. Viken as Østfold+Akershus+Buskerud).

    Raises when a region is missing or when the regions do not all cover the same industries
    (a sum over unequal coverage would understate some industries).
    """
    present = set(frame[region_col])
    missing = [r for r in regions if r not in present]
    if missing:
        raise RegionalError(f"aggregate(): region(s) {missing} not in the data; present: "
                            f"{sorted(present)}")
    parts = [frame[frame[region_col] == r].set_index(industry_col)[value_col].astype(float)
             for r in regions]
    for reg, part in zip(regions[1:], parts[1:], strict=True):
        _same_industries(parts[0], part, regions[0], reg)
    total = parts[0].copy()
    for part in parts[1:]:
        total = total + part.reindex(total.index)
    return total.rename(value_col)


def shift_share(region_start: pd.Series | dict, region_end: pd.Series | dict,
                reference_start: pd.Series | dict, reference_end: pd.Series | dict) -> pd.DataFrame:
    """Dunn's shift-share decomposition of the region's change per industry.

    Returns one row per industry and a ``Totalt`` row with ``start``, ``end``,
    ``national_share``, ``industry_mix``, ``regional_shift`` and ``change`` (= end − start =
    the sum of the three components).
    """
    e0, et = _series(region_start, "region_start"), _series(region_end, "region_end")
    r0, rt = _series(reference_start, "reference_start"), _series(reference_end, "reference_end")
    for other, name in ((et, "region_end"), (r0, "reference_start"), (rt, "reference_end")):
        _same_industries(e0, other, "region_start", name)
    et, r0, rt = et.reindex(e0.index), r0.reindex(e0.index), rt.reindex(e0.index)
    if (r0 == 0).any():
        zero = list(r0[r0 == 0].index)
        raise RegionalError(f"reference_start is zero for {zero}: industry growth is undefined")
    national_growth = rt.sum() / r0.sum() - 1.0
    industry_growth = rt / r0 - 1.0
    frame = pd.DataFrame({
        "start": e0,
        "end": et,
        "national_share": e0 * national_growth,
        "industry_mix": e0 * (industry_growth - national_growth),
        "regional_shift": et - e0 * (1.0 + industry_growth),
        "change": et - e0,
    })
    frame.loc["Totalt"] = frame.sum()
    return frame[list(SHIFT_SHARE_COLUMNS)]
