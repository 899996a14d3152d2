"""Where free text names a person, and the same text with those names replaced by "[removed]".

Plain Python (no SQL): the store's erasure reads the text, this decides what names the person.

What counts as naming them (the issue leaves it to us):
- the full name, in any case, with any spacing between its words, in Unicode's composed or
  decomposed form ("Zoë" typed either way);
- without titles such as "Dr." or "Prof." ("Dr. Katharina Weiß" is also "Katharina Weiß"),
  and without middle names ("Anna Maria Berg" is also "Anna Berg");
- the first name alone or the surname alone, as a whole word with its capital, only when no
  one else among the people named nearby shares it: "Ingrid" in a meeting summary of an
  account where she is the only Ingrid is her, but "Berg" where two Bergs work is not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

REMOVED = "[removed]"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _words(full_name: str) -> list[str]:
    """The name's words without titles (a word ending in a full stop: "Dr.", "Prof.")."""
    words = _nfc(full_name).split()
    kept = [word for word in words if not word.endswith(".")]
    return kept or words


@dataclass(frozen=True, slots=True)
class NamePattern:
    """The ways free text may name one person, compiled once for many texts."""

    full: re.Pattern[str]  # the full name and its title-less, middle-less forms
    single: re.Pattern[str] | None  # the first name or surname alone (when unambiguous)
    # Plain ASCII pieces of the first name and surname, one of which every naming contains
    # (in any case, composed or not): what a database may search for before this pattern
    # reads a text. None: a name without such a piece (written in another script).
    fragments: tuple[str, ...] | None = None

    def names_them(self, text: str) -> bool:
        return self.scrub(text) != text

    def scrub(self, text: str) -> str:
        """The text with every naming of the person replaced by "[removed]" (the text itself,
        unchanged, when nothing in it names them)."""
        normal = text if text.isascii() else _nfc(text)
        result = self.full.sub(REMOVED, normal)
        if self.single is not None:
            result = self.single.sub(REMOVED, result)
        return text if result == normal else result


def name_pattern(full_name: str, others: Iterable[str] = ()) -> NamePattern:
    """How text names the person ``full_name``, given the names of the others nearby.

    Args:
        full_name: the person's full name as stored.
        others: the full names of the other people whose texts are searched; a first name or
            surname one of them shares is not taken as naming this person.
    """
    words = _words(full_name)
    forms = {tuple(_nfc(full_name).split()), tuple(words)}
    if len(words) > 2:
        forms.add((words[0], words[-1]))
    # Longest first, so "Dr. Katharina Weiß" is replaced whole, not leaving "Dr. [removed]".
    ordered = sorted(forms, key=lambda form: -sum(len(word) for word in form))
    alternatives = "|".join(r"\s+".join(re.escape(word) for word in form) for form in ordered)
    full = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return NamePattern(full, _single_words(words, others), _fragments(words))


def _fragments(words: list[str]) -> tuple[str, ...] | None:
    pieces = []
    for word in {words[0], words[-1]}:
        runs = re.findall(r"[A-Za-z0-9]{2,}", _nfc(word))  # also inside the decomposed form
        if not runs:
            return None
        pieces.append(max(runs, key=len).lower())
    return tuple(sorted(set(pieces)))


def _single_words(words: list[str], others: Iterable[str]) -> re.Pattern[str] | None:
    shared = {word.casefold() for name in others for word in _words(name)}
    singles = {words[0], words[-1]} if len(words) > 1 else set(words)
    unique = sorted(word for word in singles if word.casefold() not in shared and len(word) > 1)
    if not unique:
        return None
    # A whole word with its capital: "Ingrid", never "ingrid" or "Ingridsson".
    alternatives = "|".join(re.escape(word) for word in unique)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@dataclass(frozen=True, slots=True)
class Scrubber:
    """Every naming of one person (under each name their records bear) made "[removed]"."""

    patterns: tuple[NamePattern, ...]

    def __call__(self, text: str) -> str:
        for pattern in self.patterns:
            text = pattern.scrub(text)
        return text

    @property
    def fragments(self) -> tuple[str, ...] | None:
        """What a text naming them contains, for a database to search first (None: anything)."""
        found: set[str] = set()
        for pattern in self.patterns:
            if pattern.fragments is None:
                return None
            found.update(pattern.fragments)
        return tuple(sorted(found))


def scrubber(full_names: Iterable[str], others: Iterable[str] = ()) -> Scrubber:
    """The scrubber of a person known under ``full_names``, among the people named ``others``."""
    others = list(others)
    return Scrubber(tuple(name_pattern(name, others) for name in sorted(set(full_names))))
