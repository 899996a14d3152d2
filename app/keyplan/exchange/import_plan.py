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

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from keyplan.domain.rules import reporting_cycles
from keyplan.exchange.contacts import Contact, name_key
from keyplan.store.import_writes import (
    IMPORTED_FIELDS,
    ImportTarget,
    ImportWrite,
    KnownPerson,
    PersonWrite,
)

# token_sort_ratio at or above this finds "Jon Smith" for "John Smith" but not "Anna Borg"
# for "Anna Berg"; a fuzzy match is always an update the user sees and may untick.
FUZZY_NAME_SCORE = 90.0

# A manager: ("person", id) for someone in the database, ("row", index) for a new row.
Ref = tuple[str, int]


class Action(StrEnum):
    NEW = "new"
    UPDATE = "update"
    SKIP = "skip"


@dataclass
class PlannedRow:
    """What the import does with one contact.

    Attributes:
        where: "row 7" or "card 3".
        name: the person's name (the stored one for an update).
        action: new, update or skip.
        reason: why a row is skipped, or how an update found its person.
        notes: what the user should know about the row (a manager not found, a line refused).
        person_id: the person an update changes.
        values: the fields to write (for an update only the changed ones).
        changes: for an update, field -> (stored value, file value) of what it writes.
        kept: for a person already there, field -> (stored value, file value) where the file
            differs from a value the user has and theirs is kept (not ``overwrite``).
        broken: the row cannot be right (see ``broken_rows.py``); it is skipped.
        manager: the resolved "reports to", or None.
        included: False when the user left this row out (a new person or an update).
    """

    where: str
    name: str
    action: Action
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    person_id: int | None = None
    values: dict[str, str] = field(default_factory=dict)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    kept: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    broken: bool = False
    manager: Ref | None = None
    manager_name: str | None = None
    included: bool = True

    @property
    def written(self) -> bool:
        return self.action is not Action.SKIP and self.included

    @property
    def ref(self) -> Ref | None:
        if self.action is Action.UPDATE and self.person_id is not None:
            return ("person", self.person_id)
        return None


@dataclass
class ImportPlan:
    """Every row of a file with what the import does with it, and where it goes.

    ``overwrite``: the file's values replace the ones the user has (otherwise they only fill
    empty fields).
    """

    target: ImportTarget
    rows: list[PlannedRow]
    overwrite: bool = False

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
        return text + (f" ({', '.join(why)})" if why else "")

    def new_departments(self) -> list[str]:
        """Departments the import writes that nobody in the account has yet, as in the file.

        Empty when the account has no departments at all (everything would be new: no news).
        """
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
        return ImportPlan(self.target, rows, self.overwrite)

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
            write = PersonWrite(row.person_id, dict(row.values), manager_id, manager_new)
            (new if row.action is Action.NEW else updates).append(write)
        return ImportWrite(self.target.account_id, self.target.account_name, new, updates)

    def _manager_of(self, row: PlannedRow, new_positions: dict[int, int]) -> tuple:
        if row.manager is None:
            return None, None
        kind, number = row.manager
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
    contacts: list[Contact], target: ImportTarget, *, overwrite: bool = False
) -> ImportPlan:
    """Decide, for every contact, whether it is new, an update or skipped, and why.

    Args:
        contacts: the file's people, in file order.
        target: the account and the people already there.
        overwrite: the file's values replace the user's; otherwise an update only fills
            fields that are empty in Keyplan, and shows where the file differs.
    """
    matcher = _Matcher(target.people, overwrite)
    own = {person.id for person in target.people}
    matcher.elsewhere = _Matcher([person for person in target.family if person.id not in own])
    rows = [matcher.plan_row(contact) for contact in contacts]
    for row, contact in zip(rows, contacts, strict=True):
        row.notes.extend(contact.notes)
    _resolve_managers(rows, contacts, target, overwrite)
    _refuse_cycles(rows, target)
    for row in rows:
        if row.action is Action.UPDATE and not row.values and "reports_to_id" not in row.changes:
            row.action = Action.SKIP
            row.reason = _nothing_to_fill(row)
    plan = ImportPlan(target, rows, overwrite)
    _note_new_departments(plan)
    return plan


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


def is_empty(value: Any) -> bool:
    """Whether a stored value counts as not known (None, or only spaces)."""
    return value is None or not str(value).strip()


