"""``keyplan encrypt``: keep a database file encrypted at rest (SQLCipher).

The passphrase comes from ``KEYPLAN_PASSPHRASE`` or is typed twice on the terminal; it is
never an argument (arguments are visible to every user of the machine and kept in shell
histories). The file is rewritten encrypted beside itself and renamed over the original, so a
kill half-way leaves the original whole.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from keyplan.cli.database_option import add_db_option, database_location


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser, "the database file to encrypt")


def run(args: argparse.Namespace) -> int:
    from keyplan.cli.passphrase import new_passphrase
    from keyplan.store.cipher.convert import encrypt_database

    database = database_path(args)
    receipt = encrypt_database(database, new_passphrase(database))
    print("\n".join(receipt.lines()))
    print(
        "Keep the passphrase safe: without it nobody, Keyplan included, can read the file. "
        "Scripts give it in KEYPLAN_PASSPHRASE."
    )
    return 0


def database_path(args: argparse.Namespace) -> Path:
    """The file named by ``--db``; a team database is refused (its server protects it)."""
    from keyplan.domain.errors import RuleViolation

    location = database_location(args)
    if "://" in location:
        raise RuleViolation(
            "Encryption at rest is for database files; a team database is kept by its server."
        )
    return Path(location).expanduser()
