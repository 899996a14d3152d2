"""The account plan's tables: reading and editing, each edit one short transaction.

The tables are named by ``PlanTable`` and looked up in ``PLAN_MODELS`` (name -> model and field
specs), so no screen spells a table name. Every edit validates through the field specs before
it writes and returns what an undo needs: the new id, the old value, or a snapshot of what a
delete removed (restored exactly, ids and timestamps included, by ``restore``).

A plan is read for an account "family": the account and every affiliate below it, the way the
printed plan shows it. Rows are added to the account itself. The whitespace grid has its own
module (``whitespace``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.domain.fields import FieldSpec, Kind
from keyplan.domain.plan_fields import (
    PLAN_TABLE_SPECS,
    PlanTable,
    PlanTableSpec,
)
from keyplan.store.database import Database
from keyplan.store.models import (
    Account,
    Action,
    Base,
    Commitment,
    CompetitorPresence,
    Objective,
    Offering,
    Opportunity,
    RelationshipOwner,
    Risk,
    Stakeholder,
    TeamMember,
)
from keyplan.store.people import edits, queries
from keyplan.store.people.queries import umbrella_family_below
from keyplan.store.snapshots import RowSnapshot, delete_snapshot_rows, snapshot_delete

Choices = list[tuple[int, str]]

# ---- the registry ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanModel:
    """A plan table as the store knows it: its specs and the model that holds its rows."""

    spec: PlanTableSpec
    model: type[Base]

    @property
    def owned_through_person(self) -> bool:
        """Relationship owners belong to an account through the customer contact they cover."""
        return self.model is RelationshipOwner

    def in_accounts(self, account_ids: set[int]) -> ColumnElement[bool]:
        """The condition that picks this table's rows of some accounts."""
        if self.owned_through_person:
            people = select(Stakeholder.id).where(Stakeholder.account_id.in_(account_ids))
            return RelationshipOwner.stakeholder_id.in_(people)
        # Through the table: not every plan model has an account_id (a relationship owner).
        return self.model.__table__.c.account_id.in_(account_ids)

    def reference_target(self, field: str) -> str:
        """The table a reference field points at ("offerings", "stakeholders", …)."""
        (foreign_key,) = self.model.__table__.c[field].foreign_keys
        return foreign_key.column.table.name

    def field(self, name: str) -> FieldSpec:
        try:
            return self.spec.fields[name]
        except KeyError:
            raise RuleViolation(f"'{name}' is not a field of a {self.spec.noun}.") from None


PLAN_MODELS: dict[PlanTable, PlanModel] = {
    table: PlanModel(PLAN_TABLE_SPECS[table], model)
    for table, model in (
        (PlanTable.OPPORTUNITIES, Opportunity),
        (PlanTable.COMPETITORS, CompetitorPresence),
        (PlanTable.RISKS, Risk),
        (PlanTable.OBJECTIVES, Objective),
        (PlanTable.ACTIONS, Action),
        (PlanTable.COMMITMENTS, Commitment),
        (PlanTable.RELATIONSHIP_OWNERS, RelationshipOwner),
    )
}


def plan_model(table: str) -> PlanModel:
    """The registry entry of a plan table, by its name."""
    try:
        return PLAN_MODELS[PlanTable(table)]
    except ValueError:
        raise RuleViolation(f"'{table}' is not a table of the account plan.") from None


# ---- editing rows ---------------------------------------------------------------------------


def add_row(db: Database, table: str, account_id: int, values: dict[str, Any]) -> int:
    """Add a row to one of the account's plan tables; return its id.

    Fields not given take their defaults (an opportunity's currency is the account's).

    Raises:
        RuleViolation: a value is not valid, a required field is missing, or a reference
            points outside the account's umbrella.
        NotFound: the account, or a row a reference names, does not exist.
    """
    plan = plan_model(table)
    parsed = {name: plan.field(name).parse(value) for name, value in values.items()}
    with db.transaction() as session:
        account = get_row(session, Account, account_id)
        if "currency" in plan.spec.fields and parsed.get("currency") is None:
            parsed["currency"] = account.currency
        _require_complete(plan, parsed)
        _check_references(session, plan, account_id, parsed)
        owner = {} if plan.owned_through_person else {"account_id": account_id}
        row = plan.model(**owner, **parsed)
        session.add(row)
        _flush(session, plan)
        return row.id


