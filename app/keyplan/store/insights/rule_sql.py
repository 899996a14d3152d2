"""The domain's rules as plain SQL text, built from the domain's own constants.

The first window reads with plain SQL (``quick_reads``: no SQLAlchemy at start-up), so its
conditions are text; this module writes that text from ``domain/relationships.py`` and the
vocabulary, so a rule is never retyped in SQL. Parity tests in ``tests/store`` hold each query
equal to the domain's predicate on the demo and on a generated portfolio.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from keyplan.domain.relationships import CHAMPION_ROLES, CHAMPION_STANCES, KEY_ROLES

_WORD = re.compile(r"[a-z_]+")


def stored(values: Iterable[str]) -> list[str]:
    """The stored words of a set of vocabulary members, sorted (a stable statement text)."""
    return sorted(str(value) for value in values)


def sql_in(column: str, values: Iterable[str]) -> str:
    """``column IN ('a', 'b')`` for vocabulary words (only lower-case words: nothing to escape).

    Raises:
        ValueError: a value is not a plain vocabulary word.
    """
    words = stored(values)
    for word in words:
        if not _WORD.fullmatch(word):
            raise ValueError(f"Not a vocabulary word: {word!r}")
    return f"{column} IN ({', '.join(repr(word) for word in words)})"


def is_champion_sql(alias: str) -> str:
    """``relationships.is_champion`` for the stakeholders row ``alias``."""
    return (
        f"({sql_in(f'{alias}.stance', CHAMPION_STANCES)}"
        f" OR {sql_in(f'{alias}.buying_role', CHAMPION_ROLES)})"
    )


def is_decision_maker_sql(alias: str) -> str:
    """A decision maker (the buying roles that make a person key by role)."""
    return sql_in(f"{alias}.buying_role", KEY_ROLES)
