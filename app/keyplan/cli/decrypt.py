"""``keyplan decrypt``: turn an encrypted database file back into a plain one.

The passphrase comes from ``KEYPLAN_PASSPHRASE`` or is asked on the terminal.
"""

from __future__ import annotations

import argparse

from keyplan.cli.database_option import add_db_option
from keyplan.cli.encrypt import database_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser, "the encrypted database file to decrypt")


def run(args: argparse.Namespace) -> int:
    from keyplan.store.cipher.convert import decrypt_database

    receipt = decrypt_database(database_path(args))
    print("\n".join(receipt.lines()))
    return 0
