"""The document's own figures: stated figures by id, the county profile and industry figures as
printed, and its Balassa figures.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers import checks
from helpers.core import data
from helpers.core.formatting import EN_DASH, en_dash, unit_nb

from .common import DOCUMENT, _check_county


def stated_figures() -> pd.DataFrame:
    """Every stated figure of document 002, with its first line as an integer."""
    frame = data.load("stated_figures")
    frame = frame[frame["document"] == DOCUMENT].copy()
    frame["line"] = frame["lines"].str.split("-").str[0].astype(int)
    return frame.reset_index(drop=True)


def stated_value(figure_id: str) -> float:
    return checks.stated(figure_id).value


#: The document's figures per county for the profile (label, id or (low id, high id) for a
#: stated range). Ids only, no numbers.
PROFILE_FIGURES: dict[str, list[tuple[str, str | tuple[str, str]]]] = {
    "Akershus": [
        ("Sysselsatte i alt", "002-0823-a"),
        ("Sysselsatte i regnskapspliktige foretak", "002-0823-b"),
        ("Verdiskaping", "002-0882-a"),
        ("Verdiskaping 2011 (løpende priser)", "002-1044-a"),
        ("Produktivitet (verdiskaping per sysselsatt)", "002-0940-a"),
        ("Eksport (Menons modell)", "002-1006-a"),
        ("Eksport per sysselsatt", "002-1030-a"),
        ("Realvekst i verdiskaping 2011–2021", "002-1046-a"),
        ("Sysselsatte bosatte (utdanningsdata)", "002-1600-a"),
    ],
    "Buskerud": [
        ("Produktivitet (verdiskaping per sysselsatt)", "002-0944-a"),
        ("Eksport (Menons modell), hvert av fylkene Buskerud og Østfold",
         ("002-1008-a", "002-1008-b")),
        ("Realvekst i verdiskaping 2011–2021", "002-1050-a"),
    ],
    "Østfold": [
        ("Produktivitet (verdiskaping per sysselsatt)", "002-0944-b"),
        ("Eksport (Menons modell), hvert av fylkene Buskerud og Østfold",
         ("002-1008-a", "002-1008-b")),
        ("Realvekst i verdiskaping 2011–2021", "002-1050-b"),
    ],
    "Viken": [
        ("Verdiskaping i alt", "002-3846-a"),
        ("Industriens verdiskaping", "002-3327-a"),
        ("Industriens andel av verdiskapingen", "002-3327-b"),
        ("Bygg og anlegg: verdiskaping", "002-4583-a"),
        ("Bygg og anlegg: sysselsatte", "002-4583-b"),
        ("Sysselsatte bosatte (utdanningsdata)", "002-1546-a"),
        ("Innbyggere", "002-2781-a"),
    ],
}

#: Units that only make sense beside the range they came with ("NOK bn each").
_EACH = " each"


def shown(figure_id: str) -> str:
    """A stated figure as printed, with its unit in Norwegian ("213 000 personer")."""
    fig = checks.stated(figure_id)
    unit = unit_nb(fig.unit.removesuffix(_EACH))
    return f"{fig.printed} {unit}".strip()


def document_profile(county: str) -> pd.DataFrame:
    """The document's figures for the county: what, period, value as printed (a range where the
    document gives one), unit, a Norwegian note on how it is qualified, line."""
    _check_county(county)
    rows = []
    for label, ids in PROFILE_FIGURES[county]:
        if isinstance(ids, tuple):
            low, high = checks.stated(ids[0]), checks.stated(ids[1])
            value = f"{low.printed}{EN_DASH}{shown(high.id)}"
            fig, note = low, ""
        else:
            fig = checks.stated(ids)
            value, note = shown(ids), note_no(fig.note)
        rows.append({
            "størrelse": label, "periode": period_no(fig.period), "oppgitt": value,
            "merknad": note, "linje": fig.lines,
        })
    frame = pd.DataFrame(rows)
    return frame if frame["merknad"].astype(bool).any() else frame.drop(columns="merknad")


def period_no(period: str) -> str:
    """A stated figure's period for a table: "2011–2021" with an en dash; "ikke oppgitt"."""
    return en_dash(period) if period else "ikke oppgitt"


def note_no(note: str) -> str:
    """Short Norwegian hints for the qualifiers recorded in English in the dataset."""
    text = note.lower()
    if "just under" in text:
        return "«i underkant av»"
    if "just over" in text:
        return "«i overkant av»"
    if "'>'" in text:
        return "nedre grense («mer enn»)"
    if "lower bound" in text:
        return "nedre grense"
    if "upper bound" in text:
        return "øvre grense"
    if "approx" in text:
        return "om lag"
    return ""

#: The document's value-added Balassa figures (ids only).
DOCUMENT_BALASSA: tuple[str, ...] = ("002-0966-a", "002-0996-b")


def document_balassa() -> pd.DataFrame:
    """The document's Balassa figures as stated: what (Norwegian label), value, how it is
    qualified, line. The worked example names its two shares."""
    rows = []
    for fid in DOCUMENT_BALASSA:
        fig = checks.stated(fid)
        note = note_no(fig.note)
        if fid == "002-0996-b":
            note = (f"fotnote: {shown('002-0995-a')} andel i regionen / {shown('002-0996-a')} "
                    "i landet")
        rows.append({"størrelse": fig.label_nb or fig.measure, "oppgitt": fig.printed,
                     "merknad": note, "linje": fig.lines})
    return pd.DataFrame(rows)



#: The document's industry figures for Akershus 2021 (industry, measure, id). Ids only.
INDUSTRY_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("Handel", "sysselsatte", "002-0829-a"),
    ("Bygg og anlegg", "sysselsatte", "002-0829-b"),
    ("Reiseliv", "sysselsatte", "002-0874-a"),
    ("Petroleum", "produktivitet", "002-0924-a"),
    ("Finans", "produktivitet", "002-0924-b"),
    ("Handel", "produktivitet", "002-0926-a"),
    ("Bygg og anlegg", "produktivitet", "002-0926-b"),
    ("Reiseliv", "produktivitet", "002-0928-a"),
    ("Handel", "registrerte foretak", "002-0896-a"),
    ("Bygg og anlegg", "registrerte foretak", "002-0896-b"),
)


def industry_figures() -> pd.DataFrame:
    """The document's figures by industry for Akershus 2021, one row per industry: employment,
    productivity (NOK million per employee) and value added where both are stated (value added
    = productivity x employment, a reconstruction)."""
    rows: dict[str, dict[str, Any]] = {}
    lines: dict[str, list[str]] = {}
    for industry, measure, fid in INDUSTRY_FIGURES:
        fig = checks.stated(fid)
        value = fig.value / 1e6 if (measure == "produktivitet" and fig.unit.startswith("NOK per")) \
            else fig.value
        rows.setdefault(industry, {"næring": industry})[measure] = value
        lines.setdefault(industry, []).append(fig.lines)
    frame = pd.DataFrame(list(rows.values()))
    frame["verdiskaping (mrd. kr, beregnet)"] = frame["sysselsatte"] * frame["produktivitet"] / 1e3
    # "; " not ", ": a comma-separated list of numbers would be styled as one number
    frame["linjer"] = frame["næring"].map(lambda n: "; ".join(sorted(set(lines[n]))))
    return frame.rename(columns={"produktivitet": "produktivitet (mill. kr)"})
