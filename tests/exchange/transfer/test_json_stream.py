"""The piece-by-piece JSON reader reads what ``json.loads`` reads, wherever the pieces break:
in a number, in a word, in a multi-byte character, in the white space between rows."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keyplan.exchange.transfer.json_stream import JsonSyntaxError, read_events


class Trickle(io.RawIOBase):
    """A file that gives at most ``size`` bytes per read, as a slow disk or a pipe may."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data, self.size, self.at = data, size, 0

    def readable(self) -> bool:
        return True

    def read(self, wanted: int = -1) -> bytes:
        count = self.size if wanted < 0 else min(wanted, self.size)
        piece = self.data[self.at : self.at + count]
        self.at += len(piece)
        return piece


def rebuilt(data: bytes, piece: int) -> Any:
    """The document put back together from its events."""
    document: dict[str, Any] = {}
    nested: dict[str, Any] = {}
    for kind, key, value in read_events(Trickle(data, piece), "tables"):
        if kind == "document":
            return value
        if kind == "member":
            document[key] = value
        elif kind == "nested":
            document[key] = nested = {}
        elif kind == "array":
            nested[key] = []
        elif kind == "item":
            nested[key].append(value)
        elif kind == "nested_value":
            nested[key] = value
    return document


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)  # any characters: quotes, backslashes, line breaks, non-Latin
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
rows = st.dictionaries(st.text(max_size=6), values, max_size=5)
documents = st.fixed_dictionaries(
    {"format": st.text(max_size=8), "tables": st.dictionaries(st.text(max_size=8),
                                                               st.lists(rows, max_size=4))},
    optional={"account": values},
)  # fmt: skip
layouts = st.sampled_from([
    {"ensure_ascii": False},
    {"ensure_ascii": True},
    {"indent": 2, "ensure_ascii": False},
    {"separators": (",", ":")},
    {"indent": "\t", "sort_keys": True},
])  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(document=documents, layout=layouts, piece=st.integers(min_value=1, max_value=9))
def test_any_export_shaped_document_reads_as_json_loads_reads_it(
    document: dict, layout: dict, piece: int
) -> None:
    data = json.dumps(document, **layout).encode("utf-8")
    assert rebuilt(data, piece) == json.loads(data)


@settings(max_examples=100, deadline=None)
@given(document=values, piece=st.integers(min_value=1, max_value=5))
def test_any_json_document_reads_as_json_loads_reads_it(document: Any, piece: int) -> None:
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    assert rebuilt(data, piece) == json.loads(data)


@settings(max_examples=150, deadline=None)
@given(document=documents, cut=st.floats(min_value=0, max_value=1),
       piece=st.integers(min_value=1, max_value=7))  # fmt: skip
def test_a_document_cut_short_is_refused_as_json_loads_refuses_it(
    document: dict, cut: float, piece: int
) -> None:
    text = json.dumps(document, indent=1)
    data = text[: int(len(text) * cut)].encode("utf-8")
    try:
        json.loads(data)
    except json.JSONDecodeError:
        with pytest.raises(JsonSyntaxError):
            rebuilt(data, piece)
    else:  # a cut that leaves valid JSON (a bare number, say) reads the same
        assert rebuilt(data, piece) == json.loads(data)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{\n  "tables": {\n    "a": [\n      {"id": 1},\n      {"id": 2}\n      {"id": 3}\n', 6),
        ('{\n  "tables": {\n    "a": [\n      {"id": 1},\n    ]\n  }\n}\n', 5),
        ('{\n  "format": "x",\n  "tables": {}\n}\nmore\n', 5),
        ('{\n  "format": "x"\n  "tables": {}\n}\n', 3),
        ('{"tables": {"a": [1, 2, 3]}', 1),
        ("", 1),
    ],
)
@pytest.mark.parametrize("piece", [1, 3, 1 << 20])
def test_a_broken_document_is_refused_with_the_line_json_loads_names(
    text: str, line: int, piece: int
) -> None:
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    assert expected.value.lineno == line
    with pytest.raises(JsonSyntaxError) as refused:
        rebuilt(text.encode("utf-8"), piece)
    assert refused.value.lineno == line


def test_a_byte_order_mark_is_skipped_and_bad_utf8_refused() -> None:
    assert rebuilt(b'\xef\xbb\xbf{"tables": {"a": [{"n": "Zo\xc3\xab"}]}}', 1) == {
        "tables": {"a": [{"n": "Zoë"}]}
    }
    with pytest.raises(UnicodeDecodeError):
        rebuilt(b'{"tables": {"a": [{"n": "Zo\xeb"}]}}', 4)


def test_a_long_value_is_read_in_time_proportional_to_its_length() -> None:
    # One 4 MB string read 1 KB at a time: parsed a few times over, not once per piece.
    data = json.dumps({"tables": {"a": [{"notes": "x" * 4_000_000}]}}).encode()
    assert rebuilt(data, 1024)["tables"]["a"][0]["notes"] == "x" * 4_000_000
