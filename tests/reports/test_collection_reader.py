"""Issue 17, for every configured report as built: no developer text in what readers see
(PDF and HTML), a PDF layout that holds (``tests/reports/layout.py``) and chart labels that
are whole and apart (``tests/reports/chart_labels.py``).

The reports are built once per session (``conftest.built_collection``). A failure names the
report, the page and the pattern, so what remains to fix can be read from the test output.
"""

from __future__ import annotations

import pytest

from tests.reports import chart_labels, layout
from tests.reports.conftest import BUILD_TIMEOUT, configured_reports
from tests.reports.reader_text import html_visible_text, pdf_pages_text, scan

REPORTS = configured_reports()
IDS = [f"{nb}:{s}" for nb, s in REPORTS]
pytestmark = pytest.mark.timeout(BUILD_TIMEOUT + 600)


def _fail_with(label: str, what: str, items: list) -> None:
    if items:
        shown = "\n".join(f"  {x}" for x in items[:40])
        more = f"\n  … and {len(items) - 40} more" if len(items) > 40 else ""
        pytest.fail(f"{label}: {len(items)} {what}:\n{shown}{more}", pytrace=False)


@pytest.mark.parametrize("key", REPORTS, ids=IDS)
def test_pdf_has_no_developer_text(built_collection, key):
    report = built_collection[key]
    hits = [h for n, text in enumerate(pdf_pages_text(report.file("pdf")), start=1)
            for h in scan(text, f"pdf page {n}")]
    _fail_with(report.label, "forbidden text(s) in the PDF", hits)


@pytest.mark.parametrize("key", REPORTS, ids=IDS)
def test_html_has_no_developer_text(built_collection, key):
    report = built_collection[key]
    page = report.file("html").read_text(encoding="utf-8")
    _fail_with(report.label, "forbidden text(s) in the HTML",
               scan(html_visible_text(page), "html"))


@pytest.mark.parametrize("key", REPORTS, ids=IDS)
def test_pdf_layout_holds(built_collection, key):
    report = built_collection[key]
    page = report.file("html").read_text(encoding="utf-8")
    faults = layout.check_html(page, base_url=report.out_dir)
    _fail_with(report.label, "layout fault(s) in the PDF", faults)


@pytest.mark.parametrize("key", REPORTS, ids=IDS)
def test_chart_labels_are_whole_and_apart(built_collection, key):
    report = built_collection[key]
    page = report.file("html").read_text(encoding="utf-8")
    _fail_with(report.label, "chart label fault(s)", chart_labels.chart_faults(page))


@pytest.mark.parametrize("key", REPORTS, ids=IDS)
def test_pdf_keeps_hashes_and_build_key_out(built_collection, key):
    """The technical provenance stays in provenance.json (and the HTML's collapsed section)."""
    report = built_collection[key]
    prov = report.provenance or {}
    text = "\n".join(pdf_pages_text(report.file("pdf")))
    assert prov.get("rebuild_key") and prov["rebuild_key"][:16] not in text
    assert all(f["sha256"] not in text for f in prov.get("data_files", []))
    page = report.file("html").read_text(encoding="utf-8")
    assert prov["rebuild_key"][:16] in page  # the developers' copy, collapsed in the HTML
    # the dataset list printed once; a report that read no dataset (a county the document does
    # not cover, built without the recorded statistics) has none to list
    assert text.count("Vedlegg: datakilder") == (1 if prov.get("sources") else 0)
