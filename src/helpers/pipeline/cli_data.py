"""The project's data and tracker commands, registered on ``python -m helpers``:

    python -m helpers data status                 # each dataset: present, verified, vintage, where
    python -m helpers data fetch [NAME...]        # download from pinned URLs, verify SHA-256
    python -m helpers data fetch --refresh [NAME...]  # also ask SSB for the current vintage
    python -m helpers tracker template PATH  # status file for the manufacturing-strategy report
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_parsers(sub: Any) -> None:
    """Add the ``data`` and ``tracker`` commands to the subparsers of the main command line;
    each sets ``handler``, the function that runs it."""
    d = sub.add_parser("data", help="the external datasets: SSB tables, KLASS, USGS, WGI, EU")
    dsub = d.add_subparsers(dest="data_command", required=True)
    fetch = dsub.add_parser(
        "fetch", help="download into data/external/ and verify SHA-256 (missing ones only)")
    fetch.add_argument("names", nargs="*", help="datasets (default: all)")
    fetch.add_argument("--force", action="store_true", help="download even if present")
    fetch.add_argument("--refresh", action="store_true",
                       help="also get the current vintage of SSB tables from Statistics Norway "
                            "(PxWebApi v2, v0 as fallback), stored beside the recorded copy")
    dsub.add_parser("status", help="each dataset: state, vintage, live answer, where")
    d.set_defaults(handler=data_command)

    t = sub.add_parser("tracker", help="the recommendation tracker of manufacturing_strategy")
    tsub = t.add_subparsers(dest="tracker_command", required=True)
    template = tsub.add_parser("template", help="write a status file, one row per recommendation")
    template.add_argument("path", type=Path, metavar="PATH", help="CSV file to write")
    t.set_defaults(handler=tracker_command)


def data_command(args: argparse.Namespace) -> int:
    """``data status`` prints the state table; ``data fetch`` downloads (and refreshes)."""
    from helpers.sources import external, statistics

    if args.data_command == "status":
        table = statistics.status()
        print(table.to_string(index=False) if len(table) else "no external datasets declared")
        return 0
    names = args.names or list(external.sources())
    unknown = [n for n in names if n not in external.sources()]
    if unknown:
        print(f"error: unknown dataset(s) {', '.join(unknown)}; known: "
              f"{', '.join(sorted(external.sources()))}", file=sys.stderr)
        return 2
    show = sys.stderr.isatty()
    failed = False
    if args.force:
        try:
            got = external.fetch(names, force=True, progress=show)
        except external.ExternalDataError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        for name, path in got.items():
            print(f"{name}: {path} (SHA-256 verified)")
    else:
        ensured = statistics.ensure(names, progress=show)
        for name in names:
            if name in ensured.missing:
                print(f"{name}: missing ({ensured.missing[name]})")
            else:
                how = "downloaded" if name in ensured.fetched else "present"
                print(f"{name}: {how}, SHA-256 verified")
        if ensured.missing:
            print(ensured.message(), file=sys.stderr)
            failed = True
    if args.refresh:
        live = [n for n in names if n in statistics.datasets() and statistics.dataset(n).live]
        for result in statistics.refresh(live):
            state = "refreshed" if result.ok else "not refreshed"
            print(f"{result.name}: {state}: {result.message}")
            failed |= not result.ok
    return 1 if failed else 0


def tracker_command(args: argparse.Namespace) -> int:
    """``tracker template PATH`` writes the status template of the strategy's recommendations."""
    from helpers.themes import manufacturing_strategy as ms

    path = ms.write_status_template(args.path)
    print(f"wrote {path} ({len(ms.status_template())} rows)")
    return 0
