"""Integration: the CLI builds the fixture collection (tests/fixtures/pipeline/) end to end.

One module-scoped build runs the real thing (papermill, nbconvert, WeasyPrint); tests that
change something work on their own copy of that built tree.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdf
import pytest
from filelock import FileLock

from helpers.core.data import DATA_DIR_ENV, READ_LOG_ENV

FIXTURE = Path(__file__).parent / "fixtures" / "pipeline"
A4 = (595.28, 841.89)  # points
TITLE = "Testrapport for rørledningen"


def cli(base: Path, *args: str, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(base, *args), capture_output=True, text=True, env=environment(base, extra_env),
        timeout=300,
    )


def command(base: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "helpers", "--config", str(base / "coll" / "reports.yaml"),
            *args]


def environment(base: Path, extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != READ_LOG_ENV}
    env[DATA_DIR_ENV] = str(base / "coll" / "data")
    env.update(extra or {})
    return env


def build_args(base: Path, *more: str) -> list[str]:
    return ["build", "--output-dir", str(base / "reports"), *more]


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".build.lock"}


def set_in_config(base: Path, old: str, new: str) -> None:
    cfg = base / "coll" / "reports.yaml"
    text = cfg.read_text(encoding="utf-8")
    assert old in text
    cfg.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    base = tmp_path_factory.mktemp("pipeline")
    shutil.copytree(FIXTURE, base / "coll")
    # MPLBACKEND=Agg in the caller's environment must not remove figures from the reports.
    proc = cli(base, *build_args(base, "--jobs", "2"), extra_env={"MPLBACKEND": "Agg"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return base, proc


@pytest.fixture
def built(first, tmp_path):
    base, _ = first
    shutil.copytree(base, tmp_path / "b")
    return tmp_path / "b"


def test_build_writes_reports_and_index(first):
    base, proc = first
    assert "3 built" in proc.stdout
    out = base / "reports"
    for nb, s in (("hello", "small"), ("hello", "large"), ("boom", "standard")):
        names = {p.name for p in (out / nb / s).iterdir()}
        assert names == {f"{nb}-{s}.ipynb", f"{nb}-{s}.html", f"{nb}-{s}.pdf",
                         "provenance.json"}
    assert not (out / ".staging").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    for href in ("hello/small/hello-small.html", "hello/large/hello-large.pdf",
                 "boom/standard/boom-standard.ipynb"):
        assert f'href="{href}"' in index
    assert index.count(">bygget<") == 3


def test_html_is_offline_with_title_block_toc_captions_and_provenance(first):
    base, _ = first
    page = (base / "reports/hello/small/hello-small.html").read_text(encoding="utf-8")
    assert f'<h1 class="report-title">{TITLE}</h1>' in page
    header = page[page.index("<header"):page.index("</header>")]
    assert "<dt>N</dt><dd>2</dd>" in header and "<dt>Label</dt><dd>a</dd>" in header
    # data sources once, by citation, in the readers' appendix; dataset ids only in the
    # collapsed technical provenance
    assert "<td>Testdata, fiktiv serie</td>" in page[page.index('id="datakilder"'):]
    assert "<code>fixture_series</code>" in page[page.index('id="proveniens"'):]
    toc = re.search(r'<nav\b[^>]*class="toc".*?</nav>', page, re.S).group(0)
    assert '<a href="#Innledning">Innledning</a>' in toc and ">Figur</a>" in toc
    assert "<figcaption>Tabell 1. Testtabell med 2 rader, etikett a</figcaption>" in page
    assert '<p class="kilde">Kilde: Testdata, fiktiv serie.</p>' in page
    assert '<figure class="chart" id="figur-1"><svg' in page  # numbered, listed
    assert "data:image/png" in page  # the inline figure survived MPLBACKEND=Agg
    assert f"kernel: {sys.executable}" in page  # the build's own interpreter ran the kernel
    # code and prompts hidden; nothing loaded from the network
    assert "time.sleep(pause)" not in page and "In&nbsp;[" not in page
    assert "<script" not in page and not re.search(r'(src|href)="https?:', page)
    assert "mathjax" not in page.lower()
    # technical provenance (collapsed, never printed): the SHA-256 of the data file read
    csv = base / "coll/data/public/fixture_series.csv"
    assert "Vedlegg: datakilder" in page and "<summary>Teknisk proveniens</summary>" in page
    assert hashlib.sha256(csv.read_bytes()).hexdigest() in page[page.index("<details"):]


def test_pdf_is_a4_with_page_numbers_running_title_and_bookmarks(first):
    base, _ = first
    reader = pypdf.PdfReader(base / "reports/hello/large/hello-large.pdf")
    n = len(reader.pages)
    prov = json.loads((base / "reports/hello/large/provenance.json").read_text())
    assert n == prov["pdf_pages"] and n >= 2
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4, abs=0.5)
    texts = [p.extract_text() for p in reader.pages]
    assert TITLE in texts[0] and f"side 1 av {n}" in texts[0]
    assert TITLE in texts[1] and f"side 2 av {n}" in texts[1]  # running title
    assert f"side {n} av {n}" in texts[-1]
    body = "\n".join(texts)
    assert "Testtabell med 5 rader, etikett b" in body and "Kilde: Testdata, fiktiv serie." in body
    # the 18-column table is split for print: label column repeated, last column present
    assert body.count("kolonne_00") == 2 and "kolonne_17" in body
    bookmarks = [o.title for o in flatten(reader.outline)]
    assert bookmarks[0] == TITLE
    assert {"Innledning", "Tabell", "Figur", "Vedlegg: datakilder"} <= set(bookmarks)
    # hashes, the build key and package versions never reach the PDF
    assert "SHA-256" not in body and prov["rebuild_key"][:16] not in body
    assert not any(f["sha256"] in body for f in prov["data_files"])
    assert "Teknisk proveniens" not in body


def flatten(outline: list) -> list:
    return [x for o in outline for x in (flatten(o) if isinstance(o, list) else [o])]


def test_provenance_records_parameters_files_versions_and_key(first):
    base, _ = first
    prov = json.loads((base / "reports/hello/large/provenance.json").read_text())
    assert prov["parameters"] == {"n": 5, "label": "b", "flag": False, "pause": 0.0}
    csv = base / "coll/data/public/fixture_series.csv"
    recorded = {Path(f["path"]).name: f["sha256"] for f in prov["data_files"]}
    assert recorded["fixture_series.csv"] == hashlib.sha256(csv.read_bytes()).hexdigest()
    assert "fixture_series.resource.json" in recorded
    assert prov["sources"][0]["citation"] == "Testdata, fiktiv serie"
    assert prov["packages"]["papermill"] and prov["packages"]["python"]
    assert set(prov["git"]) == {"commit", "dirty"}
    assert prov["execution_seconds"] > 0 and prov["started"][:2] == "20"
    assert len(prov["rebuild_key"]) == 64


def settle(built: Path) -> None:
    """Other people may edit src/helpers/ while the tests run, which rightly invalidates the
    copied reports; one build brings them up to date before the behaviour under test."""
    proc = cli(built, *build_args(built))
    assert proc.returncode == 0, proc.stderr


def test_second_build_rebuilds_nothing(built):
    settle(built)
    before = snapshot(built / "reports")
    proc = cli(built, *build_args(built))
    assert proc.returncode == 0, proc.stderr
    assert "3 up to date" in proc.stdout
    after = snapshot(built / "reports")
    before.pop("index.html"), after.pop("index.html")
    assert after == before


def test_changed_parameter_rebuilds_only_that_report(built):
    settle(built)
    set_in_config(built, "large: {n: 5, label: b}", "large: {n: 4, label: b}")
    proc = cli(built, *build_args(built))
    assert proc.returncode == 0, proc.stderr
    assert "1 built" in proc.stdout and "2 up to date" in proc.stdout
    assert "built      hello:large" in proc.stderr and "(parameters)" in proc.stderr


def test_changed_data_rebuilds_only_the_reports_that_read_it(built):
    settle(built)
    # a new dataset nobody reads: nothing to rebuild
    (built / "coll/data/public/unused.csv").write_text("a\n1\n", encoding="utf-8")
    proc = cli(built, *build_args(built))
    assert "3 up to date" in proc.stdout, proc.stdout + proc.stderr
    # the series both hello reports read (boom reads no data)
    csv = built / "coll/data/public/fixture_series.csv"
    rows = csv.read_text(encoding="utf-8").splitlines()
    csv.write_text("\n".join(rows[:-1]) + "\n", encoding="utf-8")  # one row less
    proc = cli(built, *build_args(built))
    assert proc.returncode == 0, proc.stderr
    assert "2 built" in proc.stdout and "1 up to date" in proc.stdout
    assert "built      hello:small" in proc.stderr and "(data)" in proc.stderr
    prov = json.loads((built / "reports/hello/small/provenance.json").read_text())
    assert prov["inputs"]["data"] == ["public/fixture_series.csv",
                                      "public/fixture_series.resource.json"]


def test_parameter_error_exits_2_and_writes_nothing(built):
    before = snapshot(built / "reports")
    set_in_config(built, "large: {n: 5, label: b}", "large: {n: 99, label: b}")
    proc = cli(built, *build_args(built))
    assert proc.returncode == 2
    assert ("notebook 'hello' (set 'large'), parameter 'n': value 99 is above the maximum 6; "
            "allowed: an integer from 1 to 6") in proc.stderr
    assert snapshot(built / "reports") == before  # not even the index

    fresh = built / "fresh"
    proc = cli(built, "run", "hello", "-p", "n", "abc", "--out", str(fresh))
    assert proc.returncode == 2
    assert "parameter 'n': value 'abc' has the wrong type (expected int, got str)" in proc.stderr
    assert not fresh.exists()
    proc = cli(built, "run", "hello", "-p", "colour", "red", "--out", str(fresh))
    assert proc.returncode == 2 and "unknown parameter 'colour'" in proc.stderr


def test_missing_notebook_exits_2_naming_it(built):
    (built / "coll/notebooks/boom.ipynb").unlink()
    before = snapshot(built / "reports")
    proc = cli(built, *build_args(built))
    assert proc.returncode == 2
    assert "notebook 'boom'" in proc.stderr and "boom.ipynb" in proc.stderr
    assert snapshot(built / "reports") == before


def test_failing_cell_fails_that_report_only_and_keeps_the_good_one(built):
    out = built / "reports"
    good = snapshot(out / "boom/standard")
    set_in_config(built, "standard: {x: 1}", "standard: {x: 5}")
    proc = cli(built, *build_args(built, "--force", "boom", "hello:small"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.startswith("1 built, 1 failed;")
    assert ("boom [standard] in execute: cell 3 (if x >= 5:): ValueError: boom in cell three "
            "(x=5)") in proc.stdout
    # the previous good report is untouched; the partial notebook sits beside it
    now = snapshot(out / "boom/standard")
    assert {k: v for k, v in now.items() if not k.startswith("failed/")} == good
    partial = json.loads(now["failed/boom-standard.ipynb"])
    errors = [o for c in partial["cells"] for o in c.get("outputs", [])
              if o["output_type"] == "error"]
    assert errors and errors[0]["evalue"] == "boom in cell three (x=5)"
    failure = json.loads(now["failed/failure.json"])
    assert failure["parameters"] == {"x": 5} and "cell 3" in failure["error"]
    # the other report was built in the same run
    assert "built      hello:small" in proc.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "feilet: cell 3 (if x &gt;= 5:): ValueError: boom in cell three (x=5)" in index
    assert 'href="boom/standard/failed/boom-standard.ipynb"' in index

    # fixing the parameter again: a good report, and the failure is cleared
    set_in_config(built, "standard: {x: 5}", "standard: {x: 1}")
    proc = cli(built, *build_args(built, "boom"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (out / "boom/standard/failed").exists()
    assert (out / "boom/standard/boom-standard.pdf").is_file()


def start_slow_build(built: Path) -> tuple[subprocess.Popen, dict]:
    """Start rebuilding hello:small with a 30 s pause in its third cell; return once the
    worker is executing."""
    set_in_config(built, "small: {n: 2}", "small: {n: 2, pause: 30.0}")
    good = snapshot(built / "reports/hello/small")
    proc = subprocess.Popen(command(built, *build_args(built, "hello:small")),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=environment(built))
    staging = built / "reports/.staging"
    deadline = time.monotonic() + 60
    while not (staging.is_dir() and any(staging.glob("hello-small*/kernel.log"))):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the worker never started"
        time.sleep(0.1)
    time.sleep(1.5)  # let the kernel start and enter the sleeping cell
    return proc, good


def children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(p) for p in text.split()]


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        kids = children(todo.pop())
        found.extend(kids)
        todo.extend(kids)
    return found


def worker_of_kernel(pid: int) -> int:
    """The worker is the parent of the kernel (workers come from a fork server)."""
    for child in descendants(pid):
        if b"ipykernel" in Path(f"/proc/{child}/cmdline").read_bytes():
            return int(Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[1])
    raise AssertionError("no kernel running")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_killed_worker_fails_that_report_and_keeps_the_previous_one(built):
    proc, good = start_slow_build(built)
    os.kill(worker_of_kernel(proc.pid), signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 1, stdout + stderr
    assert "worker process died (killed by signal 9) in stage execute" in stdout
    assert "previous report kept" in stdout
    after = snapshot(built / "reports/hello/small")
    assert {k: v for k, v in after.items() if not k.startswith("failed/")} == good
    assert "worker process died" in json.loads(after["failed/failure.json"])["error"]
    staging = built / "reports/.staging"
    assert not staging.exists(), sorted(str(p) for p in staging.rglob("*"))


def test_interrupted_build_keeps_the_previous_report(built):
    proc, good = start_slow_build(built)
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stdout + stderr
    assert snapshot(built / "reports/hello/small") == good
    assert not (built / "reports/.staging").exists()
    index = (built / "reports/index.html").read_text(encoding="utf-8")
    assert "avbrutt før den ble ferdig; forrige rapport beholdt" in index


def test_a_second_build_at_the_same_time_is_refused(built):
    with FileLock(str(built / "reports/.build.lock"), timeout=0):
        proc = cli(built, *build_args(built))
    assert proc.returncode == 2
    assert "another build is writing to" in proc.stderr


def test_run_report_for_theme_tests(built, monkeypatch):
    from helpers.pipeline import run_report

    monkeypatch.setenv(DATA_DIR_ENV, str(built / "coll/data"))
    out = built / "adhoc"
    result = run_report("hello", {"n": 4}, out, config=built / "coll/reports.yaml")
    assert result.status == "built", result.error
    assert sorted(p.name for p in out.iterdir()) == ["hello-adhoc.html", "hello-adhoc.ipynb",
                                                     "provenance.json"]
    assert "Testtabell med 4 rader" in (out / "hello-adhoc.html").read_text(encoding="utf-8")
    assert json.loads((out / "provenance.json").read_text())["parameters"]["n"] == 4


def test_relative_paths_from_another_directory(built):
    """--config, --output-dir and the data directory given relative to the caller's folder
    (the kernel runs in the notebook's folder; it must still find them all)."""
    proc = subprocess.run(
        [sys.executable, "-m", "helpers", "--config", "coll/reports.yaml", "build",
         "hello:small", "--force", "--formats", "html", "--output-dir", "elsewhere"],
        capture_output=True, text=True, cwd=built, timeout=300,
        env=environment(built, {DATA_DIR_ENV: "coll/data"}),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = (built / "elsewhere/hello/small/hello-small.html").read_text(encoding="utf-8")
    assert "Testtabell med 2 rader" in page


def test_index_lists_reports_grouped_with_status_time_and_reader_links_first(first):
    base, _ = first
    index = (base / "reports/index.html").read_text(encoding="utf-8")
    assert index.count('<tr class="group">') == 2  # one heading row per notebook
    assert "3 bygget" in index
    row = re.search(r'<tr class="built"><td>small</td>.*?</tr>', index, re.S).group(0)
    # the build's time as readers write it, its duration with a decimal comma
    assert re.search(r"\d{1,2}\. [a-z]+ \d{4} kl\. \d\d\.\d\d<br>\d+,\d s", row)
    assert row.index(">HTML<") < row.index(">PDF<") < row.index(">notatbok<")


def test_show_code_puts_the_code_in_the_html(built):
    proc = cli(built, *build_args(built, "hello:small", "--show-code", "--formats", "html"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 built" in proc.stdout  # the render option is part of the rebuild key
    page = (built / "reports/hello/small/hello-small.html").read_text(encoding="utf-8")
    assert 'class="report show-code"' in page and "jp-InputArea-editor" in page
    assert re.search(r"time.*?\.</span>.*?sleep", page)  # highlighted: time.sleep(pause)
    assert "In&nbsp;[" not in page  # still no prompts
