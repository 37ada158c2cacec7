"""Section 5: the document's 2023 energy table, its mix and a recomputation of its totals."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers import checks
from helpers.core import data

from .common import ALL_PRODUCTS, ELECTRICITY, ENERGY, PERCENT, branch_rows

# --------------------------------------------------------------------------- energy


def energy() -> pd.DataFrame:
    return data.load(ENERGY)


def energy_matrix(df: pd.DataFrame | None = None, *, markers: bool = False) -> pd.DataFrame:
    """Rows × energy products (GWh) in the printed order. ``markers=True`` returns the cells as
    shown: numbers, or SSB's marker ('.' not possible to state, '-' nil)."""
    df = energy() if df is None else df
    order_rows = list(dict.fromkeys(df["row_id"]))
    order_cols = list(dict.fromkeys(df["energy_product"]))
    if markers:
        cells = df["value"].astype(object).where(df["value_status"] == "", df["value_status"])
        frame = df.assign(cell=cells)
        wide = frame.pivot(index="row_id", columns="energy_product", values="cell")
    else:
        wide = df.pivot(index="row_id", columns="energy_product", values="value")
    wide = wide.loc[order_rows, order_cols]
    labels = df.drop_duplicates("row_id").set_index("row_id")["industry"]
    wide.insert(0, "næring", [labels[i] for i in wide.index])
    return wide


#: Short Norwegian column names for the energy products in print.
PRODUCT_SHORT = {
    "Alle energiprodukter": "alle", "Kull og kullprodukter": "kull", "Naturgass": "gass",
    "Olje / oljeprodukter (eks. bio)": "olje", "Biobrensler": "bio", "Avfall": "avfall",
    "Elektrisitet": "el.", "Fjernvarme": "fjernv.",
}


def row_label(row_id: str, label: str) -> str:
    """A row of the document's energy table as readers see it: SSB's code (our own row ids
    for the document's group totals are left out), the industry without "Produksjon av", and
    the table's English-looking "TOTAL" as "i alt"."""
    text = label.replace("Produksjon av ", "")
    if "TOTAL" in text:
        text = " ".join(text.replace("TOTAL", " ").split()) + " i alt"
    return f"{row_id} {text}" if any(ch.isdigit() for ch in row_id) else text[:1].upper() + text[1:]


def energy_display(branch: str = "alle") -> pd.DataFrame:
    """The energy table for print: one label column (code and industry), short product names,
    SSB's markers kept as printed. With a branch, its rows plus the 12.1 total."""
    m = energy_matrix(markers=True)
    rows = branch_rows(branch, ENERGY)
    if rows is not None:
        m = m.loc[[r for r in m.index if r in set(rows) or r == "12.1"]]
    out = m.rename(columns=PRODUCT_SHORT)
    out.insert(0, "næring (kode)", [row_label(i, n) for i, n in zip(out.index, out["næring"],
                                                                        strict=True)])
    out = out.drop(columns="næring").reset_index(drop=True)
    out.columns.name = None
    return out


def energy_mix(df: pd.DataFrame | None = None, rows: Sequence[str] | None = None) -> pd.DataFrame:
    """Each product's share (percent) of the row's printed total ('Alle energiprodukter').
    Cells marked '.' stay missing (not zero)."""
    m = energy_matrix(df)
    if rows is not None:
        m = m.loc[[r for r in m.index if r in set(rows)]]
    products = [c for c in m.columns if c not in ("næring", ALL_PRODUCTS)]
    shares = m[products].div(m[ALL_PRODUCTS], axis=0) * PERCENT
    shares.insert(0, "næring", m["næring"])
    return shares


def energy_totals_check(df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Row and column totals of the energy table recomputed from their parts.

    Row check: the products of a row against its 'Alle energiprodukter'. Column checks: the
    branches of each group against the group's printed subtotal; the three groups against
    12.1; 11.1 + 11.2 against 11. Cells marked '.' count as 0 in the sums (they hold no
    reported number) and are counted in column ``punkter``; '-' is nil (0)."""
    df = energy() if df is None else df
    m = energy_matrix(df)
    status = df.pivot(index="row_id", columns="energy_product", values="value_status")
    products = [c for c in m.columns if c not in ("næring", ALL_PRODUCTS)]

    def total_check(kind: str, row: str, product: str, parts: pd.Series,
                    marks: pd.Series) -> dict[str, object]:
        """One printed total (row ``row``, column ``product``) against the sum of ``parts``."""
        parts = parts.astype(float)
        return {"kontroll": kind, "rad": row, "energiprodukt": product,
                "trykt": float(m.loc[row, product]),
                "sum av delene": float(parts.fillna(0).sum()),
                "punkter": int((marks == ".").sum()), "deler": int(parts.notna().sum())}

    out = [total_check("rad", rid, ALL_PRODUCTS, m.loc[rid, products],
                       status.loc[rid, products]) for rid in m.index]
    info = df.drop_duplicates("row_id").set_index("row_id")
    for parent in [p for p in dict.fromkeys(info["parent"]) if p]:
        children = info.index[info["parent"] == parent].tolist()
        out += [total_check("kolonne", parent, product, m.loc[children, product],
                            status.loc[children, product])
                for product in [ALL_PRODUCTS, *products]]
    frame = pd.DataFrame(out)
    # A printed '.' has no number to compare with: the difference stays missing.
    frame["differanse"] = frame["sum av delene"] - frame["trykt"]
    # Every printed cell is rounded to whole GWh: n parts and the total can together be off by
    # half a unit each.
    frame["toleranse"] = 0.5 * (frame["deler"] + 1)
    return frame


def energy_totals_summary(frame: pd.DataFrame) -> dict[str, float]:
    """Counts for the totals check: compared, exact, within rounding (see ``toleranse``),
    outside rounding, and totals printed as '.' (nothing to compare); the largest difference."""
    diff = frame["differanse"]
    compared = diff.notna()
    d, tol = diff[compared].abs(), frame.loc[compared, "toleranse"]
    return {
        "kontroller": int(compared.sum()),
        "eksakt": int((d == 0).sum()),
        "innenfor_avrunding": int(((d > 0) & (d <= tol)).sum()),
        "utenfor_avrunding": int((d > tol).sum()),
        "ikke_sammenlignbare": int((~compared).sum()),
        "største_avvik": float(d.max()),
    }


def electricity_shares(df: pd.DataFrame | None = None) -> dict[str, float]:
    """Key electricity shares from the energy table (percent): electricity's share of all
    energy in industry (12.1) and in the energy-intensive group, and the energy-intensive
    group's share of industry's electricity."""
    m = energy_matrix(df).drop(columns="næring").astype(float)
    el, alle = m[ELECTRICITY], m[ALL_PRODUCTS]
    return {
        "el_andel_industri": checks.share(el["12.1"], alle["12.1"]),
        "el_andel_energiintensive": checks.share(el["EI"], alle["EI"]),
        "energiintensive_andel_av_el": checks.share(el["EI"], el["12.1"]),
    }


