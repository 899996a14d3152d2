"""People from vCard files (2.1, 3.0, 4.0; one card or many) through ``vobject``.

A contacts file is a user's only copy of their network, so one bad line must never cost the
file. The bytes are unfolded and cut into cards first (``vcard_lines``), each property is
decoded in its own charset (``vcard_values``), and only then does ``vobject`` read a card. When
it cannot, the card is read again without the properties it cannot read, and the contact
carries a note of what was left out and why. Only a file with no card at all is refused.

This module then picks the properties a stakeholder needs. A work telephone or address is
preferred to another one, and the manager comes from the properties mail programs write for it
(Outlook's ``X-MS-MANAGER``, Apple's labelled related names).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from keyplan.exchange.transfer.contacts import Contact, ImportRefused, contact_from
from keyplan.exchange.transfer.text_files import TextEncoding, decode_contacts_file
from keyplan.exchange.transfer.vcard_lines import CardLines, split_cards
from keyplan.exchange.transfer.vcard_values import (
    CardEncoding,
    PropertyLeftOut,
    PropertyText,
    card_encodings,
    chosen_encodings,
    label,
    property_text,
)

_MANAGER_PROPERTIES = ("x-ms-manager", "x-manager", "x-assistant-manager")
_WIDE_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A vCard may follow a few lines of something else (a mail header, a stray line).
_CARD_START = re.compile(r"^[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t\r]*$", re.IGNORECASE | re.MULTILINE)
_SNIFFED = 4096
_NAME = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)?")
_NOTES_SHOWN = 4
# A property longer than this is no real value of the fields read (names, titles, e-mail,
# phones, addresses, a manager): left out unread, which keeps reading linear in the file.
MAX_PROPERTY_BYTES = 10_000
# The properties ``_card_parts`` reads (with VERSION, which says how to read them).
_READ_PROPERTIES = frozenset(
    {"VERSION", "FN", "N", "TITLE", "ORG", "EMAIL", "TEL", "ADR", "X-ABLABEL",
     "X-ABRELATEDNAMES", *(name.upper() for name in _MANAGER_PROPERTIES)}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class VCardFile:
    """The people of a vCard file, and the encoding it was read in (for the summary)."""

    contacts: list[Contact]
    encoding: str


def looks_like_vcard(data: str | bytes) -> bool:
    """True when the text or bytes (UTF-8, 8-bit or UTF-16) hold a ``BEGIN:VCARD`` line early on."""
    text = data[:_SNIFFED] if isinstance(data, str) else _sniffed_text(data)
    text = text.lstrip("\ufeff \t\r\n")
    return text[:11].upper() == "BEGIN:VCARD" or _CARD_START.search(text) is not None


def _sniffed_text(data: bytes) -> str:
    head = data[:_SNIFFED]
    # Latin-1 reads any byte, and the words looked for are ASCII in every 8-bit encoding.
    return head.decode(_wide_codec(head) or "latin-1", "replace").lstrip("\ufeff")


def _wide_codec(data: bytes) -> str | None:
    """UTF-16 or UTF-32 when a card begins in it (after its byte-order mark, if any); else None.

    A mark alone does not decide: two damaged bytes at the start of an 8-bit file can look
    like one, and reading that file as UTF-16 would lose every card.
    """
    marked = [codec for mark, codec in _WIDE_MARKS if data.startswith(mark)]
    for codec in (*marked, "utf-16-le", "utf-16-be"):
        if _CARD_START.search(data[:_SNIFFED].decode(codec, "replace").lstrip("\ufeff")):
            return codec
    return None


def read_vcards_bytes(data: bytes, encoding: TextEncoding | None = None) -> VCardFile:
    """Every card of a vCard file as a contact ("card 1", "card 2", …), from its bytes.

    A property that cannot be read is left out of its contact, with a note saying which and
    why (``Contact.notes``); a card cut off by the end of the file is a contact with a
    ``problem`` (skipped as broken). Cards without a ``CHARSET`` are decoded by detection.

    Args:
        data: the file's bytes.
        encoding: the encoding the user chose for the file; None detects it card by card.

    Raises:
        ImportRefused: the file is empty or holds no whole card.
    """
    if not data.strip(b" \t\r\n\x00"):
        raise ImportRefused("The file is empty.")
    cards, encodings, encoding_name = _cards_and_encodings(data, encoding)
    if not any(card.complete for card in cards):
        raise ImportRefused(_no_card_reason(cards))
    contacts = [
        _contact(f"card {number}", card, card_encoding)
        for number, (card, card_encoding) in enumerate(zip(cards, encodings, strict=True), 1)
    ]
    return VCardFile(contacts, encoding_name)


def read_vcards(text: str) -> list[Contact]:
    """``read_vcards_bytes`` for a vCard file already decoded to text.

    Raises:
        ImportRefused: the text holds no whole card.
    """
    if not text.strip():
        raise ImportRefused("The file is empty.")
    cards = split_cards(text.lstrip("\ufeff").encode("utf-8", "replace"))
    if not any(card.complete for card in cards):
        raise ImportRefused(_no_card_reason(cards))
    as_text = CardEncoding("utf-8", "UTF-8", charsets_apply=False)
    return [_contact(f"card {n}", card, as_text) for n, card in enumerate(cards, 1)]


def _cards_and_encodings(
    data: bytes, chosen: TextEncoding | None
) -> tuple[list[CardLines], list[CardEncoding], str]:
    """The cards, the encoding of each, and the name of the file's encoding."""
    if _wide_codec(data) or (chosen is not None and chosen.codec.startswith("utf-16")):
        # Folds cannot cut a UTF-16 character at a byte: the whole file is decoded first.
        decoded = decode_contacts_file(data, chosen)
        cards = split_cards(decoded.text.lstrip("\ufeff").encode("utf-8", "replace"))
        as_text = CardEncoding("utf-8", decoded.encoding, charsets_apply=False)
        return cards, [as_text] * len(cards), decoded.encoding
    if chosen is not None:
        if chosen.mark and data.startswith(chosen.mark):
            data = data[len(chosen.mark) :]
        cards = split_cards(data)
        return cards, chosen_encodings(cards, chosen), chosen.name
    has_mark = data.startswith(codecs.BOM_UTF8)
    cards = split_cards(data[len(codecs.BOM_UTF8) :] if has_mark else data)
    encodings, name = card_encodings(cards, has_mark)
    return cards, encodings, name


