"""Who each imported person reports to: the manager a row names, found and checked.

A manager given as a record id (a CRM's ``ReportsToId``) is the row of the file with that
id. A manager given as a name is looked up among the file's people, then the account's
family, letter for letter first, then folded (accents aside), then, unless the user wants
exact names only, a close name; a sure match wins, so a Sofia Jönsson is never lost to a
Sofia Jonsson. A name that finds nobody, or a true tie, is reported and left out, never
invented; every manager found by a name that is not the file's is said. A manager must be of
the same customer (umbrella family) as the person. Lines that would close a reporting cycle
are refused, on every row of the cycle, with the cycle spelled out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from keyplan.domain.rules import reporting_cycles
from keyplan.exchange.transfer.contacts import Contact, name_key
from keyplan.exchange.transfer.import_matching import FUZZY_NAME_SCORE, exact_name_key
from keyplan.exchange.transfer.import_rows import Action, PlannedRow, Ref
from keyplan.store.transfer.import_reads import ImportTarget, KnownPerson


@functools.lru_cache(maxsize=1 << 16)
def _folded_key(name: str) -> str:
    """Names as compared for "reports to": "Olsen, Ingrid" finds Ingrid Olsen too."""
    return " ".join(sorted(name_key(name).split()))


@functools.lru_cache(maxsize=1 << 16)
def _exact_key(name: str) -> str:
    return " ".join(sorted(exact_name_key(name).split()))


class _People:
    """People by their name keys (letter for letter, and folded), each with their family.

    The folded keys are made on first use: most files name every manager letter for letter,
    and folding ten thousand names (accents taken apart) was a tenth of an import's time.
    """

    def __init__(self) -> None:
        self.exact: dict[str, set[Ref]] = {}
        self._named: list[tuple[str, Ref]] = []
        self._folded: dict[str, set[Ref]] | None = None

    def add(self, name: str, ref: Ref) -> None:
        self.exact.setdefault(_exact_key(name), set()).add(ref)
        self._named.append((name, ref))
        self._folded = None

    @property
    def folded(self) -> dict[str, set[Ref]]:
        if self._folded is None:
            self._folded = {}
            for name, ref in self._named:
                self._folded.setdefault(_folded_key(name), set()).add(ref)
        return self._folded


def resolve_managers(
    rows: list[PlannedRow],
    contacts: list[Contact],
    target: ImportTarget,
    overwrite: bool,
    exact_only: bool = False,
) -> None:
    """Set each row's manager from the name or record id its contact gives, or say why not."""
    in_file, in_family = _People(), _People()
    by_record: dict[str, Ref] = {}
    family_of: dict[Ref, int | None] = {}
    names: dict[Ref, str] = {}
    for position, (row, contact) in enumerate(zip(rows, contacts, strict=True)):
        if row.action is Action.SKIP:
            continue
        ref = row.ref or ("row", position)
        family_of[ref] = target.root_of(row.account_id)
        names[ref] = f"{row.name} ({row.where})"
        for name in {contact.full_name, row.name}:
            in_file.add(name, ref)
        if contact.record_id:
            by_record.setdefault(contact.record_id.strip(), ref)
    stored = {person.id: person for person in target.family}
    for person in target.family:
        ref = ("person", person.id)
        in_family.add(person.values.get("full_name") or "", ref)
        family_of.setdefault(ref, target.root_of(person.account_id))
        names.setdefault(ref, f"{person.values.get('full_name')} (in {_account(target, person)})")
    finder = _ManagerFinder(in_file, in_family, family_of, exact_only)
    for position, (row, contact) in enumerate(zip(rows, contacts, strict=True)):
        if row.action is Action.SKIP or not (contact.reports_to or contact.reports_to_id):
            continue
        family = target.root_of(row.account_id)
        record = contact.reports_to_id.strip()
        if record and record in by_record and family_of[by_record[record]] == family:
            found, how = {by_record[record]}, ""
            name = contact.reports_to or names[by_record[record]].rsplit(" (", 1)[0]
        elif record and not contact.reports_to:
            row.notes.append(
                f"Reports to record id {record}, which is no row of the file (no manager set)"
            )
            continue
        else:
            name = contact.reports_to or ""
            found, how = finder.find(name, family)
        _set_manager(row, position, name, found, how, stored, overwrite, names.get)
    for position, (row, contact) in enumerate(zip(rows, contacts, strict=True)):
        if row.action is not Action.SKIP and contact.dotted_line_to:
            name = contact.dotted_line_to
            found, how = finder.find(name, target.root_of(row.account_id))
            _set_dotted(row, position, name, found, how, stored, names.get)


