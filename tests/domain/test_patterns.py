"""Patterns compiled on first use (domain/patterns.py) match as ``re.compile`` would."""

import re

import pytest

from keyplan.domain.patterns import LazyPattern


def test_a_pattern_compiles_on_first_use_and_then_calls_the_compiled_one_directly():
    pattern = LazyPattern(r"^(\d+)k$", re.IGNORECASE)
    assert "match" not in vars(pattern)  # nothing compiled at import
    found = pattern.match("600K")
    assert found is not None and found[1] == "600"
    assert vars(pattern)["match"].__self__ is re.compile(r"^(\d+)k$", re.IGNORECASE)
    assert pattern.fullmatch("12k") is not None and pattern.fullmatch("12 k") is None


def test_search_sub_and_fullmatch_agree_with_re():
    source = "[\x00-\x08\x0b\x0c\x0e-\x1f]"
    lazy, compiled = LazyPattern(source), re.compile(source)
    text = "a\x1bb\x07c"
    assert lazy.sub("", text) == compiled.sub("", text) == "abc"
    assert lazy.search("plain") is None
    assert lazy.search(text).start() == 1


def test_other_attributes_are_not_invented():
    with pytest.raises(AttributeError):
        LazyPattern("x").split  # noqa: B018 - the attribute access is what is tested
