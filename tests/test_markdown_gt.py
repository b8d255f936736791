"""The Markdown export writes > as itself (it wrote &gt;: "base -> top" read "base -&gt; top" in
the file), escapes what Markdown would read as syntax, and data stays data: what a renderer shows
is what the file said."""

from __future__ import annotations

import re
from html import unescape

import pytest
from markdown_it import MarkdownIt

from scalescope.engine.catalog import load_bundled
from scalescope.engine.decompose import decompose
from scalescope.tui.report import markdown_report
from scalescope.tui.text import markdown_text

MD = MarkdownIt("commonmark").enable("table")


def test_the_decomposition_reads_arrow_as_arrow():
    ds = load_bundled("math-level-5")
    report = markdown_report(ds, decompose(ds), [], None)
    assert "&gt;" not in report
    assert "base claude-3-5-sonnet-20241022 -> reasoning series" in report
    assert "| compute multiple | 30.3x | 451 -> 13,667 |" in report


@pytest.mark.parametrize(
    "name",
    ["a -> b", "> quoted", "  >> deep", "x > y > z", "a &lt; b", "&#60;script>", "R&D", "3 < 4 > 2", "<b>bold</b>"],
)
@pytest.mark.parametrize("where", ["| {} |", "- {}", "> {}"])
def test_data_stays_data_in_a_cell_a_list_item_and_a_quote(name, where):
    """Rendered, the text is the name as written: no block quote, no tag, no entity decoded."""
    source = where.format(markdown_text(name))
    if where.startswith("|"):
        source = "| h |\n|---|\n" + source
    html = MD.render(source)
    assert "<b>" not in html and "<script" not in html
    assert html.count("<blockquote>") == (1 if where.startswith(">") else 0)
    shown = MD.render(where.format(markdown_text(name)) if not where.startswith("|") else source)
    text = unescape(re.sub(r"<[^>]+>", "", shown)).strip()
    assert text.endswith(name.strip()) or text == name.strip(), (name, where, text)
