"""The report pipeline: config → validated parameters → papermill in worker processes →
HTML and PDF with provenance → ``reports/index.html``. CLI: ``python -m helpers``.

For tests of a theme notebook::

    from helpers.pipeline import run_report
    result = run_report("process_industry", {"base_year": 2015}, tmp_path)  # HTML only
    assert result.status == "built", result.error
"""

from helpers.pipeline.build import BuildSummary, build, run_report
from helpers.pipeline.config import ConfigError, load_config
from helpers.pipeline.job import Result

__all__ = ["BuildSummary", "ConfigError", "Result", "build", "load_config", "run_report"]
