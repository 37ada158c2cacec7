"""Statistics Norway's classification database (KLASS): the municipalities valid on a date, and
the import of their codes into the shipped municipality list (``municipalities_2024``).

The HTTP, cache and rate-limit machinery is the SSB client's (``helpers.sources.ssb.Client``);
this module knows the classifications and what the project keeps of them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from helpers.core import data
from helpers.sources.ssb import KLASS_BASE, Client
from helpers.sources.ssb_query import iso_date

#: KLASS classifications: municipalities, counties.
MUNICIPALITIES = "131"
COUNTIES = "104"
#: Municipalities per county (Østfold, Akershus, Buskerud) on 1 January 2024.
EXPECTED_2024 = {"31": 12, "32": 21, "33": 18}
#: The shipped list that ``import_municipalities`` fills in.
DATASET = "municipalities_2024"
COLUMNS = ["county_code", "county_name", "municipality_code", "municipality_name"]


class KlassMismatch(ValueError):
    """KLASS's answer disagrees with the shipped list; nothing is written."""


def fetch_municipalities(
    on: date | str = "2024-01-01",
    *,
    counties: Sequence[str] | None = ("31", "32", "33"),
    previous: date | str | None = "2023-01-01",
    client: Client | None = None,
) -> pd.DataFrame:
    """Municipalities valid on ``on`` from KLASS classification 131, with their counties.

    Columns ``county_code, county_name, municipality_code, municipality_name`` and, when
    ``previous`` is given, ``previous_code`` (the code the municipality had on that date,
    from KLASS's change list; "" when unchanged or new). County names come from KLASS 104.
    ``counties`` limits the result to those county codes (None: all).
    """
    client = client or Client()
    day = iso_date(on)
    munis = client.klass_codes_at(MUNICIPALITIES, day)
    county_names = {c["code"]: c["name"] for c in client.klass_codes_at(COUNTIES, day)}
    rows = [
        {
            "county_code": str(m["code"])[:2],
            "county_name": county_names.get(str(m["code"])[:2], ""),
            "municipality_code": str(m["code"]),
            "municipality_name": str(m["name"]),
        }
        for m in munis
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if counties is not None:
        frame = frame[frame["county_code"].isin(list(counties))]
    if previous is not None:
        changes = client.klass_changes(MUNICIPALITIES, previous, day)
        old_for = {str(c["newCode"]): str(c["oldCode"]) for c in changes}
        frame["previous_code"] = [old_for.get(code, "") for code in frame["municipality_code"]]
    frame = frame.sort_values("municipality_code").reset_index(drop=True)
    frame.attrs.update(
        {"source": f"SSB KLASS {MUNICIPALITIES} (kommuneinndeling)", "date": day,
         "url": f"{KLASS_BASE}/classifications/{MUNICIPALITIES}/codesAt?date={day}"}
    )
    return frame


def merge(shipped: pd.DataFrame, klass: pd.DataFrame, url: str) -> pd.DataFrame:
    """Put KLASS's codes into the shipped list; ``KlassMismatch`` if the two lists disagree
    (other counts per county than ``EXPECTED_2024``, or other names)."""
    counts = klass["county_code"].value_counts().to_dict()
    if counts != EXPECTED_2024:
        raise KlassMismatch(
            f"KLASS returned {counts} municipalities per county, expected {EXPECTED_2024}")
    names_klass = set(klass["municipality_name"])
    names_ours = set(shipped["municipality_name"])
    if names_klass != names_ours:
        raise KlassMismatch(
            "names differ between KLASS and the shipped list: only in KLASS "
            f"{sorted(names_klass - names_ours)}, only shipped {sorted(names_ours - names_klass)}"
        )
    out = klass[[*COLUMNS, "previous_code"]].copy()
    out["name_source"] = url
    out["previous_code_source"] = url.replace("codesAt", "changes")
    return out.sort_values(["county_code", "municipality_code"])


def import_municipalities(client: Client | None = None) -> Path:
    """Fetch the 2024 municipalities (with their 2023 codes), check them against the shipped
    list, and rewrite its CSV and its descriptor's citation. Returns the CSV's path."""
    csv = data.data_files(DATASET)[0]
    klass = fetch_municipalities("2024-01-01", previous="2023-01-01", client=client)
    shipped = pd.read_csv(csv, dtype=str, keep_default_na=False)
    merged = merge(shipped, klass, klass.attrs["url"])
    merged.to_csv(csv, index=False)
    path = data.descriptor_path(DATASET)
    desc = json.loads(path.read_text(encoding="utf-8"))
    desc["citation"] = "SSB, KLASS 131 (kommuneinndeling per 1.1.2024)"
    desc["retrieved"] = pd.Timestamp.now().date().isoformat()
    path.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return csv
