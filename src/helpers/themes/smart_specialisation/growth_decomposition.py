"""Growth decomposition: Dunn's shift-share of a county's employment over a period, against a
reference region, on the county accounts' industry groups."""

from __future__ import annotations

import pandas as pd

from helpers.methods import regional

from . import accounts as acc

COMPONENTS = ("national_share", "industry_mix", "regional_shift")


def employment_shift_share(county: str, reference: str, start: int, end: int) -> pd.DataFrame:
    """Shift-share of employment (1000 persons), start -> end, per industry with a ``Totalt``
    row: ``national_share`` (growth as the reference's total), ``industry_mix`` (the industry's
    growth in the reference beyond that), ``regional_shift`` (the rest); the three add up to
    ``change``. Industries unpublished in either year for county or reference are pooled into
    one residual group (total minus the published ones), so the total is the county's own."""
    acc.check_year(start, "start year")
    acc.check_year(end, "end year")
    if not start < end:
        raise acc.AccountsError(f"start year {start} must be before end year {end}")
    c = acc.levels(county, acc.EMPLOYED)
    r = acc.levels(reference, acc.EMPLOYED)
    inds = acc.industries()
    ok = [i for i in inds
          if pd.notna(c.loc[start, i]) and pd.notna(c.loc[end, i])
          and pd.notna(r.loc[start, i]) and pd.notna(r.loc[end, i]) and r.loc[start, i] > 0]
    rest = "Øvrige (ikke publisert for alle år)"

    def series(table: pd.DataFrame, year: int) -> pd.Series:
        s = table.loc[year, ok].astype(float)
        # published figures are rounded to 100 persons: a rest below zero is rounding
        s[rest] = max(0.0, float(table.loc[year, acc.TOTAL]) - float(s.sum()))
        return s

    parts = [series(c, start), series(c, end), series(r, start), series(r, end)]
    if parts[2][rest] <= 0 or (parts[0][rest] <= 0 and parts[1][rest] <= 0):
        parts = [p.drop(rest) for p in parts]  # nothing unpublished beyond rounding
    out = regional.shift_share(*parts)
    out.index.name = "industry"
    return out
