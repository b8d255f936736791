"""Show text from files literally: no markup, no escape sequences reaching the terminal."""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(value: object) -> str:
    """Control characters (ESC, BEL, ...) shown as \\xNN; newlines and tabs as spaces."""
    text = str(value).replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def literal(value: object, style: str = "") -> Text:
    """A rich Text that is never parsed as markup."""
    return Text(printable(value), style=style)
