"""Section 4: exports by commodity group, the process industry's share and the 2019–2023 change."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.core import data
from helpers.core.formatting import and_list, en_dash, fmt_number, money_unit
from helpers.methods import growth

from .common import BILLION, EXPORTS, ID_EXPORT_CHANGE, PERCENT, branch_rows, stated_value
from .currency import convert, nok_per

# --------------------------------------------------------------------------- exports


def norway_column(currency: str) -> str:
    """The export table's column of Norway's exports in ``currency`` ("Norge (mrd. kr)")."""
    return f"Norge ({money_unit(currency)})"


def process_column(currency: str) -> str:
    """The export table's column of the process industry's exports in ``currency``."""
    return f"prosessindustri ({money_unit(currency)})"


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
            norway_column(currency): (groups["export_value_norway"].astype(float) / rate
                                      / BILLION).tolist(),
            process_column(currency): (
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
        norway_column(currency): (sel_nor if keep is not None else nor_total) / rate / BILLION,
        process_column(currency): (sel_pi if keep is not None else pi_total) / rate / BILLION,
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




# --------------------------------------------------------------------------- the two measures

#: The project's number of Prosess21's status report, whose export table process_exports_2023 is.
DOCUMENT = "003"
#: The year of the document's export table (dataset process_exports_2023).
EXPORT_TABLE_YEAR = 2023
#: The document's and SSB's export of a branch differ when they are more than this share of
#: the document's figure apart; the report then says what each covers.
GAP_THRESHOLD = 0.2


@dataclass(frozen=True)
class ExportGap:
    """The document's export of a branch's goods (its share of HS chapter groups) against SSB's
    (table 08818, the SITC groups the project's mapping counts for the branch), in NOK.

    ``same_chapters``: the other SITC groups the mapping ties to the same HS chapter groups
    (those it does not count for the branch); ``group_total``: Norway's whole export in the HS
    chapter groups as the document prints it."""

    branch: str
    year: int
    hs_groups: tuple[str, ...]
    lines: tuple[str, ...]
    document: float
    group_total: float
    counted: float
    counted_groups: tuple[str, ...]
    same_chapters: float
    same_chapters_groups: tuple[str, ...]

    @property
    def relative(self) -> float:
        """(SSB − document) / document."""
        return (self.counted - self.document) / self.document

    @property
    def differs(self) -> bool:
        return abs(self.relative) > GAP_THRESHOLD

    @property
    def tied(self) -> float:
        """Every SITC group the mapping ties to the HS chapter groups, counted or not."""
        return self.counted + self.same_chapters


def export_gap(frame: pd.DataFrame, branch: str, year: int = EXPORT_TABLE_YEAR) -> ExportGap:
    """The document's and SSB's export of ``branch`` in ``year`` and what each covers, from the
    document's export table (process_exports_2023), SSB table 08818 (``frame``) and the SITC
    mapping (process_sitc_map)."""
    from .ssb_series import SITC_MAP, annual_exports, sitc_codes

    table = exports()
    groups = table[table["row_role"] == "group"]
    keep = branch_rows(branch, EXPORTS)
    if keep is not None:
        groups = groups[groups["hs_chapters"].isin(keep)]
    groups = groups[groups["export_value_process_industry"].notna()]
    mapping = data.load(SITC_MAP)
    counted = sitc_codes(branch)
    same = mapping[mapping["hs_chapters"].isin(set(groups["hs_chapters"]))
                   & ~mapping["sitc"].isin(counted)]

    def value(codes: list[str]) -> float:
        if not codes:
            return 0.0
        by_year = annual_exports(frame, codes)
        return float(by_year.loc[year, "nok"]) if year in by_year.index else float("nan")

    def named(rows: pd.DataFrame) -> tuple[str, ...]:
        return tuple(f"{r.sitc} {r.label_nb}" for r in rows.sort_values("sitc").itertuples())

    return ExportGap(
        branch=branch, year=year,
        hs_groups=tuple(groups["hs_chapters"]),
        lines=tuple(str(x) for x in groups["lines"]),
        document=float(groups["export_value_process_industry"].astype(float).sum()),
        group_total=float(groups["export_value_norway"].astype(float).sum()),
        counted=value(counted),
        counted_groups=named(mapping[mapping["sitc"].isin(counted)]),
        same_chapters=value(same["sitc"].tolist()),
        same_chapters_groups=named(same),
    )


def export_gap_table(gap: ExportGap, currency: str = "NOK") -> pd.DataFrame:
    """The four amounts behind the comparison, in billions of ``currency``."""
    rate = nok_per(currency, gap.year)
    chapters = _chapters(gap)
    rows = [
        (f"Dokumentet: prosessindustriens del av HS {chapters}", gap.document),
        (f"Dokumentet: Norges eksport i HS {chapters} i alt", gap.group_total),
        ("SSB: SITC-gruppene rapporten regner med for bransjen", gap.counted),
        (f"SSB: andre SITC-grupper koblet til HS {chapters}", gap.same_chapters),
    ]
    return pd.DataFrame({"": [r[0] for r in rows],
                         money_unit(currency): [r[1] / rate / BILLION for r in rows]})


def _chapters(gap: ExportGap) -> str:
    return and_list([en_dash(g) for g in gap.hs_groups])


def export_gap_text(gap: ExportGap, currency: str = "NOK") -> str:
    """Why the document's figure and SSB's differ, for readers: what each covers, the SITC
    groups tied to the same HS chapters, and whether the data explain the rest (they cannot say
    which commodity numbers the document counts, so a gap is never called explained)."""
    from helpers.checks import document_name

    rate = nok_per(currency, gap.year)

    def bn(x: float) -> str:
        return f"{fmt_number(x / rate / BILLION, 1)} {money_unit(currency)}"

    chapters = _chapters(gap)
    where = f"{document_name(DOCUMENT)}, linje {and_list(gap.lines)}"
    parts = [
        f"Dokumentets {bn(gap.document)} og SSBs {bn(gap.counted)} for {gap.year} gjelder "
        f"ulike varer. Dokumentets tall er den delen av Norges eksport i HS {chapters} som "
        f"Prosess21 regner til prosessindustrien ({where}); SSBs tall er summen av "
        f"SITC-gruppene rapporten regner med: {and_list(gap.counted_groups)}."
    ]
    if gap.same_chapters_groups:
        parts.append(
            f"De andre SITC-gruppene som koblingen knytter til de samme HS-kapitlene "
            f"({and_list(gap.same_chapters_groups)}), utgjorde {bn(gap.same_chapters)} og "
            "regnes ikke med; grunnen for hver står i tabellen over varegrupper i kapittel 10.")
    if gap.tied < gap.group_total * (1 - GAP_THRESHOLD):
        parts.append(
            f"Alle SITC-gruppene som er knyttet til HS {chapters}, utgjør til sammen "
            f"{bn(gap.tied)}, mens dokumentet oppgir {bn(gap.group_total)} for hele "
            "varegruppen: resten ligger i SITC-grupper som koblingen fører til andre "
            "varegrupper eller ikke tar med.")
    if gap.counted > gap.document:
        parts.append(
            f"SITC-gruppene er hele varegrupper, mens dokumentet regner "
            f"{bn(gap.document)} av varegruppens {bn(gap.group_total)} til prosessindustrien.")
    parts.append("Dokumentet oppgir ikke hvilke varenumre det regner med, så forskjellen er ikke "
                 "forklart av dataene.")
    return " ".join(parts)
