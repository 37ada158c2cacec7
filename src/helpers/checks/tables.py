"""Check tables for Norwegian reports: one row per check (errors first when sorted), a verdict
count per document and kind of check, the sources behind them, and where in the original
document each figure stands.

A reader cites a document by its chapter and section headings, not by the line numbers of the
project's text version: ``where`` names the section (from the ``document_sections`` dataset),
and the line numbers appear only in the appendix table ``lines_table``."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.checks.printed import ChecksError, _isnan
from helpers.checks.stated_figures import DATASET, document_name, document_names, stated
from helpers.checks.verdicts import CheckKind, CheckResult, Verdict, ordered, span_text
from helpers.core import data
from helpers.core.formatting import EN_DASH, en_dash, fmt_number, unit_nb

TABLE_COLUMNS = (
    "dokument", "hvor", "påstand", "oppgitt", "beregnet", "differanse", "vurdering", "metode",
)

#: The dataset of the documents' chapter and section headings with the lines each spans.
SECTIONS = "document_sections"

#: Columns of ``lines_table`` (the appendix that keeps the line numbers).
LINES_COLUMNS = ("dokument", "hvor", "påstand", "linjer i tekstversjonen")


def _sections() -> pd.DataFrame | None:
    """The section headings, or None where the data at hand lack them (a reduced data
    directory): then ``where`` names no section, and nothing else changes."""
    try:
        return data.load(SECTIONS)
    except data.DataError:
        return None


def first_line(lines: str) -> int | None:
    """The first line of a reference ("843-844; 900" → 843), None when there is none."""
    text = str(lines or "").strip()
    head = text.split(";")[0].split(",")[0].split("-")[0].split(EN_DASH)[0].strip()
    return int(head) if head.isdigit() else None


def where(document: str, lines: str) -> str:
    """Where a figure stands in the original document, for readers: the chapter number and
    heading of its section ("kap. 2.1 «Status for næringslivet i Akershus»"), or the heading
    alone when the document does not number its sections ("«Eksport»"); "" when the lines
    fall in no known section."""
    line = first_line(lines)
    if line is None:
        return ""
    s = _sections()
    if s is None:
        return ""
    hit = s[(s["document"] == str(document)) & (s["start"] <= line) & (s["end"] >= line)]
    if hit.empty:
        return ""
    row = hit.iloc[0]
    heading = str(row["heading"])
    # the lines before a document's first heading have no heading to quote
    title = heading if heading[:1].islower() else f"«{heading}»"
    chapter = "" if pd.isna(row["chapter"]) else str(row["chapter"]).strip()
    return f"kap. {chapter} {title}" if chapter else title


def stated_elsewhere(figure_id: str, other_id: str) -> str:
    """Method text for a figure the document states twice: where the other statement stands
    ("samme størrelse oppgitt i kap. 2.1 «Status for næringslivet i Akershus»"), naming the
    other document by its title when it is another one."""
    mine, other = stated(figure_id), stated(other_id)
    place = where(other.document, other.lines)
    if other.document != mine.document:
        title = document_names().get(other.document, "")
        doc = f"«{title}»" if title else "et annet dokument"
        return f"samme størrelse oppgitt i {doc}" + (f", {place}" if place else "")
    if place and place == where(mine.document, mine.lines):
        return "samme størrelse oppgitt to ganger i samme avsnitt"
    return (f"samme størrelse oppgitt i {place}" if place
            else "samme størrelse oppgitt et annet sted")


def class_counts(results: Iterable[CheckResult]) -> str:
    """The verdict classes with their counts, in report order, for a line over a table:
    "stemmer ikke (feil i dokumentet): 1; stemmer: 9; kan ikke kontrolleres: 6" (classes
    without checks left out)."""
    counts = dict.fromkeys(Verdict, 0)
    for r in results:
        counts[r.verdict] += 1
    return "; ".join(f"{v.label}: {n}" for v, n in counts.items() if n)


def lines_table(results: Iterable[CheckResult]) -> pd.DataFrame:
    """The appendix table: for each stated figure the checks use, its document (by short title,
    ``document_name``), section (``where``), claim and lines in the project's text version of
    the document, once each; documents in the project's order."""
    rows, seen = [], set()
    for r in results:
        if not isinstance(r, CheckResult):
            raise ChecksError(
                f"checks.lines_table() expects CheckResult objects, got {type(r).__name__}")
        if (r.document, r.lines, r.claim) in seen:
            continue
        seen.add((r.document, r.lines, r.claim))
        rows.append({"dokument": r.document, "hvor": where(r.document, r.lines),
                     "påstand": r.claim, "linjer i tekstversjonen": en_dash(r.lines)})
    frame = pd.DataFrame(rows, columns=list(LINES_COLUMNS))
    order = frame["linjer i tekstversjonen"].map(lambda x: first_line(x.replace(EN_DASH, "-")))
    frame = (frame.assign(_o=order).sort_values(["dokument", "_o"], kind="stable")
             .drop(columns="_o").reset_index(drop=True))
    frame["dokument"] = frame["dokument"].map(document_name)
    return frame