def _no_card_reason(cards: list[CardLines]) -> str:
    if cards:
        return (
            "The vCard file cannot be read: it ends inside its first card "
            "(there is no END:VCARD line)."
        )
    return "The vCard file holds no cards."


def _contact(where: str, card: CardLines, encoding: CardEncoding) -> Contact:
    """One card as a contact, with notes of what was left out; a cut-off card is broken."""
    notes = list(card.notes)
    properties = []
    for line in card.lines:
        if len(line) > MAX_PROPERTY_BYTES:
            _note_if_read(line, notes)
            continue
        try:
            properties.append(property_text(line, encoding))
        except PropertyLeftOut as left_out:
            notes.append(str(left_out))
    parts, left_out = _tolerant_parts(properties)
    problem = "" if card.complete else "the file ends inside this card (no END:VCARD)"
    contact = contact_from(where, parts)
    return replace(contact, problem=problem, notes=_shortened([*notes, *left_out]))


def _note_if_read(line: bytes, notes: list[str]) -> None:
    """An over-long property is left out before it is decoded or parsed (vobject's text
    decoding takes seconds on a 100,000-line folded value); a note says so when it is one
    Keyplan reads, silence when it is one it never reads anyway (a photo, a note)."""
    head = line.split(b":", 1)[0].split(b";", 1)[0]
    name = head.rpartition(b".")[2].strip().decode("ascii", "replace").upper()
    if name in _READ_PROPERTIES:
        notes.append(f"{label(name)} left out: longer than {MAX_PROPERTY_BYTES:,} bytes")


def _tolerant_parts(properties: list[PropertyText]) -> tuple[dict[str, str], list[str]]:
    """The card's parts; when vobject cannot read it, again without the lines it cannot read."""
    try:
        return _card_parts(_parsed(properties)), []
    except Exception:
        # vobject raises ParseError for bad syntax but also ValueError, TypeError and others
        # for bad values deep inside its decoders: each line is tried alone to find which.
        pass
    kept, notes = [], []
    for prop in properties:
        try:
            _card_parts(_parsed([prop]))
        except Exception as error:
            notes.append(_why_left_out(prop, error))
        else:
            kept.append(prop)
    try:
        return _card_parts(_parsed(kept)), notes
    except Exception:
        return {}, [*notes, "the card could not be read at all"]


