"""Benchmark the report pipeline (not a test): prints times, stage tables and ratios.

    .venv/bin/python benchmarks/build_bench.py                 # the fixture collection
    .venv/bin/python benchmarks/build_bench.py --config reports.yaml --data data

Measures, each into a fresh output directory and all in the same run:
  0. the floor: an empty notebook (a parameters cell only) through the same pipeline, ``--runs``
     times;
  1. cold build with ``--jobs 1``: per report the stages the build records in
     ``provenance.json`` (setup, kernel start, cells, kernel shutdown, record, HTML, PDF layout,
     PDF write, publish) and the ratio cost/floor; the shared work the build does once before
     its reports (``warm-up.json``: per task);
  2. cold build with ``--jobs 2``, and the reports' summed time against ``--jobs 1`` (how
     much longer each report takes when two share the cores);
  3. no-op rebuild (nothing changed);
  4. the naive way, one report after another: papermill CLI, ``jupyter nbconvert --to html``,
     WeasyPrint CLI (``--no-naive`` skips it).

The summary line reads ``cost/floor median X.XX, jobs2/jobs1 Y.YY, noop Z.ZZ s``; the Dask
case follows it, ending in ``dask/local R.RR (cluster running: ...); overhead per report ...``.

  5. the Dask executor against the local pool on the same selection (``--dask-reports``
     reports: the fixture's notebooks with every combination of their parameters, HTML only
     unless ``--dask-formats`` says otherwise), in this order: local pool ``--jobs 2``; Dask on
     a ``LocalCluster`` of 2 workers that the build starts; Dask on a ``LocalCluster`` already
     running (``--scheduler``), so without the cluster's start. Prints the ratios and the
     overhead per report the Dask route adds. Skipped with a message when dask is not
     installed (``pip install -e '.[cluster]'``); ``--no-dask`` skips it, ``--dask-only``
     runs only this case.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "pipeline" / "fixtures" / "pipeline"
BIN = Path(sys.executable).parent


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout}\n"
                 f"{proc.stderr}")
    return seconds, proc.stdout


def noop(cmd: list[str], env: dict[str, str], tries: int = 3) -> float:
    """Time of a rebuild that found everything up to date. Someone editing src/helpers/
    meanwhile rightly triggers a real rebuild; then the next try is the no-op."""
    for _ in range(tries):
        seconds, out = timed(cmd, env)
        if "built" not in out.split(";")[0]:
            return seconds
    sys.exit("no quiet moment: every rebuild found changed inputs")


def naive(config: Path, out: Path, env: dict[str, str]) -> tuple[float, int]:
    """papermill CLI + nbconvert CLI + WeasyPrint CLI for every configured report."""
    sys.path.insert(0, str(ROOT / "src"))
    from helpers.pipeline.config import load_config

    collection = load_config(config)
    t0 = time.perf_counter()
    count = 0
    for nb in collection.notebooks.values():
        for set_name in nb.sets:
            params = nb.params_for(set_name)
            stem = out / f"{nb.name}-{set_name}"
            out.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [str(BIN / "papermill"), str(nb.path), f"{stem}.ipynb", "-k", "python3",
                 "-y", json.dumps(params), "--cwd", str(nb.path.parent), "--no-progress-bar"],
                env=env, check=True, capture_output=True,
            )
            subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", f"{stem}.ipynb"],
                           env=env, check=True, capture_output=True)
            subprocess.run([str(BIN / "weasyprint"), f"{stem}.html", f"{stem}.pdf"],
                           env=env, check=True, capture_output=True)
            count += 1
    return time.perf_counter() - t0, count


STAGES = ["setup", "kernel_start", "cells", "kernel_shutdown", "record", "html", "pdf_layout",
          "pdf_write", "publish"]


def subsetter_note() -> str:
    """A line when HarfBuzz's subsetter is missing: WeasyPrint then subsets fonts with
    fontTools, about 1 s more a report, and every PDF figure here is slower than it should be."""
    import ctypes.util

    if ctypes.util.find_library("harfbuzz-subset"):
        return ""
    return ("note: libharfbuzz-subset0 is not installed; WeasyPrint subsets fonts with fontTools "
            "(about 1 s more a report; see README)")


def floor_collection(folder: Path) -> Path:
    """A collection with one empty notebook (its parameters cell only)."""
    import nbformat

    folder.mkdir(parents=True)
    cell = nbformat.v4.new_code_cell("x = 0")
    cell.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, str(folder / "empty.ipynb"))
    config = folder / "reports.yaml"
    config.write_text(
        "build: {formats: [html, pdf]}\n"
        "notebooks:\n"
        "  empty:\n"
        "    path: empty.ipynb\n"
        "    title: Tom\n"
        "    parameters: {x: {type: int, default: 0, description: unused}}\n"
        "    sets: {tom: {}}\n",
        encoding="utf-8",
    )
    return config


def records(out: Path) -> dict[str, dict]:
    """Every report's provenance under ``out``, by ``notebook:set``."""
    found = {}
    for path in sorted(out.glob("*/*/provenance.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        found[f"{record['notebook']}:{record['set']}"] = record
    return found


def warm_up_record(out: Path) -> dict:
    """The build's shared work before its reports (``helpers.pipeline.warm_up``), if any."""
    from helpers.pipeline.shared_cache import CACHE_DIR
    from helpers.pipeline.warm_up import WARM_UP_FILE

    path = out / CACHE_DIR / WARM_UP_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def warm_up_lines(warm: dict[int, dict]) -> list[str]:
    if not any(warm.values()):
        return []
    tasks = warm[1].get("tasks") or warm[2].get("tasks") or {}
    shown = ", ".join(f"{t} {v:.2f} s" if v is not None else f"{t} failed"
                      for t, v in tasks.items())
    return [f"  shared work before the reports (--jobs 1): {shown}",
            f"  shared work, wall: --jobs 1 {warm[1].get('wall', 0.0):.2f} s, "
            f"--jobs 2 {warm[2].get('wall', 0.0):.2f} s (part of the cold builds below)"]


def stage_row(label: str, record: dict, floor: float) -> str:
    stages = record.get("stage_seconds", {})
    cells = " ".join(f"{stages.get(s, float('nan')):7.2f}" for s in STAGES)
    total = record["duration_seconds"]
    return f"  {label:<38} {cells} {total:7.2f} {total / floor:6.2f}"


def dask_collection(folder: Path, reports: int) -> tuple[Path, Path]:
    """The fixture collection with ``reports`` parameter sets (every combination of the
    notebooks' parameters, repeated with a different pause of 0 s when more are asked);
    returns the config and its data folder."""
    import itertools

    shutil.copytree(FIXTURE, folder)
    hello = [f"{{n: {n}, label: {label}, flag: {str(flag).lower()}}}"
             for n, label, flag in itertools.product(range(1, 7), "ab", (False, True))]
    boom = [f"{{x: {x}}}" for x in range(5)]  # x >= 5 fails on purpose
    combos = []  # one boom set before every five hello sets: both notebooks have sets
    for i, params in enumerate(hello):
        if i % 5 == 0 and i // 5 < len(boom):
            combos.append(("boom", boom[i // 5]))
        combos.append(("hello", params))
    sets: dict[str, list[str]] = {"hello": [], "boom": []}
    for i in range(reports):
        notebook, params = combos[i % len(combos)]
        sets[notebook].append(f"      r{i:03d}: {params}")
    text = (folder / "reports.yaml").read_text(encoding="utf-8")
    for notebook, first in (("hello", "      small: {n: 2}\n      large: {n: 5, label: b}\n"),
                            ("boom", "      standard: {x: 1}\n")):
        assert first in text, f"the fixture's {notebook} sets changed; update build_bench.py"
        text = text.replace(first, "\n".join(sets[notebook]) + "\n")
    (folder / "reports.yaml").write_text(text, encoding="utf-8")
    return folder / "reports.yaml", folder / "data"


def dask_case(base: Path, reports: int, formats: str) -> list[str]:
    """Local pool against the Dask executor on the same selection, in one run: the lines to
    print."""
    try:
        import distributed
    except ImportError:
        return ["", "dask: skipped (dask distributed is not installed: "
                "pip install -e '.[cluster]')"]
    config, data = dask_collection(base / "dask-collection", reports)
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["INDUSTRIRAPPORTER_DATA"] = str(data)
    cmd = [sys.executable, "-m", "helpers", "--config", str(config), "build", "--quiet",
           "--formats", formats, "--jobs", "2"]
    t_local = timed([*cmd, "--output-dir", str(base / "dask-local")], env)[0]
    n = len(records(base / "dask-local"))
    t_dask = timed([*cmd, "--output-dir", str(base / "dask-own"), "--executor", "dask"], env)[0]
    os.environ["INDUSTRIRAPPORTER_DATA"] = str(data)  # the cluster's workers inherit it
    t0 = time.perf_counter()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  silence_logs=logging.CRITICAL) as cluster:
        t_start = time.perf_counter() - t0
        t_running = timed([*cmd, "--output-dir", str(base / "dask-running"), "--executor",
                           "dask", "--scheduler", cluster.scheduler_address], env)[0]
    assert len(records(base / "dask-own")) == len(records(base / "dask-running")) == n

    def median(folder: str) -> float:
        values = sorted(r["duration_seconds"] for r in records(base / folder).values())
        return values[len(values) // 2]

    return [
        "",
        f"dask executor, {n} reports ({formats}), 2 workers, against the local pool --jobs 2:",
        f"  local pool --jobs 2:                             {t_local:6.2f} s",
        f"  dask, LocalCluster started by the build:         {t_dask:6.2f} s",
        f"  dask, LocalCluster already running:              {t_running:6.2f} s "
        f"(its start took {t_start:.2f} s)",
        f"  median report as the worker timed it: local {median('dask-local'):.2f} s, dask "
        f"{median('dask-own'):.2f} s and {median('dask-running'):.2f} s",
        f"dask/local {t_dask / t_local:.2f} (cluster running: {t_running / t_local:.2f}); "
        f"overhead per report {(t_dask - t_local) / n:+.2f} s "
        f"(cluster running: {(t_running - t_local) / n:+.2f} s)",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", type=Path, default=FIXTURE / "reports.yaml")
    ap.add_argument("--data", type=Path, default=None,
                    help="data folder (default: the fixture's when --config is the fixture)")
    ap.add_argument("--runs", type=int, default=3, help="floor builds (median taken)")
    ap.add_argument("--no-naive", action="store_true", help="skip the naive CLI chain")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask executor case")
    ap.add_argument("--dask-only", action="store_true", help="run only the Dask executor case")
    ap.add_argument("--dask-reports", type=int, default=24,
                    help="reports in the Dask case's selection (default 24)")
    ap.add_argument("--dask-formats", default="html", help="formats in the Dask case")
    args = ap.parse_args()
    if args.dask_only:
        base = Path(tempfile.mkdtemp(prefix="build-bench-"))
        try:
            print("\n".join(dask_case(base, args.dask_reports, args.dask_formats)).strip())
        finally:
            shutil.rmtree(base, ignore_errors=True)
        return
    config = args.config.resolve()
    data = args.data or (FIXTURE / "data" if config == FIXTURE / "reports.yaml" else None)

    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    if data:
        env["INDUSTRIRAPPORTER_DATA"] = str(Path(data).resolve())
    base = Path(tempfile.mkdtemp(prefix="build-bench-"))
    sys.path.insert(0, str(ROOT / "src"))

    def cli(cfg: Path) -> list[str]:
        return [sys.executable, "-m", "helpers", "--config", str(cfg), "build", "--quiet"]

    try:
        floor_cfg = floor_collection(base / "floor-collection")
        floors = []
        for run in range(max(1, args.runs)):
            timed([*cli(floor_cfg), "--output-dir", str(base / f"floor{run}")], env)
            floors.append(records(base / f"floor{run}")["empty:tom"])
        t_one = timed([*cli(config), "--output-dir", str(base / "one"), "--jobs", "1"], env)[0]
        one = records(base / "one")
        t_two = timed([*cli(config), "--output-dir", str(base / "two"), "--jobs", "2"], env)[0]
        two = records(base / "two")
        warm = {j: warm_up_record(base / name) for j, name in ((1, "one"), (2, "two"))}
        t_noop = noop([*cli(config), "--output-dir", str(base / "two")], env)
        t_naive, n = (None, len(one)) if args.no_naive else naive(config, base / "naive", env)
        dask_lines = [] if args.no_dask else dask_case(base, args.dask_reports,
                                                       args.dask_formats)
    finally:
        shutil.rmtree(base, ignore_errors=True)

    floor_record = sorted(floors, key=lambda r: r["duration_seconds"])[len(floors) // 2]
    floor = floor_record["duration_seconds"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"collection: {config} ({n} reports, HTML + PDF), {cores} cores")
    if subsetter_note():
        print(subsetter_note())
    print("\nper report, --jobs 1 (seconds; from provenance.json):")
    heads = ["setup", "kernel", "cells", "shutdn", "record", "html", "layout", "write", "publ"]
    print(f"  {'report':<38} " + " ".join(f"{h:>7}" for h in heads) + "   total  /floor")
    print(stage_row(f"floor (empty notebook, median of {len(floors)})", floor_record, floor))
    ratios = []
    for label, record in one.items():
        print(stage_row(label, record, floor))
        ratios.append(record["duration_seconds"] / floor)
    ratios.sort()
    median = ratios[len(ratios) // 2] if len(ratios) % 2 else \
        (ratios[len(ratios) // 2 - 1] + ratios[len(ratios) // 2]) / 2
    totals = {s: sum(r.get("stage_seconds", {}).get(s, 0.0) for r in one.values())
              for s in STAGES}
    whole = sum(totals.values()) or 1.0
    print("  share of all stages: " + ", ".join(f"{s} {v / whole:.0%}" for s, v in
                                                 totals.items()))
    print("\ncollection:")
    if t_naive is not None:
        print(f"  naive (papermill + nbconvert + weasyprint CLIs): {t_naive:6.2f} s")
    print(f"  cold build --jobs 1:                             {t_one:6.2f} s")
    print(f"  cold build --jobs 2:                             {t_two:6.2f} s")
    print(f"  no-op rebuild:                                   {t_noop:6.2f} s")
    for line in warm_up_lines(warm):
        print(line)
    sum_one = sum(r["duration_seconds"] for r in one.values())
    sum_two = sum(r["duration_seconds"] for r in two.values())
    if sum_one and sum_two:
        # two reports at once on shared cores each take longer: the part of jobs2/jobs1 that
        # no scheduling can remove
        print(f"  report time summed: --jobs 1 {sum_one:.1f} s, --jobs 2 {sum_two:.1f} s "
              f"(x{sum_two / sum_one:.2f} when two run at once); --jobs 2 wall / "
              f"(summed / 2) {t_two / (sum_two / 2):.2f}")
    if t_naive is not None:
        print(f"  naive / jobs 1 = {t_naive / t_one:.2f}x, naive / jobs 2 = {t_naive / t_two:.2f}x")
    print(f"cost/floor median {median:.2f}, jobs2/jobs1 {t_two / t_one:.2f}, "
          f"noop {t_noop:.2f} s")
    for line in dask_lines:
        print(line)


if __name__ == "__main__":
    main()
