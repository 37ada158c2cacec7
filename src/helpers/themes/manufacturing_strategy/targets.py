"""The recommendations' quantified targets against today's level in the same unit."""

from __future__ import annotations

import math
import re

import pandas as pd

from helpers.core import data
from helpers.core.formatting import en_dash, fmt_number
from helpers.themes.manufacturing_strategy.reference import (
    AREA_ALL,
    DS_RECS,
    STATUS_YEAR_FIGURE,
    lowercase,
    printed_decimals,
    recommendations,
    stated_figure,
    stated_value,
    unit_no,
)


def targets(area: str = AREA_ALL) -> pd.DataFrame:
    """Recommendations with a quantitative target, with today's level in the target's unit.

    ``nivå i dag`` is the document's level where it is stated in the target's unit, or, where
    the target is a yearly rate and the document gives a count since a start year (e.g. firms
    in Produktivitetsspranget since 2018), that count per year up to the document's status year
    (our computation). Where the document's level measures something else (D2: all publicly
    financed R&D against a target for business-oriented research and innovation), ``nivå i
    dag`` is NaN and ``om nivået`` says why. ``oppgitt nivå`` keeps the stated number.
    """
    recs = recommendations(area)
    recs = recs[recs["target_figure_id"].fillna("") != ""]
    rows = []
    for rec in recs.to_dict("records"):
        tgt = stated_figure(rec["target_figure_id"])
        if not math.isclose(float(tgt["value"]), float(rec["target_value"])):
            raise data.DataError(
                f"{DS_RECS}: target of {rec['id']} ({rec['target_value']}) differs from stated "
                f"figure {rec['target_figure_id']} ({tgt['value']})"
            )
        base = stated_figure(rec["baseline_figure_id"]) if rec["baseline_figure_id"] else None
        level, about = math.nan, "dokumentet oppgir ikke noe nivå"
        if base is not None:
            stated = f"{fmt_number(base['value'], printed_decimals(base['printed']))} " \
                     f"{unit_no(base['unit'])}"
            since = re.fullmatch(r"(\d{4})-", str(base["period"]))
            if base["unit"] == rec["target_unit"]:
                if "wider" in str(rec["note"]):
                    about = (f"ikke sammenlignbart: dokumentets {stated} gjelder et videre mål, "
                             f"{lowercase(base['label_nb'] or base['measure'])}")
                else:
                    level, about = float(base["value"]), "som oppgitt"
            elif rec["target_unit"] == f"{base['unit']} per year" and since:
                first, last = int(since.group(1)), int(stated_value(STATUS_YEAR_FIGURE))
                level = float(base["value"]) / (last - first)
                about = f"{stated} {first}–{last} delt på {last - first} år, vår beregning"
            else:
                about = f"oppgitt {stated}, annen enhet enn målet"
        rows.append({
            "anbefaling": rec["id"],
            "mål": float(tgt["value"]),
            "minimum": "minimum" in str(tgt["note"]),
            "enhet": unit_no(rec["target_unit"]),
            "målår": rec["target_year"],
            "nivå i dag": level,
            "oppgitt nivå": float(base["value"]) if base is not None else math.nan,
            "om nivået": about,
            "linjer (mål; nivå)": en_dash(f"{tgt['lines']}; {base['lines']}" if base is not None
                                        else tgt["lines"]),
        })
    return pd.DataFrame(rows, columns=_TARGET_COLUMNS)


_TARGET_COLUMNS = ["anbefaling", "mål", "minimum", "enhet", "målår", "nivå i dag",
                   "oppgitt nivå", "om nivået", "linjer (mål; nivå)"]


def targets_table(area: str = AREA_ALL) -> pd.DataFrame:
    """The targets in print form: target with unit and year, today's level, what it is."""
    tgt = targets(area)
    if tgt.empty:
        return pd.DataFrame(columns=["anbefaling", "mål", "nivå i dag"])
    labels = dict(zip(recommendations()["id"], recommendations()["label"], strict=True))

    def amount(value: float, unit: str, decimals: int = 2) -> str:
        if value != value:  # NaN
            return "–"
        return f"{fmt_number(value, decimals if value % 1 else 0)}\u00a0{unit}"

    # three text columns: narrow extra columns (target year) were squeezed in print; the
    # documents' line numbers stay in ``targets`` (readers cite the recommendation's id)
    return pd.DataFrame({
        "anbefaling": [f"{rid} {labels[rid]}" for rid in tgt["anbefaling"]],
        "mål": [("minst " if minimum else "") + amount(v, u)
                + ("" if y != y or y is None else f" innen {y:.0f}")
                for v, u, y, minimum in zip(tgt["mål"], tgt["enhet"], tgt["målår"],
                                            tgt["minimum"], strict=True)],
        "nivå i dag": [
            (f"om lag {amount(v, u, 1)}: " if v == v and v % 1
             else f"{amount(v, u)}: " if v == v else "") + f"{about}"
            for v, u, about in zip(tgt["nivå i dag"], tgt["enhet"], tgt["om nivået"],
                                   strict=True)],
    })


def produktivitetsspranget_rate() -> dict[str, float]:
    """Firms per year in Produktivitetsspranget so far against the target of the strategy.

    Firms since the start year (000-0827-b, start 000-0828-a) over the years up to the status
    date of the document (000-1173-a, February of the publication year).
    """
    firms = stated_value("000-0827-b")
    start = stated_value("000-0828-a")
    status_year = stated_value(STATUS_YEAR_FIGURE)
    years = status_year - start
    return {
        "firms": firms,
        "start": start,
        "status_year": status_year,
        "years": years,
        "per_year": firms / years,
        "target": stated_value("000-0048-a"),
    }
