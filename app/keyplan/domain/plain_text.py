"""What text may hold, and how text from anyone is shown safely.

A name, a note or a title is text a person can read: no control characters (an ESC or a BEL
sequence retitles a terminal, a NUL breaks an SVG and a PostgreSQL column), no lone halves of a
surrogate pair (they cannot be written as UTF-8), and not longer than its field allows (a 10 MB
name makes the PDF run for minutes). Imports strip control characters from names
(``without_controls``); editors and other fields refuse them (``require_plain_text``).

Text printed to a terminal or drawn goes through ``terminal_safe`` / ``isolated``: controls
escaped, and Unicode bidi controls kept inside the text they belong to, so a name cannot turn
the rest of a line around.
"""

from __future__ import annotations

import unicodedata

from keyplan.domain.errors import RuleViolation
from keyplan.domain.patterns import LazyPattern

# C0 controls other than tab, line feed and carriage return; DEL; the C1 controls; and the
# surrogate code points (a lone one is what a JSON "\\ud800" decodes to).
_CONTROL = LazyPattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# For a name: a line break or tab inside it is a control too (it is one line).
_NAME_CONTROL = LazyPattern("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# The explicit directional formatting characters (embeddings, overrides, isolates, marks).
_BIDI = LazyPattern("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FIRST_STRONG_ISOLATE, _POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"
_BIDI_SPANNING = LazyPattern("[\u202a-\u202e\u2066-\u2069]")

#: How much of a bad value a message quotes.
QUOTE_LENGTH = 40


def has_controls(text: str) -> bool:
    """Whether the text holds a character that is not for reading (tab and line breaks are)."""
    return _CONTROL.search(text) is not None


def require_plain_text(label: str, text: str, limit: int) -> None:
    """Refuse text that has control characters or is longer than ``limit`` characters.

    Raises:
        RuleViolation: naming the field (``label``), never quoting the text.
    """
    if len(text) > limit:
        raise RuleViolation(f"{label} is longer than {limit:,} characters.")
    if has_controls(text):
        raise RuleViolation(f"{label} contains a control character; remove it.")


def without_controls(name: str) -> str:
    """A name from a file with its control characters taken out (line breaks become spaces)."""
    cleaned = _NAME_CONTROL.sub(lambda found: " " if found[0] in "\t\n\r" else "", name)
    return " ".join(cleaned.split()) if cleaned != name else name


def quoted(value: object) -> str:
    """A value quoted in a message: short, and with its controls escaped."""
    text = str(value) if not isinstance(value, str) else value
    if len(text) > QUOTE_LENGTH:
        text = text[:QUOTE_LENGTH] + "…"
    return "'" + terminal_safe(text) + "'"


def terminal_safe(text: str) -> str:
    """Text fit to print to a terminal: control characters written as escapes (``\\x1b``),
    lone surrogates likewise, bidi controls kept inside the text."""
    if _CONTROL.search(text) is not None:
        text = _CONTROL.sub(
            lambda found: (
                f"\\x{ord(found[0]):02x}" if ord(found[0]) < 256 else f"\\u{ord(found[0]):04x}"
            ),
            text,
        )
    return isolated(text)


def without_bidi_embeddings(text: str) -> str:
    """Text without the bidi controls that span text (embeddings, overrides, isolates), for
    output that does not run the bidi algorithm over them (the PDF): there an RLO would do
    nothing useful and could only reorder a neighbour somewhere else. Marks (LRM, RLM) stay."""
    if _BIDI_SPANNING.search(text) is None:
        return text
    return _BIDI_SPANNING.sub("", text)


def isolated(text: str) -> str:
    """Text with bidi controls wrapped in an isolate, so they end where the text ends."""
    if _BIDI.search(text) is None:
        return text
    return _FIRST_STRONG_ISOLATE + text + _POP_DIRECTIONAL_ISOLATE


def require_no_controls_in_account(name: str) -> None:
    """Refuse an account name given on the command line with control characters in it (an
    ESC sequence typed or pasted into ``--account``): no account is called that.

    Raises:
        RuleViolation: the name holds a control character.
    """
    if _NAME_CONTROL.search(name) is not None:
        raise RuleViolation("An account name cannot contain control characters; remove them.")


def typed_name_key(text: str) -> str:
    """A name as someone types it to say whom they mean: case, spacing and Unicode form aside
    (accents count: "Jönsson" is not "Jonsson", unlike an import's looser match)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
