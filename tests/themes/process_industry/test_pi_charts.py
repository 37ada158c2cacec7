"""Charts of the process-industry report (process_industry.charts).

Expected values are worked out by hand from document 003 (Prosess21, status report 2024),
not read back from the helper."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.core.formatting import fmt_number
from helpers.themes import process_industry as pi


def _series(points: dict[int, float]) -> pd.DataFrame:
    return pd.DataFrame({"year": list(points), "value": list(points.values())})


@pytest.mark.parametrize(("target_year", "cut"), [(2030, 0.55), (2023, 0.55), (2030, 0.0)])
def test_pathway_chart_is_labelled_in_norwegian(target_year, cut):
    import matplotlib.pyplot as plt

    series = _series({1990: 19.6, 2023: 10.8})
    plan = pi.emission_plan(series, 1990, target_year, cut)
    fig = pi.chart_emission_path(plan, series, "dokument", _series({2016: 11.7, 2022: 11.6}))
    left, right = fig.axes
    assert left.get_ylabel() == pi.EMISSION_UNIT and left.get_xlabel() == "år"
    assert left.get_ylim()[0] == 0 and right.get_ylim() == left.get_ylim()
    fig.canvas.draw()
    ticks = [t.get_text() for t in left.get_yticklabels()]
    assert "2,5" in ticks and not any("." in t for t in ticks)     # decimal comma
    legend = [t.get_text() for t in left.get_legend().get_texts()]
    assert f"mål {target_year}: {fmt_number(plan.target, 1)} mill. tonn" in legend
    assert any(t.startswith("historisk takt") for t in legend) == bool(plan.years_left)
    if plan.years_left:
        name = "nødvendig takt" if plan.required_rate < 0 else "høyeste tillatte takt"
        assert any(t.startswith(name) for t in legend)
        notes = [t.get_text() for t in right.texts]
        assert fmt_number(plan.landing, 1) in notes
    plt.close(fig)


def test_chart_lines_break_at_a_missing_year_instead_of_bridging_it():
    frame = pd.DataFrame({"a": [1.0, 2.0, 4.0]}, index=[2000, 2001, 2003])
    fig = pi.chart_lines(frame, "enhet")
    x, y = fig.axes[0].lines[0].get_data()
    assert list(x) == [2000, 2001, 2002, 2003]
    assert math.isnan(y[2]) and y[3] == 4.0


def test_emission_observations_join_only_neighbouring_years():
    series = _series({1990: 19.6, 2023: 10.8})
    plan = pi.emission_plan(series, 1990, 2030, 0.55)
    fig = pi.chart_emission_path(plan, series, "dokumentet")
    ax = fig.axes[0]
    joined = [ln for ln in ax.lines if ln.get_linestyle() not in ("None", "")
              and {1990, 2023} <= set(ln.get_xdata())]
    assert joined == []          # no line from 1990 to 2023 through 33 missing years


def test_energy_mix_prints_at_its_own_size_with_a_legible_legend():
    """The energy-mix chart fits the page's chart box (174 mm wide, at most 125 mm high in
    the print stylesheet) without being shrunk, and its legend has the axis labels' size."""
    import io
    import re

    import matplotlib

    rows = pi.energy().query("row_role == 'branch' and parent != '11'")["row_id"].unique()
    mix = pi.energy_mix(rows=["12.1", "EI", *rows]).rename(columns=pi.PRODUCT_SHORT)
    fig = pi.chart_energy_mix(mix)
    ax = fig.axes[0]
    legend = [t.get_fontsize() for t in ax.get_legend().get_texts()]
    ticks = [t.get_fontsize() for t in ax.get_yticklabels() + ax.get_xticklabels()]
    assert min(legend) >= max(ticks) >= 8
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", bbox_inches="tight")
    width, height = (float(x) * 25.4 / 72 for x in re.search(
        r'width="([\d.]+)pt" height="([\d.]+)pt"', buf.getvalue()).groups())
    scale = min(1.0, 174 / width, 125 / height)
    assert scale > 0.95, (width, height)  # printed type within 5 % of its size
    assert not any("\u2026" in t.get_text() for t in ax.get_yticklabels())  # wrapped, never cut
