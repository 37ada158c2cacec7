"""Section 6: what happens to world and EU supply if one country drops out: volumes and shares
lost, who remains and how concentrated they are, where Norway moves, and which Norwegian
exports or inputs are exposed."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.core import countries, data
from helpers.core.formatting import fmt_number, nobreak
from helpers.methods import concentration

from .catalogue import ROLE_NO, STAGE_NO, chains, document_section, label, links, materials
from .supply import _country_shares, _source_names, eu_shares

#: The residual bucket's key: countries the sources do not list, withheld figures, rounding.
OTHERS = "andre"


@dataclass(frozen=True)
class Outcome:
    """Supply of one material and stage after one country drops out."""

    lost_share: float
    after: pd.Series  # remaining countries' shares of what is left, plus OTHERS; sums to 1
    hhi_remaining: float | None  # concentration among the remaining listed suppliers
    rank_before: dict[str, int]
    rank_after: dict[str, int]


def _ranks(shares: pd.Series) -> dict[str, int]:
    listed = shares.drop(labels=[OTHERS], errors="ignore")
    return {code: int((listed > v).sum() + 1) for code, v in listed.items()}


def disrupt(shares: pd.Series, code: str) -> Outcome:
    """Remove ``code`` from shares of supply (by country, fractions of world supply; what they
    do not cover is kept as OTHERS). The rest is rescaled to the supply that is left."""
    listed = shares.drop(labels=[OTHERS], errors="ignore")
    other = max(0.0, 1.0 - float(listed.sum()))
    before = pd.concat([listed, pd.Series({OTHERS: other})])
    lost = float(listed.get(code, 0.0))
    rest = before.drop(labels=[code], errors="ignore")
    left = float(rest.sum())
    if left <= 0:
        return Outcome(lost, rest, None, _ranks(before), {})
    after = rest / left
    remaining = after.drop(labels=[OTHERS])
    hhi_remaining = concentration.hhi(remaining / remaining.sum()) if remaining.sum() > 0 \
        else None
    return Outcome(lost, after, hhi_remaining, _ranks(before), _ranks(after))


def scenario_table(shares: pd.DataFrame, country: tuple[str, str],
                   selected: Sequence[str]) -> pd.DataFrame:
    """Remove ``country`` from each material's world supply (the section 3 shares) and from
    EU sourcing (EU 2023): share and volume lost, the three largest remaining suppliers,
    concentration among them, Norway's place before and after, the chains hit and what is
    exposed in Norway."""
    code, _ = country
    lk = links()
    names = chains().set_index("chain")["label_no"]
    mat = materials().set_index("material")
    rows = []
    for (material, stage), part in shares.groupby(["material", "stage"], sort=False):
        s = _country_shares(part)
        if s.empty:
            continue
        out = disrupt(s, code)
        src_names = _source_names(part)
        top = out.after.drop(labels=[OTHERS]).sort_values(ascending=False).head(3)
        volume = math.nan
        unit = ""
        if part["source"].iloc[0] == "USGS" and "value" in part:
            own = part.loc[part["iso3"] == code, "value"]
            volume = float(own.sum()) if len(own) else 0.0
            unit = str(part["unit"].dropna().iloc[0]) if part["unit"].notna().any() else ""
        eu = eu_shares([material], stage, "eu")
        eu_lost = float(eu.loc[eu["iso3"] == code, "share"].sum()) if not eu.empty else math.nan
        role = mat.loc[material, "norway_role"]
        rows.append({
            "material": material,
            "stage": stage,
            "source": part["source"].iloc[0],
            "lost_share": out.lost_share,
            "lost_volume": volume,
            "world_total": float(part["world_total"].iloc[0]) if "world_total" in part
            and part["world_total"].notna().any() else math.nan,
            "unit": unit,
            "eu_lost_share": eu_lost,
            "remaining": "; ".join(nobreak(f"{src_names.get(c, c)} "
                                           f"{fmt_number(v, 0, percent=True)}")
                                   for c, v in top.items()),
            "top_after": src_names.get(top.index[0], top.index[0]) if len(top) else "–",
            "top_after_share": float(top.iloc[0]) if len(top) else math.nan,
            "others_after": float(out.after.get(OTHERS, 0.0)),
            "hhi_remaining": out.hhi_remaining if out.hhi_remaining is not None else math.nan,
            "norway_before": out.rank_before.get("NOR", math.nan),
            "norway_after": out.rank_after.get("NOR", math.nan),
            "norway_share_after": float(out.after.get("NOR", math.nan)),
            "exposed": ROLE_NO[role] if role != "not_stated" else "",
            "chains": ", ".join(names[c] for c in lk.loc[lk["material"] == material, "chain"]),
        })
    out = pd.DataFrame(rows)
    return out.sort_values("lost_share", ascending=False) if not out.empty else out


#: Tonnes per unit of USGS' mass units: the scenario table gives every amount in tonnes.
TONNES_PER_UNIT = {"metric tons": 1.0, "thousand metric tons": 1000.0,
                   "thousand metric dry tons": 1000.0, "million metric tons": 1e6,
                   "kilograms": 0.001}


def _volume(v: float, unit: str) -> str:
    """An amount in USGS' ``unit``, printed in tonnes (one decimal under 10 t)."""
    if math.isnan(v):
        return "–"
    if unit not in TONNES_PER_UNIT:
        raise ValueError(f"USGS unit {unit!r} cannot be converted to tonnes")
    t = v * TONNES_PER_UNIT[unit]
    return nobreak(f"{fmt_number(t, 1 if 0 < t < 10 else 0)} t")


