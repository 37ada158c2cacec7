"""Import the published Statistics Norway figures from ../shared/public/ssb into data/public.

Run once by hand when the shared transcriptions change; the data files are then read-only inputs.
Each CSV is copied unchanged and gets a Frictionless resource descriptor whose sources list every
page URL its rows cite (each row keeps its own `source_url`).
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "public" / "ssb"
OUT = ROOT / "data" / "public"

# name -> (title, citation, description). Descriptions are our summaries of the shared README.
META: dict[str, tuple[str, str, str]] = {
    "ssb_emissions_by_main_source": (
        "Greenhouse-gas emissions by main source (Norway)",
        "SSB, utslipp til luft (ssb.no)",
        "Emissions to air by main source, Mt CO2-eq with change since 1990 and on the year before, "
        "in several vintages (2016, 2020, 2022, 2023). GWP changed in June 2023: levels of older "
        "vintages are not comparable with newer ones.",
    ),
    "ssb_emissions_total_by_gas": (
        "Greenhouse-gas emissions by gas (Norway)",
        "SSB, utslipp til luft (ssb.no)",
        "Total greenhouse-gas emissions and each gas in Mt CO2-eq, 1990, 2000, 2005 and 2016-2023, "
        "from four vintages of the same statistic.",
    ),
    "ssb_air_emission_accounts_by_industry": (
        "Air emission accounts by industry (NOREEA)",
        "SSB, miljøregnskap for utslipp til luft (ssb.no)",
        "Output, employment, greenhouse-gas emissions and intensities by industry on the residence "
        "principle (differs from territorial totals); output bases differ between vintages.",
    ),
    "ssb_production_index_annual": (
        "Production index for manufacturing, annual averages (2005=100)",
        "SSB, produksjonsindeks for industri (ssb.no)",
        "Production index by SN2007 industry, calendar adjusted annual averages with annual change.",
    ),
    "ssb_energy_use_manufacturing": (
        "Energy use in manufacturing, mining and quarrying",
        "SSB, energibruk i industrien (tabell 11561, ssb.no)",
        "Energy use in GWh and energy costs by industry group (2023, 2024 preliminary) and by energy "
        "carrier (2009 preliminary, 2010).",
    ),
    "ssb_electricity_power_intensive": (
        "Electricity use of power-intensive industry",
        "SSB, elektrisitetsstatistikk (ssb.no)",
        "Electricity use of power-intensive industry and totals from SSB articles (2021, 2022, 2023), a "
        "monthly table (May 2023/2024) and 12-month rolling sums (2007, 2008; not calendar years).",
    ),
    "ssb_regional_accounts_county": (
        "Regional accounts, county totals",
        "SSB, fylkesfordelt nasjonalregnskap (ssb.no)",
        "County totals from the regional accounts: shares of value added and employment (2015), GDP "
        "per inhabitant and per employed person (2016, 2018), volume change (2017, 2018, 2020, 2021). "
        "No industry breakdown. Some 2020 rows are secondary (news quoting SSB): see note.",
    ),
    "ssb_manufacturing_by_county_2007_2008": (
        "Manufacturing statistics by county, 2007-2008",
        "SSB, industristatistikk etter fylke 2007-2008 (ssb.no)",
        "Persons employed and value added at factor prices in mining and manufacturing (B+C) by "
        "county, local units.",
    ),
    "ssb_sbs_manufacturing_2014_2017": (
        "Structural business statistics for manufacturing, 2014-2017",
        "SSB, strukturstatistikk for industri (ssb.no)",
        "Enterprises, employment, turnover, production value, purchases, wages and investment for "
        "mining and manufacturing groups, enterprise level.",
    ),
    "ssb_gross_product_per_hour_growth_2009_2014": (
        "Gross product per hour worked, annual volume change 2009-2014",
        "SSB, bruttoprodukt per utførte timeverk (ssb.no)",
        "Productivity growth by main industry with manufacturing groups in detail; the last two years "
        "preliminary.",
    ),
    "rd_expenditure_norway": (
        "R&D expenditure in Norway",
        "SSB og NIFU/Forskningsrådet, FoU-statistikk",
        "R&D expenditure by performing sector and R&D as a share of GDP, 2015-2022, from SSB articles, "
        "the Research Council's indicator report and NIFU; some rows are secondary (see note).",
    ),
    "ssb_investments_manufacturing": (
        "Investment estimates for manufacturing, mining, power and petroleum",
        "SSB, investeringsstatistikk (kvartalsvis, ssb.no)",
        "Anticipated and realised investment from SSB's quarterly investment survey, 2020-2024; "
        "survey estimates of different timing.",
    ),
    "ssb_mainland_exports_by_county_2014_2018": (
        "Mainland goods exports by production county, 2014-2018",
        "SSB, fastlandseksport etter produksjonsfylke (ssb.no)",
        "Mainland exports in NOK million by county (2016-2018 totals; 2014 and 2015 by SITC group).",
    ),
    "ssb_goods_trade_key_figures_2016": (
        "External trade in goods, key figures 2016",
        "SSB, utenrikshandel med varer (ssb.no)",
        "Imports, exports and their main components in 2016.",
    ),
    "ssb_employment_by_workplace_region": (
        "Employment by workplace region",
        "SSB, sysselsetting etter arbeidssted (ssb.no)",
        "Employed persons by workplace county (2011) and commuting balance for some Viken "
        "municipalities (2023, table 11616).",
    ),
}

FIELDS = [
    ("dataset", "string", "Name of the source file (constant per dataset)"),
    ("region", "string", "Region as printed on the page"),
    ("industry", "string", "Industry or source as printed"),
    ("measure", "string", "What the value measures"),
    ("unit", "string", "Unit of value"),
    ("year", "integer", "Year (or period end) of the value"),
    ("value", "number", "Value as printed (decimal comma turned into a point, nothing rescaled)"),
    ("source_url", "string", "Page the row was transcribed from"),
    ("page_updated", "string", "The page's updated date, or 'not shown'"),
    ("note", "string", "Verification, vintage and caveats"),
]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (title, citation, description) in META.items():
        src = SHARED / f"{name}.csv"
        rows = list(csv.DictReader(src.open(encoding="utf-8")))
        urls = sorted({r["source_url"] for r in rows})
        shutil.copyfile(src, OUT / src.name)
        secondary = any("SECONDARY" in r["note"] for r in rows)
        desc = {
            "name": name,
            "path": src.name,
            "title": title,
            "description": description
            + (" Rows marked SECONDARY in note come from pages quoting SSB." if secondary else ""),
            "format": "csv",
            "encoding": "utf-8",
            "sources": [
                {"title": title, "publisher": "Statistisk sentralbyrå (SSB)", "path": u}
                for u in urls
            ],
            "licenses": [
                {
                    "name": "CC-BY-4.0",
                    "path": "https://creativecommons.org/licenses/by/4.0/",
                    "title": "Creative Commons Attribution 4.0",
                }
            ],
            "retrieved": "2026-11-23",
            "units": {"value": "see column unit"},
            "citation": citation,
            "transcription": "../shared/public/ssb/README.md (archived pages; digits verified "
            "against printed totals)",
            "schema": {
                "fields": [
                    {"name": n, "type": t, "description": d, "constraints": {"required": True}}
                    if n in ("dataset", "measure", "unit", "year", "value", "source_url")
                    else {"name": n, "type": t, "description": d}
                    for n, t, d in FIELDS
                ],
                "missingValues": [""],
            },
        }
        (OUT / f"{name}.resource.json").write_text(
            json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"{name}: {len(rows)} rows, {len(urls)} source URLs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
