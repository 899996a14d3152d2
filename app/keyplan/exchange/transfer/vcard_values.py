"""A card's logical lines (bytes) as the text lines ``vobject`` reads, one property at a time.

Each property is decoded on its own: a ``CHARSET`` parameter (vCard 2.1) names its charset,
quoted-printable and base64 text values are turned into plain text here, and everything else
is in the card's encoding (``card_encodings``). A property that cannot be decoded is left out
with a note; the card and the file go on.
"""

from __future__ import annotations

import binascii
import codecs
import re
from dataclasses import dataclass

from keyplan.exchange.transfer.contacts import ImportRefused
from keyplan.exchange.transfer.text_files import TextEncoding, decode_contacts_file, text_encoding
from keyplan.exchange.transfer.vcard_lines import CardLines, is_quoted_printable

# Values that are data, not text: left base64 for vobject (we never import them).
_BINARY_PROPERTIES = {"PHOTO", "LOGO", "SOUND", "KEY"}
_QUOTED_PRINTABLE = {"QUOTED-PRINTABLE", "ENCODING=QUOTED-PRINTABLE"}
_BASE64 = {"BASE64", "B", "ENCODING=BASE64", "ENCODING=B"}

# How a note names a property: what it is for the user, with the vCard name to find it.
_LABELS = {
    "FN": "the full name (FN)",
    "N": "the name (N)",
    "TEL": "a phone number (TEL)",
    "EMAIL": "an e-mail address (EMAIL)",
    "ADR": "an address (ADR)",
    "ORG": "the company (ORG)",
    "TITLE": "the job title (TITLE)",
    "PHOTO": "the photo (PHOTO)",
}


class PropertyLeftOut(Exception):
    """A property that cannot be read; the message is the note for the user."""


@dataclass(frozen=True, slots=True)
class CardEncoding:
    """How the 8-bit bytes of one card are read.

    Attributes:
        codec: Python's codec for the card's bytes.
        name: how the summary names it ("Windows-1252").
        charsets_apply: whether a ``CHARSET`` parameter decides a property's plain bytes;
            False when the user chose the encoding or the file was UTF-16 (already text).
    """

    codec: str
    name: str
    charsets_apply: bool = True


@dataclass(frozen=True, slots=True)
class PropertyText:
    """One property as text: ``name`` ("TEL") for notes, ``line`` as vobject reads it."""

    name: str
    line: str


def label(name: str) -> str:
    """How a note names the property ``name``: "a phone number (TEL)", else its vCard name."""
    return _LABELS.get(name, name or "a line")


def property_text(line: bytes, encoding: CardEncoding) -> PropertyText:
    """One logical line as plain text: charset, quoted-printable and base64 text undone.

    Raises:
        PropertyLeftOut: the line is no property, or its value is not text in its charset.
    """
    head, value = _split_at_colon(line)
    if head is None:
        shown = line[:30].decode(encoding.codec, "replace")
        raise PropertyLeftOut(f"a line that is no vCard property left out ('{shown}')")
    head_text = head.decode(encoding.codec, "replace")
    name_part, *params = _split_params(head_text)
    name = name_part.rsplit(".", 1)[-1].strip().upper()
    if name in ("BEGIN", "END"):
        raise PropertyLeftOut(f"a damaged {name} line left out")
    charset = _charset(params)
    wanted = {param.strip().upper() for param in params}
    if wanted & _QUOTED_PRINTABLE:
        text = _text_of_octets(binascii.a2b_qp(value), name, charset, encoding)
        params = _without(params, _QUOTED_PRINTABLE)
    elif wanted & _BASE64 and name not in _BINARY_PROPERTIES:
        text = _text_of_octets(_base64(value, name), name, charset, encoding)
        params = _without(params, _BASE64)
    else:
        own = charset if encoding.charsets_apply else None
        text = _decoded(value, name, own, encoding)
    params = [param for param in params if not param.strip().upper().startswith("CHARSET=")]
    if name in _LITERAL_COMMAS:
        text = _BARE_COMMA.sub(r"\\,", text)
    return PropertyText(name, ";".join([name_part, *params]) + ":" + text)


# Properties whose commas are part of the text in every version ("Director, Sales",
# "Nordvik ASA;Sales, Nordics"): vCard 2.1 writers such as Outlook do not escape them, and
# vobject would cut the value at the first one.
_LITERAL_COMMAS = frozenset({"FN", "TITLE", "ROLE", "ORG", "NOTE"})
_BARE_COMMA = re.compile(r"(?<!\\),")


def _split_at_colon(line: bytes) -> tuple[bytes | None, bytes]:
    """The parameters and the value: at the first colon outside quotes, else the first one."""
    head, colon, value = line.partition(b":")
    if b'"' not in head:  # nearly every line: no quoted parameter before the first colon
        return (head, value) if colon else (None, b"")
    quoted = False
    for position, byte in enumerate(line):
        if byte == 0x22:  # a double quote: colons inside belong to a parameter value
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return line[:position], line[position + 1 :]
    return head, value  # an unclosed quote: the first colon it is


