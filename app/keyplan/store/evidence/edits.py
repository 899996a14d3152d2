"""Editing evidence: with a person's ratings, and as the follow-up of a logged meeting.

Each edit is one transaction and returns what its undo needs. A person's evidence is edited
as a list (the person dialog shows one small list per rating): rows kept, changed, added and
removed in one go, with the ratings themselves, so the dialog's OK is one undo step. The
follow-up of a meeting (stronger relationships, evidence, the next step as an action or a
promise) is one transaction too, taken back row for row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from keyplan.domain.errors import RuleViolation
from keyplan.domain.evidence import check_rated_as
from keyplan.domain.evidence_fields import EVIDENCE_FIELDS
from keyplan.domain.fields import STAKEHOLDER_FIELDS
from keyplan.domain.plan_fields import ACTION_FIELDS, COMMITMENT_FIELDS
from keyplan.domain.plan_vocabulary import RatedField
from keyplan.store.database import Database
from keyplan.store.models import (
    Action,
    Base,
    Commitment,
    Evidence,
    Interaction,
    Stakeholder,
    TeamMember,
)
from keyplan.store.people.edits import _get, set_fields_in, umbrella_account_ids
from keyplan.store.snapshots import RowSnapshot, delete_snapshot_rows, restore_snapshot

EvidenceRow = dict[str, Any]


def parse_evidence(values: dict[str, Any]) -> EvidenceRow:
    """One piece of evidence as typed, checked by the field rules; its ``id`` kept if any.

    Raises:
        RuleViolation: a value is missing or breaks a rule; the message names the field.
    """
    unknown = set(values) - set(EVIDENCE_FIELDS) - {"id"}
    if unknown:
        raise RuleViolation(f"'{sorted(unknown)[0]}' is not a field of evidence.")
    parsed = {name: spec.parse(values.get(name)) for name, spec in EVIDENCE_FIELDS.items()}
    parsed["rated_as"] = check_rated_as(parsed["rating"], parsed["rated_as"])
    if values.get("id") is not None:
        parsed["id"] = int(values["id"])
    return parsed


@dataclass(frozen=True)
class PersonEdit:
    """What an edit of a person's fields and evidence changed: before and after."""

    person_id: int
    old_fields: dict[str, Any]
    new_fields: dict[str, Any]
    old_evidence: list[EvidenceRow]
    new_evidence: list[EvidenceRow]

    @property
    def changed(self) -> bool:
        return self.old_fields != self.new_fields or _content(self.old_evidence) != _content(
            self.new_evidence
        )


def edit_person(
    db: Database,
    person_id: int,
    fields: dict[str, Any],
    evidence: Sequence[dict[str, Any]] | None = None,
) -> PersonEdit:
    """Change a person's fields and (when given) replace their evidence list, all or nothing.

    Args:
        db: the open database.
        person_id: the person.
        fields: field name -> value as typed (``STAKEHOLDER_FIELDS``).
        evidence: the person's whole evidence list as it should be: rows with an ``id`` are
            kept (and changed), rows without are added, rows missing are removed. None: the
            evidence stays as it is.
    """
    parsed_fields = {name: STAKEHOLDER_FIELDS[name].parse(v) for name, v in fields.items()}
    parsed = None if evidence is None else [parse_evidence(dict(row)) for row in evidence]
    with db.transaction() as session:
        old_fields = set_fields_in(session, person_id, parsed_fields)
        old_evidence = _rows_of(session, person_id)
        if parsed is not None:
            _check_references(session, person_id, parsed)
            _replace(session, person_id, old_evidence, parsed)
        session.flush()
        new_evidence = _rows_of(session, person_id)
    return PersonEdit(person_id, old_fields, parsed_fields, old_evidence, new_evidence)


