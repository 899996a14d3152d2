"""Words several commands print alike."""

from __future__ import annotations


def accounts_and_people(accounts: int, people: int) -> str:
    """``1 account, 3 people``: the summary line of several commands."""
    account_word = "account" if accounts == 1 else "accounts"
    people_word = "person" if people == 1 else "people"
    return f"{accounts} {account_word}, {people} {people_word}"
