"""Industry structure of a county from the county accounts: location quotient (Balassa index) on
value added and on employment against a reference region, with a size threshold, its change
over time, and productivity by industry against the reference.

Shares are of the region's total for all industries ("Totalt for næringer"), so industries SSB
does not publish for a county (blank cells) do not inflate the others; their sum shows as one
row, "ikke publisert".
"""

from __future__ import annotations

import pandas as pd

from . import accounts as acc

UNPUBLISHED = "Ikke publisert (flere næringer samlet)"


def shares(region: str, measure: str, year: int) -> pd.Series:
    """Each industry's share of the region's total (0-1) in ``year``, with the unpublished rest
    as one item when it is more than rounding."""
    acc.check_year(year)
    table = acc.levels(region, measure)
    row = table.loc[year]
    total = float(row[acc.TOTAL])
    parts = row[acc.industries()]
    out = parts / total
    rest = total - float(parts.sum())
    if rest > 0.002 * total:
        out[UNPUBLISHED] = rest / total
    return out


def location_quotient(county: str, reference: str, measure: str, year: int) -> pd.Series:
    """Location quotient per industry: the industry's share in the county over its share in the
    reference (1 = same share). NaN where the county's value is not published."""
    mine = shares(county, measure, year)
    ref = shares(reference, measure, year)
    return (mine / ref.reindex(mine.index)).where(ref.reindex(mine.index) > 0)


def lq_table(county: str, reference: str, year: int, start: int,
             threshold_pct: float) -> pd.DataFrame:
    """One row per industry: shares and location quotient on value added and on employment in
    ``year``, the change of the value-added quotient since ``start``, and whether the industry
    is large enough to rank: at least ``threshold_pct`` % of value added or of employment in the
    county or in the reference."""
    rows = {}
    for key, measure in (("va", acc.VALUE_ADDED), ("emp", acc.EMPLOYED)):
        rows[f"share_{key}"] = shares(county, measure, year) * 100
        rows[f"ref_share_{key}"] = shares(reference, measure, year) * 100
        rows[f"lq_{key}"] = location_quotient(county, reference, measure, year)
    rows["lq_va_start"] = location_quotient(county, reference, acc.VALUE_ADDED, start)
    frame = pd.DataFrame(rows)
    frame["lq_va_change"] = frame["lq_va"] - frame["lq_va_start"]
    big = frame[["share_va", "ref_share_va", "share_emp", "ref_share_emp"]].max(axis=1)
    frame["large_enough"] = (big >= threshold_pct) & (frame.index != UNPUBLISHED)
    frame["manufacturing"] = frame.index.isin(acc.manufacturing_groups())
    frame.index.name = "industry"
    return frame


def ranked(table: pd.DataFrame, column: str = "lq_va", n: int = 5) -> tuple[pd.DataFrame,
                                                                               pd.DataFrame]:
    """Top and bottom ``n`` industries by a quotient among those large enough (and published)."""
    sel = table[table["large_enough"] & table[column].notna()].sort_values(column,
                                                                           ascending=False)
    return sel.head(n), sel.tail(n).iloc[::-1]


def unpublished(county: str, year: int) -> list[str]:
    """Industries whose value added SSB does not publish for the county in ``year``."""
    row = acc.levels(county, acc.VALUE_ADDED).loc[year, acc.industries()]
    return list(row[row.isna()].index)


def productivity_by_industry(county: str, reference: str, year: int,
                             threshold_pct: float) -> pd.DataFrame:
    """Value added per employed person (1000 kr) per industry in county and reference, and the
    ratio; for industries with at least ``threshold_pct`` % of the county's employment."""
    va_c = acc.levels(county, acc.VALUE_ADDED).loc[year, acc.industries()]
    emp_c = acc.levels(county, acc.EMPLOYED).loc[year, acc.industries()]
    va_r = acc.levels(reference, acc.VALUE_ADDED).loc[year, acc.industries()]
    emp_r = acc.levels(reference, acc.EMPLOYED).loc[year, acc.industries()]
    total_emp = acc.levels(county, acc.EMPLOYED).loc[year, acc.TOTAL]
    frame = pd.DataFrame({
        "county": va_c / emp_c * 1000 / 1000,  # mill. kr / 1000 persons = 1000 kr per person
        "reference": va_r / emp_r,
    })
    frame["county"] = va_c / emp_c
    frame["ratio"] = frame["county"] / frame["reference"]
    frame = frame[(emp_c / total_emp * 100 >= threshold_pct) & frame["ratio"].notna()]
    frame.index.name = "industry"
    return frame.sort_values("ratio", ascending=False)


def reference_effect(county: str, references: list[str], year: int,
                     threshold_pct: float) -> pd.DataFrame:
    """The value-added quotient of the county's industries against several references, side by
    side (industries large enough against the first reference)."""
    base = lq_table(county, references[0], year, year, threshold_pct)
    keep = base[base["large_enough"]].index
    out = pd.DataFrame({ref: location_quotient(county, ref, acc.VALUE_ADDED, year).reindex(keep)
                        for ref in references})
    out.index.name = "industry"
    return out.sort_values(references[0], ascending=False)
