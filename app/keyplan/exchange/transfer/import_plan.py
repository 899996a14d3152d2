"""What an import will do, row by row, before anything is written: new, update or skip.

A row is skipped when it looks broken (cells run together: see ``broken_rows.py``), names
nobody, repeats a person an earlier row already brought, has a value too long to keep, or
would change nothing. A person already in the account (the same e-mail address, the same
name, or a name ``rapidfuzz`` finds close enough and no different e-mail) is updated instead
of added twice. An update fills what Keyplan does not know: a field empty in Keyplan takes
the file's value, a field the user has filled keeps theirs (a CRM's "Finanzen" must not
replace a curated "Finance"), and the difference is shown; ``overwrite`` takes the file's
values for those too. The same holds for a manager: set when the person has none, changed
only with ``overwrite``. The stored name is always kept. Departments the import brings that
the account has no one in are pointed out, so "Finanzen" beside "Finance" is noticed.

"Reports to" names are looked up among the import's people, then the account's family; a
name that finds nobody, or several people, is reported and left out, never invented; lines
that would close a reporting cycle are refused, on every row of the cycle, with the cycle
spelled out. The user may then leave out any row that would be
written, new or update (``without_rows``); someone reporting to a new person left out gets
no manager, and is told why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from keyplan.domain.companies import company_key
from keyplan.domain.title_levels import guess_level
from keyplan.domain.wording import count_of
from keyplan.exchange.transfer.contacts import Contact
from keyplan.exchange.transfer.import_managers import refuse_cycles, resolve_managers
from keyplan.exchange.transfer.import_matching import IdentityIndex, PersonMatcher
from keyplan.exchange.transfer.import_moves import moved_here, not_taken
from keyplan.exchange.transfer.import_routing import route_contacts
from keyplan.exchange.transfer.import_rows import (
    Action,
    Match,
    PlannedRow,
    Ref,
    is_empty,
)
from keyplan.store.transfer.import_data import ImportWrite, PersonWrite
from keyplan.store.transfer.import_reads import ImportTarget, KnownPerson

__all__ = [
    "Action",
    "ImportPlan",
    "Match",
    "PlannedRow",
    "count_of",
    "departments_of",
    "is_empty",
    "plan_import",
]


@dataclass
class ImportPlan:
    """Every row of a file with what the import does with it, and where it goes.

    ``overwrite``: the file's values replace the ones the user has (otherwise they only fill
    empty fields).
    """

    target: ImportTarget
    rows: list[PlannedRow]
    overwrite: bool = False
    routing_note: str = ""

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if row.action is Action.NEW and row.included)

    @property
    def update_count(self) -> int:
        return sum(1 for row in self.rows if row.action is Action.UPDATE and row.included)

    @property
    def skip_count(self) -> int:
        """Rows not written: skipped by the plan or left out by the user."""
        return len(self.rows) - self.new_count - self.update_count

    @property
    def left_out_count(self) -> int:
        return sum(1 for row in self.rows if row.action is not Action.SKIP and not row.included)

    @property
    def broken_count(self) -> int:
        return sum(1 for row in self.rows if row.broken)

    @property
    def fill_count(self) -> int:
        """Fields the updates fill that are empty in Keyplan."""
        return sum(
            sum(1 for old, _new in row.changes.values() if is_empty(old))
            for row in self.rows
            if row.action is Action.UPDATE and row.included
        )

    @property
    def overwrite_count(self) -> int:
        """Values of the user's the updates replace (``overwrite`` only)."""
        return sum(
            sum(1 for old, _new in row.changes.values() if not is_empty(old))
            for row in self.rows
            if row.action is Action.UPDATE and row.included
        )

    @property
    def kept_count(self) -> int:
        """Values of the user's the file differs from, kept as they are."""
        return sum(len(row.kept) for row in self.rows if row.included)

    def summary(self) -> str:
        """ "9 new, 2 updates, 4 skipped (1 looks broken, 3 left out by you)"."""
        updates = "update" if self.update_count == 1 else "updates"
        text = f"{self.new_count} new, {self.update_count} {updates}, {self.skip_count} skipped"
        why = []
        if self.broken_count:
            looks = "looks" if self.broken_count == 1 else "look"
            why.append(f"{self.broken_count} {looks} broken")
        if self.left_out_count:
            why.append(f"{self.left_out_count} left out by you")
        others = self.other_companies()
        if others:
            companies = "1 other company" if len(others) == 1 else f"{len(others)} other companies"
            why.append(f"{sum(others.values())} of {companies}")
        return text + (f" ({', '.join(why)})" if why else "")

    def other_companies(self) -> dict[str, int]:
        """The companies whose rows the import does not take, as first written, with counts."""
        counts: dict[str, int] = {}
        spelled: dict[str, str] = {}
        for row in self.rows:
            if row.other_company:
                key = company_key(row.company)
                spelled.setdefault(key, row.company)
                counts[spelled[key]] = counts.get(spelled[key], 0) + 1
        return counts

    def per_account(self) -> dict[str, tuple[int, int]]:
        """Account name -> (new people, updates), for an import that writes to several."""
        counts: dict[str, tuple[int, int]] = {}
        for row in self.rows:
            if not row.written:
                continue
            new, updates = counts.get(row.account_name, (0, 0))
            is_new = row.action is Action.NEW
            counts[row.account_name] = (new + is_new, updates + (not is_new))
        return counts

    def new_departments(self) -> list[str]:
        """Departments the import writes that nobody in the account has yet, as in the file.

        Empty when the account has no departments at all (everything would be new: no news).
        """
        if self.target.portfolio:
            return []  # many accounts: each has its own departments
        known = {_department_key(d) for d in departments_of(self.target)}
        if not known:
            return []
        found: dict[str, str] = {}
        for row in self.rows:
            department = row.values.get("department") if row.written else None
            if department and _department_key(department) not in known:
                found.setdefault(_department_key(department), department)
        return list(found.values())

    def without_rows(self, positions: Iterable[int]) -> ImportPlan:
        """The same plan with the rows at these positions left out by the user.

        Only rows that would be written (new people and updates) can be left out. Someone in
        the file who reports to a new person left out gets no manager, with a note saying so.
        """
        left_out = {
            position
            for position in positions
            if 0 <= position < len(self.rows) and self.rows[position].action is not Action.SKIP
        }
        if not left_out:
            return self
        rows = list(self.rows)
        for position in left_out:
            rows[position] = replace(rows[position], included=False)
        for position, row in enumerate(rows):
            if row.included and row.manager is not None and _is_one_of(row.manager, left_out):
                rows[position] = _without_left_out_manager(row, rows[row.manager[1]].name)
        return ImportPlan(self.target, rows, self.overwrite, self.routing_note)

    def to_write(self) -> ImportWrite:
        """The writes this plan makes, for the store."""
        new_positions: dict[int, int] = {}
        for position, row in enumerate(self.rows):
            if row.action is Action.NEW and row.included:
                new_positions[position] = len(new_positions)
        new: list[PersonWrite] = []
        updates: list[PersonWrite] = []
        for row in self.rows:
            if not row.written:
                continue
            manager_id, manager_new = self._manager_of(row, new_positions)
            dotted_id, dotted_new = self._ref_of(row.dotted, new_positions)
            write = PersonWrite(
                row.person_id,
                dict(row.values),
                manager_id,
                manager_new,
                row.account_id,
                dotted_id=dotted_id,
                dotted_new=dotted_new,
            )
            (new if row.action is Action.NEW else updates).append(write)
            if row.moved_from is not None:
                updates.append(PersonWrite(row.moved_from, {"has_left": True}))
        return ImportWrite(self.target.account_id, self.target.account_name, new, updates)

    def _manager_of(self, row: PlannedRow, new_positions: dict[int, int]) -> tuple:
        return self._ref_of(row.manager, new_positions)

    def _ref_of(self, ref: Ref | None, new_positions: dict[int, int]) -> tuple:
        """(a stored person's id, a new person's position) for a manager a row names."""
        if ref is None:
            return None, None
        kind, number = ref
        if kind == "person":
            return number, None
        manager_row = self.rows[number]
        if manager_row.action is Action.UPDATE:
            return manager_row.person_id, None
        # A new manager left out has no place among the new people: no manager, then.
        return None, new_positions.get(number)


