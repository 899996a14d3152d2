"""The dashboard on a team server: each account's tally kept for the day, counted again only
when written since.

Counting a whole team (1,000 accounts, 200,000 people) from every row takes seconds, and
between two loads a teammate's edit changes one account. So each login keeps each account's
tally in the server (revision ``0013_kept_tallies``) with:

- the day it was counted for (the recent window, stale contacts and the trend's months move
  with the day: a new day counts everything once);
- the account's *generation*: a counter the server raises, in the same transaction, on every
  write to a row the account's tally reads (triggers: no write path can forget it). It is
  read before counting, so a write landing while the tally is counted leaves the kept tally
  behind the counter, and it is counted again next time;
- a digest of the accounts the login sees: a tally counts only what its login may see, so a
  grant given or taken means a count again;
- the encoding's version (``tally_codec``) and the app's: another app version's rows are
  counted again, not trusted.

A load reads the visible accounts with their generations and their kept tallies of today in
one query; the accounts missing are counted by ``dashboard_tallies`` (with their families,
as for a few accounts), and kept again. Keeping is best effort: a failure to keep (a
read-only database, a login without the privilege, an account deleted meanwhile) never fails
the dashboard, it only counts again next time.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.exc import SQLAlchemyError

import keyplan
from keyplan.domain.insights.tally import AccountTally
from keyplan.domain.rules import families_below
from keyplan.store.database import Database
from keyplan.store.insights import tally_codec
from keyplan.store.insights.dashboard_tally import dashboard_tallies
from keyplan.store.insights.fact_buckets import PortfolioAccount
from keyplan.store.models import Account

__all__ = ["kept_dashboard_tallies"]

_log = logging.getLogger(__name__)

Reading = tuple[tuple[PortfolioAccount, ...], dict[int, AccountTally]]

_GENERATIONS = table("dashboard_tally_generations", column("account_id"), column("generation"))
_KEPT = table(
    "kept_tallies",
    *map(column, ("login", "account_id", "day", "generation", "seen", "version", "tally")),
)
_SESSION_USER: ColumnElement[str] = literal_column("session_user")

# What the login sees, as one value: its visible accounts' ids, in order, digested; and
# whether the access policies filter its reads (they do not for an owner or BYPASSRLS).
_SEEN = text(
    "SELECT md5(coalesce(string_agg(id::text, ',' ORDER BY id), '')), "
    "row_security_active('interaction_team_members') FROM accounts"
)

# One statement for every tally kept: the policy's list of the login's accounts is made once,
# not once per row.
_KEEP = text(
    "INSERT INTO kept_tallies (login, account_id, day, generation, seen, version, tally) "
    "SELECT session_user, kept.account_id, :day, kept.generation, :seen, :version, "
    "CAST(kept.tally AS json) FROM unnest(CAST(:account_ids AS integer[]), "
    "CAST(:generations AS bigint[]), CAST(:tallies AS text[])) "
    "AS kept (account_id, generation, tally) "
    "ON CONFLICT (login, account_id) DO UPDATE SET day = excluded.day, "
    "generation = excluded.generation, seen = excluded.seen, version = excluded.version, "
    "tally = excluded.tally"
)


def kept_version() -> str:
    """The version a kept tally is written with and read back at: the encoding's and the
    app's (another version may count differently)."""
    return f"{tally_codec.VERSION}/{keyplan.__version__}"


