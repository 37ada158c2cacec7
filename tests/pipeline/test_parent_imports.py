"""The build's parent process stays lean: deciding what to rebuild, writing the index and
exporting never load pandas (about 0.4 s of a no-op rebuild); only kernels and readers do."""

from __future__ import annotations

import subprocess
import sys


def test_parent_modules_do_not_import_pandas():
    code = (
        "import sys\n"
        "import helpers.pipeline.cli, helpers.pipeline.build, helpers.pipeline.export_html\n"
        "import helpers.pipeline.inputs, helpers.pipeline.index, helpers.sources.statistics\n"
        "print(sorted(m for m in ('pandas', 'matplotlib', 'openpyxl') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stdout


def test_readers_load_their_module_on_first_use(tmp_path):
    import traceback

    import pytest

    from helpers.sources import statistics

    reader = statistics.READERS["klass-sn2007"]
    assert reader.__name__ == "read_sn2007"
    bad = tmp_path / "sn2007.json"
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(Exception) as caught:  # noqa: PT011 - the real reader's own error
        reader(bad, encoding="utf-8")
    files = [frame.filename for frame in traceback.extract_tb(caught.value.__traceback__)]
    assert any(f.endswith("klass_files.py") for f in files), files