def _is_one_of(manager: Ref, rows: set[int]) -> bool:
    """Whether a manager is one of these rows of the file (a new person, not a stored one)."""
    kind, number = manager
    return kind == "row" and number in rows


def _without_left_out_manager(row: PlannedRow, manager: str) -> PlannedRow:
    changes = {name: change for name, change in row.changes.items() if name != "reports_to_id"}
    note = f"Reports to {manager}, whom you left out (no manager set)"
    return replace(row, manager=None, manager_name=None, changes=changes, notes=[*row.notes, note])


def plan_import(
    contacts: list[Contact],
    target: ImportTarget,
    *,
    overwrite: bool = False,
    all_companies: bool = False,
    exact_only: bool = False,
    as_new: Iterable[int] = (),
) -> ImportPlan:
    """Decide, for every contact, where it goes and whether it is new, an update or skipped.

    Args:
        contacts: the file's people, in file order.
        target: the accounts and the people already there.
        overwrite: the file's values replace the user's; otherwise an update only fills
            fields that are empty in Keyplan, and shows where the file differs.
        all_companies: into one account, take the rows of other companies too.
        exact_only: a person is the same only by profile, e-mail or name letter for letter
            or but for accents; no close names, for people or managers.
        as_new: rows the user said are new people, whatever name they share.
    """
    routing = route_contacts(contacts, target, all_companies)
    identities = IdentityIndex(target.people)
    forced_new = set(as_new)
    people = _People(target)
    matchers: dict[int | None, PersonMatcher] = {}
    rows: list[PlannedRow] = []
    for position, (contact, destination) in enumerate(
        zip(contacts, routing.destinations, strict=True)
    ):
        if destination.skip_reason:
            known, _how = identities.find(contact)
            rows.append(not_taken(contact, destination, known, target))
            continue
        matcher = matchers.get(destination.account_id)
        if matcher is None:
            matcher = people.matcher(destination.account_id, overwrite, exact_only)
            matchers[destination.account_id] = matcher
        row = matcher.plan_row(contact, as_new=position in forced_new)
        row.account_id = destination.account_id
        row.account_name = target.account_name_of(destination.account_id)
        if row.action is Action.NEW:
            known, _how = identities.find(contact)
            if known is not None and known.account_id != row.account_id:
                moved_here(row, known, target)
        rows.append(row)
    for row, contact in zip(rows, contacts, strict=True):
        row.notes.extend(contact.notes)
    resolve_managers(rows, contacts, target, overwrite, exact_only)
    refuse_cycles(rows, target)
    for row in rows:
        if (
            row.action is Action.UPDATE
            and not row.values
            and "reports_to_id" not in row.changes
            and row.dotted is None  # a dotted line to draw is something to write
        ):
            row.action = Action.SKIP
            row.reason = _nothing_to_fill(row)
    _guess_levels(rows)
    plan = ImportPlan(target, rows, overwrite, routing.note)
    _note_new_departments(plan)
    return plan