def _parsed(properties: list[PropertyText]) -> Any:
    import vobject  # loaded only for vCard files

    body = "".join(prop.line + "\r\n" for prop in properties)
    return vobject.readOne(f"BEGIN:VCARD\r\n{body}END:VCARD\r\n")


def _why_left_out(prop: PropertyText, error: Exception) -> str:
    """A short note for the user: which property, and why in a few words."""
    head = prop.line.split(":", 1)[0]
    if not _NAME.fullmatch(head.split(";", 1)[0].strip()):
        return f"a line that is no vCard property left out ('{prop.line[:30]}')"
    message = str(error).casefold()
    if "base64" in message or "padding" in message:
        why = "not readable as base64"
    elif "failed to parse line" in message:
        why = "its parameters cannot be read"
    elif isinstance(error, UnicodeError | LookupError):
        why = "its text cannot be read"
    else:
        why = "its value is not in the form vCard expects"
    return f"{label(prop.name)} left out: {why}"


def _shortened(notes: list[str]) -> tuple[str, ...]:
    """At most a few notes per card: a badly damaged card would flood its row otherwise."""
    if len(notes) <= _NOTES_SHOWN:
        return tuple(notes)
    return (*notes[: _NOTES_SHOWN - 1], f"and {len(notes) - _NOTES_SHOWN + 1} more lines left out")


def _card_parts(card: Any) -> dict[str, str]:
    lines = card.contents
    parts: dict[str, str] = {}
    parts["full_name"] = _text(_first(lines.get("fn")))
    name = _first(lines.get("n"))
    if name is not None and not isinstance(name.value, str):
        parts["first_name"] = _text(name.value.given)
        parts["middle_name"] = _text(name.value.additional)
        parts["last_name"] = _text(name.value.family)
    parts["job_title"] = _text(_first(lines.get("title")))
    organisation = _first(lines.get("org"))
    if organisation is not None and isinstance(organisation.value, list):
        # The first unit is the company: the account being imported into.
        parts["company"] = organisation.value[0]
        parts["department"] = " / ".join(v for v in organisation.value[1:] if v)
    parts["email"] = _text(_preferred(lines.get("email", []), "work"))
    parts["phone"] = _phone(lines.get("tel", []))
    parts.update(_address(lines.get("adr", [])))
    parts["reports_to"] = _manager(card)
    return parts


def _first(lines: list[Any] | None) -> Any:
    return lines[0] if lines else None


def _text(line_or_value: Any) -> str:
    value = getattr(line_or_value, "value", line_or_value)
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(part) for part in value if part)
    return str(value)


def _types(line: Any) -> set[str]:
    words = [*line.params.get("TYPE", []), *getattr(line, "singletonparams", [])]
    return {part.strip().casefold() for word in words for part in str(word).split(",")}


def _preferred(lines: Iterable[Any], kind: str) -> Any:
    """The line of a kind ("work"), else the preferred one, else the first."""
    lines = list(lines)
    for wanted in (kind, "pref"):
        for line in lines:
            if wanted in _types(line):
                return line
    return lines[0] if lines else None


def _phone(lines: list[Any]) -> str:
    """A work or other landline first; a mobile number when it is all there is."""
    landlines = [line for line in lines if not _types(line) & {"cell", "fax", "pager"}]
    mobiles = [line for line in lines if "cell" in _types(line)]
    line = _preferred(landlines, "work") or _first(mobiles)
    number = _text(line)
    return number[4:] if number.lower().startswith("tel:") else number


def _address(lines: list[Any]) -> dict[str, str]:
    line = _preferred(lines, "work")
    if line is None or isinstance(line.value, str):
        return {}
    return {"city": _text(line.value.city), "country": _text(line.value.country)}


def _manager(card: Any) -> str:
    for name in _MANAGER_PROPERTIES:
        line = _first(card.contents.get(name))
        if line is not None and _text(line).strip():
            return _text(line)
    # Apple: "item1.X-ABRELATEDNAMES:Ingrid" with "item1.X-ABLabel:_$!<Manager>!$_".
    labels = {
        line.group
        for line in card.contents.get("x-ablabel", [])
        if line.group and "manager" in _text(line).casefold()
    }
    for line in card.contents.get("x-abrelatednames", []):
        if line.group in labels or "manager" in _types(line):
            return _text(line)
    return ""
