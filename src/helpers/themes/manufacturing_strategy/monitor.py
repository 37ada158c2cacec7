"""The strategy as a monitor: the indicator dashboard in print form, the note on R&D as a share
of GDP, and the report's main findings (Hovedfunn) computed from its own results."""

from __future__ import annotations

import pandas as pd

from helpers.core import report
from helpers.core.formatting import count_word, fmt_number
from helpers.themes.manufacturing_strategy.indicators import (
    total_rd_current,
)
from helpers.themes.manufacturing_strategy.reference import (
    AREA_ALL,
    DS_RD,
    area_label,
    areas,
    recommendations,
)
from helpers.themes.manufacturing_strategy.status_file import UNKNOWN

#: Section anchors of the notebook (``<a id="..."></a>`` in the heading cells).
ANCHORS = {"indikatorer": "Indikatorer", "anbefalinger": "Anbefalingene",
           "sporing": "Sporing av framdrift", "fou": "FoU mot målene",
           "aktorer": "Hvem må handle", "behov": "Fra arbeidsnotat til strategi"}


def _num(value: float, decimals: int) -> str:
    if value != value:
        return "–"
    value = round(float(value), decimals) + 0.0  # + 0.0: no "−0,0"
    return fmt_number(value, decimals)


def _amount(value: float, unit: str, decimals: int) -> str:
    """"indeks 101,1", "217 339 personer", "21,3 %" (a percentage with the sign the other
    findings use)."""
    if unit == "indeks":
        return f"indeks {_num(value, decimals)}"
    if unit == "prosent":
        return f"{_num(value, decimals)} %"
    return f"{_num(value, decimals)} {unit}"


def rd_indicator_rows(rd: pd.DataFrame, targets: dict[str, float], period: tuple[int, int]
                      ) -> pd.DataFrame:
    """R&D as a share of GDP (total, and business as we derive it) as dashboard rows with the
    strategy's targets, over the years of ``period`` the R&D table holds."""
    from helpers.themes.manufacturing_strategy.indicators import summarise, trend_word

    rows = []
    for col, name, key, target in (
            ("FoU i alt", "FoU i alt, andel av BNP", "fou-bnp", targets["total"]),
            ("næringslivet (beregnet)", "Næringslivets FoU, andel av BNP (beregnet)",
             "fou-naering-bnp", targets["business"])):
        s = rd.set_index("år")[col].dropna()
        summary = summarise(s, *period)
        rows.append({"key": key, "area": "forskning", "indikator": name,
                     "definisjon": "FoU-utgifter i prosent av bruttonasjonalproduktet"
                     + ("; næringslivets del beregnet av oss" if key != "fou-bnp" else ""),
                     "enhet": "prosent", "kilde": "FoU-statistikk (SSB, NIFU)", **summary,
                     "retning": trend_word(summary["trend_pct"]), "decimals": 2,
                     "sammenveid": "", "mål": f"{fmt_number(target, 0)} % av BNP"})
    return pd.DataFrame(rows)


def dashboard_table(table: pd.DataFrame) -> pd.DataFrame:
    """The indicators for print: name (unit), baseline and latest with their years, trend."""
    rows = []
    for r in table.to_dict("records"):
        d = int(r["decimals"])
        rows.append({
            "indikator (enhet)": f"{r['indikator']} ({r['enhet']})",
            "utgangspunkt": f"{_num(r['baseline'], d)} ({r['baseline_year']})",
            "siste": f"{_num(r['latest'], d)} ({r['latest_year']})",
            "trend, % per år": _num(r["trend_pct"], 1),
            "retning": r["retning"],
            "siste år, %": _num(r["last_change_pct"], 1),
            "mål i strategien": r.get("mål") if isinstance(r.get("mål"), str) else "–",
            "SSB-tabell": r["kilde"].replace("SSB, tabell ", "").replace("; ", " og "),
        })
    return pd.DataFrame(rows)


def definitions_table(table: pd.DataFrame) -> pd.DataFrame:
    """What each indicator measures, and how we combined SSB's series where we did."""
    return pd.DataFrame({
        "indikator": table["indikator"],
        "definisjon": [d + (f". Vår sammenveiing: {s}" if s else "")
                       for d, s in zip(table["definisjon"], table["sammenveid"], strict=True)],
        "kilde": table["kilde"],
    })


