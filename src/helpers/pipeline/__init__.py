"""The report pipeline: config → validated parameters → papermill in worker processes →
HTML and PDF with provenance → ``reports/index.html``. CLI: ``python -m helpers``.

For tests of a theme notebook::

    from helpers.pipeline import run_report
    result = run_report("process_industry", {"base_year": 2015}, tmp_path)  # HTML only
    assert result.status == "built", result.error
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public names and their modules, imported on first use: a report's kernel that needs only
#: the configuration (a theme reading its parameter specs) must not pay for the build, the
#: index page and their imports (about 0.1 s in every report of such a theme).
_EXPORTS = {
    "BuildSummary": "helpers.pipeline.build",
    "build": "helpers.pipeline.build",
    "run_report": "helpers.pipeline.build",
    "ConfigError": "helpers.pipeline.config",
    "load_config": "helpers.pipeline.config",
    "Result": "helpers.pipeline.job",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