def set_field(db: Database, table: str, row_id: int, field: str, value: Any) -> Any:
    """Change one field of a plan row; return the value it had before.

    Raises:
        RuleViolation: the value is not valid for the field (the message says why).
        NotFound: the row, or a row the new reference names, does not exist.
    """
    plan = plan_model(table)
    new_value = plan.field(field).parse(value)
    with db.transaction() as session:
        row = get_row(session, plan.model, row_id)
        _check_references(session, plan, _account_of(session, plan, row), {field: new_value})
        old_value = getattr(row, field)
        setattr(row, field, new_value)
        _flush(session, plan)
        return old_value


def set_fields(db: Database, table: str, row_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """Change several fields of a plan row in one transaction; return their old values.

    Raises:
        RuleViolation: a value is not valid for its field (nothing is changed).
        NotFound: the row, or a row a new reference names, does not exist.
    """
    plan = plan_model(table)
    parsed = {name: plan.field(name).parse(value) for name, value in values.items()}
    with db.transaction() as session:
        row = get_row(session, plan.model, row_id)
        _check_references(session, plan, _account_of(session, plan, row), parsed)
        old = {name: getattr(row, name) for name in parsed}
        for name, value in parsed.items():
            setattr(row, name, value)
        _flush(session, plan)
        return old


def delete_row(db: Database, table: str, row_id: int) -> RowSnapshot:
    """Delete a plan row; return the snapshot that ``restore`` puts back exactly.

    Rows that pointed at it (an action linked to a deleted opportunity) lose the link; the
    snapshot remembers it.
    """
    return delete_rows(db, table, [row_id])


def delete_rows(db: Database, table: str, row_ids: Sequence[int]) -> RowSnapshot:
    """Delete several rows of a plan table in one transaction: all of them, or none.

    Returns the snapshot that ``restore`` puts back exactly, links to them included.

    Raises:
        NotFound: one of the rows no longer exists (nothing is deleted).
        EditConflict: a teammate changed one of them since this window read it.
    """
    plan = plan_model(table)
    with db.transaction() as session:
        for row_id in row_ids:
            session.expunge(get_row(session, plan.model, row_id))  # deleted below, not by the ORM
        snapshot = snapshot_delete(session, plan.model.__table__, set(row_ids))
        delete_snapshot_rows(session, snapshot)
        return snapshot


def restore(db: Database, snapshot: RowSnapshot) -> None:
    """Put back what a delete removed, exactly as it was."""
    edits.restore_rows(db, snapshot)


def row_account(db: Database, table: str, row_id: int) -> int:
    """The account a plan row belongs to."""
    plan = plan_model(table)
    with db.read() as session:
        return _account_of(session, plan, get_row(session, plan.model, row_id))


# ---- reading rows ---------------------------------------------------------------------------


def rows(db: Database, table: str, account_id: int) -> list[dict[str, Any]]:
    """The rows of a plan table for an account and its affiliates, oldest first.

    Each row is a plain dict: ``id``, ``account_id`` and every field of the table's specs.
    """
    plan = plan_model(table)
    with db.read() as session:
        family = umbrella_family_below(session, account_id)
        columns = [plan.model.__table__.c[name] for name in plan.spec.fields]
        if plan.owned_through_person:
            owner_column = Stakeholder.account_id.label("account_id")
            statement = select(plan.model.id, owner_column, *columns).join(
                Stakeholder, Stakeholder.id == RelationshipOwner.stakeholder_id
            )
        else:
            owned_by = plan.model.__table__.c.account_id
            statement = select(plan.model.id, owned_by, *columns)
        statement = statement.where(plan.in_accounts(family)).order_by(plan.model.id)
        return [dict(row) for row in session.execute(statement).mappings()]


def family_names(db: Database, account_id: int) -> dict[int, str]:
    """The account and every affiliate below it: id -> name."""
    with db.read() as session:
        family = umbrella_family_below(session, account_id)
        statement = select(Account.id, Account.name).where(Account.id.in_(family))
        return {row_id: name for row_id, name in session.execute(statement)}


def offerings(db: Database) -> Choices:
    """Our offerings: (id, name), by name."""
    with db.read() as session:
        return offering_choices(session)


def offering_choices(session: Session) -> Choices:
    """(id, name) of all our offerings, by name."""
    statement = select(Offering.id, Offering.name).order_by(Offering.name)
    return [(row_id, name) for row_id, name in session.execute(statement)]


def team_members(db: Database) -> Choices:
    """Our side: (id, name) of every team member, by name."""
    return queries.team_members(db)


def people_choices(db: Database, account_id: int) -> Choices:
    """The customer's people a plan row may name: the whole umbrella, by name."""
    with db.read() as session:
        statement = (
            select(Stakeholder.id, Stakeholder.full_name, Stakeholder.has_left)
            .where(
                Stakeholder.account_id.in_(edits.umbrella_account_ids(session, account_id)),
                Stakeholder.is_vacancy.is_(False),  # a promise or an action names a person
            )
            .order_by(Stakeholder.full_name)
        )
        return [
            (person_id, f"{name} (left)" if has_left else name)
            for person_id, name, has_left in session.execute(statement)
        ]


def reference_choices(db: Database, table: str, account_id: int) -> dict[str, Choices]:
    """For each reference field of a table, the rows it may point at: (id, name) pairs."""
    plan = plan_model(table)
    readers = {
        "offerings": lambda: offerings(db),
        "team_members": lambda: team_members(db),
        "stakeholders": lambda: people_choices(db, account_id),
    }
    loaded: dict[str, Choices] = {}
    choices: dict[str, Choices] = {}
    for name, spec in plan.spec.fields.items():
        if spec.kind is Kind.REFERENCE:
            target = plan.reference_target(name)
            if target not in loaded:
                loaded[target] = readers[target]()
            choices[name] = loaded[target]
    return choices


# ---- helpers --------------------------------------------------------------------------------


def _require_complete(plan: PlanModel, values: dict[str, Any]) -> None:
    """Refuse a new row that misses a required field the table has no default for."""
    for name, spec in plan.spec.fields.items():
        has_default = plan.model.__table__.c[name].default is not None
        if spec.required and values.get(name) is None and not has_default:
            raise RuleViolation(f"A new {plan.spec.noun} needs: {spec.label.lower()}.")


def _check_references(
    session: Session, plan: PlanModel, account_id: int, values: dict[str, Any]
) -> None:
    """Refuse references to rows that are gone, or to people of another customer."""
    for name, value in values.items():
        if value is None or plan.spec.fields[name].kind is not Kind.REFERENCE:
            continue
        target = plan.reference_target(name)
        if target == "stakeholders":
            person = get_row(session, Stakeholder, value)
            if person.account_id not in edits.umbrella_account_ids(session, account_id):
                raise RuleViolation(
                    f"{person.full_name} works for another customer; "
                    f"a {plan.spec.noun} can only name this account's people."
                )
        elif target == "team_members":
            get_row(session, TeamMember, value)
        elif target == "offerings":
            get_row(session, Offering, value)


def _account_of(session: Session, plan: PlanModel, row: Any) -> int:
    if plan.owned_through_person:
        return get_row(session, Stakeholder, row.stakeholder_id).account_id
    return row.account_id


def _flush(session: Session, plan: PlanModel) -> None:
    """Write now, so a broken constraint is the user's message and not a crash at commit."""
    try:
        session.flush()
    except IntegrityError as error:
        if plan.owned_through_person:
            raise RuleViolation(
                "That team member already owns the relationship with this person."
            ) from error
        raise RuleViolation(f"The {plan.spec.noun} cannot be stored: {error.orig}") from error


_NOUNS = {
    Account: "account",
    Offering: "offering",
    Stakeholder: "person",
    TeamMember: "team member",
}


def get_row(session: Session, model: type[Any], row_id: int) -> Any:
    """The row with this id, or NotFound naming what is gone (\"That risk no longer exists\")."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"That {_noun(model)} no longer exists (id {row_id}).")
    return row


def _noun(model: type[Any]) -> str:
    plan = next((plan for plan in PLAN_MODELS.values() if plan.model is model), None)
    return plan.spec.noun if plan is not None else _NOUNS.get(model, "row")