def _account(target: ImportTarget, person: KnownPerson) -> str:
    return target.account_name_of(person.account_id) or "the account"


class _ManagerFinder:
    def __init__(
        self,
        in_file: _People,
        in_family: _People,
        family_of: dict[Ref, int | None],
        exact_only: bool,
    ) -> None:
        self.in_file, self.in_family = in_file, in_family
        self._folded: dict[str, set[Ref]] | None = None
        self.family_of, self.exact_only = family_of, exact_only
        self._fuzzy_keys: list[str] | None = None

    @property
    def folded(self) -> dict[str, set[Ref]]:
        """Everyone by folded name, the file's people and the family's together."""
        if self._folded is None:
            self._folded = {**self.in_family.folded}
            for key, refs in self.in_file.folded.items():
                self._folded[key] = self._folded.get(key, set()) | refs
        return self._folded

    def find(self, name: str, family: int | None) -> tuple[set[Ref], str]:
        """The people a manager's name fits in a family, and how ("" when letter for letter)."""
        exact = _exact_key(name)
        for people in (self.in_file, self.in_family):
            found = self._in_family(people.exact.get(exact, set()), family)
            if found:
                return found, ""
        folded = _folded_key(name)
        for people in (self.in_file, self.in_family):
            found = self._in_family(people.folded.get(folded, set()), family)
            if found:
                return found, "spelled differently"
        if self.exact_only:
            return set(), ""
        return self._close(name, family)

    def _in_family(self, refs: set[Ref], family: int | None) -> set[Ref]:
        return {ref for ref in refs if self.family_of.get(ref) == family}

    def _close(self, name: str, family: int | None) -> tuple[set[Ref], str]:
        key = _folded_key(name)
        if not key or not self.folded:
            return set(), ""
        from rapidfuzz import fuzz, process

        if self._fuzzy_keys is None:
            self._fuzzy_keys = [k for k in self.folded if k]
        found = process.extractOne(
            key, self._fuzzy_keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_NAME_SCORE
        )
        if found is None:
            return set(), ""
        return self._in_family(self.folded[found[0]], family), "a close name"


def _set_manager(
    row: PlannedRow,
    position: int,
    name: str,
    found: set[Ref],
    how: str,
    stored: dict[int, KnownPerson],
    overwrite: bool,
    name_of: Callable[[Ref], str | None],
) -> None:
    if not found:
        row.notes.append(
            f"Reports to '{name}' names nobody in the file or the account (no manager set)"
        )
        return
    if len(found) > 1:
        who = ", ".join(sorted(name_of(ref) or "?" for ref in found))
        row.notes.append(f"Reports to '{name}' fits {len(found)} people: {who} (no manager set)")
        return
    (manager,) = found
    if manager == (row.ref or ("row", position)):
        row.notes.append("Reports to names the person themselves; left out")
        return
    if how:
        taken = (name_of(manager) or "?").rsplit(" (", 1)[0]
        row.notes.append(f"Reports to '{name}' taken as {taken} ({how})")
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


def _set_dotted(
    row: PlannedRow,
    position: int,
    name: str,
    found: set[Ref],
    how: str,
    stored: dict[int, KnownPerson],
    name_of: Callable[[Ref], str | None],
) -> None:
    """Keep a "dotted line to" the file gives, found as a manager is; say why when not."""
    if len(found) != 1:
        fits = "names nobody in the file or the account" if not found else "fits several people"
        row.notes.append(f"Dotted line to '{name}' {fits} (no dotted line drawn)")
        return
    (manager,) = found
    own = row.ref or ("row", position)
    solid = row.manager
    if solid is None and row.person_id in stored:
        solid = ("person", stored[row.person_id].reports_to_id)
    if manager in (own, solid):
        why = "the person themselves" if manager == own else "their manager already"
        row.notes.append(f"Dotted line to '{name}' names {why}; left out")
        return
    if how:
        taken = (name_of(manager) or "?").rsplit(" (", 1)[0]
        row.notes.append(f"Dotted line to '{name}' taken as {taken} ({how})")
    row.dotted = manager


def refuse_cycles(rows: list[PlannedRow], target: ImportTarget) -> None:
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
