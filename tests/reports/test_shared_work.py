"""The collection's build did each theme's shared work once, before its reports
(``helpers.pipeline.warm_up``), and every report still lists what that work read."""

from __future__ import annotations

import json
from collections import Counter

from helpers.pipeline import warm_up
from helpers.pipeline.shared_cache import CACHE_DIR

from .conftest import configured_reports


def test_each_theme_with_several_reports_was_warmed_once(built_collection):
    some = next(iter(built_collection.values()))
    out = some.out_dir.parent.parent
    record = json.loads((out / CACHE_DIR / warm_up.WARM_UP_FILE).read_text(encoding="utf-8"))
    counts = Counter(nb for nb, _ in configured_reports())
    themes = {nb for nb, n in counts.items() if n >= 2 and nb != "document_checks"}
    assert set(record["tasks"]) == themes | {warm_up.DATA_TASK}
    failed = [task for task, seconds in record["tasks"].items() if seconds is None]
    assert not failed, f"warm-up tasks that failed or overran: {failed}"
    # the audit page reads every theme's checks from the cache, and lists their sources
    audit = built_collection[("document_checks", "alle")].provenance
    assert audit is not None and "stated_figures" in json.dumps(audit["sources"])