def _guess_levels(rows: list[PlannedRow]) -> None:
    """New people whose file gives no level get the one their title says, marked as a guess
    (people already in the account keep theirs, even an empty one: the user may have a reason)."""
    for row in rows:
        if row.action is not Action.NEW or not is_empty(row.values.get("level")):
            continue
        level = guess_level(row.values.get("job_title"))
        if level is not None:
            row.values["level"] = level.value
            row.level_guessed = True


class _People:
    """The target's people grouped once by account and by family, for one matcher each."""

    def __init__(self, target: ImportTarget) -> None:
        self.target = target
        self.by_account: dict[int, list[KnownPerson]] = {}
        for person in target.people:
            self.by_account.setdefault(person.account_id, []).append(person)
        self.by_family: dict[int | None, list[KnownPerson]] = {}
        roots: dict[int, int | None] = {}
        for person in target.family:
            if person.account_id not in roots:
                roots[person.account_id] = target.root_of(person.account_id)
            self.by_family.setdefault(roots[person.account_id], []).append(person)

    def matcher(self, account_id: int | None, overwrite: bool, exact_only: bool) -> PersonMatcher:
        """Matching for one account: its own people, and its family's to avoid doubles."""
        own = self.by_account.get(account_id, []) if account_id is not None else []
        matcher = PersonMatcher(own, overwrite, exact_only)
        if account_id is not None:
            family = self.by_family.get(self.target.root_of(account_id), [])
            matcher.elsewhere = PersonMatcher([p for p in family if p.account_id != account_id])
        return matcher


def _nothing_to_fill(row: PlannedRow) -> str:
    if not row.kept:
        return "already in the account; nothing new in the file"
    return "already in the account; the file has nothing to fill in"


def _note_new_departments(plan: ImportPlan) -> None:
    """Each row bringing a department the account does not have says so (once per row)."""
    new = {_department_key(department) for department in plan.new_departments()}
    if not new:
        return
    for row in plan.rows:
        department = row.values.get("department") if row.written else None
        if department and _department_key(department) in new:
            row.notes.append(f"department '{department}' is new to this account")


def departments_of(target: ImportTarget) -> list[str]:
    """The departments of the account's people, as written (a department once per person)."""
    return [
        str(person.values["department"]).strip()
        for person in target.people
        if not is_empty(person.values.get("department"))
    ]


def _department_key(department: str) -> str:
    return " ".join(department.casefold().split())
