"""Meetings from a calendar into the database: what they are matched against, and the writing.

``calendar_directory`` reads what ``domain/calendar_meetings`` matches a calendar's e-mails
against; ``import_meetings`` writes a plan in one transaction (interactions, who took part on
both sides, the calendar uid and occurrence of each, and any attendees the user chose to add
as people) and returns a receipt; ``remove_import`` takes exactly that back and returns the
snapshot that ``edits.restore_rows`` writes again (undo and redo).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, func, insert, select, tuple_
from sqlalchemy.orm import Session

from keyplan.domain.calendar_meetings import CalendarDirectory, NewPerson, PlannedMeeting
from keyplan.domain.errors import RuleViolation
from keyplan.domain.fields import STAKEHOLDER_FIELDS
from keyplan.domain.interaction_fields import INTERACTION_FIELDS
from keyplan.store.database import Database
from keyplan.store.models import (
    USER_INFO_KEY,
    Account,
    CalendarEvent,
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Stakeholder,
    TeamMember,
    utc_now,
)
from keyplan.store.snapshots import RowSnapshot, delete_snapshot_rows, snapshot_delete

#: Keys looked up per query when checking what was imported before (any driver takes it).
_KEYS_PER_QUERY = 500


@dataclass
class CalendarReceipt:
    """What an import wrote: enough to take it back exactly and to say what changed."""

    interaction_ids: list[int] = field(default_factory=list)
    added_person_ids: list[int] = field(default_factory=list)
    account_ids: set[int] = field(default_factory=set)
    person_ids: set[int] = field(default_factory=set)  # everyone whose last contact moved
    skipped_meanwhile: int = 0  # imported by someone else between preview and writing


def calendar_directory(db: Database) -> CalendarDirectory:
    """The people (by e-mail), team, accounts and imported meetings a calendar is matched to."""
    with db.read() as session:
        people: dict[str, tuple[int, int]] = {}
        names: dict[int, str] = {}
        rows = session.execute(
            select(Stakeholder.id, Stakeholder.account_id, Stakeholder.email, Stakeholder.full_name)
            .where(
                Stakeholder.email.is_not(None),
                Stakeholder.has_left.is_(False),
                Stakeholder.is_vacancy.is_(False),  # an open position is no one to meet
            )
            .order_by(Stakeholder.id)
        )
        for person_id, account_id, email, name in rows:
            if email:
                people.setdefault(email.strip().casefold(), (person_id, account_id))
                names[person_id] = name
        team = {
            email.strip().casefold(): member_id
            for member_id, email in session.execute(
                select(TeamMember.id, TeamMember.email)
                .where(TeamMember.email.is_not(None))
                .order_by(TeamMember.id.desc())  # the first of two with one address wins
            )
            if email
        }
        accounts = session.execute(select(Account.id, Account.parent_id, Account.name)).all()
        imported = frozenset(
            (uid, occurrence)
            for uid, occurrence in session.execute(
                select(CalendarEvent.uid, CalendarEvent.occurrence)
            )
        )
    return CalendarDirectory(
        people=people,
        team=team,
        parents={row.id: row.parent_id for row in accounts},
        account_names={row.id: row.name for row in accounts},
        imported=imported,
        person_names=names,
    )


def import_meetings(
    db: Database, meetings: Sequence[PlannedMeeting], new_people: Sequence[NewPerson] = ()
) -> CalendarReceipt:
    """Write planned meetings as interactions, all in one transaction, or nothing.

    People in ``new_people`` are added first; the meetings name them by their (negative)
    placeholder ids. A meeting imported meanwhile (by a teammate, or a second window) is
    skipped, so an import never logs a meeting twice.

    Raises:
        RuleViolation: a meeting's values break the rules (nothing is written).
        NotFound: an account, person or team member went away since the preview.
    """
    receipt = CalendarReceipt()
    with db.transaction() as session:
        done = _imported_keys(session, [planned.meeting.key for planned in meetings])
        placeholders = _add_people(session, new_people, receipt)
        wanted = [planned for planned in meetings if planned.meeting.key not in done]
        receipt.skipped_meanwhile = len(meetings) - len(wanted)
        _require_present(session, wanted, placeholders)
        interaction_ids = _insert_interactions(session, wanted)
        people_links, team_links, events = [], [], []
        for planned, interaction_id in zip(wanted, interaction_ids, strict=True):
            people = [placeholders.get(pid, pid) for pid in planned.person_ids]
            people_links += [
                {"interaction_id": interaction_id, "stakeholder_id": p} for p in people
            ]
            team_links += [
                {"interaction_id": interaction_id, "team_member_id": member}
                for member in planned.team_member_ids
            ]
            events.append(
                {
                    "interaction_id": interaction_id,
                    "uid": planned.meeting.uid,
                    "occurrence": planned.meeting.occurrence,
                }
            )
            receipt.interaction_ids.append(interaction_id)
            receipt.account_ids.add(planned.account_id)
            receipt.person_ids.update(people)
        for model, rows in (
            (InteractionStakeholder, people_links),
            (InteractionTeamMember, team_links),
            (CalendarEvent, events),
        ):
            if rows:
                _insert_rows(session, model.__table__, rows)
    return receipt


def remove_import(db: Database, receipt: CalendarReceipt) -> RowSnapshot:
    """Take an import back (undo): its interactions, and the people it added, in one go."""
    with db.transaction() as session:
        snapshot = snapshot_delete(session, Interaction.__table__, set(receipt.interaction_ids))
        if receipt.added_person_ids:
            snapshot.merge(
                snapshot_delete(session, Stakeholder.__table__, set(receipt.added_person_ids))
            )
        delete_snapshot_rows(session, snapshot)
        return snapshot


def _imported_keys(session: Session, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for start in range(0, len(keys), _KEYS_PER_QUERY):
        chunk = keys[start : start + _KEYS_PER_QUERY]
        found.update(
            (uid, occurrence)
            for uid, occurrence in session.execute(
                select(CalendarEvent.uid, CalendarEvent.occurrence).where(
                    tuple_(CalendarEvent.uid, CalendarEvent.occurrence).in_(chunk)
                )
            )
        )
    return found


def _add_people(
    session: Session, new_people: Sequence[NewPerson], receipt: CalendarReceipt
) -> dict[int, int]:
    """Add the attendees the user chose as people; placeholder id -> real id."""
    placeholders: dict[int, int] = {}
    for person in new_people:
        row = Stakeholder(
            account_id=person.account_id,
            full_name=STAKEHOLDER_FIELDS["full_name"].parse(person.full_name),
            email=STAKEHOLDER_FIELDS["email"].parse(person.email),
        )
        session.add(row)
        session.flush()
        placeholders[person.placeholder_id] = row.id
        receipt.added_person_ids.append(row.id)
        receipt.account_ids.add(person.account_id)
    return placeholders


def _require_present(
    session: Session, meetings: Sequence[PlannedMeeting], placeholders: dict[int, int]
) -> None:
    """Everyone the preview matched is still there (a teammate may have deleted someone)."""
    wanted_people = {pid for m in meetings for pid in m.person_ids if pid not in placeholders}
    wanted_team = {tid for m in meetings for tid in m.team_member_ids}
    wanted_accounts = {m.account_id for m in meetings}
    for model, ids, what in (
        (Stakeholder, wanted_people, "person"),
        (TeamMember, wanted_team, "team member"),
        (Account, wanted_accounts, "account"),
    ):
        if not ids:
            continue
        found = session.scalar(select(func.count()).select_from(model).where(model.id.in_(ids)))
        if found != len(ids):
            raise RuleViolation(
                f"A {what} the calendar's meetings were matched to was deleted meanwhile; "
                f"nothing was imported. Preview the import again."
            )


def _insert_interactions(session: Session, meetings: Sequence[PlannedMeeting]) -> list[int]:
    """One INSERT for all the meetings (a year's worth: ORM objects took a quarter of the
    import's time); the new ids in the meetings' order."""
    if not meetings:
        return []
    rows = [
        {
            "account_id": planned.account_id,
            "occurred_on": INTERACTION_FIELDS["occurred_on"].parse(planned.meeting.day),
            "channel": INTERACTION_FIELDS["channel"].parse(planned.channel),
            "summary": INTERACTION_FIELDS["summary"].parse(planned.summary),
        }
        for planned in meetings
    ]
    table = Interaction.__table__
    if _is_sqlite(session):
        first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
        ids = list(range(first, first + len(rows)))
        for row, new_id in zip(rows, ids, strict=True):
            row["id"] = new_id
        _insert_rows(session, table, rows)
        return ids
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.execute(statement, rows).scalars())


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows (all with the same keys) with the defaults every table's rows get.

    On SQLite the rows go to the driver's own executemany, every value already in its stored
    form: through Core, the per-row defaults (two timestamps, the version, the user) and their
    conversion were most of the writing time of a year's meetings. Taking interaction ids as
    max(id) + 1 is safe for the reason the contacts import gives (``import_writes``): a writer
    that slipped in between makes this transaction fail, it cannot collide silently. Other
    databases get the Core INSERT, defaults and all.
    """
    if not _is_sqlite(session):
        session.execute(insert(table), rows)
        return
    connection = session.connection()
    dialect = connection.dialect
    now = utc_now()
    defaults = {"created_at": now, "updated_at": now, "version": 1,
                "updated_by": connection.info.get(USER_INFO_KEY)}  # fmt: skip
    own = list(rows[0])
    added = [name for name in defaults if name not in rows[0]]
    columns = [*own, *added]
    stored = [_to_stored(table, name, dialect) for name in own]
    # The defaults are the same in every row: in their stored form once, not once a row (the
    # two timestamps' conversion was most of the cost of writing a year's links).
    same = tuple(_stored(_to_stored(table, name, dialect), defaults[name]) for name in added)
    values = [
        tuple(
            value if to_stored is None or value is None else to_stored(value)
            for value, to_stored in zip(
                (row.get(name, defaults.get(name)) for name in own), stored, strict=True
            )
        )
        + same
        for row in rows
    ]
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" for _name in columns)
    connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', values)


def _to_stored(table: Table, name: str, dialect: Any) -> Any:
    """The driver's conversion of a column's values to their stored form (None: as they are)."""
    return table.c[name].type.dialect_impl(dialect).bind_processor(dialect)


def _stored(to_stored: Any, value: Any) -> Any:
    return value if to_stored is None or value is None else to_stored(value)
