"""Benchmark the report pipeline (not a test): prints times and ratios.

    .venv/bin/python benchmarks/build_bench.py                 # the fixture collection
    .venv/bin/python benchmarks/build_bench.py --config reports.yaml --data data

Measures, each into a fresh output directory:
  1. cold build with ``--jobs 1``;
  2. cold build with the default ``--jobs`` (number of cores);
  3. no-op rebuild (nothing changed);
  4. the naive way, one report after another: papermill CLI, ``jupyter nbconvert --to html``,
     WeasyPrint CLI.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "pipeline"
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", type=Path, default=FIXTURE / "reports.yaml")
    ap.add_argument("--data", type=Path, default=None,
                    help="data folder (default: the fixture's when --config is the fixture)")
    args = ap.parse_args()
    config = args.config.resolve()
    data = args.data or (FIXTURE / "data" if config == FIXTURE / "reports.yaml" else None)

    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    if data:
        env["INDUSTRIRAPPORTER_DATA"] = str(Path(data).resolve())
    base = Path(tempfile.mkdtemp(prefix="build-bench-"))
    cli = [sys.executable, "-m", "helpers", "--config", str(config), "build", "--quiet"]
    try:
        t_one = timed([*cli, "--output-dir", str(base / "one"), "--jobs", "1"], env)[0]
        t_par = timed([*cli, "--output-dir", str(base / "par")], env)[0]
        t_noop = noop([*cli, "--output-dir", str(base / "par")], env)
        t_naive, n = naive(config, base / "naive", env)
    finally:
        shutil.rmtree(base, ignore_errors=True)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"collection: {config} ({n} reports, HTML + PDF), {cores} cores")
    print(f"  naive (papermill + nbconvert + weasyprint CLIs): {t_naive:6.2f} s")
    print(f"  cold build --jobs 1:                             {t_one:6.2f} s")
    print(f"  cold build --jobs {cores} (default):                   {t_par:6.2f} s")
    print(f"  no-op rebuild:                                   {t_noop:6.2f} s")
    print(f"  ratios: naive / jobs 1 = {t_naive / t_one:.2f}x, naive / default = "
          f"{t_naive / t_par:.2f}x, jobs 1 / default = {t_one / t_par:.2f}x, "
          f"cold default / no-op = {t_par / t_noop:.1f}x")


if __name__ == "__main__":
    main()
