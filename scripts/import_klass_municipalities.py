"""Fill data/reference/municipalities_2024.csv from Statistics Norway's KLASS (classification 131).

The file was made offline, so its 2024 municipality codes (and most Viken-era codes) are empty.
Where data.ssb.no is reachable, run

    .venv/bin/python scripts/import_klass_municipalities.py

It fetches the municipalities valid on 1 January 2024 in counties 31, 32 and 33 with the codes they
had on 1 January 2023, refuses to write if the result does not have 12 + 21 + 18 municipalities or
if a name differs from the shipped list, and then rewrites the CSV and its descriptor's citation
(``helpers.sources.klass.import_municipalities``).
"""

from __future__ import annotations

import sys

from helpers.sources import klass


def main() -> int:
    try:
        csv = klass.import_municipalities()
    except klass.KlassMismatch as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote the KLASS codes to {csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