def _split_params(head: str) -> list[str]:
    """The name and each parameter, split at semicolons outside quotes."""
    if '"' not in head:
        return head.split(";")
    parts, current, quoted = [], [], False
    for character in head:
        if character == '"':
            quoted = not quoted
        if character == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(character)
    parts.append("".join(current))
    return parts


def _charset(params: list[str]) -> str | None:
    """The codec a ``CHARSET=`` parameter names, or None (none, or one Python does not know)."""
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().upper() == "CHARSET":
            try:
                codec = codecs.lookup(value.strip().strip('"')).name
                b"A".decode(codec, "replace")  # base64, zlib and their kind are no charsets
            except (LookupError, ValueError):  # ValueError: a name with a zero byte in it
                return None
            return codec
    return None


def _without(params: list[str], dropped: set[str]) -> list[str]:
    return [param for param in params if param.strip().upper() not in dropped]


def _base64(value: bytes, name: str) -> bytes:
    try:
        # Strictly: the lenient decoder skips any byte it does not know and decodes garbage.
        return binascii.a2b_base64(b"".join(value.split()), strict_mode=True)
    except binascii.Error:
        raise PropertyLeftOut(f"{label(name)} left out: not readable as base64") from None


def _text_of_octets(octets: bytes, name: str, charset: str | None, encoding: CardEncoding) -> str:
    """Decoded quoted-printable or base64: its own charset applies even when the user chose."""
    text = _decoded(octets, name, charset, encoding)
    # A line break inside a value (an address label) is written "\n" in a vCard line.
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _decoded(octets: bytes, name: str, charset: str | None, encoding: CardEncoding) -> str:
    """The text in the property's own charset, else the card's; neither: left out."""
    for codec in dict.fromkeys(c for c in (charset, encoding.codec) if c):
        try:
            return octets.decode(codec)
        except ValueError:  # UnicodeDecodeError, or UnicodeError from idna and its kind
            continue
    shown = text_encoding(charset).name if _is_listed(charset) else encoding.name
    raise PropertyLeftOut(f"{label(name)} left out: not readable as {shown} text")


def _is_listed(codec: str | None) -> bool:
    try:
        return codec is not None and bool(text_encoding(codec))
    except ImportRefused:
        return False


def card_encodings(
    cards: list[CardLines], has_utf8_mark: bool = False
) -> tuple[list[CardEncoding], str]:
    """The encoding of each card, guessed, and how the summary names the file's encoding.

    A card whose bytes are UTF-8 is UTF-8 (other encodings almost never read as UTF-8); the
    cards that are not are guessed together, as one text, the way CSV files are: a guess from
    a few short cards alone would be noise. Properties with a ``CHARSET`` do not count: they
    say what they are.
    """
    utf8 = CardEncoding("utf-8", "UTF-8 with BOM" if has_utf8_mark else "UTF-8")
    samples = [_undeclared_bytes(card) for card in cards]
    is_utf8 = [_reads_as_utf8(sample) for sample in samples]
    legacy = [sample for sample, utf8_card in zip(samples, is_utf8, strict=True) if not utf8_card]
    guessed = _guessed(b"\n".join(legacy)) if legacy else utf8
    encodings = [utf8 if utf8_card else guessed for utf8_card in is_utf8]
    used = [
        encoding.name
        for encoding, sample in zip(encodings, samples, strict=True)
        if not sample.isascii()
    ]
    names = list(dict.fromkeys(used)) or [utf8.name]
    return encodings, " and ".join(names)


def _undeclared_bytes(card: CardLines) -> bytes:
    """The card's bytes whose encoding nothing declares: quoted-printable ones decoded."""
    parts = []
    for line in card.lines:
        head, _, value = line.partition(b":")
        if b"CHARSET=" in head.upper():
            continue
        parts.append(binascii.a2b_qp(value) if is_quoted_printable(line) else line)
    return b"\n".join(parts)


def _reads_as_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guessed(data: bytes) -> CardEncoding:
    """The CSV reader's guess (``text_files``) for bytes that are not UTF-8."""
    try:
        # Zero bytes would make the guess look for UTF-16; in an 8-bit card they are damage.
        name = decode_contacts_file(data.replace(b"\x00", b"")).encoding
        return CardEncoding(text_encoding(name).codec, text_encoding(name).name)
    except ImportRefused:
        return CardEncoding("cp1252", "Windows-1252")


def chosen_encodings(cards: list[CardLines], chosen: TextEncoding) -> list[CardEncoding]:
    """Every card in the encoding the user chose, whatever its ``CHARSET`` parameters say."""
    return [CardEncoding(chosen.codec, chosen.name, charsets_apply=False) for _ in cards]
