"""HTML post-processing (table of contents) and print preparation of wide tables."""

from __future__ import annotations

import re

import pandas as pd

from helpers.pipeline.export_html import (
    TOC_MARKER,
    add_toc,
    format_value,
    norwegian_date,
)
from helpers.pipeline.export_pdf import column_count, fit_wide_tables
from helpers.pipeline.numeric import mark_numeric_cells

PAGE = (
    f'<nav class="toc" aria-label="Innhold">\n{TOC_MARKER}\n</nav>\n<main>'
    '<h2 id="Bakgrunn">Bakgrunn<a class="anchor-link" href="#Bakgrunn">¶</a></h2>'
    "<h3>Uten id &amp; mer</h3><h3 id=\"Del\">Del</h3><h2 id=\"Slutt\">Slutt</h2>"
    "</main><section><h2>Vedlegg</h2></section>"
)


def test_toc_lists_headings_nested_and_gives_ids():
    page = add_toc(PAGE)
    toc = page[: page.find("<main>")]
    assert re.findall(r'href="#([^"]+)">([^<]+)<', toc) == [
        ("Bakgrunn", "Bakgrunn"), ("seksjon-2", "Uten id &amp; mer"), ("Del", "Del"),
        ("Slutt", "Slutt")]
    assert toc.count("<ol>") == 2  # the h3s nest under the first h2
    assert '<h3 id="seksjon-2">Uten id &amp; mer</h3>' in page
    assert "Vedlegg" not in toc  # only the main content


def test_no_headings_no_toc():
    page = add_toc(f'<nav aria-label="Innhold" class="toc">\n{TOC_MARKER}\n</nav>\n<main><p>x</p>'
                   "</main>")
    assert "<nav" not in page and TOC_MARKER not in page


def test_reader_formats():
    assert norwegian_date("2026-05-17T10:00:00+02:00") == "17. mai 2026"
    assert format_value(["Li", "Co"]) == "Li, Co"
    assert format_value(None) == "ingen" and format_value(True) == "ja"


def table(ncols: int, rows: int = 3) -> str:
    df = pd.DataFrame({f"c{i:02d}": range(rows) for i in range(ncols)})
    return df.to_html(index=False, classes="data")


def test_narrow_tables_are_left_alone():
    html = table(5)
    assert fit_wide_tables(html) == html


def test_wide_table_is_marked_for_fitting():
    out = fit_wide_tables(table(10))
    assert out.count("<table") == 1 and "wide" in out[: out.find(">")]


def test_very_wide_table_is_split_with_label_column_repeated():
    out = fit_wide_tables(table(19, rows=4))
    parts = re.findall(r"<table\b.*?</table>", out, re.S)
    assert len(parts) == 2
    heads = [re.findall(r"<th>(c\d\d)</th>", p) for p in parts]
    assert [h[0] for h in heads] == ["c00", "c00"]
    assert sum(len(h) - 1 for h in heads) == 18  # every other column exactly once
    assert all(column_count(p) <= 10 for p in parts)
    assert all(p.count("<tr") == 5 for p in parts)  # header + 4 rows in each part


def test_table_with_spans_is_not_split_but_fitted():
    df = pd.DataFrame([[1] * 16], columns=pd.MultiIndex.from_product([["a", "b"], range(8)]))
    html = df.to_html(classes="data")
    out = fit_wide_tables(html)
    assert out.count("<table") == 1 and "wide" in out


def test_numbers_are_marked_for_right_alignment_text_is_not():
    cells = ["1\u202f234,5", "\u22123", "12 %", "\u2013", "2021", ".", "..", ":", "under 0,01"]
    for text in cells:
        assert mark_numeric_cells(f"<td>{text}</td>") == f'<td class="num">{text}</td>'
    for text in ("Handel", "1,3 mill. kr", "3-5", "NACE 10", "under 18 år"):
        assert mark_numeric_cells(f"<td>{text}</td>") == f"<td>{text}</td>"
    assert mark_numeric_cells('<td class="x">5</td>') == '<td class="x">5</td>'


def test_headings_over_number_columns_are_marked_too():
    df = pd.DataFrame({"næring": ["a", "b"], "alle": ["71\u202f956", "4\u202f274"],
                       "kull": ["7\u202f289", "."], "merknad": ["tekst", "\u2013"]})
    out = mark_numeric_cells(df.to_html(index=False, classes="data", border=0))
    heads = dict(re.findall(r"<th( class=\"num\")?>([^<]+)</th>", out)[i][::-1] for i in range(4))
    assert heads == {"næring": "", "alle": ' class="num"', "kull": ' class="num"',
                     "merknad": ""}
    assert out.count('<td class="num">') == 4
    assert '<td class="num mixed">\u2013</td>' in out  # "–" in a text column: aligned left


