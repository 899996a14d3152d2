"""``keyplan access``: who may see or change an account on a team database.

    keyplan access --db URL --account NAME --list
    keyplan access --db URL --account NAME --grant ROLE --as viewer|editor|owner|none
    keyplan access --db URL --account NAME --revoke ROLE

The server enforces the grants (row-level security). Only an owner of the account or a member
of ``keyplan_admin`` may grant or revoke. "none" on an affiliate narrows its umbrella's grant.
User errors print one line on stderr and give exit status 1.
"""

from __future__ import annotations

import argparse
import sys

from keyplan.cli.database_option import add_db_option, database_location
from keyplan.domain.errors import KeyplanError

LEVEL_CHOICES = ("viewer", "editor", "owner", "none")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan access`` on its parser."""
    add_db_option(parser, "the team database (postgresql+psycopg://user@host/dbname)")
    parser.add_argument(
        "--account", required=True, metavar="NAME", help="the account's name (case does not matter)"
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--grant", metavar="ROLE", help="give a database role access")
    what.add_argument("--revoke", metavar="ROLE", help="take a role's grant away")
    what.add_argument("--list", action="store_true", help="list the account's grants")
    parser.add_argument(
        "--as",
        dest="level",
        choices=LEVEL_CHOICES,
        help="the level --grant gives (none: shut an affiliate out of its umbrella's grant)",
    )


def run(args: argparse.Namespace) -> int:
    """Grant, revoke or list, and say what was done.

    Returns:
        0 on success, 1 after printing a user error on one line.
    """
    from keyplan.domain.plain_text import terminal_safe

    if args.grant and not args.level:
        print("keyplan: --grant needs --as viewer, editor, owner or none.", file=sys.stderr)
        return 1
    try:
        lines = _act(args)
    except KeyplanError as error:
        print(f"keyplan: {error}", file=sys.stderr)
        return 1
    for line in lines:
        print(terminal_safe(line))
    return 0


def _act(args: argparse.Namespace) -> list[str]:
    from keyplan.store.access import grants
    from keyplan.store.database import open_database
    from keyplan.store.people.queries import find_account

    location = database_location(args)
    if "://" not in location:
        raise grants.AccessRefused(grants.NOT_A_TEAM_DATABASE)
    db = open_database(location, create=False)
    try:
        account_id = find_account(db, args.account)
        name = args.account.strip()
        if args.grant:
            grants.grant(db, account_id, args.grant, args.level)
            return [f"{args.grant} is now {args.level} of {name}."]
        if args.revoke:
            grants.revoke(db, account_id, args.revoke)
            return [f"{args.revoke} no longer has a grant on {name}."]
        listed = grants.grants(db, account_id)
        if not listed:
            return [f"{name} has no grants of its own (its umbrella's grants, if any, apply)."]
        return [f"{g.role_name}\t{g.level}\t(granted by {g.granted_by or '?'})" for g in listed]
    finally:
        db.close()
