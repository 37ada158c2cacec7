"""Write data/reference/municipalities_2024.csv from the recorded KLASS files.

    .venv/bin/python scripts/make_municipalities_2024.py [--external-dir DIR] [--verify-online]

Reads the KLASS files (``klass_municipalities``, ``klass_regions_history``,
``klass_region_transitions``) from ``--external-dir`` (default: ``$INDUSTRIRAPPORTER_EXTERNAL_DIR``,
then the download store ``data/external/``), each checked against its pinned SHA-256, and writes
the 51 municipalities of counties 31, 32 and 33 with their 2024 code and the Viken (2020–2023)
code they replaced. Refuses to write unless the counties have 12, 21 and 18 municipalities.

``--verify-online`` also asks KLASS itself (data.ssb.no) for the municipalities valid on
2024-01-01 and the changes of 2020 and 2024, and fails if they disagree with the file or with
``municipality_changes_2020``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

from helpers.core import data, regions
from helpers.sources import external

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / "data" / "reference" / "municipalities_2024.csv"
EXPECTED = {"31": 12, "32": 21, "33": 18}
NAME_SOURCE = "SSB KLASS 131, municipalities valid 2024-01-01 (external dataset klass_municipalities)"
PREVIOUS_SOURCE = "SSB KLASS 131, codes valid 2020-01-01 to 2024-01-01 (external dataset klass_regions_history)"
COLUMNS = ["county_code", "county_name", "municipality_code", "municipality_name",
           "previous_code", "name_source", "previous_code_source"]


def build() -> pd.DataFrame:
    """The file's rows from the recorded KLASS files; raises SystemExit on wrong counts."""
    munis = regions.municipalities_2024()
    counts = munis["county_code"].value_counts().to_dict()
    if counts != EXPECTED:
        raise SystemExit(f"KLASS gives {counts} municipalities per county, expected {EXPECTED}")
    out = munis.assign(name_source=NAME_SOURCE, previous_code_source=PREVIOUS_SOURCE)
    return out[COLUMNS]


def verify_online(frame: pd.DataFrame) -> list[str]:
    """Differences between the file and KLASS's own answers (empty when they agree)."""
    from helpers.sources import klass, ssb

    problems = []
    live = klass.fetch_municipalities("2024-01-01", previous="2023-01-01")
    ours = frame.set_index("municipality_code")
    theirs = live.set_index("municipality_code")
    if set(ours.index) != set(theirs.index):
        problems.append(f"2024 codes differ: only here {sorted(set(ours.index) - set(theirs.index))}"
                        f", only in KLASS {sorted(set(theirs.index) - set(ours.index))}")
    for code in sorted(set(ours.index) & set(theirs.index)):
        if theirs.loc[code, "previous_code"] not in ("", ours.loc[code, "previous_code"]):
            problems.append(f"{code}: previous code {ours.loc[code, 'previous_code']} here, "
                            f"{theirs.loc[code, 'previous_code']} in KLASS")
    changes = ssb.Client().klass_changes(klass.MUNICIPALITIES, "2019-12-31", "2020-01-02")
    live_links = {(str(c["oldCode"]), str(c["newCode"])) for c in changes}
    for rec in data.load(regions.CHANGES_2020).itertuples(index=False):
        if (rec.old_code, rec.new_code) not in live_links:
            problems.append(f"{regions.CHANGES_2020}: {rec.old_code} → {rec.new_code} is not in "
                            "KLASS's change list for 2020")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--external-dir", type=Path,
                        help="directory holding the recorded KLASS files (klass/...)")
    parser.add_argument("--verify-online", action="store_true",
                        help="compare with KLASS at data.ssb.no (needs internet)")
    args = parser.parse_args(argv)
    if args.external_dir:
        os.environ[external.EXTERNAL_DIR_ENV] = str(args.external_dir)
    try:
        frame = build()
    except external.ExternalDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.verify_online:
        problems = verify_online(frame)
        if problems:
            print("KLASS disagrees:\n  " + "\n  ".join(problems), file=sys.stderr)
            return 1
        print("KLASS online agrees with the recorded files and municipality_changes_2020")
    frame.to_csv(CSV, index=False)
    print(f"wrote {len(frame)} municipalities to {CSV}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