def rd_gdp_note(rd: pd.DataFrame, rd_frame: pd.DataFrame | None) -> dict[str, float] | None:
    """The fall in R&D as a share of GDP from 2021 to 2022 against the growth of R&D spending
    in current prices (SSB, tabell 11010) over the same two years: when spending rose while the
    share fell, the fall comes from GDP, the denominator. None when a number is missing."""
    shares = rd.set_index("år")["FoU i alt"]
    if rd_frame is None or not {2021, 2022} <= set(shares.index):
        return None
    spend = total_rd_current(rd_frame)
    if not {2021, 2022} <= set(spend.index):
        return None
    spend_growth = 100.0 * (spend[2022] / spend[2021] - 1)
    share_ratio = shares[2022] / shares[2021]
    # share = R&D / GDP, so GDP grew by (1 + R&D growth) / (share ratio) - 1 (our computation)
    return {"share_2021": float(shares[2021]), "share_2022": float(shares[2022]),
            "spend_growth_pct": spend_growth,
            "implied_gdp_growth_pct": 100.0 * ((1 + spend_growth / 100) / share_ratio - 1)}


def findings(area: str, indicators: pd.DataFrame, track: pd.DataFrame,
             has_status: bool, late: int, rd: pd.DataFrame, rd_target: float
             ) -> list[report.Finding]:
    """Four to six findings from the report's own results, for the chosen area: the area's
    indicators (for the whole strategy the first of each area), the tracker, the R&D target."""
    out: list[report.Finding] = []
    rows = indicators[indicators["latest"].notna()]
    if area == AREA_ALL:
        rows = rows.groupby("area", sort=False).head(1)
    for r in rows.head(4).to_dict("records"):
        d = int(r["decimals"])
        out.append(report.Finding(
            f"{r['indikator']}: {_amount(r['latest'], r['enhet'], d)} i {r['latest_year']}, "
            f"mot {_amount(r['baseline'], r['enhet'], d)} i {r['baseline_year']} "
            f"({_num(r['trend_pct'], 1)} % per år).", "indikatorer", ANCHORS["indikatorer"]))
    n = len(track)
    if has_status:
        done = int((track["status"] == "gjennomført").sum())
        unknown = int((track["status"] == UNKNOWN).sum())
        out.append(report.Finding(
            f"Etter statusfilen er {done} av {n} tiltak i utvalget gjennomført; {unknown} har "
            f"ukjent status og {late} har passert fristen.", "sporing", ANCHORS["sporing"]))
    else:
        out.append(report.Finding(
            f"Status er ikke registrert for noen av de {n} tiltakene i utvalget, så den er "
            "ukjent for alle.",
            "sporing", ANCHORS["sporing"]))
    if area in (AREA_ALL, "forskning") and len(rd):
        last = rd.iloc[-1]
        out.append(report.Finding(
            f"FoU var {fmt_number(last['FoU i alt'], 2)} % av BNP i {int(last['år'])}, "
            f"{fmt_number(rd_target - last['FoU i alt'], 2)} prosentpoeng under målet på "
            f"{fmt_number(rd_target, 0)} %.", "fou", ANCHORS["fou"]))
    out += _more_findings(area, track)
    return out[:6]


