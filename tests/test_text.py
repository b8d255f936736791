"""tui/text.py: text from data is shown literally, with every control character made visible."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.content import Content

from scalescope.tui.report import to_json
from scalescope.tui.text import literal, literal_join, markup_literal, printable

# independent of the module's own regular expression: the characters the rule names
C0 = {chr(c) for c in range(0x20)} - {"\t", "\n"}
C1 = {chr(c) for c in range(0x80, 0xA0)}
BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]}
SEPARATORS = {"\u2028", "\u2029"}
FORBIDDEN = C0 | C1 | BIDI | SEPARATORS | {"\x7f"}

dangerous = st.sampled_from(sorted(FORBIDDEN | {"\n", "\t"}))
any_text = st.text(st.one_of(st.characters(), dangerous), max_size=60)
safe_text = st.text(st.characters(exclude_characters=FORBIDDEN | {"\n", "\t"}), max_size=60)


@settings(deadline=None)
@given(any_text)
def test_printable_never_contains_a_control_character(value):
    out = printable(value)
    assert not (set(out) & FORBIDDEN)
    assert "\n" not in out and "\t" not in out  # one line by default


@settings(deadline=None)
@given(any_text)
def test_multiline_keeps_newlines_and_tabs_only(value):
    out = printable(value, multiline=True)
    assert not (set(out) & FORBIDDEN)
    assert out.count("\n") == value.count("\n") and out.count("\t") == value.count("\t")


@settings(deadline=None)
@given(safe_text)
def test_printable_text_round_trips_unchanged(value):
    assert printable(value) == value
    assert printable(value, multiline=True) == value
    assert literal(value).plain == value


@settings(deadline=None)
@given(st.lists(st.one_of(safe_text, dangerous), max_size=8))
def test_every_control_character_becomes_its_visible_code(pieces):
    value = "".join(pieces)
    expected = ""
    for char in value:  # by hand: one escape per character
        if char == "\n":
            expected += "\\n"
        elif char == "\t":
            expected += " "
        elif char in FORBIDDEN:
            expected += f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
        else:
            expected += char
    assert printable(value) == expected


def test_the_issues_examples():
    assert printable("e07_\x1b]0;pwned\x07\x1b[2J.csv") == "e07_\\x1b]0;pwned\\x07\\x1b[2J.csv"
    assert printable("good\rEVIL") == "good\\x0dEVIL"
    assert printable("a\x9b2Jb\x00") == "a\\x9b2Jb\\x00"
    assert printable("abc\u202edcba") == "abc\\u202edcba"
    assert printable("two\nlines") == "two\\nlines"
    assert printable("[@click=app.quit]Q0[/]") == "[@click=app.quit]Q0[/]"  # markup is not changed


def test_control_sets_match_unicode_categories():
    """The hand-written set covers every Cc character but tab and newline, and no letter."""
    cc = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc"}
    assert cc - {"\t", "\n"} <= FORBIDDEN
    assert all(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in FORBIDDEN)


def test_literal_is_never_markup():
    for name in ("[@click=app.quit]Q0[/]", "x[/bold]", "[link=file:///x]B[/]", "[/]"):
        text = literal(name, "bold")
        assert isinstance(text, Text) and text.plain == name and not text.spans
    joined = literal_join([("[b]a", "bold"), "\x1bb"], " ")
    assert joined.plain == "[b]a \\x1bb"


@settings(deadline=None)
@given(any_text)
def test_json_output_is_exact_and_has_no_raw_control_byte(value):
    out = to_json({"name": value})
    assert json.loads(out)["name"] == value  # the data is untouched
    assert not (set(out) & FORBIDDEN) and out.isascii()


markupish = st.text(st.sampled_from(list("[]\\/@=#$ab :'\"")), max_size=24)


@settings(deadline=None)
@given(st.one_of(markupish, safe_text))
def test_markup_literal_reads_back_as_written(value):
    assert Content.from_markup(markup_literal(value)).plain == value
