"""Project-wide test settings.

Some tests need files that are not in the repository: the policy documents' texts
(``../shared/seeds``) and recorded copies of the external datasets
(``$INDUSTRIRAPPORTER_EXTERNAL_DIR``). On a fresh clone they skip, each with the reason. CI has
both beside the clone and sets ``INDUSTRIRAPPORTER_REQUIRE_SHARED=1`` (``.ci/run``): there such a
skip is a failure, so they cannot stop running unnoticed.
"""

from __future__ import annotations

import os

import pytest

REQUIRE_SHARED_ENV = "INDUSTRIRAPPORTER_REQUIRE_SHARED"
#: words every skip reason for missing shared files contains (the path or the variable)
SHARED_MARKS = ("shared/seeds", "../shared", "INDUSTRIRAPPORTER_EXTERNAL_DIR")


def skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr or "")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    if not (report.skipped and os.environ.get(REQUIRE_SHARED_ENV) == "1"):
        return
    reason = skip_reason(report)
    if any(mark in reason for mark in SHARED_MARKS):
        report.outcome = "failed"
        report.longrepr = (f"{REQUIRE_SHARED_ENV}=1 but this test skipped for want of shared "
                           f"files: {reason}")
