"""What an import of people reads before it plans: the accounts and the people already there.

Plain data for the planner above (``exchange/transfer/import_plan.py``): the accounts with the names
they go by (to send each row to its company's account), and the people of the accounts an
import may write to, with their families (whom a person may report to).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from keyplan.domain.account_names import account_aliases
from keyplan.domain.companies import AccountNames, company_key
from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.domain.rules import family_below, umbrella_of
from keyplan.store.database import Database
from keyplan.store.models import Account, Stakeholder
from keyplan.store.people.edits import umbrella_account_ids
from keyplan.store.transfer.import_writes import IMPORTED_FIELDS


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """A person already in the database, as the matching needs them."""

    id: int
    account_id: int
    values: dict[str, Any]  # the IMPORTED_FIELDS
    reports_to_id: int | None
    has_left: bool = False


@dataclass(frozen=True)
class ImportTarget:
    """Where an import goes and the people already there.

    Attributes:
        account_id: the account chosen (None when it does not exist yet: the import creates
            it; None too for an import into the whole portfolio).
        account_name: the chosen account's name.
        people: the people of every account the import may write to (the chosen one and its
            affiliates, or the whole portfolio): the ones an import may update.
        family: everyone in those accounts' umbrella families: whom an imported person may
            report to (within their own family).
        accounts: every account of the portfolio, with the names it goes by, to send each row
            to the account its company is.
        portfolio: rows go to the account their company is, with no account chosen.
    """

    account_id: int | None
    account_name: str
    people: list[KnownPerson]
    family: list[KnownPerson]
    accounts: list[AccountNames] = field(default_factory=list)
    portfolio: bool = False

    def writable_account_ids(self) -> set[int]:
        """The accounts rows may go to: the chosen one and its affiliates, or all."""
        if self.portfolio:
            return {account.account_id for account in self.accounts}
        if self.account_id is None:
            return set()
        return family_below(self._parents, self.account_id) | {self.account_id}

    def root_of(self, account_id: int | None) -> int | None:
        """The umbrella at the top of an account's family (the account itself when top-level)."""
        return umbrella_of(self._parents, account_id)

    def account_name_of(self, account_id: int | None) -> str:
        """An account's name (the chosen one's for None: the account the import creates)."""
        return self._names.get(account_id, self.account_name) if account_id else self.account_name

    @functools.cached_property
    def _parents(self) -> dict[int, int | None]:
        return {account.account_id: account.parent_id for account in self.accounts}

    @functools.cached_property
    def _names(self) -> dict[int, str]:
        return {account.account_id: account.name for account in self.accounts}


def account_id_by_name(db: Database, name: str) -> int | None:
    """The id of the top-level or affiliate account with this name (any case), or None.

    Raises:
        RuleViolation: several accounts carry the name (affiliates of different umbrellas).
    """
    with db.read() as session:
        ids = session.scalars(
            select(Account.id).where(func.lower(Account.name) == name.strip().lower())
        ).all()
    if len(ids) > 1:
        raise RuleViolation(
            f"{len(ids)} accounts are named '{name.strip()}'; import from the application, "
            f"where you pick the account."
        )
    return ids[0] if ids else None


def close_account_names(db: Database, name: str) -> list[str]:
    """Accounts named much like ``name`` (a typo, another legal form), closest first."""
    from rapidfuzz import fuzz, process  # loaded only when an account is not found

    with db.read() as session:
        names = list(session.scalars(select(Account.name)))
    keys = {company_key(existing): existing for existing in names}
    wanted = company_key(name)
    if not wanted:
        return []
    if wanted in keys:
        return [keys[wanted]]
    found = process.extract(wanted, list(keys), scorer=fuzz.ratio, score_cutoff=85, limit=3)
    return [keys[key] for key, _score, _index in found]


def import_target(
    db: Database, account_id: int | None, account_name: str = "", *, portfolio: bool = False
) -> ImportTarget:
    """The accounts and people an import matches against, as plain data.

    Args:
        account_id: the account chosen (None: a new, empty account named ``account_name``).
        portfolio: the import goes to every account by company; ``account_id`` is not used.
    """
    with db.read() as session:
        accounts = _account_names(session)
        if portfolio:
            rows = _known_people(session, None)
            family = _as_known(rows)
            return ImportTarget(None, "", family, family, accounts, portfolio=True)
        if account_id is None:
            return ImportTarget(None, account_name, [], [], accounts)
        account = session.get(Account, account_id)
        if account is None:
            raise NotFound(f"That account no longer exists (id {account_id}).")
        family_ids = umbrella_account_ids(session, account_id)
        rows = _known_people(session, family_ids)
    family = _as_known(rows)
    target = ImportTarget(account_id, account.name, [], family, accounts)
    writable = target.writable_account_ids()
    people = [person for person in family if person.account_id in writable]
    return ImportTarget(account_id, account.name, people, family, accounts)


def _account_names(session: Session) -> list[AccountNames]:
    """Every account with the names it goes by, for sending rows to the account they name."""
    rows = session.execute(
        select(Account.id, Account.name, Account.parent_id, Account.website, Account.aliases)
    ).all()
    return [
        AccountNames(
            row.id, row.name, tuple(account_aliases(row.aliases)), row.website or "", row.parent_id
        )
        for row in rows
    ]


def _known_people(session: Session, account_ids: set[int] | None) -> list[Any]:
    columns = [getattr(Stakeholder, name) for name in IMPORTED_FIELDS]
    statement = select(
        Stakeholder.id,
        Stakeholder.account_id,
        Stakeholder.reports_to_id,
        Stakeholder.has_left,
        *columns,
    ).order_by(Stakeholder.id)
    # An open position is no contact: a file's person is never matched to (or updates) one.
    statement = statement.where(Stakeholder.is_vacancy.is_(False))
    if account_ids is not None:
        statement = statement.where(Stakeholder.account_id.in_(account_ids))
    return list(session.execute(statement).all())


def _as_known(rows: list[Any]) -> list[KnownPerson]:
    return [
        KnownPerson(
            row.id,
            row.account_id,
            {name: getattr(row, name) for name in IMPORTED_FIELDS},
            row.reports_to_id,
            bool(row.has_left),
        )
        for row in rows
    ]
