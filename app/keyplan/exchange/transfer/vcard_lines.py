"""The cards of a vCard file as logical lines of bytes: unfolded, split, before any decoding.

Writers fold long lines by counting bytes, so a fold may fall inside a multi-byte character;
quoted-printable values (vCard 2.1) break lines with a trailing "=". Both are undone here, on
bytes, so that a character cut in two is whole again before it is decoded. The file is then
cut into cards at ``BEGIN:VCARD`` and ``END:VCARD`` ourselves, so that one damaged card, a
stray line or a block of another kind never takes the other cards with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# CRLF, LF and the old Mac's lone CR all end a line; no 8-bit encoding we read uses these
# bytes inside a character (Shift_JIS trail bytes start at 0x40).
_LINE_END = re.compile(rb"\r\n|\r|\n")
_FOLD_MARKS = (b" ", b"\t")
_LONGEST_HEAD = 1000  # parameters folded onto more lines than this are not looked at again
_BEGIN_OR_END = re.compile(rb"^\s*(BEGIN|END)\s*:\s*([A-Za-z0-9-]*)\s*$", re.IGNORECASE)


@dataclass
class CardLines:
    """One card of the file as its logical lines, and what splitting it left out.

    Attributes:
        lines: the card's properties, unfolded, without its BEGIN and END lines.
        complete: False when the file ends inside the card (no ``END:VCARD`` after it).
        notes: what was left out of the card and why, for the user.
    """

    lines: list[bytes] = field(default_factory=list)
    complete: bool = False
    notes: list[str] = field(default_factory=list)


def split_cards(data: bytes) -> list[CardLines]:
    """The cards of a vCard file's bytes, in file order.

    Lines outside any card are ignored. A ``BEGIN:VCARD`` inside a card ends that card (its
    ``END:VCARD`` went missing) and starts the next; a block of another kind inside a card
    (``BEGIN:X`` … ``END:X``) and a stray ``END`` are left out with a note.
    """
    cards: list[CardLines] = []
    card: CardLines | None = None
    nested: list[bytes] = []
    for line in logical_lines(data):
        begin_or_end = _BEGIN_OR_END.match(line)
        kind, what = (
            (begin_or_end.group(1).upper(), begin_or_end.group(2).upper())
            if begin_or_end
            else (b"", b"")
        )
        if kind == b"BEGIN" and what == b"VCARD":
            if card is not None:
                card.complete = True
                card.notes.append("the card has no END:VCARD line; read up to the next card")
            card, nested = CardLines(), []
            cards.append(card)
        elif card is None:
            continue  # a stray line between cards
        elif kind == b"END" and what == b"VCARD":
            _note_unclosed(card, nested)
            card.complete = True
            card = None
        elif kind == b"BEGIN":
            nested.append(what)
        elif kind == b"END":
            _close_nested(card, nested, what)
        elif not nested:
            card.lines.append(line)
    if card is not None:
        _note_unclosed(card, nested)
    return cards


def _note_unclosed(card: CardLines, nested: list[bytes]) -> None:
    for what in nested:
        card.notes.append(f"a BEGIN:{_shown(what)} block left out: it never ends")
    nested.clear()


def _close_nested(card: CardLines, nested: list[bytes], what: bytes) -> None:
    """END of a block inside a card: the block is left out, or the stray END is."""
    if what in nested:
        while nested.pop() != what:
            pass
        card.notes.append(f"a {_shown(what)} block inside the card left out")
    else:
        card.notes.append(f"a stray END:{_shown(what)} line left out")


def _shown(what: bytes) -> str:
    return what.decode("ascii", "replace")[:20] or "(nothing)"


def logical_lines(data: bytes) -> list[bytes]:
    """The file's lines with folds and quoted-printable soft breaks joined; blank ones dropped.

    A line beginning with a space or a tab continues the one before (that one character is
    the fold's and is removed). A quoted-printable value ending in "=" continues on the next
    line. Neither joins a BEGIN or END line to another: a card's end must never be swallowed.
    """
    lines: list[bytearray] = []
    soft_break = False
    # What is known of the last line from its start, so that joining the next piece costs
    # that piece's length only, never the whole line's again (a 100,000-line fold).
    last_is_begin_or_end = last_is_quoted_printable = False
    for physical in _LINE_END.split(data):
        if soft_break and not _BEGIN_OR_END.match(physical):
            del lines[-1][-1:]  # the "=" of the soft break
            lines[-1] += physical
        elif physical[:1] in _FOLD_MARKS and lines and not last_is_begin_or_end:
            lines[-1] += physical[1:]
            if not last_is_quoted_printable and len(lines[-1]) < _LONGEST_HEAD:
                last_is_quoted_printable = is_quoted_printable(lines[-1])  # folded parameters
        elif physical.strip():
            lines.append(bytearray(physical))
            last_is_begin_or_end = _BEGIN_OR_END.match(physical) is not None
            last_is_quoted_printable = is_quoted_printable(physical)
        else:
            soft_break = False
            continue
        soft_break = last_is_quoted_printable and lines[-1].endswith(b"=")
    return [bytes(line) for line in lines if line.strip()]


def is_quoted_printable(line: bytes | bytearray) -> bool:
    """True when the line's parameters say its value is quoted-printable."""
    head = line.split(b":", 1)[0]
    return b"QUOTED-PRINTABLE" in head.upper()
