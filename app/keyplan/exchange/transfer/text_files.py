"""Turning the bytes of a contacts file into text, whatever encoding it came in.

Files come from Excel on Windows (Windows-1252, or UTF-16 from "Unicode text"), from web
exports (UTF-8, often with a byte-order mark) and from phones. A byte-order mark decides; then
strict UTF-8, which almost never decodes text written in anything else; then
``charset-normalizer``'s best guess; Windows-1252 is what is left for the rest. A guess can be
wrong (an old Mac's file reads as Windows-1252 just as well), so the user may name the
encoding instead: one of ``TEXT_ENCODINGS``, read strictly, a byte it does not use refused.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from keyplan.exchange.transfer.contacts import ImportRefused

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
class TextEncoding:
    """An encoding the user may choose when the guess is wrong.

    Attributes:
        name: how the summary, the wizard and ``--encoding`` name it ("Windows-1252").
        codec: Python's codec.
        note: what it is used for, for the wizard's list ("Western Europe").
        mark: the byte-order mark a file in it may begin with (not part of the text).
    """

    name: str
    codec: str
    note: str = ""
    mark: bytes = b""

    @property
    def label(self) -> str:
        """ "Windows-1252 (Western Europe)", as the wizard lists it."""
        return f"{self.name} ({self.note})" if self.note else self.name


# The encodings contacts files come in, commonest first; every name a guess can give is here,
# so the user can always choose what was detected.
TEXT_ENCODINGS: tuple[TextEncoding, ...] = (
    TextEncoding("UTF-8", "utf-8", "Unicode, web exports", codecs.BOM_UTF8),
    TextEncoding("Windows-1252", "cp1252", "Western Europe, Excel on Windows"),
    TextEncoding("ISO-8859-1", "latin-1", "Latin-1"),
    TextEncoding("ISO-8859-15", "iso8859_15", "Latin-9, with €"),
    TextEncoding("UTF-16 LE", "utf-16-le", "Excel's Unicode text", codecs.BOM_UTF16_LE),
    TextEncoding("UTF-16 BE", "utf-16-be", "Unicode, big-endian", codecs.BOM_UTF16_BE),
    TextEncoding("Mac Roman", "mac_roman", "older Mac Excel"),
    TextEncoding("IBM 850", "cp850", "DOS, Western Europe"),
    TextEncoding("Windows-1250", "cp1250", "Central Europe"),
    TextEncoding("ISO-8859-2", "iso8859_2", "Latin-2, Central Europe"),
    TextEncoding("Windows-1251", "cp1251", "Cyrillic"),
    TextEncoding("Windows-1253", "cp1253", "Greek"),
    TextEncoding("Windows-1254", "cp1254", "Turkish"),
    TextEncoding("Windows-1257", "cp1257", "Baltic"),
    TextEncoding("Shift JIS", "cp932", "Japanese"),
    TextEncoding("GB18030", "gb18030", "Chinese, simplified"),
    TextEncoding("Big5", "big5", "Chinese, traditional"),
    TextEncoding("EUC-KR", "euc_kr", "Korean"),
)


def text_encoding(name: str) -> TextEncoding:
    """The encoding of ``TEXT_ENCODINGS`` called ``name`` (ours or Python's: "latin-1", "cp1252").

    Raises:
        ImportRefused: no encoding of the list goes by that name.
    """
    wanted = _codec_name(name)
    for encoding in TEXT_ENCODINGS:
        if name.strip().casefold() == encoding.name.casefold() or wanted == _codec_name(
            encoding.codec
        ):
            return encoding
    raise ImportRefused(
        f"Unknown encoding '{name}'; use one of {', '.join(e.name for e in TEXT_ENCODINGS)}."
    )


def _codec_name(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text and the name of the encoding it was read in (for the summary)."""

    text: str
    encoding: str


def decode_contacts_file(data: bytes, encoding: TextEncoding | None = None) -> DecodedText:
    """Decode the bytes of a CSV or vCard file.

    Line ends are kept as they are: CSV cells may hold line breaks of their own.

    Args:
        data: the file's bytes.
        encoding: the encoding the user chose; None guesses it.

    Raises:
        ImportRefused: the file is empty, holds binary data rather than text, or is not
            text in the encoding chosen.
    """
    if not data.strip(b" \t\r\n\x00"):
        raise ImportRefused("The file is empty.")
    if encoding is not None:
        return DecodedText(_decode_as(data, encoding), encoding.name)
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


def _decode_as(data: bytes, encoding: TextEncoding) -> str:
    """The text in the encoding the user chose, or a refusal that says where it fails."""
    if encoding.mark and data.startswith(encoding.mark):
        data = data[len(encoding.mark) :]
    elif not encoding.codec.startswith("utf-16") and b"\x00" in data:
        # Single-byte encodings would read every zero byte as a character of its own.
        raise ImportRefused(
            f"This file cannot be read as {encoding.name}: it holds zero bytes, as UTF-16 "
            f"text does. Choose UTF-16 LE or BE, or Automatic."
        )
    try:
        return data.decode(encoding.codec)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise ImportRefused(
            f"This file cannot be read as {encoding.name}: line {line} holds a byte "
            f"(0x{byte:02X}) that is not {encoding.name} text. Choose another encoding, "
            f"or Automatic."
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
        text = str(best)
        if best.encoding != "cp1252" and _reads_the_same_in_cp1252(data, text):
            # German umlauts are the same bytes in Windows-1250 and -1252: call it Western.
            return DecodedText(text, "Windows-1252")
        return DecodedText(text, _BELIEVABLE_GUESSES[best.encoding])
    try:
        return DecodedText(data.decode("cp1252"), "Windows-1252")
    except UnicodeDecodeError:
        # Five byte values mean nothing in Windows-1252; Latin-1 reads every byte.
        return DecodedText(data.decode("latin-1"), "ISO-8859-1")


def _reads_the_same_in_cp1252(data: bytes, text: str) -> bool:
    try:
        return data.decode("cp1252") == text
    except UnicodeDecodeError:
        return False


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
