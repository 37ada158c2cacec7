"""The project's data and tracker commands, registered on ``python -m helpers``:

    python -m helpers data status            # where each external dataset is; does it verify
    python -m helpers data fetch [NAME...]   # download into data/external/, verify SHA-256
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
    d = sub.add_parser("data", help="the external datasets (USGS, World Bank WGI, EU 2023)")
    dsub = d.add_subparsers(dest="data_command", required=True)
    fetch = dsub.add_parser("fetch", help="download into data/external/ and verify SHA-256")
    fetch.add_argument("names", nargs="*", help="datasets (default: all)")
    fetch.add_argument("--force", action="store_true", help="download even if present")
    dsub.add_parser("status", help="where each dataset is and whether it verifies")
    d.set_defaults(handler=data_command)

    t = sub.add_parser("tracker", help="the recommendation tracker of manufacturing_strategy")
    tsub = t.add_subparsers(dest="tracker_command", required=True)
    template = tsub.add_parser("template", help="write a status file, one row per recommendation")
    template.add_argument("path", type=Path, metavar="PATH", help="CSV file to write")
    t.set_defaults(handler=tracker_command)


def data_command(args: argparse.Namespace) -> int:
    """``data status`` prints the status table; ``data fetch`` downloads and verifies."""
    from helpers.sources import external

    if args.data_command == "status":
        print(external.status().to_string(index=False))
        return 0
    try:
        got = external.fetch(args.names or None, force=args.force)
    except external.ExternalDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, path in got.items():
        print(f"{name}: {path} (SHA-256 verified)")
    return 0


def tracker_command(args: argparse.Namespace) -> int:
    """``tracker template PATH`` writes the status template of the strategy's recommendations."""
    from helpers.themes import manufacturing_strategy as ms

    path = ms.write_status_template(args.path)
    print(f"wrote {path} ({len(ms.status_template())} rows)")
    return 0
