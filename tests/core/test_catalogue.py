"""Every dataset in data/ loads, validates, has provenance, and its printed figures stand at
the cited lines of the source documents. Parametrized per dataset (and per file of a multipart
dataset) so a failure names the dataset, file and row."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from helpers.core import data

ROOT = data.project_root()
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


def _catalogue() -> dict[str, Path]:
    # the real data folder, whatever a test's environment points at
    return data.catalogue(DATA)


DATASETS = sorted(_catalogue())


@pytest.fixture(autouse=True)
def _real_data(monkeypatch):
    monkeypatch.delenv(data.DATA_DIR_ENV, raising=False)


# ---------------------------------------------------------------- loads and validates


@pytest.mark.parametrize("name", DATASETS)
def test_dataset_loads_and_validates(name):
    frame = data.load(name)  # raises SchemaError naming file, row, column, value, rule
    assert len(frame) > 0, f"{name}: no rows"


def test_every_csv_belongs_to_a_dataset():
    described: set[Path] = set()
    for name in DATASETS:
        described.update(p.resolve() for p in data.data_files(name))
    orphans = [
        str(p.relative_to(DATA))
        for p in sorted(DATA.rglob("*.csv"))
        if "external" not in p.relative_to(DATA).parts and p.resolve() not in described
    ]
    assert not orphans, f"CSV files without a descriptor (no provenance): {orphans}"


# ---------------------------------------------------------------- provenance


_URL = re.compile(r"^https?://\S+$")


def _points_somewhere(path: str, descriptor: Path) -> bool:
    """A source path is a URL or a file that exists (project-relative, beside the descriptor,
    or in ../shared/)."""
    if _URL.match(path):
        return True
    if not path:
        return False
    return any((base / path).is_file() for base in (ROOT, descriptor.parent))


@pytest.mark.parametrize("name", DATASETS)
def test_dataset_has_provenance(name):
    desc = data.descriptor(name)
    problems = []
    for key in ("title", "description", "citation"):
        if not str(desc.get(key, "")).strip():
            problems.append(f"'{key}' is missing or empty")
    sources = desc.get("sources") or []
    if not sources:
        problems.append("'sources' is empty")
    for i, src in enumerate(sources):
        if not str(src.get("title", "")).strip():
            problems.append(f"sources[{i}] has no title")
        has_doc = bool(src.get("document")) and bool(src.get("lines"))
        has_url = _points_somewhere(str(src.get("path", "")), data.descriptor_path(name))
        if not (has_doc or has_url):
            problems.append(
                f"sources[{i}] has neither document + lines nor a URL or existing file in 'path'"
            )
        if src.get("document") and not re.fullmatch(r"00[0-4]", str(src["document"])):
            problems.append(f"sources[{i}].document {src['document']!r} is not 000-004")
    licenses = desc.get("licenses") or []
    if not licenses or not all(lic.get("name") or lic.get("path") for lic in licenses):
        problems.append("'licenses' is missing or has an entry without name/path")
    fields = desc.get("schema", {}).get("fields", [])
    if not fields or not all(f.get("description") for f in fields):
        undocumented = [f.get("name") for f in fields if not f.get("description")]
        problems.append(f"schema fields without description: {undocumented or 'no fields'}")
    assert not problems, f"{name} ({data.descriptor_path(name)}): " + "; ".join(problems)


# ---------------------------------------------------------------- printed figures at their lines


@cache
def _seed_lines(document: str) -> list[str]:
    files = sorted(SEEDS.glob(f"{document}_*.txt"))
    if len(files) != 1:
        raise FileNotFoundError(f"no single seed text for document {document!r} in {SEEDS}")
    return files[0].read_text(encoding="utf-8").splitlines()


_MINUS = "-\u2212\u2013"
_SPACE = r"[\s\u00a0\u202f\u2009]*"


def printed_pattern(printed: str) -> re.Pattern[str]:
    """A regex that finds ``printed`` in the PDF text: any whitespace (or none) between digits
    and around separators, any minus sign, no digit directly before the number."""
    text = printed.strip()
    parts = []
    for ch in text:
        if ch.isspace() or ch in "\u00a0\u202f\u2009":
            continue
        if ch in _MINUS:
            parts.append(f"[{_MINUS}]")
        else:
            parts.append(re.escape(ch))
    return re.compile(r"(?<![\d])" + _SPACE.join(parts))


def _line_range(lines: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*(?:[-\u2013]\s*(\d+))?\s*", str(lines))
    if not m:
        raise ValueError(f"lines {lines!r} is not N or N-M")
    a = int(m.group(1))
    return a, int(m.group(2) or a)


def find_printed(document: str, lines: str, printed: str) -> str | None:
    """None when ``printed`` stands at ``lines`` of the document, else why not."""
    try:
        a, b = _line_range(lines)
    except ValueError as exc:
        return str(exc)
    text = _seed_lines(document)
    if not 1 <= a <= b <= len(text):
        return f"lines {lines} outside the document's 1-{len(text)}"
    joined = " ".join(text[a - 1 : b])
    if printed_pattern(printed).search(joined):
        return None
    return f"{printed!r} not found in lines {lines}: {joined[:160]!r}"


def _documents_of(name: str) -> set[str]:
    return {str(s["document"]) for s in data.descriptor(name)["sources"] if s.get("document")}


def _printed_cases() -> list[tuple[str, Path]]:
    cases = []
    for name in DATASETS:
        desc = data.descriptor(name)
        cols = {f["name"] for f in desc["schema"]["fields"]}
        if {"lines", "printed"} <= cols:
            cases.extend((name, p) for p in data.data_files(name))
    return cases


PRINTED_CASES = _printed_cases()


@pytest.mark.parametrize(
    ("name", "csv"), PRINTED_CASES, ids=[f"{n}:{p.name}" for n, p in PRINTED_CASES]
)
def test_printed_figures_stand_at_their_lines(name, csv):
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}: cannot compare with the documents")
    raw = pd.read_csv(csv, dtype=str, keep_default_na=False)
    if raw.empty:
        pytest.skip(f"{csv.name} has no rows yet")
    fallback_docs = _documents_of(name)
    failures = []
    for i, row in raw.iterrows():
        printed, lines = row["printed"].strip(), row["lines"].strip()
        if not printed:
            continue  # a row without a printed value (e.g. a missing cell) has nothing to find
        doc = row.get("document", "").strip()
        if not doc:
            if len(fallback_docs) != 1:
                failures.append(f"row {i + 2}: no document column and sources name "
                                f"{sorted(fallback_docs) or 'none'}")
                continue
            doc = next(iter(fallback_docs))
        why = find_printed(doc, lines, printed)
        if why:
            ident = row.get("id") or ", ".join(f"{k}={row[k]}" for k in list(raw.columns)[:2])
            failures.append(f"row {i + 2} ({ident}), document {doc}: {why}")
    assert not failures, (
        f"{name}, {csv.relative_to(DATA)}: {len(failures)} printed figure(s) not at their "
        "cited lines:\n  " + "\n  ".join(failures)
    )


@pytest.mark.parametrize(
    ("printed", "text", "found"),
    [
        ("43,3", "andelen var 43,3 prosent", True),
        ("360 000", "om lag 360000 ansatte", True),
        ("360000", "om lag 360 000 ansatte", True),
        ("360 000", "om lag 360\u00a0000 ansatte", True),
        ("-4,5", "endring \u22124,5 %", True),
        ("3", "i 2023 var det", False),  # no match inside another number
        ("43,3", "43,4 prosent", False),
        ("2023", "i 20236 (fotnote)", True),  # footnote glued after the number
    ],
)
def test_printed_pattern(printed, text, found):
    assert bool(printed_pattern(printed).search(text)) is found


# ---------------------------------------------------------------- stated figures: ids


def test_stated_figure_ids_match_document_and_lines():
    # id = document-line-letter, the line one of the cited lines
    frame = data.load("stated_figures")
    bad = []
    for _, row in frame.iterrows():
        doc, line, _ = row["id"].split("-")
        first, last = _line_range(row["lines"])
        if doc != row["document"] or not first <= int(line) <= last:
            bad.append(f"{row['id']} (document {row['document']}, lines {row['lines']})")
    assert not bad, f"stated_figures ids whose document or line disagrees with the row: {bad}"


# ---------------------------------------------------------------- municipalities


def test_municipalities_2024_counts_and_codes():
    df = data.load("municipalities_2024")
    counts = df.groupby("county_name").size().to_dict()
    assert counts == {"Akershus": 21, "Buskerud": 18, "Østfold": 12}
    expected_county = {"Østfold": "31", "Akershus": "32", "Buskerud": "33"}
    assert (df["county_code"] == df["county_name"].map(expected_county)).all()
    assert df["municipality_name"].is_unique
    for col in ("municipality_code", "previous_code"):
        codes = df[col][df[col] != ""]
        assert codes.is_unique, f"{col} has duplicates"
    filled = df[df["municipality_code"] != ""]
    assert (filled["municipality_code"].str[:2] == filled["county_code"]).all()


def test_municipalities_2024_akershus_names_match_document():
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    # document 002, footnote 6 (lines 843-844) lists Akershus's municipalities
    text = " ".join(_seed_lines("002")[842:844])
    listed = text.split("Disse er", 1)[1].replace(" og ", ", ").rstrip(". ").strip()
    names = sorted(n.strip().rstrip(".") for n in listed.split(",") if n.strip())
    df = data.load("municipalities_2024")
    ours = sorted(df.loc[df["county_name"] == "Akershus", "municipality_name"])
    assert ours == names
    assert len(names) == 21


def test_find_printed_reports_a_missing_figure():
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    assert find_printed("002", "843-844", "Nordre Follo") is None
    why = find_printed("002", "843-844", "987 654")
    assert why is not None and "'987 654' not found in lines 843-844" in why
    assert "outside" in find_printed("002", "999999", "1")
    assert "not N or N-M" in find_printed("002", "abc", "1")
