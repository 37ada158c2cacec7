"""Command line: ``python -m helpers build|run|list|data|tracker``.

Exit status: 0 everything built (or up to date); 1 at least one report failed (the others were
built; a stuck worker, a dead kernel or a full disk while writing a report count here) or the
index could not be written; 2 nothing executed: usage, config or parameter error, an output
refused (inside the inputs, a configured report's folder, a file), another build holds the lock,
or the output cannot be written at all (disk full, read-only, permission); 130 interrupted
(reports published before the signal count as built).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from helpers.pipeline import cli_data
from helpers.pipeline.build import (
    Interrupted,
    build,
    default_config,
    default_jobs,
    explain_failures,
)
from helpers.pipeline.config import Collection, ConfigError, load_config
from helpers.pipeline.lock import BuildLocked
from helpers.pipeline.params import DeclarationError, ParameterError
from helpers.pipeline.paths import OutputError, describe_os_error

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _formats(text: str | None) -> list[str] | None:
    return None if text is None else [f for f in text.split(",") if f.strip()]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m helpers",
        description="Build the industrirapporter report collection (papermill → HTML → PDF).",
        epilog="Exit status: 0 all built or up to date; 1 a report failed (the others were "
               "built) or the index could not be written; 2 nothing executed: usage, config or "
               "parameter error, output refused or locked by another build, or not writable "
               "(disk full, read-only, permission); 130 interrupted (reports published before "
               "count as built). Every failure is one line naming the report, cell or path.",
    )
    p.add_argument("--config", type=Path, default=None,
                   help="collection config (default: reports.yaml)")
    # --config is accepted after the command too (`build --config x.yaml`)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                        help="collection config (default: reports.yaml)")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", parents=[common],
                       help="build every configured report, or a selection")
    b.add_argument("selection", nargs="*", metavar="SELECTION",
                   help="NOTEBOOK or NOTEBOOK:SET (default: everything)")
    b.add_argument("--jobs", "-j", type=int, default=None,
                   help=f"reports built in parallel (default: cores, here {default_jobs()})")
    b.add_argument("--force", action="store_true", help="rebuild even when up to date")
    b.add_argument("--formats", default=None, help="comma-separated: html,pdf (default: both)")
    b.add_argument("--show-code", action="store_true", help="show code cells in HTML and PDF")
    b.add_argument("--output-dir", type=Path, default=None,
                   help="where reports go (default: reports/ beside the config)")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress output")

    r = sub.add_parser("run", parents=[common], help="one report with ad-hoc parameters")
    r.add_argument("notebook")
    r.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                   metavar=("NAME", "VALUE"), help="a parameter (Python literal or bare word)")
    r.add_argument("--out", type=Path, default=None,
                   help="output directory (default: reports/<notebook>/adhoc-<hash>)")
    r.add_argument("--formats", default=None, help="comma-separated: html,pdf (default: both)")
    r.add_argument("--show-code", action="store_true", help="show code cells")

    sub.add_parser("list", parents=[common],
                   help="notebooks, their parameters and parameter sets")
    cli_data.add_parsers(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if hasattr(args, "handler"):
        return args.handler(args)
    if args.command == "build" and args.jobs is not None and args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "list":
            print(list_text(load_config(args.config or default_config())))
            return EXIT_OK
        if args.command == "run":
            return _run(args)
        return _build(args)
    except (ConfigError, BuildLocked, ParameterError, DeclarationError, OutputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (KeyboardInterrupt, Interrupted):
        print("interrupted: nothing was replaced", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # an environment fault outside any report
        print(f"error: {describe_os_error(exc)}", file=sys.stderr)
        return EXIT_FAILED


def _build(args: argparse.Namespace) -> int:
    summary = build(
        args.config, args.selection, jobs=args.jobs, force=args.force,
        formats=_formats(args.formats), show_code=args.show_code, out_root=args.output_dir,
        quiet=args.quiet,
    )
    counts = {status: sum(r.status == status for r in summary.results)
              for status in ("built", "up to date", "failed")}
    text = ", ".join(f"{n} {status}" for status, n in counts.items() if n) or "nothing selected"
    print(f"{text}; index: {summary.index or 'not written'}")
    if summary.failed:
        print("failed reports (what was kept is listed under each):")
        for line in explain_failures(summary.failed):
            print(f"  {line}")
    if summary.index_error:
        print(f"error: {summary.index_error}", file=sys.stderr)
    if summary.interrupted:
        print("interrupted: reports not finished were left as they were", file=sys.stderr)
    return summary.exit_code


def _run(args: argparse.Namespace) -> int:
    from helpers.pipeline.build import run_report

    collection = load_config(args.config or default_config())
    nb = collection.notebook(args.notebook)
    overrides = nb.declaration.parse_cli([tuple(p) for p in args.parameter])
    fmts = _formats(args.formats)
    result = run_report(
        args.notebook, overrides, args.out, config=collection.path,
        formats=fmts if fmts is not None else collection.formats, show_code=args.show_code,
        quiet=not sys.stderr.isatty(),  # the line below says it all when not on a terminal
    )
    if result.status == "failed":
        for line in explain_failures([result]):
            print(f"failed: {line}", file=sys.stderr)
        return EXIT_FAILED
    print(f"built {args.notebook} in {result.seconds:.1f} s: {result.out_dir}")
    return EXIT_OK


def list_text(collection: Collection) -> str:
    lines = [f"config: {collection.path}"]
    for nb in collection.notebooks.values():
        exists = "" if nb.path.is_file() else "  [notebook file missing]"
        lines.append(f"\n{nb.name}: {nb.title}  ({nb.path.relative_to(collection.root)}){exists}")
        if nb.declaration.specs:
            lines.append("  parameters:")
            for spec in nb.declaration.specs.values():
                lines.append(textwrap.fill(
                    f"{spec.name} ({spec.type}, default {spec.default!r}): {spec.description}",
                    width=100, initial_indent="    ", subsequent_indent="        ",
                    break_long_words=False, break_on_hyphens=False,
                ))
                lines.append(f"        allowed: {spec.describe_allowed()}")
        else:
            lines.append("  parameters: (none)")
        if nb.declaration.validator:
            lines.append(f"  validator: {nb.declaration.validator}")
        lines.append("  sets:")
        for set_name, overrides in nb.sets.items():
            shown = ", ".join(f"{k}={v!r}" for k, v in overrides.items()) or "defaults"
            lines.append(f"    {set_name}: {shown}")
    return "\n".join(lines)
