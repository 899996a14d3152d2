"""Turning the bytes of a contacts file into text, whatever encoding it came in.

Files come from Excel on Windows (Windows-1252, or UTF-16 from "Unicode text"), from web
exports (UTF-8, often with a byte-order mark) and from phones. A byte-order mark decides; then
strict UTF-8, which almost never decodes text written in anything else; then
``charset-normalizer``'s best guess; Windows-1252 is what is left for the rest.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from keyplan.exchange.contacts import ImportRefused

# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)

# Single-byte encodings a guess may land on that we believe; other guesses on a short file are
# usually noise, and Windows-1252 (Western Excel) is then the better bet.
_BELIEVABLE_GUESSES = {
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "cp1252": "Windows-1252",
    "cp1253": "Windows-1253",
    "cp1254": "Windows-1254",
    "cp1257": "Windows-1257",
    "iso8859_15": "ISO-8859-15",
    "latin_1": "Windows-1252",
    "mac_roman": "Mac Roman",
    "shift_jis": "Shift JIS",
    "cp932": "Shift JIS",
    "gb18030": "GB18030",
    "big5": "Big5",
    "euc_kr": "EUC-KR",
}


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text and the name of the encoding it was read in (for the summary)."""

    text: str
    encoding: str


def decode_contacts_file(data: bytes) -> DecodedText:
    """Decode the bytes of a CSV or vCard file.

    Line ends are kept as they are: CSV cells may hold line breaks of their own.

    Raises:
        ImportRefused: the file is empty or holds binary data rather than text.
    """
    if not data.strip(b" \t\r\n\x00"):
        raise ImportRefused("The file is empty.")
    for mark, codec, label in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return DecodedText(_decode(data[len(mark) :], codec, label), label)
    try:
        return DecodedText(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        return _without_mark_utf16(data)
    return _guessed(data)


def _decode(data: bytes, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"The file says it is {label} text but is not: it cannot be read "
            f"({error.reason} at byte {error.start})."
        ) from None


def _without_mark_utf16(data: bytes) -> DecodedText:
    """UTF-16 without a byte-order mark: ASCII letters alternate with zero bytes."""
    even_zeros = data[0::2].count(0)
    odd_zeros = data[1::2].count(0)
    half = len(data) // 2
    if odd_zeros > half * 0.3 and even_zeros < odd_zeros / 4:
        return DecodedText(_decode(data, "utf-16-le", "UTF-16 LE"), "UTF-16 LE")
    if even_zeros > half * 0.3 and odd_zeros < even_zeros / 4:
        return DecodedText(_decode(data, "utf-16-be", "UTF-16 BE"), "UTF-16 BE")
    raise ImportRefused(
        "This is not a text file (it holds binary data). Export your contacts as CSV or vCard."
    )


def _guessed(data: bytes) -> DecodedText:
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    best = _western_on_a_tie(from_bytes(data))
    if best is not None and best.encoding in _BELIEVABLE_GUESSES:
        return DecodedText(str(best), _BELIEVABLE_GUESSES[best.encoding])
    try:
        return DecodedText(data.decode("cp1252"), "Windows-1252")
    except UnicodeDecodeError:
        # Five byte values mean nothing in Windows-1252; Latin-1 reads every byte.
        return DecodedText(data.decode("latin-1"), "ISO-8859-1")


# How close two guesses must score to count as a tie (charset-normalizer's chaos and coherence).
_TIE_CHAOS = 0.01
_TIE_COHERENCE = 0.03


def _western_on_a_tie(matches):  # charset-normalizer's CharsetMatches
    """The best guess, except that Windows-1252 wins a tie.

    A short list of names often reads equally well as Windows-1250 or -1252 ("Lefèvre" or
    "Lefčvre" both look like letters). Western Excel is by far the commoner source, so a tie
    goes to Windows-1252; a clear win for another code page still stands.
    """
    best = matches.best()
    if best is None or best.encoding == "cp1252":
        return best
    for match in matches:
        if (
            match.encoding == "cp1252"
            and match.chaos - best.chaos <= _TIE_CHAOS
            and best.coherence - match.coherence <= _TIE_COHERENCE
        ):
            return match
    return best