def _more_findings(area: str, track: pd.DataFrame) -> list[report.Finding]:
    """Findings from the recommendations themselves: counties, Produktivitetsspranget, the
    actor named most often, the working paper's needs answered, the count of
    recommendations (in that order, so every area reaches four)."""
    from helpers.themes.manufacturing_strategy.actor_matrix import actor_matrix
    from helpers.themes.manufacturing_strategy.needs import needs_table
    from helpers.themes.manufacturing_strategy.targets import produktivitetsspranget_rate
    from helpers.themes.manufacturing_strategy.tracker import county_recommendations

    out: list[report.Finding] = []
    own = track[track["area"] != "oppfolging"]
    county_said = area in (AREA_ALL, "kompetanse")
    if county_said:
        county = county_recommendations(own)
        out.append(report.Finding(
            f"{len(county)} av {len(own)} anbefalinger faller på fylkene, som eier "
            "videregående opplæring og fagskolene.", "sporing", ANCHORS["sporing"]))
    if area in (AREA_ALL, "produktivitet"):
        ps = produktivitetsspranget_rate()
        out.append(report.Finding(
            f"Produktivitetsspranget har tatt inn om lag {fmt_number(ps['per_year'], 1)} "
            f"bedrifter i året, mot målet om minst {fmt_number(ps['target'])} i anbefaling B1.",
            "anbefalinger", ANCHORS["anbefalinger"]))
    matrix = actor_matrix(area, follow_up=False)
    if matrix.shape[1]:
        from helpers.themes.manufacturing_strategy.tracker import COUNTIES

        finding = _top_actors_finding(matrix, said={COUNTIES} if county_said else set())
        if finding:
            out.append(finding)
    needs = needs_table(area)
    if len(needs):
        direct = int((needs["dekning"] == "direkte").sum())
        out.append(report.Finding(
            f"{direct} av {len(needs)} behov og utfordringer fra arbeidsnotatet som området "
            "svarer på, besvares direkte av anbefalingene.", "behov", ANCHORS["behov"]))
    out.append(report.Finding(
        f"«{area_label(area)}» har {len(own)} anbefalinger, og "
        f"{int((track['area'] == 'oppfolging').sum())} forslag til oppfølging gjelder hele "
        "strategien.", "anbefalinger", ANCHORS["anbefalinger"]))
    return out


def _top_actors_finding(matrix: pd.DataFrame, said: set[str]) -> report.Finding | None:
    """The actor most recommendations point to, or all the actors tied for that place (named
    each, with the count they share). None when the only top actor is one an earlier finding
    already reports (``said``: actor ids), so the same count is not stated twice."""
    from helpers.themes.manufacturing_strategy.reference import actors

    acts = actors()
    names = dict(zip(acts["abbr"], acts["name"], strict=True))
    ids = dict(zip(acts["abbr"], acts["actor"], strict=True))
    counts = (matrix != "").sum()
    best = int(counts.max())
    top = [abbr for abbr in counts.index if counts[abbr] == best]
    if len(top) == 1 and ids[top[0]] in said:
        return None
    if len(top) == 1:
        text = (f"{names[top[0]]} er aktøren flest anbefalinger peker på: {best} av "
                f"{len(matrix)}.")
    else:
        word = count_word(len(top))
        text = (f"Flest anbefalinger peker på disse {word} aktørene, {best} av {len(matrix)} "
                f"hver: {'; '.join(names[a] for a in top)}.")
    return report.Finding(text, "aktorer", ANCHORS["aktorer"])


def area_context(area: str) -> str:
    """A short paragraph placing one area in the strategy: its number among the areas, the
    main challenge in our words, its count of recommendations and the areas left out."""
    table = areas()
    row = table.set_index("area").loc[area]
    counts = recommendations(AREA_ALL, follow_up=False).groupby("area").size()
    others = [n for a, n in zip(table["area"], table["label"], strict=True) if a != area]
    return (
        f"«{row['name']}» er område {int(row['area_no'])} av {len(table)} i strategien, med "
        f"{int(counts.get(area, 0))} av strategiens {int(counts.sum())} anbefalinger. "
        f"Hovedutfordringen er, med våre ord: {_lower_first(row['challenge'])} Rapporten viser "
        f"bare dette områdets anbefalinger og indikatorer; de andre områdene "
        f"({', '.join(others[:-1]).lower()} og {others[-1].lower()}) har egne utgaver, og "
        "hele strategien har en samlet oversikt."
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def dashboard_rows(area: str, indicators: pd.DataFrame, rd: pd.DataFrame,
                   targets: dict[str, float], period: tuple[int, int]) -> pd.DataFrame:
    """The dashboard's rows: the area's indicators, and for the whole strategy and research
    also R&D as a share of GDP against the strategy's targets."""
    if area not in (AREA_ALL, "forskning") or rd.empty:
        return indicators
    return pd.concat([indicators, rd_indicator_rows(rd, targets, period)], ignore_index=True)


def dashboard_sources(rows: pd.DataFrame) -> list[str]:
    """The "Kilde:" entries of the dashboard: each SSB table once, and the R&D dataset for the
    shares of GDP (by its dataset name, so its own citation is used)."""
    cites = sorted({c for k in rows["kilde"] for c in k.split("; ") if c.startswith("SSB")})
    if rows["key"].str.startswith("fou-").any():
        cites.append(DS_RD)
    return cites
