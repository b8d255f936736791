"""The one rule for text that comes from data: shown literally, never as markup or terminal control.

Model, series, label, benchmark, header, cell and file names come from files the user did not
write. Everything that shows such text goes through this module:

- ``printable(value)``: a ``str`` safe for a terminal. Control characters become visible escapes
  (``\\x1b``, ``\\x07``, ``\\u202e``); on one line (the default) a newline is shown as ``\\n`` and a
  tab as a space. Everything else, including ``[`` and ``]``, is left as it is.
- ``literal(value, style)``: a ``rich.text.Text`` of ``printable(value)``. A ``Text`` is never
  parsed as markup, so every Textual API that takes a visual (``Static``, ``Label``, options of
  ``OptionList`` / ``SelectionList`` / ``Select``, ``DataTable`` cells, ``border_title``,
  command-palette hits) shows it as written.

Where an API takes only a markup ``str`` (Textual's ``notify`` with ``markup=True``), the app
passes ``markup=False`` instead; ``ScalescopeApp.notify`` does it for every notification.

Which characters are escaped (``CONTROL``): C0 controls except tab and newline (NUL, BEL, BS, CR,
ESC, ...), DEL, the C1 controls U+0080-U+009F (U+009B is a one-byte CSI to many terminals), the
bidirectional embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069 (they reorder
what follows on screen: "Trojan Source"), the invisible direction marks U+200E, U+200F and U+061C
(they change how neighbouring characters are ordered, and two names that differ only by one look
the same), and the line and paragraph separators U+2028 / U+2029 (some programs break lines on
them). JSON output (``--json``) is not passed through here: ``json.dumps`` with its default
``ensure_ascii=True`` writes every character outside printable ASCII as ``\\uNNNN``, so the data
stays exact and no control byte reaches the terminal.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # not typing's: importing typing costs `scalescope years` a tenth of its start
if TYPE_CHECKING:  # rich is imported where a Text is built: the CLI's --json output never needs it
    from rich.text import Text

_CONTROL_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1
    "\u061c\u200e\u200f"  # direction marks: Arabic letter mark, LRM, RLM
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides, isolates
    "\u2028\u2029"  # line and paragraph separators
)
CONTROL = re.compile(f"[{_CONTROL_CLASS}]")
_CONTROL_ONE_LINE = re.compile(f"[{_CONTROL_CLASS}\n\t]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return "\\n"
    if char == "\t":
        return " "
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: object, *, multiline: bool = False) -> str:
    """``value`` as text safe to print: control characters shown as ``\\xNN`` / ``\\uNNNN``.

    One line (the default): a newline is shown as ``\\n`` and a tab as a space, so that a name
    never breaks a table row, an error line or a chart legend. ``multiline=True`` keeps newlines
    and tabs (for text that is several lines by design).
    """
    pattern = CONTROL if multiline else _CONTROL_ONE_LINE
    return pattern.sub(_escape, str(value))


def literal(value: object, style: str = "") -> Text:
    """A rich ``Text`` of ``printable(value)``: never parsed as markup, never a control sequence."""
    from rich.text import Text

    return Text(printable(value), style=style)


def literal_join(parts: list[tuple[object, str]] | list[object], separator: str = "") -> Text:
    """One ``Text`` from several pieces of data, each ``value`` or ``(value, style)``."""
    from rich.text import Text

    text = Text()
    for index, part in enumerate(parts):
        if index and separator:
            text.append(separator)
        value, style = part if isinstance(part, tuple) else (part, "")
        text.append(printable(value), style=style or None)
    return text


def markup_literal(value: object) -> str:
    """``printable(value)`` escaped for Textual's content markup, for the few APIs that take only
    a markup string (a command palette hit's help text). Every ``[`` is escaped: Textual's own
    ``escape`` leaves ``[ or ]`` alone, which its parser then reads as a tag."""
    return printable(value).replace("[", "\\[")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#<]|&(?=#?[0-9A-Za-z]+;))")  # &lt; in a name: those four characters
_MARKDOWN_ENTITY = {"<": "&lt;"}
_MARKDOWN_QUOTE = re.compile(r"^(\s*)>")  # a > that starts the text would open a block quote


def csv_cell(value: object) -> str:
    """Text from data in a CSV cell: printable, and never read as a formula by a spreadsheet (a
    leading ``= + - @`` is quoted with ``'``)."""
    text = printable(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def markdown_text(value: object) -> str:
    """``printable(value)`` safe inside a Markdown document and its table cells: control
    characters as visible escapes (``cat`` of the file never retitles or clears a terminal), one
    line, ``<`` as an entity (no ``<script>`` or ``<img onerror>`` for a renderer to run: with no
    ``<``, no tag or autolink can start, so ``>`` stays as written, as in ``base -> top``), a ``>``
    that starts the text and an ``&`` that starts an entity (``&lt;`` in a name stays those four
    characters) backslash-escaped (no block quote), and every other character Markdown
    reads as syntax (``| [ ] ` * _ # \\``) backslash-escaped, so a name never breaks a table or
    becomes a link. Lone surrogates (bytes of a file name that are
    not UTF-8) as ``\\udcNN``, so the file can be written as UTF-8."""
    text = printable(value).encode("utf-8", "backslashreplace").decode("utf-8")
    text = _MARKDOWN_SPECIAL.sub(lambda m: _MARKDOWN_ENTITY.get(m.group(1), "\\" + m.group(1)), text)
    return _MARKDOWN_QUOTE.sub(r"\1\\>", text)


_BREAK_AFTER = re.compile(r"(?<=[-_/:\s])")


def wrap_name(value: object, width: int, style: str = "", indent: str = "  ") -> Text:
    """A name (dataset id, file path) on lines of at most ``width`` cells, broken only after a
    separator (``- _ / :`` or a space), never mid-word. A single piece wider than ``width`` is
    cut at its start ("…" + its end): the end is what tells ``...-semi-private`` from
    ``...-public-eval`` and a file from its neighbours. Lines after the first start with
    ``indent``, so that a continued name does not read as a new one."""
    from rich.cells import cell_len
    from rich.text import Text

    text = printable(value)
    if width < 2 or cell_len(text) <= width:
        return Text(text, style=style)
    lines: list[str] = []
    line = ""
    for piece in _BREAK_AFTER.split(text):
        if not piece:
            continue
        if cell_len(piece) > width - len(indent):
            while cell_len(piece) > width - len(indent) - 1:
                piece = piece[1:]
            piece = "…" + piece
        if line and cell_len(line) + cell_len(piece.rstrip()) > width:
            lines.append(line.rstrip())
            line = indent + piece
        else:
            line += piece
    lines.append(line.rstrip())
    return Text("\n".join(lines), style=style)


def clipped(value: object, width: int, style: str = "") -> Text:
    """``literal(value)`` in at most ``width`` cells: a longer text is cut and ends in "…", so a cut
    cell never reads as the whole text (the claims table: the pane below holds the full text)."""
    from rich.cells import cell_len, set_cell_size

    text = printable(value)
    if width >= 1 and cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip() + "…"
    return literal(text, style)
