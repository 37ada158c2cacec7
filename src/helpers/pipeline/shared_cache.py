"""The build's side of results shared between reports (``helpers.core.shared_results``): the
cache folder in the output root, a key per theme package with the same parts as the rebuild
keys (shared helper code, the theme's code, package versions, the state of the external
datasets the theme declares), and the removal of entries no current key can use."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.core import parse_cache, shared_results
from helpers.pipeline import inputs as report_inputs
from helpers.pipeline import rebuild

#: The cache folder, in the build's output root (beside the reports it serves).
CACHE_DIR = ".cache"


def prepare(out: Path, context: rebuild.KeyContext, *, force: bool = False) -> str:
    """The kernels' ``SHARED_CACHE_ENV`` value for a build into ``out``; outdated entries
    (and with ``force`` every entry) are removed first."""
    folder = out / CACHE_DIR
    keys = {}
    for theme in rebuild.theme_names():
        try:
            datasets = report_inputs.datasets_hash(report_inputs.declared_for(theme),
                                                   context.dataset_states)
        except Exception:  # e.g. a data folder without the external catalogue (test fixtures)
            continue  # no key: this theme's reports compute their results themselves
        keys[theme] = shared_results.key_of({
            "helpers": context.helpers,
            "theme": context.theme(theme),
            "dependencies": context.deps,
            "datasets": datasets,
        })
    # parses and validations are kept for one build: old vintages and readers never pile up
    shutil.rmtree(folder / parse_cache.SUBFOLDER, ignore_errors=True)
    if force:
        shutil.rmtree(folder, ignore_errors=True)
    elif folder.is_dir():
        current = {key[:32] for key in keys.values()}
        for old in folder.iterdir():
            if old.is_file() and shared_results.entry_key(old) not in current:
                old.unlink(missing_ok=True)
    return shared_results.setting(folder, keys)