def test_a_column_with_values_too_small_to_print_stays_numeric():
    """A year column with "under 0,01" (process_industry's ``amount``) and "–" is a number
    column like its neighbours: right-aligned, heading included."""
    df = pd.DataFrame({"energivare": ["kull", "bensin", "avfall"],
                       "2000": ["0,47", "0,01", "0,01"], "2005": ["0,31", "under 0,01", "\u2013"]})
    out = mark_numeric_cells(df.to_html(index=False, classes="data", border=0))
    assert '<th class="num">2000</th>' in out and '<th class="num">2005</th>' in out
    assert "mixed" not in out and out.count('<td class="num">') == 6


def test_numbers_in_a_text_column_align_with_the_text():
    df = pd.DataFrame({"periode": ["2021", "2011-2021"], "oppgitt": ["260 mrd. kr", "43 %"]})
    out = mark_numeric_cells(df.to_html(index=False, classes="data", border=0))
    assert re.findall(r"<td( class=\"[^\"]*\")?>", out) == [
        ' class="num mixed"', "", "", ' class="num mixed"']
    assert "<th class" not in out


def test_headings_of_tables_with_spans_are_left_alone():
    df = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_product([["a"], ["x", "y"]]))
    out = mark_numeric_cells(df.to_html(index=False, classes="data"))
    assert "<th class=\"num\"" not in out and '<td class="num">1</td>' in out


def test_percent_sign_is_bound_to_its_number():
    from helpers.pipeline.export_html import bind_percent_signs

    out = bind_percent_signs("<p>vekst på 36,6 % i kroner og 12 % i euro; 100% står</p>")
    assert "36,6\u00a0% i" in out and "12\u00a0% i" in out
    assert "100% står" in out  # nothing to bind


def _render(params=None, specs=None, sources=(), cells=None):
    import nbformat

    from helpers.pipeline.export_html import render_html

    nb = nbformat.v4.new_notebook(cells=cells or [nbformat.v4.new_markdown_cell("## Del")])
    provenance = {
        "started": "2026-11-23T02:00:00+00:00", "notebook_path": "n.ipynb", "set": "s",
        "git": {"commit": "abc", "dirty": False}, "execution_seconds": 1.0,
        "rebuild_key": "f" * 64, "parameters": params or {},
        "data_files": [{"path": "data/public/a.csv", "sha256": "e" * 64}],
        "packages": {"pandas": "2.3"},
    }
    return render_html(nb, title="T", set_name="s", params=params or {}, sources=list(sources),
                       provenance=provenance, specs=specs)


def test_appendix_lists_each_source_once_for_readers_and_ids_only_for_developers():
    sources = [
        {"name": "a", "citation": "SSB, utslipp til luft", "title": "Emissions by source",
         "publishers": ["Statistisk sentralbyrå (SSB)"], "tables": ["13931", "web page"],
         "published": "2025-06-06", "retrieved": "2026-11-23"},
        {"name": "b", "citation": "SSB, utslipp til luft", "title": "Emissions by gas",
         "publishers": ["Statistisk sentralbyrå (SSB)"], "tables": ["08940"]},
        {"name": "c_map", "citation": "egen kobling", "publishers": ["industrirapporter"]},
        {"name": "d", "citation": "Avisartikkel", "publisher": "Fædrelandsvennen",
         "published": "07.08.2025"},
    ]
    page = _render(sources=sources)
    header = page[page.index("<header"):page.index("</header>")]
    assert "SSB, utslipp til luft" not in header  # the list is printed once, in the appendix
    readers = page[page.index('id="datakilder"'):page.index("<details")]
    assert readers.count("SSB, utslipp til luft") == 1
    assert "<td>Statistisk sentralbyrå (SSB)</td><td>13931; 08940</td>" in readers
    # dates in one form, the reader's
    assert "<td>6. juni 2025</td><td>23. november 2026</td>" in readers
    assert "egen bearbeiding" in readers
    assert "<td>7. august 2025</td>" in readers
    # English titles, dataset ids, hashes and the build key stay out of the readers' part
    for dev in ("Emissions by", "c_map", "<code>", "e" * 64, "f" * 16, "web page"):
        assert dev not in page[:page.index("<details")], dev
    technical = page[page.index("<details"):]
    assert 'class="appendix provenance print-hidden"' in technical
    assert "<code>a</code>" in technical and "e" * 64 in technical and "f" * 16 in technical