def count_of(number: int, noun: str) -> str:
    """ "1 value", "3 values"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


class _Matcher:
    """Finds the stored person a contact is, and the earlier row that already brought them."""

    def __init__(self, people: list[KnownPerson], overwrite: bool = False) -> None:
        self.overwrite = overwrite
        self.by_email: dict[str, KnownPerson] = {}
        self.by_name: dict[str, list[KnownPerson]] = {}
        for person in people:
            email = (person.values.get("email") or "").casefold()
            if email:
                self.by_email.setdefault(email, person)
            key = name_key(person.values.get("full_name") or "")
            self.by_name.setdefault(key, []).append(person)
        self.fuzzy_keys = [key for key in self.by_name if key]
        self.seen_emails: dict[str, int] = {}
        self.seen_names: dict[str, list[tuple[int, str]]] = {}
        self.claimed: dict[int, int] = {}  # person id -> row position
        self.rows: list[PlannedRow] = []
        # The umbrella's other accounts: someone there is not added again here (nor updated).
        self.elsewhere: _Matcher | None = None

    def plan_row(self, contact: Contact) -> PlannedRow:
        row = self._decide(contact)
        position = len(self.rows)
        self.rows.append(row)
        if row.action is not Action.SKIP:
            email = contact.values.get("email", "").casefold()
            if email:
                self.seen_emails.setdefault(email, position)
            self.seen_names.setdefault(name_key(contact.full_name), []).append((position, email))
            if row.person_id is not None:
                self.claimed[row.person_id] = position
        return row

    def _decide(self, contact: Contact) -> PlannedRow:
        name = contact.full_name
        if contact.problem:
            reason = f"looks broken: {contact.problem}"
            return PlannedRow(contact.where, name, Action.SKIP, reason, broken=True)
        if not name:
            return PlannedRow(contact.where, "", Action.SKIP, "no name in this row")
        too_long = _too_long(contact.values)
        if too_long:
            return PlannedRow(contact.where, name, Action.SKIP, too_long)
        earlier = self._earlier_row(contact)
        if earlier is not None:
            reason = f"same person as {self.rows[earlier].where}"
            return PlannedRow(contact.where, name, Action.SKIP, reason)
        person, how = self._stored_person(contact)
        if person is None:
            affiliate = self._in_another_account(contact)
            if affiliate is not None:
                reason = (
                    f"already works in another account of this umbrella, as "
                    f"{affiliate.values.get('full_name')}; not added twice"
                )
                return PlannedRow(contact.where, name, Action.SKIP, reason)
            return PlannedRow(contact.where, name, Action.NEW, values=dict(contact.values))
        if person.id in self.claimed:
            reason = f"same person as {self.rows[self.claimed[person.id]].where}"
            return PlannedRow(contact.where, name, Action.SKIP, reason)
        changes: dict[str, tuple[Any, Any]] = {}
        kept: dict[str, tuple[Any, Any]] = {}
        for key, value in contact.values.items():
            stored = person.values.get(key)
            if key == "full_name" or _same_value(key, stored, value):
                continue
            taken = self.overwrite or is_empty(stored)
            (changes if taken else kept)[key] = (stored, value)
        return PlannedRow(
            contact.where,
            person.values.get("full_name") or name,
            Action.UPDATE,
            how,
            person_id=person.id,
            values={key: new for key, (_old, new) in changes.items()},
            changes=changes,
            kept=kept,
        )

    def _in_another_account(self, contact: Contact) -> KnownPerson | None:
        """The same e-mail or the same name in another account of the family (no fuzzy guess)."""
        if self.elsewhere is None:
            return None
        email = contact.values.get("email", "").casefold()
        if email and email in self.elsewhere.by_email:
            return self.elsewhere.by_email[email]
        namesakes = self.elsewhere.by_name.get(name_key(contact.full_name), [])
        agreeing = [person for person in namesakes if _emails_agree(email, person)]
        return agreeing[0] if len(agreeing) == 1 else None

    def _earlier_row(self, contact: Contact) -> int | None:
        email = contact.values.get("email", "").casefold()
        if email and email in self.seen_emails:
            return self.seen_emails[email]
        for position, other_email in self.seen_names.get(name_key(contact.full_name), []):
            if not email or not other_email or email == other_email:
                return position
        return None

    def _stored_person(self, contact: Contact) -> tuple[KnownPerson | None, str]:
        email = contact.values.get("email", "").casefold()
        if email and email in self.by_email:
            return self.by_email[email], "same e-mail as the person in the account"
        key = name_key(contact.full_name)
        same_name = [p for p in self.by_name.get(key, []) if _emails_agree(email, p)]
        if len(same_name) == 1:
            return same_name[0], "same name as the person in the account"
        if same_name or not self.fuzzy_keys or not key:
            return None, ""  # several namesakes: a new person, not a guess
        return self._close_name(key, email)

    def _close_name(self, key: str, email: str) -> tuple[KnownPerson | None, str]:
        from rapidfuzz import fuzz, process  # loaded when there are people to compare with

        found = process.extractOne(
            key, self.fuzzy_keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_NAME_SCORE
        )
        if found is None:
            return None, ""
        candidates = [p for p in self.by_name[found[0]] if _emails_agree(email, p)]
        if len(candidates) != 1:
            return None, ""
        person = candidates[0]
        stored = person.values.get("full_name")
        return person, f"name close to {stored} in the account ({found[1]:.0f}% alike)"


def _same_value(name: str, stored: Any, value: str) -> bool:
    stored_text = " ".join(str(stored or "").split())
    if name == "email":  # the case of an address is not news
        return stored_text.casefold() == value.casefold()
    if name == "phone" and stored_text:  # "+46 31 5551619" is "+46 31 555 16 19"
        return _dialled(stored_text) == _dialled(value)
    return stored_text == value


def _dialled(phone: str) -> str:
    """A phone number as it is dialled: its digits, and a leading + (spacing is style)."""
    digits = "".join(character for character in phone if character.isdigit())
    return ("+" if phone.lstrip().startswith("+") else "") + digits


def _emails_agree(email: str, person: KnownPerson) -> bool:
    stored = (person.values.get("email") or "").casefold()
    return not email or not stored or email == stored


def _too_long(values: dict[str, str]) -> str:
    for name, value in values.items():
        limit = IMPORTED_FIELDS.get(name)
        if limit is not None and len(value) > limit:
            from keyplan.domain.fields import STAKEHOLDER_FIELDS

            return f"{STAKEHOLDER_FIELDS[name].label} is longer than {limit} characters"
    return ""


# ---- managers -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def _manager_key(name: str) -> str:
    """Names as compared for "reports to": "Olsen, Ingrid" finds Ingrid Olsen too."""
    return " ".join(sorted(name_key(name).split()))


def _resolve_managers(
    rows: list[PlannedRow], contacts: list[Contact], target: ImportTarget, overwrite: bool
) -> None:
    in_file: dict[str, set[Ref]] = {}
    for position, (row, contact) in enumerate(zip(rows, contacts, strict=True)):
        if row.action is Action.SKIP:
            continue
        ref = row.ref or ("row", position)
        for name in {contact.full_name, row.name}:
            in_file.setdefault(_manager_key(name), set()).add(ref)
    in_family: dict[str, set[Ref]] = {}
    for person in target.family:
        key = _manager_key(person.values.get("full_name") or "")
        in_family.setdefault(key, set()).add(("person", person.id))
    stored = {person.id: person for person in target.family}
    for position, (row, contact) in enumerate(zip(rows, contacts, strict=True)):
        if row.action is Action.SKIP or not contact.reports_to:
            continue
        key = _manager_key(contact.reports_to)
        found = in_file.get(key) or in_family.get(key) or set()
        _set_manager(row, position, contact.reports_to, found, stored, overwrite)


def _set_manager(
    row: PlannedRow,
    position: int,
    name: str,
    found: set[Ref],
    stored: dict[int, KnownPerson],
    overwrite: bool = False,
) -> None:
    if not found:
        row.notes.append(
            f"Reports to '{name}' names nobody in the file or the account (no manager set)"
        )
        return
    if len(found) > 1:
        row.notes.append(f"Reports to '{name}' fits {len(found)} people (no manager set)")
        return
    (manager,) = found
    if manager == (row.ref or ("row", position)):
        row.notes.append("Reports to names the person themselves; left out")
        return
    if row.action is Action.UPDATE and row.person_id is not None:
        current = stored[row.person_id].reports_to_id if row.person_id in stored else None
        if manager == ("person", current):
            return
        old_name = stored[current].values.get("full_name") if current in stored else None
        if current is not None and not overwrite:
            # A reporting line the user drew is theirs: shown, not redrawn.
            row.kept["reports_to_id"] = (old_name, name)
            return
        row.changes["reports_to_id"] = (old_name, name)
    row.manager, row.manager_name = manager, name


def _refuse_cycles(rows: list[PlannedRow], target: ImportTarget) -> None:
    """Take back every imported line that would close a reporting cycle, and say why."""
    names: dict[Ref, str] = {}
    managers: dict[Ref, Ref | None] = {}
    for person in target.family:
        ref = ("person", person.id)
        names[ref] = person.values.get("full_name") or "?"
        managers[ref] = ("person", person.reports_to_id) if person.reports_to_id else None
    drawn_by: dict[Ref, int] = {}
    for position, row in enumerate(rows):
        if row.action is Action.SKIP:
            continue
        ref = row.ref or ("row", position)
        names[ref] = row.name
        if row.manager is not None:
            managers[ref] = row.manager
            drawn_by[ref] = position
    for cycle in reporting_cycles(managers):
        chain = " → ".join(names.get(ref, "?") for ref in [*cycle, cycle[0]])
        for ref in cycle:
            if ref in drawn_by:
                row = rows[drawn_by[ref]]
                row.notes.append(
                    f"Reports to '{row.manager_name}' refused: it would make a reporting "
                    f"cycle ({chain}); that line is left out"
                )
                row.manager = None
                row.changes.pop("reports_to_id", None)
