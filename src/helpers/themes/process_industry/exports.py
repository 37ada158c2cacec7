"""Section 4: exports by commodity group, the process industry's share and the 2019–2023 change."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.core import data
from helpers.methods import growth

from .common import BILLION, EXPORTS, ID_EXPORT_CHANGE, PERCENT, branch_rows, stated_value
from .currency import convert, nok_per

# --------------------------------------------------------------------------- exports


def exports() -> pd.DataFrame:
    return data.load(EXPORTS)


def export_table(currency: str = "NOK", branch: str = "alle", year: int = 2023) -> pd.DataFrame:
    """Export value 2023 by commodity group in billions of ``currency``, with the process
    industry's value and shares recomputed from the values (percent)."""
    ex = exports()
    total = ex[ex["row_role"] == "total"].iloc[0]
    groups = ex[ex["row_role"] == "group"].copy()
    keep = branch_rows(branch, EXPORTS)
    if keep is not None:
        groups = groups[groups["hs_chapters"].isin(keep)]
    rate = nok_per(currency, year)
    pi_total = float(total["export_value_process_industry"])
    nor_total = float(total["export_value_norway"])
    out = pd.DataFrame(
        {
            "varegruppe": (groups["hs_chapters"] + " " + groups["commodity_group"]).tolist(),
            f"Norge (mrd. {currency})": (groups["export_value_norway"].astype(float) / rate
                                         / BILLION).tolist(),
            f"prosessindustri (mrd. {currency})": (
                groups["export_value_process_industry"].astype(float) / rate / BILLION
            ).tolist(),
        }
    )
    pi = groups["export_value_process_industry"].astype(float)
    nor = groups["export_value_norway"].astype(float)
    out["andel av gruppen (%)"] = (PERCENT * pi / nor).tolist()
    out["andel av prosessindustrien (%)"] = (PERCENT * pi / pi_total).tolist()
    out["gruppens andel av Norge (%)"] = (PERCENT * nor / nor_total).tolist()
    sel_nor, sel_pi = nor.sum(), pi.sum(min_count=1)
    label = "Sum" if keep is not None else "Eksport i alt"
    out.loc[len(out)] = {
        "varegruppe": label,
        f"Norge (mrd. {currency})": (sel_nor if keep is not None else nor_total) / rate / BILLION,
        f"prosessindustri (mrd. {currency})": (sel_pi if keep is not None else pi_total)
        / rate / BILLION,
        "andel av gruppen (%)": PERCENT * (sel_pi if keep is not None else pi_total)
        / (sel_nor if keep is not None else nor_total),
        "andel av prosessindustrien (%)": PERCENT * (sel_pi if keep is not None else pi_total)
        / pi_total,
        "gruppens andel av Norge (%)": PERCENT * (sel_nor if keep is not None else nor_total)
        / nor_total,
    }
    return out


def export_share_check() -> pd.DataFrame:
    """Every share printed in the export table against the share recomputed from its values.

    Returns one row per printed share: group, which share, printed, recomputed, difference
    (percentage points) and whether it agrees at the printed two decimals."""
    ex = exports()
    total = ex[ex["row_role"] == "total"].iloc[0]
    pi_total = float(total["export_value_process_industry"])
    nor_total = float(total["export_value_norway"])
    specs = [
        ("share_of_norway_total_exports", "andel av Norges eksport",
         lambda r: r["export_value_norway"] / nor_total),
        ("share_of_process_industry_total", "andel av prosessindustriens eksport",
         lambda r: r["export_value_process_industry"] / pi_total),
        ("process_industry_share_of_group", "prosessindustriens andel av gruppen",
         lambda r: r["export_value_process_industry"] / r["export_value_norway"]),
    ]
    rows = []
    for _, r in ex.iterrows():
        for col, label, func in specs:
            printed = r[col]
            if pd.isna(printed):
                continue
            value = PERCENT * float(func(r))
            rows.append(
                {
                    "linje": r["lines"],
                    "varegruppe": r["hs_chapters"] or r["commodity_group"],
                    "andel": label,
                    "trykt (%)": float(printed),
                    "beregnet (%)": value,
                    "differanse (pp)": value - float(printed),
                    "stemmer": abs(value - float(printed)) < 0.005 + 1e-9,
                }
            )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class ExportChange:
    """The process industry's exports 2019 → 2023 in one currency (billions)."""

    currency: str
    value_2019: float
    value_2023: float

    @property
    def change(self) -> float:
        return self.value_2023 - self.value_2019

    @property
    def change_pct(self) -> float:
        return PERCENT * growth.growth(self.value_2019, self.value_2023)


def export_change(currency: str = "NOK") -> ExportChange:
    """2019 → 2023 change in the process industry's exports. The 2023 value is the table's;
    the 2019 value is reconstructed as 2023 minus the stated increase (the document prints no
    2019 level). Converted with each year's average rate."""
    ex = exports()
    v2023_nok = float(ex.loc[ex["row_role"] == "total", "export_value_process_industry"].iloc[0])
    v2023_nok /= BILLION
    v2019_nok = v2023_nok - stated_value(ID_EXPORT_CHANGE)
    return ExportChange(
        currency,
        value_2019=convert(v2019_nok, 2019, currency),
        value_2023=convert(v2023_nok, 2023, currency),
    )