def test_title_page_shows_parameters_with_their_labels():
    from helpers.pipeline.params import ParamSpec

    specs = {
        "county": ParamSpec("county", "str", "Akershus", "d", label="fylke"),
        "area": ParamSpec("area", "str", "alle", "d", label="innsatsområde",
                          value_labels=(("alle", "hele strategien"),)),
        "weight_growth": ParamSpec("weight_growth", "float", 0.5, "d"),
        "flag": ParamSpec("flag", "bool", True, "d", label="med prognose"),
        "materials": ParamSpec("materials", "list", [], "d", label="materialer",
                               value_labels=(("ni", "nikkel"),),
                               empty_label="verdikjedens materialer"),
        "countries": ParamSpec("countries", "list", [], "d", label="land"),
    }
    params = {"county": "Akershus", "area": "alle", "weight_growth": 0.25, "flag": True,
              "materials": ["ni", "co"], "countries": []}
    page = _render(params=params, specs=specs)
    header = page[page.index("<header"):page.index("</header>")]
    for label, value in (("Fylke", "Akershus"), ("Innsatsområde", "hele strategien"),
                         ("Weight growth", "0,25"), ("Med prognose", "ja"),
                         ("Materialer", "nikkel, co"), ("Land", "ingen")):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in header
    assert "weight_growth" not in header and "<code>" not in header
    # an empty list reads as what it means for this parameter
    header = _render(params={**params, "materials": []}, specs=specs)
    assert "<dt>Materialer</dt><dd>verdikjedens materialer</dd>" in header


def test_notebook_outputs_for_jupyterlab_become_the_page_unchanged():
    """A chart is displayed as an <img> data URI (JupyterLab's sanitizer keeps it in an
    untrusted notebook; it drops <svg>), with the SVG beside it; callouts carry inline styles.
    The export restores exactly what figure_html and callout_html make."""
    import base64

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import nbformat

    from helpers.core import report
    from helpers.pipeline.export_html import prepare_outputs

    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    markup = report.figure_html(fig, "Utvikling", ["egne beregninger"])
    plt.close(fig)
    bundle = report.figure_bundle(markup)
    shown = bundle["text/html"]
    assert "<svg" not in shown
    assert '<img class="chart-image" src="data:image/svg+xml;base64,' in shown
    uri = shown.split('src="data:image/svg+xml;base64,')[1].split('"')[0]
    assert base64.b64decode(uri).decode("utf-8") == bundle["image/svg+xml"]
    note = report._with_inline_style(report.callout_html("Tekst", "missing"), {
        "callout missing": "background: #f6e3e3", "callout-title": "font-weight: bold"})
    assert 'class="callout missing" style="background: #f6e3e3"' in note
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[
        nbformat.v4.new_output("display_data", data=dict(bundle)),
        nbformat.v4.new_output("display_data", data={"text/html": note}),
    ])])
    outs = prepare_outputs(nb).cells[0].outputs
    assert outs[0].data["text/html"] == markup
    assert outs[1].data["text/html"] == report.callout_html("Tekst", "missing")


def test_main_findings_come_before_the_table_of_contents():
    from helpers.pipeline.export_html import findings_first

    page = ('<header>t</header><nav class="toc"><!--toc--></nav><main><div class="output">'
            '<p>Innledning</p><section class="findings" id="hovedfunn"><h2>Hovedfunn</h2>'
            '<ul><li>Et funn</li></ul></section></div><h2>Del</h2></main>')
    moved = findings_first(page)
    assert moved.index('class="findings"') < moved.index('<nav class="toc"')
    assert moved.count('class="findings"') == 1
    assert "<p>Innledning</p>" in moved and moved.index("<p>Innledning</p>") > moved.index("<nav")
    # a page without findings is left alone
    plain = page.replace(page[page.index("<section"):page.index("</section>") + 10], "")
    assert findings_first(plain) == plain
    # nbconvert writes the template's attributes in its own order
    reordered = page.replace('<nav class="toc">', '<nav aria-label="Innhold" class="toc">')
    moved = findings_first(reordered)
    assert moved.index('class="findings"') < moved.index('<nav aria-label')


