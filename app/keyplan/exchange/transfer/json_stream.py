"""Reading a large JSON document piece by piece, without holding all of it.

A Keyplan export is one object: a few small members, and one member (``tables``) whose value
is an object of arrays of rows. ``read_events`` walks such a document and hands out, in file
order, the small members whole and the arrays' items one by one, so a file of any size is
read in about the memory of one piece (``PIECE_BYTES``). Any JSON text is read as
``json.loads`` reads it (the standard library parses each value); what is not valid JSON
raises ``JsonSyntaxError`` with its line.

The events, as ``(kind, key, value)``:
- ``("document", None, value)``: the document is not an object (its whole value);
- ``("member", key, value)``: a member of the top-level object, other than the nested one;
- ``("nested", key, None)``: the nested member is an object, whose members follow;
- ``("array", name, None)``, then ``("item", name, value)`` for each item, then
  ``("end", name, None)``: a member of the nested object that is an array;
- ``("nested_value", name, value)``: a member of the nested object that is not an array.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

PIECE_BYTES = 1 << 20

Event = tuple[str, str | None, Any]

_DECODER = json.JSONDecoder()
_NOT_SPACE = re.compile(r"[^ \t\n\r]")  # JSON's white space is these four
_AFTER_VALUE = frozenset(" \t\n\r,:]}")
_ITEM_END = re.compile(r"[ \t\n\r]*([,\]])[ \t\n\r]*")  # after an array's item


class JsonSyntaxError(ValueError):
    """The text is not valid JSON; ``lineno`` says where (from 1)."""

    def __init__(self, message: str, lineno: int) -> None:
        super().__init__(f"{message}: line {lineno}")
        self.lineno = lineno


def read_events(handle: BinaryIO, nested: str) -> Iterator[Event]:
    """The events of the JSON document in ``handle`` (UTF-8, with or without a BOM).

    Args:
        nested: the top-level member whose object's arrays are handed out item by item.

    Raises:
        JsonSyntaxError: the text is not valid JSON.
        UnicodeDecodeError: the bytes are not UTF-8.
    """
    text = _Text(handle)
    if text.peek() != "{":
        document = text.value()
        text.require_end()
        yield "document", None, document
        return
    text.advance()
    for key in _members(text):
        if key == nested and text.peek() == "{":
            text.advance()
            yield "nested", key, None
            yield from _nested_events(text)
        else:
            yield "member", key, text.value()
    text.require_end()


def _nested_events(text: _Text) -> Iterator[Event]:
    for name in _members(text):
        if text.peek() != "[":
            yield "nested_value", name, text.value()
            continue
        text.advance()
        yield "array", name, None
        for item in _items(text):
            yield "item", name, item
        yield "end", name, None


def _members(text: _Text) -> Iterator[str]:
    """The keys of an object whose ``{`` was read; the caller reads each member's value."""
    if text.peek() == "}":
        text.advance()
        return
    while True:
        if text.peek() != '"':
            raise text.error("Expecting property name enclosed in double quotes")
        key = text.value()
        text.expect(":", "Expecting ':' delimiter")
        yield key
        following = text.peek()
        text.advance()
        if following == "}":
            return
        if following != ",":
            raise text.error("Expecting ',' delimiter", back=1)


def _items(text: _Text) -> Iterator[Any]:
    """The items of an array whose ``[`` was read."""
    if text.peek() == "]":
        text.advance()
        return
    while True:
        yield text.value()
        following = text.item_end()
        if following == "]":
            return
        if following != ",":
            raise text.error("Expecting ',' delimiter", back=1)


class _Text:
    """The document's text, decoded piece by piece, and how far it has been read."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._text = ""
        self._at = 0
        self._lines_before = 0  # line breaks in the text already let go
        self._ended = False

    def peek(self) -> str:
        """The next character that is not white space, not read yet ("" at the end)."""
        while True:
            found = _NOT_SPACE.search(self._text, self._at)
            if found:
                self._at = found.start()
                return self._text[self._at]
            self._at = len(self._text)
            if not self._more():
                return ""

    def advance(self) -> None:
        """Read the character ``peek`` gave."""
        self._at += 1

    def item_end(self) -> str:
        """Read what follows an array's item: "," or "]" (and the white space after it), or
        the character that is there instead."""
        found = _ITEM_END.match(self._text, self._at)
        if found and found.end() < len(self._text):  # the fast way: rows on lines of their own
            self._at = found.end()
            return found.group(1)
        following = self.peek()
        self.advance()
        return following

    def expect(self, character: str, message: str) -> None:
        if self.peek() != character:
            raise self.error(message)
        self.advance()

    def value(self) -> Any:
        """The JSON value that starts at the next character that is not white space."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._text, self._at)
            except RecursionError:
                raise self.error("Nested too deeply") from None
            except json.JSONDecodeError as error:
                if self._ended:
                    raise JsonSyntaxError(error.msg, self._line(error.pos)) from None
                self._read_on()  # perhaps only cut off where the reading stopped
                continue
            except ValueError:  # a number of more digits than Python converts
                raise self.error("A number with too many digits") from None
            # A value is complete when what follows may follow a value: "1.5" may be the
            # start of "1.5e3" if the reading stopped there.
            if self._ended or (end < len(self._text) and self._text[end] in _AFTER_VALUE):
                self._at = end
                return value
            self._read_on()

    def require_end(self) -> None:
        if self.peek():
            raise self.error("Extra data")

    def error(self, message: str, back: int = 0) -> JsonSyntaxError:
        return JsonSyntaxError(message, self._line(self._at - back))

    def _line(self, position: int) -> int:
        return self._lines_before + self._text.count("\n", 0, position) + 1

    def _read_on(self) -> None:
        """Read at least as much again as is unread: a long value is parsed a few times over
        in all, not once per piece."""
        self._more(wanted=max(1, len(self._text) - self._at))

    def _more(self, wanted: int = 1) -> bool:
        """Decode at least ``wanted`` more characters of the file, unless it ends first.

        Returns:
            False when nothing more came: the end of the file.
        """
        if self._ended:
            return False
        pieces, count = [], 0
        while count < wanted:
            data = self._handle.read(PIECE_BYTES)
            self._ended = not data
            piece = self._decoder.decode(data, final=self._ended)
            pieces.append(piece)
            count += len(piece)
            if self._ended:
                break
        # Let go of what was read (joined once: a long value may come in many pieces); keep
        # counting lines for the messages.
        self._lines_before += self._text.count("\n", 0, self._at)
        self._text = self._text[self._at :] + "".join(pieces)
        self._at = 0
        return count > 0
