"""Fill data/reference/municipalities_2024.csv from Statistics Norway's KLASS (classification 131).

The file was made offline, so its 2024 municipality codes (and most Viken-era codes) are empty.
Where data.ssb.no is reachable, run

    .venv/bin/python scripts/import_klass_municipalities.py

It fetches the municipalities valid on 1 January 2024 in counties 31, 32 and 33 with the codes they
had on 1 January 2023, refuses to write if the result does not have 12 + 21 + 18 municipalities or
if a name differs from the shipped list, and then rewrites the CSV and its descriptor's citation.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from helpers.sources import ssb

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / "data" / "reference" / "municipalities_2024.csv"
DESCRIPTOR = CSV.with_name("municipalities_2024.resource.json")
EXPECTED = {"31": 12, "32": 21, "33": 18}


def merge(shipped: pd.DataFrame, klass: pd.DataFrame, url: str) -> pd.DataFrame:
    """Put KLASS's codes into the shipped list; raise if the two lists disagree."""
    counts = klass["county_code"].value_counts().to_dict()
    if counts != EXPECTED:
        raise SystemExit(f"KLASS returned {counts} municipalities per county, expected {EXPECTED}")
    names_klass = set(klass["municipality_name"])
    names_ours = set(shipped["municipality_name"])
    if names_klass != names_ours:
        raise SystemExit(
            "names differ between KLASS and the shipped list: only in KLASS "
            f"{sorted(names_klass - names_ours)}, only shipped {sorted(names_ours - names_klass)}"
        )
    out = klass[["county_code", "county_name", "municipality_code", "municipality_name",
                 "previous_code"]].copy()
    out["name_source"] = url
    out["previous_code_source"] = url.replace("codesAt", "changes")
    return out.sort_values(["county_code", "municipality_code"])


def main() -> int:
    klass = ssb.fetch_klass_municipalities("2024-01-01", previous="2023-01-01")
    shipped = pd.read_csv(CSV, dtype=str, keep_default_na=False)
    merged = merge(shipped, klass, klass.attrs["url"])
    merged.to_csv(CSV, index=False)
    desc = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    desc["citation"] = "SSB, KLASS 131 (kommuneinndeling per 1.1.2024)"
    desc["retrieved"] = pd.Timestamp.now().date().isoformat()
    DESCRIPTOR.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(merged)} municipalities to {CSV}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