def test_html_lists_numbered_figures_and_tables_and_print_leaves_the_list_out():
    from helpers.pipeline.export_html import add_figure_list

    page = ('<nav class="toc"></nav><main><figure class="chart"><svg></svg>'
            "<figcaption>Figur 1. Utslipp</figcaption></figure>"
            '<figure class="plain"><p>uten nummer</p></figure>'
            '<figure class="table keep"><figcaption>Tabell 1. Eksport</figcaption>'
            "<table></table></figure></main>")
    out = add_figure_list(page)
    assert '<figure class="chart" id="figur-1">' in out
    assert '<figure class="table keep" id="tabell-1">' in out
    assert '<figure class="plain">' in out  # an unnumbered figure keeps no id
    listing = out[out.index("<details"):out.index("</details>")]
    assert 'class="figure-list print-hidden"' in listing
    assert '<a href="#figur-1">Figur 1.</a> Utslipp' in listing
    assert '<a href="#tabell-1">Tabell 1.</a> Eksport' in listing
    assert add_figure_list("<main><p>ingen</p></main>") == "<main><p>ingen</p></main>"


def test_kept_together_tables_are_short_in_printed_lines_too():
    import pandas as pd

    from helpers.core import report

    short = pd.DataFrame({"a": [1.0, float("nan")], "b": ["x", None]})  # missing values too
    assert '<figure class="table keep">' in report.table_html(short, "T", None)
    # ten rows in two columns, each cell wrapping to four lines: 41 printed lines
    tall = pd.DataFrame({"tekst": ["ord " * 60] * 10, "mer": ["x"] * 10})
    assert '<figure class="table">' in report.table_html(tall, "T", None)


def test_short_paragraphs_under_a_heading_are_kept_with_what_follows():
    from helpers.pipeline.export_pdf import keep_headings_with_text

    long = "ord " * 80  # about four printed lines
    page = ("<h2>A</h2><p>Én linje.</p><figure>x</figure>"
            f'<h3>B</h3><p class="x">Kort.</p><p>Kort igjen.</p><p>{long}</p>'
            f"<h3>C</h3><p>{long}</p><p>Etter.</p>"
            "<p>Ingen overskrift over.</p>")
    out = keep_headings_with_text(page)
    assert '<p class="keep-with-next">Én linje.</p>' in out
    assert '<p class="x keep-with-next">Kort.</p>' in out
    assert '<p class="keep-with-next">Kort igjen.</p>' in out
    # a paragraph long enough for three lines is left to orphans; nothing else is touched
    assert out.count("keep-with-next") == 3
    assert keep_headings_with_text("<p>Uten overskrift.</p>") == "<p>Uten overskrift.</p>"


def test_a_file_parameter_shows_its_description_and_its_path_only_in_the_provenance(tmp_path):
    import pytest

    from helpers.pipeline.params import DeclarationError, ParamSpec, parse_spec

    path = tmp_path / "hemmelig-mappe" / "status.csv"
    path.parent.mkdir()
    path.write_text("id,status,sist oppdatert\nA1,påbegynt,2026-03-05\n", encoding="utf-8")
    ref = "helpers.themes.manufacturing_strategy:reader_description"
    spec = parse_spec("manufacturing_strategy", "status_file",
                      {"type": "str", "default": None, "nullable": True, "description": "d",
                       "label": "status", "value_labels": {None: "ikke registrert"},
                       "value_text": ref})
    page = _render(params={"status_file": str(path)}, specs={"status_file": spec})
    readers = page[:page.index("<details")]
    assert str(path) not in readers and "hemmelig-mappe" not in readers
    assert ("<dt>Status</dt><dd>statusoversikt oppgitt av brukeren, sist oppdatert "
            "5. mars 2026</dd>") in readers
    assert str(path) in page[page.index('class="appendix provenance print-hidden"'):]
    # no file: the value label, as before
    header = _render(params={"status_file": None}, specs={"status_file": spec})
    assert "<dt>Status</dt><dd>ikke registrert</dd>" in header
    # a declaration must name a function
    with pytest.raises(DeclarationError, match="value_text"):
        parse_spec("n", "f", {"type": "str", "default": "a", "description": "d",
                              "value_text": "no_such_module_xyz:f"})
    assert ParamSpec("f", "str", "a", "d").reader_value("a/b.csv") == "a/b.csv"
