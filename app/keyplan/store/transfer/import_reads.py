"""What an import of people reads before it plans: the accounts and the people already there.

Plain data for the planner above (``exchange/transfer/import_plan.py``): the accounts with the names
they go by (to send each row to its company's account), and the people of the accounts an
import may write to, with their families (whom a person may report to).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from keyplan.domain.account_names import account_aliases
from keyplan.domain.companies import AccountNames, company_key
from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.domain.rules import family_below, umbrella_of
from keyplan.store.database import Database
from keyplan.store.transfer.import_data import IMPORTED_FIELDS


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
    rows = db.rows("SELECT id FROM accounts WHERE lower(name) = :name", name=name.strip().lower())
    if len(rows) > 1:
        raise RuleViolation(
            f"{len(rows)} accounts are named '{name.strip()}'; import from the application, "
            f"where you pick the account."
        )
    return rows[0][0] if rows else None


def close_account_names(db: Database, name: str) -> list[str]:
    """Accounts named much like ``name`` (a typo, another legal form), closest first."""
    from rapidfuzz import fuzz, process  # loaded only when an account is not found

    names = [name for (name,) in db.rows("SELECT name FROM accounts")]
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
    accounts = _account_names(db)
    if portfolio:
        family = _known_people(db, None)
        return ImportTarget(None, "", family, family, accounts, portfolio=True)
    if account_id is None:
        return ImportTarget(None, account_name, [], [], accounts)
    parents = {account.account_id: account.parent_id for account in accounts}
    if account_id not in parents:
        raise NotFound(f"That account no longer exists (id {account_id}).")
    (name,) = (account.name for account in accounts if account.account_id == account_id)
    umbrella = umbrella_of(parents, account_id)
    assert umbrella is not None
    family = _known_people(db, family_below(parents, umbrella))
    target = ImportTarget(account_id, name, [], family, accounts)
    writable = target.writable_account_ids()
    people = [person for person in family if person.account_id in writable]
    return ImportTarget(account_id, name, people, family, accounts)


def _account_names(db: Database) -> list[AccountNames]:
    """Every account with the names it goes by, for sending rows to the account they name."""
    rows = db.rows("SELECT id, name, parent_id, website, aliases FROM accounts")
    return [
        AccountNames(account, name, tuple(account_aliases(aliases)), website or "", parent)
        for account, name, parent, website, aliases in rows
    ]


# Plain SQL through the driver (``Database.rows``): the planner's reads load no SQLAlchemy.
_KNOWN_PEOPLE = (
    f"SELECT id, account_id, reports_to_id, has_left, {', '.join(IMPORTED_FIELDS)} "
    f"FROM stakeholders WHERE is_vacancy = :no"
)


def _known_people(db: Database, account_ids: set[int] | None) -> list[KnownPerson]:
    """The people of these accounts (all for None), oldest first, as the matching needs them.

    An open position is no contact: a file's person is never matched to (or updates) one.
    """
    sql, params = _KNOWN_PEOPLE, dict[str, object](no=False)
    if account_ids is not None:
        names = [f"a{index}" for index in range(len(account_ids))]
        sql += f" AND account_id IN ({', '.join(':' + name for name in names)})"
        params |= dict(zip(names, sorted(account_ids), strict=True))
    fields = list(IMPORTED_FIELDS)
    return [
        KnownPerson(row[0], row[1], dict(zip(fields, row[4:], strict=True)), row[2], bool(row[3]))
        for row in db.rows(sql + " ORDER BY id", **params)
    ]
