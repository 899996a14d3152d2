"""The passphrase of an encrypted database, asked on the terminal (never an argument).

Every command that opens a database file gets it the same way: ``KEYPLAN_PASSPHRASE`` when
set (for scripts), else a prompt that does not echo, three tries at most. Without a terminal
to ask on, the command refuses and says to set the variable.
"""

from __future__ import annotations

import sys
from pathlib import Path

from keyplan.store.cipher.keys import (
    PASSPHRASE_VARIABLE,
    PassphraseNeeded,
    WrongPassphrase,
    set_passphrase_source,
    try_passphrase,
    wrong_passphrase_message,
)

TRIES = 3


def install_terminal_prompt() -> None:
    """Ask on the terminal for the passphrase of an encrypted file this command opens."""
    set_passphrase_source(ask_on_terminal)


def ask_on_terminal(path: Path, problem: str | None) -> bytes | None:
    """The checked key of ``path``, from a passphrase typed on the terminal.

    Raises:
        PassphraseNeeded: there is no terminal to ask on, or nothing was typed.
        WrongPassphrase: three wrong tries, or ``problem`` (a wrong ``KEYPLAN_PASSPHRASE``)
            and no terminal to ask on.
    """
    if not terminal_attached():
        if problem:  # KEYPLAN_PASSPHRASE was wrong: that is the one line to say
            raise WrongPassphrase(problem)
        raise PassphraseNeeded(
            f"{path} is encrypted: give its passphrase in {PASSPHRASE_VARIABLE} "
            f"(there is no terminal to ask on)."
        )
    if problem:
        print(f"keyplan: {problem}", file=sys.stderr)
    for _try in range(TRIES):
        passphrase = read_secret(f"Passphrase for {path}: ")
        if not passphrase:
            raise PassphraseNeeded(f"{path} is encrypted and was not opened: no passphrase.")
        key = try_passphrase(path, passphrase)
        if key is not None:
            return key
        print(f"keyplan: {wrong_passphrase_message(path)}", file=sys.stderr)
    raise WrongPassphrase(wrong_passphrase_message(path))


def new_passphrase(path: Path) -> str:
    """A passphrase for encrypting ``path``: the variable's, or typed twice on the terminal.

    Raises:
        PassphraseNeeded: no variable and no terminal.
        RuleViolation: the two typed differ, or it is too short.
    """
    import os

    from keyplan.store.cipher.convert import check_new_passphrase

    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given:
        check_new_passphrase(given, given)
        return given
    if not terminal_attached():
        raise PassphraseNeeded(
            f"Give the new passphrase for {path} in {PASSPHRASE_VARIABLE} "
            f"(there is no terminal to ask on). Nothing was changed."
        )
    passphrase = read_secret(f"New passphrase for {path}: ")
    confirmation = read_secret("The same passphrase again: ")
    check_new_passphrase(passphrase, confirmation)
    return passphrase


def terminal_attached() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def read_secret(prompt: str) -> str:
    """One line typed without echo (the tests replace this)."""
    import getpass  # every command installs the prompt; few ever ask (an encrypted file)

    return getpass.getpass(prompt)