def put_back(db: Database, person_id: int, fields: dict[str, Any], rows: list[EvidenceRow]) -> None:
    """Set a person's fields and evidence exactly as an earlier read had them (undo, redo)."""
    with db.transaction() as session:
        set_fields_in(session, person_id, fields)
        session.flush()
        session.execute(delete(Evidence).where(Evidence.stakeholder_id == person_id))
        for row in rows:
            session.execute(insert(Evidence).values(row))


def _replace(
    session: Session, person_id: int, old: list[EvidenceRow], new: list[EvidenceRow]
) -> None:
    old_ids = {row["id"] for row in old}
    kept = {row["id"] for row in new if row.get("id") in old_ids}
    for row_id in old_ids - kept:
        session.delete(session.get(Evidence, row_id))
    for row in new:
        values = {k: v for k, v in row.items() if k != "id"}
        if row.get("id") in old_ids:
            item = session.get(Evidence, row["id"])
            assert item is not None
            changed = {k: v for k, v in values.items() if getattr(item, k) != v}
            for name, value in changed.items():
                setattr(item, name, value)
        else:
            session.add(Evidence(stakeholder_id=person_id, **values))


def _check_references(session: Session, person_id: int, rows: Iterable[EvidenceRow]) -> None:
    """Refuse a team member or a meeting that no longer exists, or a meeting of another
    customer (its evidence would speak of somebody else's conversation)."""
    person = _get(session, Stakeholder, person_id)
    umbrella: set[int] | None = None
    for row in rows:
        if row.get("team_member_id") is not None:
            _get(session, TeamMember, row["team_member_id"])
        if row.get("interaction_id") is not None:
            meeting = _get(session, Interaction, row["interaction_id"])
            umbrella = umbrella or umbrella_account_ids(session, person.account_id)
            if meeting.account_id not in umbrella:
                raise RuleViolation("That meeting was with another customer.")


def _rows_of(session: Session, person_id: int) -> list[EvidenceRow]:
    table = Evidence.__table__
    statement = select(table).where(table.c.stakeholder_id == person_id).order_by(table.c.id)
    return [dict(row) for row in session.execute(statement).mappings()]


_BOOKKEEPING = {"id", "created_at", "updated_at", "version", "updated_by"}


def _content(rows: list[EvidenceRow]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k not in _BOOKKEEPING} for row in rows]


# ---- the follow-up of a meeting --------------------------------------------------------------


@dataclass
class FollowUpEdit:
    """What a meeting's follow-up changed: ratings (before, after) and the rows it added."""

    old_ratings: dict[int, dict[str, Any]] = field(default_factory=dict)
    new_ratings: dict[int, dict[str, Any]] = field(default_factory=dict)
    added: RowSnapshot = field(default_factory=RowSnapshot)

    @property
    def person_ids(self) -> tuple[int, ...]:
        people = set(self.new_ratings)
        people |= {row["stakeholder_id"] for row in self.added.rows.get("evidence", {}).values()}
        return tuple(sorted(people))


#: The fields a follow-up may change: the ratings a meeting shows.
FOLLOW_UP_FIELDS = frozenset(field.value for field in RatedField)


