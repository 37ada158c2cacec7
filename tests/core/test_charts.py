"""helpers.core.charts: the one Norwegian tick formatter."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from helpers.core import charts  # noqa: E402


def test_number_formatter_writes_every_tick_with_the_same_decimals():
    fmt = charts.number_formatter()
    assert fmt.format_ticks([0.0, 0.5, 1.0, 1.5]) == ["0,0", "0,5", "1,0", "1,5"]
    assert fmt.format_ticks([0, 600, 1200]) == ["0", "600", "1\u202f200"]


def test_number_formatter_with_fixed_decimals():
    fmt = charts.number_formatter(1)
    assert fmt.format_ticks([0, 2.5, 5]) == ["0,0", "2,5", "5,0"]
    assert fmt(-1234.56) == "\u22121\u202f234,6"


def test_norwegian_axes_sets_the_named_axes_only():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 2500])
    charts.norwegian_axes(ax, "y")
    fig.canvas.draw()
    assert any("\u202f" in t.get_text() for t in ax.get_yticklabels())
    assert isinstance(ax.yaxis.get_major_formatter(), charts.NorwegianFormatter)
    assert not isinstance(ax.xaxis.get_major_formatter(), charts.NorwegianFormatter)
    plt.close(fig)