def format_value(x: float | None, unit: str, decimals: int, *, kind: str = "") -> str:
    """A value for a Norwegian table: narrow no-break space for thousands, decimal comma, the
    unit in Norwegian; years (``kind`` or unit "year") as plain digits ("2024")."""
    if x is None or _isnan(x):
        return "–"
    if kind == "year" or unit == "year":
        return f"{float(x):.0f}"
    if round(float(x), decimals) == 0:
        x = 0.0  # no "−0,00" for a difference that is float noise
    shown = unit_nb(unit)
    return fmt_number(x, decimals) + (f" {shown}" if shown else "")


def _shown_decimals(r: CheckResult) -> int:
    """Decimals for the recomputed value and the difference: one finer than printed, so a
    within-rounding difference shows; as printed when the values agree exactly (the extra
    digit would be a trailing zero); none for counts, years and whole numbers in a whole
    printed figure."""
    whole = r.recomputed is not None and float(r.recomputed).is_integer()
    if r.kind in ("count", "year") or r.unit in ("count", "year") or (whole and not r.decimals):
        return 0
    # A large whole figure ("200 000") gains nothing from a decimal on its recomputed value.
    if not r.decimals and r.stated is not None and abs(float(r.stated)) >= 1000:
        return 0
    exact = r.verdict is Verdict.AGREES and r.stated_high is None  # inside a range is not equal
    return r.decimals if exact else r.decimals + 1


def _stated_text(r: CheckResult) -> str:
    """The stated value (or range) formatted from the stored value; a number printed in words
    keeps the word beside it ("4 % («fire»)")."""
    if r.stated_high is not None:
        low = format_value(r.stated, "", r.decimals, kind=r.kind)
        return f"{low}{EN_DASH}{format_value(r.stated_high, r.unit, r.decimals, kind=r.kind)}"
    text = format_value(r.stated, r.unit, r.decimals, kind=r.kind)
    return f"{text} («{r.printed}»)" if r.in_words else text