def apply_follow_up(
    db: Database,
    interaction_id: int,
    *,
    ratings: dict[int, dict[str, Any]] | None = None,
    evidence: Sequence[dict[str, Any]] = (),
    action: dict[str, Any] | None = None,
    commitment: dict[str, Any] | None = None,
) -> FollowUpEdit:
    """Apply what a logged meeting showed, all in one transaction.

    Args:
        db: the open database.
        interaction_id: the logged meeting.
        ratings: person id -> {rating: new value} (stance, influence, buying role, strength).
        evidence: pieces of evidence (each with ``stakeholder_id``), linked to the meeting.
        action: the next step as an action of the plan (``ACTION_FIELDS``), or None.
        commitment: the next step as a promise (``COMMITMENT_FIELDS``), or None.

    Raises:
        RuleViolation: a value breaks a rule (nothing is written).
        NotFound: the meeting, a person or a team member is gone.
    """
    new_ratings = {pid: _parsed_ratings(values) for pid, values in (ratings or {}).items()}
    pieces = [
        (int(row["stakeholder_id"]), parse_evidence({**_without_person(row),
                                                      "interaction_id": interaction_id}))
        for row in evidence
    ]  # fmt: skip
    action_values = _plan_values(ACTION_FIELDS, action)
    promise_values = _plan_values(COMMITMENT_FIELDS, commitment)
    edit = FollowUpEdit()
    with db.transaction() as session:
        meeting = _get(session, Interaction, interaction_id)
        umbrella = umbrella_account_ids(session, meeting.account_id)
        for person_id, values in new_ratings.items():
            _require_customer(session, person_id, umbrella)
            old = set_fields_in(session, person_id, values)
            changed = [name for name in values if old[name] != values[name]]
            if changed:
                edit.old_ratings[person_id] = {name: old[name] for name in changed}
                edit.new_ratings[person_id] = {name: values[name] for name in changed}
        added: list[Base] = []
        for person_id, values in pieces:
            _require_customer(session, person_id, umbrella)
            _check_references(session, person_id, [values])
            added.append(Evidence(stakeholder_id=person_id, **values))
        for model, next_step in ((Action, action_values), (Commitment, promise_values)):
            if next_step is not None:
                _check_plan_references(session, next_step, umbrella)
                added.append(model(account_id=meeting.account_id, **next_step))
        session.add_all(added)
        session.flush()
        for row in added:
            table = type(row).__table__
            read = session.execute(select(table).where(table.c.id == row.id)).mappings().one()
            edit.added.add(table, dict(read), deleted=True)
    return edit


def _parsed_ratings(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - FOLLOW_UP_FIELDS
    if unknown:
        raise RuleViolation(f"A meeting's follow-up cannot change '{sorted(unknown)[0]}'.")
    return {name: STAKEHOLDER_FIELDS[name].parse(value) for name, value in values.items()}


def revert_follow_up(db: Database, edit: FollowUpEdit) -> None:
    """Take a follow-up back: the rows it added go, the relationships are as they were."""
    with db.transaction() as session:
        delete_snapshot_rows(session, edit.added)
        for person_id, values in edit.old_ratings.items():
            set_fields_in(session, person_id, values)


def reapply_follow_up(db: Database, edit: FollowUpEdit) -> None:
    """Make a follow-up again after its undo: the same rows, ids and all."""
    with db.transaction() as session:
        restore_snapshot(session, edit.added)
        for person_id, values in edit.new_ratings.items():
            set_fields_in(session, person_id, values)


def _without_person(row: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name != "stakeholder_id"}


def _plan_values(specs: dict, values: dict[str, Any] | None) -> dict[str, Any] | None:
    if not values:
        return None
    unknown = set(values) - set(specs)
    if unknown:
        raise RuleViolation(f"'{sorted(unknown)[0]}' is not a field of the next step.")
    parsed = {name: specs[name].parse(value) for name, value in values.items()}
    for name, spec in specs.items():
        if spec.required and parsed.get(name) is None and name != "status":
            raise RuleViolation(f"The next step needs: {spec.label.lower()}.")
    return {name: value for name, value in parsed.items() if value is not None}


def _require_customer(session: Session, person_id: int, umbrella: set[int]) -> None:
    person = _get(session, Stakeholder, person_id)
    if person.account_id not in umbrella:
        raise RuleViolation(f"{person.full_name} works for another customer.")


def _check_plan_references(session: Session, values: dict[str, Any], umbrella: set[int]) -> None:
    for name in ("stakeholder_id", "to_stakeholder_id"):
        if values.get(name) is not None:
            _require_customer(session, values[name], umbrella)
    for name in ("owner_id", "by_team_member_id"):
        if values.get(name) is not None:
            _get(session, TeamMember, values[name])