def kept_dashboard_tallies(
    db: Database, today: date, account_ids: Collection[int] | None
) -> Reading | None:
    """The dashboard's reading on a team server, as ``dashboard_facts`` gives it.

    Args:
        db: an open team database.
        today: the day of the reading.
        account_ids: the accounts whose tallies to give (None: every account the login sees).

    Returns:
        The accounts read in name order (with ``account_ids``: those and their affiliates),
        and the tally of each account wanted, with its affiliates. None when the accounts
        changed while they were read: the caller counts everything as without kept tallies.
    """
    with db.read() as session:
        seen, filtered = session.execute(_SEEN).one()
        rows = session.connection().execute(_kept_of_today(today, seen)).all()
    portfolio = {row[0]: PortfolioAccount(*row[:7]) for row in rows}
    generations = {row[0]: row[7] for row in rows}
    families = families_below({row[0]: row[1] for row in rows})
    if account_ids is None:
        wanted, shown = set(portfolio), set(portfolio)
    else:
        wanted = set(account_ids) & set(portfolio)
        shown = set().union(*(families[a] for a in wanted))
    tallies = _decoded((row[0], row[8]) for row in rows if row[0] in wanted)
    missing = wanted - set(tallies)
    if missing:
        counted = _count(db, today, None if filtered else missing, families)
        if not missing <= set(counted):  # accounts changed while read: count as before
            return None
        tallies.update((a, counted[a]) for a in missing)
        _keep(db, today, seen, {a: (generations[a], counted[a]) for a in missing})
    accounts = tuple(sorted((portfolio[a] for a in shown), key=lambda a: a.name.casefold()))
    return accounts, {a: tallies[a] for a in wanted}


def _kept_of_today(today: date, seen: str) -> Any:
    """Every visible account: its portfolio row, its generation and, when still good, the
    login's kept tally of today (as text: only the good ones are sent and parsed)."""
    generation = func.coalesce(_GENERATIONS.c.generation, 0)
    kept = _KEPT.c
    still_good = and_(
        kept.account_id == Account.id,
        kept.login == _SESSION_USER,
        kept.day == today,
        kept.generation == generation,
        kept.seen == seen,
        kept.version == kept_version(),
    )
    return (
        select(
            Account.id, Account.parent_id, Account.name, Account.tier, Account.currency,
            Account.annual_revenue, Account.potential, generation, cast(kept.tally, Text),
        )
        .outerjoin(_GENERATIONS, _GENERATIONS.c.account_id == Account.id)
        .outerjoin(_KEPT, still_good)
    )  # fmt: skip


def _decoded(kept: Iterable[tuple[int, str | None]]) -> dict[int, AccountTally]:
    """The kept tallies that decode (another shape is counted again, never trusted)."""
    tallies: dict[int, AccountTally] = {}
    for account_id, document in kept:
        if document is None:
            continue
        try:
            tally = tally_codec.decode(document)
        except ValueError:
            _log.warning("kept dashboard tally of account %s not read", account_id, exc_info=True)
            continue
        if tally.id == account_id:
            tallies[account_id] = tally
    return tallies


def _count(
    db: Database, today: date, missing: set[int] | None, families: dict[int, set[int]]
) -> dict[int, AccountTally]:
    """The missing accounts counted from their rows (each read with its family); None: every
    account the login sees.

    When the missing are every account (the first load of the day), they are counted as the
    whole portfolio: the same tallies, and the server's plans for "every account" instead of
    a list of a thousand ids (which took it twice as long). A login whose reads the access
    policies filter always counts all it sees (``missing`` None): through the policies, a
    few accounts by id took the server longer than all of them (the policy's list of the
    login's meetings is searched once per meeting link: 0.4-0.9 s for one account of a
    login on 20, against 0.1-0.2 s for the 20).
    """
    read = None if missing is None else set().union(*(families[a] for a in missing))
    if read is not None and read >= families.keys():
        read = None
    _accounts, counted = dashboard_tallies(db, today, read)
    return counted


def _keep(
    db: Database, today: date, seen: str, counted: dict[int, tuple[int, AccountTally]]
) -> None:
    """Keep the tallies just counted, each at the generation read before counting it."""
    if db.read_only_reason or not counted:
        return
    kept = {
        "day": today,
        "seen": seen,
        "version": kept_version(),
        "account_ids": list(counted),
        "generations": [generation for generation, _tally in counted.values()],
        "tallies": [tally_codec.encode(tally) for _generation, tally in counted.values()],
    }
    try:
        with db.engine.begin() as connection:
            connection.execute(_KEEP, kept)
    except SQLAlchemyError:
        # Not kept is only counted again next time; the dashboard stands as counted.
        _log.info("dashboard tallies not kept", exc_info=True)
