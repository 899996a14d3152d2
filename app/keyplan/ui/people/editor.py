"""The editor of accounts and people: their reads, and their edits as undo steps.

Reached through the document (``document.people_editor``), which loads it with the first read
or edit of people: the store's editing modules are not on the start-up path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from keyplan.domain.fields import ACCOUNT_FIELDS, STAKEHOLDER_FIELDS
from keyplan.store.people import edits, queries
from keyplan.ui.people import edits as commands

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument


class PeopleEditor:
    """Accounts and the people in them: each edit is made once, then pushed as one undo step."""

    def __init__(self, document: PortfolioDocument) -> None:
        self.document = document
        self.database = document.database

    # ---- reading ----------------------------------------------------------------------------

    def people(self, account_id: int, *, with_affiliates: bool = False) -> list[queries.PersonRow]:
        return queries.people(self.database, account_id, with_affiliates=with_affiliates)

    def person(self, person_id: int) -> queries.PersonRow:
        return queries.person(self.database, person_id)

    def manager_choices(self, person_id: int) -> list[tuple[int, str]]:
        return queries.manager_choices(self.database, person_id)

    def team_members(self) -> list[tuple[int, str]]:
        return queries.team_members(self.database)

    def account_content(self, account_id: int) -> str | None:
        return edits.account_content(self.database, account_id)

    # ---- accounts -----------------------------------------------------------------------------

    def add_account(self, name: str, parent_id: int | None = None) -> int:
        account_id = edits.add_account(self.database, name, parent_id)
        self.document.push(commands.AddAccount(self.document, account_id, name))
        return account_id

    def set_account_field(self, account_id: int, field: str, value: Any) -> None:
        new_value = ACCOUNT_FIELDS[field].parse(value)
        old_value = edits.set_account_field(self.database, account_id, field, new_value)
        if old_value == new_value:
            return
        self.document.push(
            commands.SetAccountField(self.document, account_id, field, old_value, new_value)
        )

    def delete_account(self, account_id: int, *, cascade: bool = False) -> None:
        name = self.document.account_values(account_id)["name"]
        snapshot = edits.delete_account(self.database, account_id, cascade=cascade)
        self.document.push(
            commands.DeleteAccount(self.document, account_id, name, snapshot, cascade)
        )

    # ---- people -----------------------------------------------------------------------------

    def add_person(self, account_id: int, full_name: str, **fields: Any) -> int:
        person_id = edits.add_stakeholder(self.database, account_id, full_name, **fields)
        self.document.push(commands.AddPerson(self.document, account_id, person_id, full_name))
        return person_id

    def add_person_at(self, account_id: int, full_name: str, position: tuple[float, float]) -> int:
        """Add a person with their card hand-placed on the map: one edit, one undo step."""
        return self.add_person(account_id, full_name, map_position=position)

    def set_person_field(self, person_id: int, field: str, value: Any) -> None:
        new_value = STAKEHOLDER_FIELDS[field].parse(value)
        old_value = edits.set_stakeholder_field(self.database, person_id, field, new_value)
        if old_value == new_value:
            return
        name = self.person(person_id)["full_name"]
        self.document.push(
            commands.SetPersonFields(
                self.document, person_id, name, {field: old_value}, {field: new_value}
            )
        )

    def set_person_fields(self, person_id: int, values: dict[str, Any]) -> None:
        """Change several fields of a person at once (all or none): one undo step."""
        parsed = {field: STAKEHOLDER_FIELDS[field].parse(value) for field, value in values.items()}
        old = edits.set_stakeholder_fields(self.database, person_id, parsed)
        changed = [field for field in parsed if old[field] != parsed[field]]
        if not changed:
            return
        name = self.person(person_id)["full_name"]
        self.document.push(
            commands.SetPersonFields(
                self.document,
                person_id,
                name,
                {field: old[field] for field in changed},
                {field: parsed[field] for field in changed},
            )
        )

    def set_relationship_owner(self, person_id: int, member_id: int | None) -> None:
        """Make one of our team the owner of the relationship with a person (None: nobody).

        The person's owner is the first of their relationship-owner rows (by team member's
        name), as the People table shows it: it is replaced, co-owners stay, its contact rule
        stays; with no row yet one is added; nobody removes every row. Each is one undo step
        of the plan's Relationship owners table, so Plan › Governance and the change log see
        it as if made there.
        """
        from keyplan.domain.plan_fields import PlanTable

        table = PlanTable.RELATIONSHIP_OWNERS.value
        plan = self.document.plan_editor
        rows = queries.relationship_owner_rows(self.database, person_id)
        if member_id is not None and member_id in {member for _row, member in rows}:
            return
        person = self.person(person_id)
        name = person["full_name"]
        if member_id is None:
            plan.delete_plan_rows(table, [row for row, _member in rows], f"No owner for {name}")
        elif not rows:
            values = {"stakeholder_id": person_id, "team_member_id": member_id}
            plan.add_plan_row(table, person.account_id, values)
        else:
            text = f"Owner of {name}: {self._member_name(member_id)}"
            plan.set_plan_fields(table, rows[0][0], {"team_member_id": member_id}, text)

    def _member_name(self, member_id: int) -> str:
        return dict(self.team_members()).get(member_id, "a team member")

    def delete_people(self, person_ids: list[int]) -> None:
        """Delete people (their reports move up to their manager): all or, refused, none.

        One store transaction and one undo step, however many people go.
        """
        ids = list(dict.fromkeys(person_ids))
        if not ids:
            return
        # Names and accounts come from the snapshot: reading the people again here would take
        # a teammate's change made meanwhile for what this window was shown.
        snapshot = edits.delete_stakeholders(self.database, ids)
        rows = snapshot.rows["stakeholders"]
        self.document.push(
            commands.DeletePeople(
                self.document,
                tuple(dict.fromkeys(rows[pid]["account_id"] for pid in ids)),
                ids,
                people_delete_text([rows[pid]["full_name"] for pid in ids]),
                snapshot,
            )
        )


def people_delete_text(names: list[str]) -> str:
    """How the Edit menu names a delete of people: "Delete Ingrid Olsen", "Delete 3 people"."""
    return f"Delete {names[0]}" if len(names) == 1 else f"Delete {len(names)} people"