def _place(before: float, after: float) -> str:
    if math.isnan(before) and math.isnan(after):
        return "ikke oppført"
    b = "–" if math.isnan(before) else str(int(before))
    a = "–" if math.isnan(after) else str(int(after))
    return f"nr. {b} → {a}"


def document_on_country(code: str) -> str:
    """Norwegian sentence: what document 004 says about the country (``value_chains_countries``,
    our words), or that it does not name it."""
    c = data.load("value_chains_countries")
    row = c[c["iso3"] == code]
    name = countries.country_name_nb(code) or code
    if row.empty:
        return f"Dokumentet nevner ikke {name} blant landene i verdikjedene."
    r = row.iloc[0]
    return (f"Dokumentet om {r['label_no']} (avsnittet {document_section(r['lines'])}): "
            f"{r['role_no']}.")


def scenario_display(sc: pd.DataFrame) -> pd.DataFrame:
    """The scenario table for readers (the largest remaining supplier is also in the chart)."""
    return pd.DataFrame({
        "materiale": sc["material"].map(label),
        "tapt av verden": sc["lost_share"].map(lambda v: fmt_number(v, 0, percent=True)),
        "tapt mengde": [_volume(v, u) for v, u in zip(sc["lost_volume"], sc["unit"],
                                                      strict=True)],
        "tapt av EUs forsyning": sc["eu_lost_share"].map(
            lambda v: "–" if math.isnan(v) else fmt_number(v, 0, percent=True)),
        "gjenværende leverandører (andel av det som er igjen)": sc["remaining"].replace("", "–"),
        "Norges plass": [_place(b, a) for b, a in zip(sc["norway_before"], sc["norway_after"],
                                                      strict=True)],
    })


def scenario_findings(sc: pd.DataFrame, country_name: str) -> list[str]:
    """Norwegian sentences on the scenario: the largest loss, where Norway moves up, and which
    Norwegian exports or inputs are exposed."""
    hit = sc[sc["lost_share"] > 0]
    if hit.empty:
        return [f"{country_name} er ikke oppført som produsent av noen av materialene i dette "
                "leddet."]
    first = hit.iloc[0]
    half = int((sc["lost_share"] > 0.5).sum())
    out = [f"I leddet {STAGE_NO[first['stage']]} faller mer enn halvparten av "
           f"verdensforsyningen bort for {half} av {len(sc)} materialer. Størst tap: "
           f"{label(first['material'])}, der "
           f"{fmt_number(first['lost_share'], 0, percent=True)} faller bort; blant de "
           f"gjenværende leverandørene er {first['top_after']} størst med "
           f"{fmt_number(first['top_after_share'], 0, percent=True)} av det som er igjen."]
    moved = sc[sc["norway_after"] < sc["norway_before"]]
    top3 = moved[moved["norway_after"] <= 3]
    for r in top3.itertuples():
        out.append(f"Uten {country_name} blir Norge nr. {int(r.norway_after)} (fra nr. "
                   f"{int(r.norway_before)}) for {label(r.material)} og står for "
                   f"{fmt_number(r.norway_share_after, 0, percent=True)} av det som er igjen.")
    if len(moved) > len(top3):
        out.append(f"For {len(moved) - len(top3)} andre materialer rykker Norge én plass opp "
                   "uten å komme blant de tre største.")
    inputs = hit[hit["exposed"] == ROLE_NO["dependant"]]
    if len(inputs):
        out.append("Norsk import som rammes (dokumentet sier at Norge er avhengig av den): "
                   + ", ".join(label(m) for m in inputs["material"]) + ".")
    exports = hit[hit["exposed"] == ROLE_NO["supplier"]]
    if len(exports):
        groups = data.load("value_chains_sitc_map").set_index("material")

        def with_group(m: str) -> str:
            if m not in groups.index:
                return label(m)
            g = groups.loc[m]
            return f"{label(m)} (eksporteres i varegruppen {g['sitc']} {g['sitc_label_no']})"

        out.append("Norsk produksjon og eksport som berøres, fordi den får større vekt i det "
                   "som er igjen av forsyningen: "
                   + ", ".join(with_group(m) for m in exports["material"]) + ".")
    return out
