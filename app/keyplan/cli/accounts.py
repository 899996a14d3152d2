"""``keyplan accounts``: the portfolio as a tree, affiliates under their umbrella, with tier,
country and people."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from keyplan.cli.database_option import add_db_option, database_location
from keyplan.cli.wording import accounts_and_people


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan accounts`` on its parser."""
    add_db_option(parser, "the database to read")
    parser.add_argument("account", nargs="?", help="show only this account and its affiliates")


def run(args: argparse.Namespace) -> int:
    """Print the accounts' tree; 0 when done."""
    from keyplan.store.database import open_database
    from keyplan.store.people import queries

    db = open_database(database_location(args), create=False)
    try:
        rows = queries.portfolio(db)
        top_id = queries.find_account(db, args.account) if args.account else None
    finally:
        db.close()
    print("\n".join(account_tree_lines(rows, top_id)))
    return 0


def account_tree_lines(rows: Sequence[Any], top_id: int | None = None) -> list[str]:
    """The portfolio as aligned lines, affiliates indented under their umbrella.

    Args:
        rows: ``PortfolioRow``s (id, parent_id, name, tier, country, people), sorted by name.
        top_id: show only this account and what sits under it; None for all.
    """
    from keyplan.domain.vocabulary import Tier

    ordered = _tree_order(rows, top_id)
    if not ordered:
        return ["No accounts yet."]
    table = [("Account", "Tier", "Country", "People")] + [
        ("  " * depth + row.name, _label(Tier, row.tier), row.country or "", str(row.people))
        for depth, row in ordered
    ]
    widths = [max(len(cells[column]) for cells in table) for column in range(4)]
    lines = [
        f"{name:<{widths[0]}}  {tier:<{widths[1]}}  {country:<{widths[2]}}  {people:>{widths[3]}}"
        for name, tier, country, people in table
    ]
    lines.append(accounts_and_people(len(ordered), sum(row.people for _depth, row in ordered)))
    return lines


def _tree_order(rows: Sequence[Any], top_id: int | None) -> list[tuple[int, Any]]:
    """(depth, row) in reading order: each account followed by its affiliates."""
    ids = {row.id for row in rows}
    children: dict[int | None, list[Any]] = {}
    for row in rows:
        children.setdefault(row.parent_id if row.parent_id in ids else None, []).append(row)
    tops = [row for row in rows if row.id == top_id] if top_id else children.get(None, [])
    ordered: list[tuple[int, Any]] = []
    stack = [(0, row) for row in reversed(tops)]
    while stack:
        depth, row = stack.pop()
        ordered.append((depth, row))
        stack.extend((depth + 1, child) for child in reversed(children.get(row.id, [])))
    return ordered


def _label(vocabulary: Any, value: str) -> str:
    try:
        return vocabulary(value).label
    except ValueError:
        return value
