"""The KLASS importer refuses results that disagree with the shipped municipality list."""

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from helpers.core import data

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "import_klass_municipalities.py"
spec = importlib.util.spec_from_file_location("import_klass_municipalities", SCRIPT)
importer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(importer)


def _klass_like(shipped: pd.DataFrame) -> pd.DataFrame:
    # A KLASS-shaped answer built from the shipped names with made-up codes per county.
    rows = []
    for county, group in shipped.groupby("county_code"):
        for i, name in enumerate(sorted(group["municipality_name"])):
            rows.append({"county_code": county, "county_name": group["county_name"].iloc[0],
                         "municipality_code": f"{county}{i + 1:02d}", "municipality_name": name,
                         "previous_code": ""})
    return pd.DataFrame(rows)


def test_merge_takes_codes_from_klass():
    shipped = data.load("municipalities_2024")
    merged = importer.merge(shipped, _klass_like(shipped), "https://example.invalid/codesAt")
    assert len(merged) == 51
    assert merged["municipality_code"].is_unique
    assert (merged["municipality_code"].str[:2] == merged["county_code"]).all()


def test_merge_refuses_a_missing_municipality():
    shipped = data.load("municipalities_2024")
    klass = _klass_like(shipped).iloc[1:]
    with pytest.raises(SystemExit, match="expected"):
        importer.merge(shipped, klass, "u")


def test_merge_refuses_a_renamed_municipality():
    shipped = data.load("municipalities_2024")
    klass = _klass_like(shipped)
    klass.loc[0, "municipality_name"] = "Nykommune"
    with pytest.raises(SystemExit, match="Nykommune"):
        importer.merge(shipped, klass, "u")
