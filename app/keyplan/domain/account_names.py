"""The names an account goes by: its name, and the aliases a user keeps for it.

Aliases ("Also known as") are stored as the user typed them, in one text: former names,
trading names and abbreviations, one per line or separated by semicolons. Commas do not
separate them, because they belong to company names ("Nordwind, Inc.", "Smith, Jones & Co.").
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[;\n\r]+")
#: How to type them, in a few words (the editor's placeholder, the start of the field's help).
ALIASES_HINT = "One name per line, or separated by semicolons"


def account_aliases(text: str | None) -> list[str]:
    """The alias names in a stored "Also known as" text, in the order typed.

    Spaces around a name are dropped, as are empty entries and repeats that differ only in
    case or spacing (the first spelling is kept).

    Args:
        text: the stored aliases, or None.

    Returns:
        One name per alias; an empty list when there are none.
    """
    names: list[str] = []
    seen: set[str] = set()
    for part in _SEPARATORS.split(text or ""):
        name = " ".join(part.split())
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            names.append(name)
    return names


def account_names(name: str, aliases: str | None) -> list[str]:
    """Every name an account answers to: its own first, then its aliases not equal to it.

    Args:
        name: the account's name.
        aliases: its stored "Also known as" text, or None.
    """
    own = " ".join(name.split())
    others = [alias for alias in account_aliases(aliases) if alias.casefold() != own.casefold()]
    return [own, *others]
