"""The KLASS importer refuses results that disagree with the shipped municipality list."""

import pandas as pd
import pytest

from helpers.core import data
from helpers.sources import klass as importer


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
    with pytest.raises(importer.KlassMismatch, match="expected"):
        importer.merge(shipped, klass, "u")


def test_merge_refuses_a_renamed_municipality():
    shipped = data.load("municipalities_2024")
    klass = _klass_like(shipped)
    klass.loc[0, "municipality_name"] = "Nykommune"
    with pytest.raises(importer.KlassMismatch, match="Nykommune"):
        importer.merge(shipped, klass, "u")


class _FakeClient:
    """Answers like ``ssb.Client``'s KLASS calls, from the shipped names with made-up codes."""

    def __init__(self, shipped: pd.DataFrame):
        self.klass = _klass_like(shipped)

    def klass_codes_at(self, classification, day):
        if classification == importer.COUNTIES:
            pairs = self.klass[["county_code", "county_name"]].drop_duplicates()
            return [{"code": c, "name": n} for c, n in pairs.itertuples(index=False)]
        return [{"code": c, "name": n} for c, n in
                self.klass[["municipality_code", "municipality_name"]].itertuples(index=False)]

    def klass_changes(self, classification, previous, day):
        return []


def test_import_writes_the_codes_and_the_citation(tmp_path, monkeypatch):
    shipped = data.load("municipalities_2024")
    root = tmp_path / "data"
    for path in (data.data_files("municipalities_2024")[0],
                 data.descriptor_path("municipalities_2024")):
        target = root / path.relative_to(data.data_dir())
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    monkeypatch.setenv(data.DATA_DIR_ENV, str(root))
    csv = importer.import_municipalities(client=_FakeClient(shipped))
    assert csv.is_relative_to(root)
    written = pd.read_csv(csv, dtype=str, keep_default_na=False)
    assert len(written) == 51 and written["municipality_code"].str.len().eq(4).all()
    assert "KLASS 131" in data.descriptor("municipalities_2024")["citation"]