def table(
    results: Iterable[CheckResult], *, formatted: bool = True, sort: bool = False
) -> pd.DataFrame:
    """The report table: dokument, hvor, påstand, oppgitt, beregnet, differanse, vurdering,
    metode.

    ``hvor`` names the chapter or section of the original document the figure stands in
    (``where``); the line numbers of the text version are left to ``lines_table``.

    ``påstand`` is the figure's Norwegian label (``label_nb``, with its period) when it has one,
    else the English ``measure``. ``formatted`` (default) gives Norwegian-formatted text (see
    ``format_value``): the stated value with the decimals printed, the recomputed value and the
    difference one decimal finer (none for counts, years and whole numbers), units in Norwegian
    (``UNITS_NB``). ``formatted=False`` keeps numbers for further computation. For "cannot be
    checked" the ``metode`` column holds the reason; for a recomputed value that carries its
    inputs' rounding, the span follows the method ("… (avrundede inndata: 9,22–9,44 %)"); for a
    difference of source, year or definition, the reason. ``sort`` puts the rows in the order
    of ``ordered`` (errors first); by default the rows follow ``results``.
    """
    rows = []
    results = list(results)
    if sort:
        bad = [r for r in results if not isinstance(r, CheckResult)]
        if bad:
            raise ChecksError(
                f"checks.table() expects CheckResult objects, got {type(bad[0]).__name__}")
        results = ordered(results)
    for r in results:
        if not isinstance(r, CheckResult):
            raise ChecksError(f"checks.table() expects CheckResult objects, got {type(r).__name__}")
        if formatted:
            decimals = _shown_decimals(r)
            oppgitt = _stated_text(r)
            beregnet = format_value(r.recomputed, r.unit, decimals, kind=r.kind)
            diff = format_value(r.difference, "", decimals)
        else:
            oppgitt, beregnet, diff = r.stated, r.recomputed, r.difference
        metode = _method_text(r)
        rows.append(
            {
                "dokument": r.document,
                "hvor": where(r.document, r.lines),
                "påstand": r.claim,
                "oppgitt": oppgitt,
                "beregnet": beregnet,
                "differanse": diff,
                "vurdering": r.label,
                "metode": metode,
            }
        )
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


def _method_text(r: CheckResult) -> str:
    """The ``metode`` cell: how, then why it cannot be checked or why it differs, then the
    span the inputs' rounding allows."""
    if r.verdict is Verdict.CANNOT_CHECK:
        if r.how and r.why and r.how != r.why:
            return f"{r.how}: {r.why}"
        return r.why or r.how
    text = r.how
    if r.why:
        text = f"{text}; {r.why}" if text else r.why
    span = span_text(r) if r.check_kind is CheckKind.RECOMPUTED else ""
    if span:
        text = f"{text} (avrundede inndata: {span})"
    return text


#: The ``kontroll`` column of ``summary``.
KIND_COLUMN = "kontroll"


def summary(results: Iterable[CheckResult], *, by_kind: bool = True) -> pd.DataFrame:
    """Count of verdicts per document: one column per verdict class (every class present, in
    report order, zero when none), plus ``totalt``. With ``by_kind`` (default) one row per
    document and kind of check (``kontroll``: "beregnet på nytt", "samme tall oppgitt to
    steder"), so confirmations of a number printed twice are counted apart from
    recomputations; ``by_kind=False`` gives one row per document. Documents are named by their
    short titles (``document_name``), in the project's order."""
    labels = [v.label for v in Verdict]
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for r in results:
        key = (r.document, r.check_kind.label if by_kind else "")
        counts.setdefault(key, dict.fromkeys(labels, 0))[r.verdict.label] += 1
    kinds = [k.label for k in CheckKind]
    rows = [{"dokument": d, KIND_COLUMN: k, **c} for (d, k), c in sorted(
        counts.items(), key=lambda kv: (kv[0][0], kinds.index(kv[0][1]) if by_kind else 0))]
    columns = ["dokument", KIND_COLUMN, *labels] if by_kind else ["dokument", *labels]
    frame = pd.DataFrame(rows, columns=["dokument", KIND_COLUMN, *labels])[columns]
    frame[labels] = frame[labels].fillna(0).astype(int)
    frame["totalt"] = frame[labels].sum(axis=1)
    frame["dokument"] = frame["dokument"].map(document_name)
    return frame.reset_index(drop=True)


def sources_of(results: Iterable[CheckResult]) -> list[str]:
    """Every source the checks used, ``stated_figures`` first, each once (for "Kilde:")."""
    out = [DATASET]
    for r in results:
        for s in r.sources:
            if s not in out:
                out.append(s)
    return out
