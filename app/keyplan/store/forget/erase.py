"""Forgetting a person: their rows and every trace of them, in one transaction.

What goes, and what stays (the issue's list, and what we decided where it was silent):

- every record of the person: the one asked for and the records linked to it when they
  moved between our accounts ("was our champion at Aldermark") are the same human;
- their meeting attendance (the meetings stay, without them, even one they alone attended),
  influence and dotted lines, relationship owners, evidence about them, promises to them;
- their reports now report to the forgotten person's own manager (the nearest one who stays;
  each record's own, for a person who moved), as when a person is deleted: the map keeps its
  shape;
- actions about them stay (they are our work) without the link to them;
- their history, the history of lines that joined them, and other people's history pointing
  at them (``history.erasure``); export records whose file name names them;
- their name in the free text of their account and its umbrella family (notes, summaries,
  meeting summaries, plan text, next steps, evidence, other people's notes, open positions
  named after them, snapshot names) becomes "[removed]" (``wording`` says what names them).

Nothing can be undone. The change log records none of it (their deleted rows would name
them again), except their reports' new manager, an ordinary change in the reports' history.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, String, Table, Text, delete, func, or_, select, update
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.store.access.forgetting import (
    delete_export_records,
    export_records_at,
    require_family_changeable,
)
from keyplan.store.database import Database
from keyplan.store.forget.wording import Scrubber, scrubber
from keyplan.store.history.erasure import erase_person_from_history, influence_lines_ever_joining
from keyplan.store.history.log import record_changes
from keyplan.store.history.marks import not_recorded
from keyplan.store.models import (
    Base,
    Commitment,
    DottedLine,
    Evidence,
    ExportRecord,
    InfluenceLine,
    InteractionStakeholder,
    RelationshipOwner,
    Stakeholder,
    TeamMember,
)
from keyplan.store.people.edits import umbrella_account_ids

# Tables whose text never names a customer's person, or that forgetting handles on its own.
_TEXT_SKIPPED = frozenset({"change_log", "export_records", "team_members", "offerings",
                           "calendar_events", "alembic_version"})  # fmt: skip
_COLUMNS_SKIPPED = frozenset({"updated_by", "currency", "status"})


@dataclass
class ForgetReport:
    """What forgetting a person removed, kind by kind, for the user to read.

    Attributes:
        full_name: who was forgotten.
        counts: how many of each kind were removed or rewritten, in the order to show them.
        manager_name: who their reports now report to (None: nobody, or they had none).
        on_server: a team database: its server's own backups keep the rows until they expire.
        file_cleaned: the SQLite file was vacuumed and its WAL emptied (None: not a file).
        ids: the records forgotten (their ids find them in backups).
    """

    full_name: str
    counts: dict[str, int] = field(default_factory=dict)
    manager_name: str | None = None
    on_server: bool = False
    file_cleaned: bool | None = None
    ids: tuple[int, ...] = ()

    def lines(self) -> list[str]:
        """The report as lines of text: one per kind removed, then what to know."""
        lines = [f"{label}: {count}" for label, count in self.counts.items() if count]
        if self.counts.get("reports moved"):
            lines.append(f"Their reports now report to {self.manager_name or 'nobody'}.")
        return lines


def forget_person(db: Database, person_id: int) -> ForgetReport:
    """Forget a person in one transaction, then (on a file) vacuum it and empty its WAL.

    Raises:
        NotFound: the person no longer exists.
        RuleViolation: the record is an open position, not a person.
    """
    with db.transaction() as session:
        report = forget_in(session, person_id)
    report.on_server = not db.is_sqlite
    if db.is_sqlite:
        from keyplan.store.forget.files import clean_file

        report.file_cleaned = clean_file(db)
    return report


def forget_in(session: Session, person_id: int) -> ForgetReport:
    """Forget a person inside the caller's transaction (a database or a backup's copy)."""
    person = session.execute(
        select(Stakeholder.full_name, Stakeholder.is_vacancy).where(Stakeholder.id == person_id)
    ).one_or_none()
    if person is None:
        raise NotFound(f"That person no longer exists (id {person_id}).")
    if person.is_vacancy:
        raise RuleViolation(f"{person.full_name} is an open position, not a person.")
    ids = linked_records(session, person_id)
    names = set(session.scalars(select(Stakeholder.full_name).where(Stakeholder.id.in_(ids))))
    # On a team database: refused unless the login may change their whole family.
    require_family_changeable(session, ids, person.full_name)
    accounts = _family_of(session, ids)
    scrub = _scrubber(session, names, ids, accounts)
    report = ForgetReport(person.full_name, ids=tuple(sorted(ids)))
    report.counts = _counts_before(session, ids)
    line_ids = influence_lines_ever_joining(session, ids)
    with not_recorded():
        report.counts["promises to them"] = _delete_count(
            session, delete(Commitment).where(Commitment.to_stakeholder_id.in_(ids))
        )
        managers = dict(
            session.execute(
                select(Stakeholder.id, Stakeholder.reports_to_id).where(Stakeholder.id.in_(ids))
            ).all()
        )
        moved = _move_reports(session, ids, managers)
        session.execute(delete(Stakeholder).where(Stakeholder.id.in_(ids)))
        report.counts["export records"] = _delete_export_records(session, scrub, accounts)
        report.counts["texts rewritten"] = scrub_free_text(session, accounts, scrub)
    history = erase_person_from_history(session, ids, line_ids, accounts, scrub, scrub.fragments)
    report.counts["history entries deleted"] = history.entries_deleted
    report.counts["history entries rewritten"] = history.entries_rewritten
    # The reports' new manager is an ordinary change of theirs: their history says so.
    record_changes(session, "person", [(r, a, "reports_to_id", None, m) for r, a, m in moved])
    report.manager_name = _name_of(session, manager_who_stays(person_id, managers, ids))
    return report


def linked_records(session: Session, person_id: int) -> set[int]:
    """The person's record and every record linked to it by a move between our accounts."""
    links = session.execute(
        select(Stakeholder.id, Stakeholder.previous_record_id).where(
            Stakeholder.previous_record_id.is_not(None)
        )
    ).all()
    neighbours: dict[int, set[int]] = {}
    for record, previous in links:
        if previous is None:  # excluded by the query; the type checker cannot know
            continue
        neighbours.setdefault(record, set()).add(previous)
        neighbours.setdefault(previous, set()).add(record)
    found, pending = {person_id}, [person_id]
    while pending:
        for other in neighbours.get(pending.pop(), set()) - found:
            found.add(other)
            pending.append(other)
    return found


def _family_of(session: Session, ids: set[int]) -> set[int]:
    accounts = set(session.scalars(select(Stakeholder.account_id).where(Stakeholder.id.in_(ids))))
    family: set[int] = set()
    for account_id in accounts:
        family |= umbrella_account_ids(session, account_id)
    return family


def _scrubber(session: Session, names: set[str], ids: set[int], accounts: set[int]) -> Scrubber:
    others = session.scalars(
        select(Stakeholder.full_name).where(
            Stakeholder.account_id.in_(accounts),
            Stakeholder.id.not_in(ids),
            Stakeholder.is_vacancy.is_(False),
        )
    ).all()
    # Our own team's names too: "Ingrid sends the deck" may be our Ingrid, not theirs.
    team = session.scalars(select(TeamMember.name)).all()
    return scrubber(names, [*others, *team])


def _counts_before(session: Session, ids: set[int]) -> dict[str, int]:
    """What the person's rows take with them when they are deleted (the cascades)."""

    def count(model: type[Base], *conditions: Any) -> int:
        return session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0

    return {
        "records of them": len(ids),
        "meetings they attended": count(
            InteractionStakeholder, InteractionStakeholder.stakeholder_id.in_(ids)
        ),
        "influence lines": count(
            InfluenceLine,
            or_(
                InfluenceLine.from_stakeholder_id.in_(ids),
                InfluenceLine.to_stakeholder_id.in_(ids),
            ),
        ),
        "dotted lines": count(
            DottedLine, or_(DottedLine.stakeholder_id.in_(ids), DottedLine.manager_id.in_(ids))
        ),
        "relationship owners": count(RelationshipOwner, RelationshipOwner.stakeholder_id.in_(ids)),
        "evidence": count(Evidence, Evidence.stakeholder_id.in_(ids)),
        "reports moved": count(
            Stakeholder, Stakeholder.reports_to_id.in_(ids), Stakeholder.id.not_in(ids)
        ),
    }


def _delete_count(session: Session, statement: Any) -> int:
    result: Any = session.execute(statement)  # a CursorResult: a DELETE's count of rows
    return int(result.rowcount or 0)


_Moved = tuple[int, int, int | None]  # a report's id, its account, its new manager


def _move_reports(session: Session, ids: set[int], managers: dict[int, int | None]) -> list[_Moved]:
    """Each record's reports go to the nearest manager above it who stays; links to it go."""
    moved: list[_Moved] = []
    for record in sorted(ids):
        manager = manager_who_stays(record, managers, ids)
        reports = session.execute(
            select(Stakeholder.id, Stakeholder.account_id).where(
                Stakeholder.reports_to_id == record, Stakeholder.id.not_in(ids)
            )
        ).all()
        session.execute(
            update(Stakeholder)
            .where(Stakeholder.reports_to_id == record, Stakeholder.id.not_in(ids))
            .values(reports_to_id=manager)
        )
        moved.extend((row.id, row.account_id, manager) for row in reports)
    session.execute(
        update(Stakeholder)
        .where(Stakeholder.previous_record_id.in_(ids), Stakeholder.id.not_in(ids))
        .values(previous_record_id=None)
    )
    return moved


def manager_who_stays(
    record: int, managers: dict[int, int | None], gone: Collection[int]
) -> int | None:
    """The first manager above ``record`` who is not forgotten too (None: nobody)."""
    manager, seen = managers.get(record), {record}
    while manager is not None and manager in gone and manager not in seen:  # cycles end too
        seen.add(manager)
        manager = managers.get(manager)
    return None if manager in gone else manager


def _delete_export_records(session: Session, scrub: Scrubber, accounts: set[int]) -> int:
    rows: list[tuple[int, str]] = [
        (row.id, row.file_name)
        for row in session.execute(select(ExportRecord.id, ExportRecord.file_name))
    ]
    # A team database shows each login its own export records: colleagues' at these accounts
    # are reached through the server (see store/access/forgetting).
    rows += export_records_at(session, accounts)
    naming = {record_id for record_id, file_name in rows if scrub(file_name) != file_name}
    if naming:
        session.execute(delete(ExportRecord).where(ExportRecord.id.in_(naming)))
        delete_export_records(session, naming)
    return len(naming)


def scrub_free_text(session: Session, accounts: Collection[int], scrub: Scrubber) -> int:
    """Replace the person's name in the accounts' free text; return how many values changed."""
    people = select(Stakeholder.id).where(Stakeholder.account_id.in_(accounts))
    changed = 0
    for table in Base.metadata.sorted_tables:
        condition = _rows_of(table, accounts, people)
        columns = _text_columns(table)
        if condition is None or not columns:
            continue
        extra = [table.c.is_vacancy] if table.name == "stakeholders" else []
        query = select(table.c.id, *columns, *extra).where(condition)
        if scrub.fragments is not None:  # the database skips the rows that cannot name them
            query = query.where(
                or_(*(column.ilike(f"%{piece}%") for column in columns
                      for piece in scrub.fragments))
            )  # fmt: skip
        for row in session.execute(query).mappings():
            values = _scrubbed(row, columns, scrub)
            if values:
                session.execute(update(table).where(table.c.id == row["id"]).values(**values))
                changed += len(values)
    return changed


def _scrubbed(row: Any, columns: list[Column[Any]], scrub: Scrubber) -> dict[str, str]:
    """The row's text values that named them, scrubbed (other people's names stay)."""
    values = {}
    for column in columns:
        value = row[column.name]
        if not value or (column.name == "full_name" and not row.get("is_vacancy", True)):
            continue
        cleaned = scrub(value)
        if cleaned != value:
            values[column.name] = cleaned
    return values


def _rows_of(table: Table, accounts: Collection[int], people: Any) -> Any:
    if table.name in _TEXT_SKIPPED:
        return None
    if table.name == "accounts":
        return table.c.id.in_(accounts)
    if "account_id" in table.c:
        return table.c.account_id.in_(accounts)
    for column in ("stakeholder_id", "from_stakeholder_id"):
        if column in table.c:
            return table.c[column].in_(people)
    return None


def _text_columns(table: Table) -> list[Column[Any]]:
    return [
        column
        for column in table.columns
        if isinstance(column.type, String | Text) and column.name not in _COLUMNS_SKIPPED
    ]


def _name_of(session: Session, person_id: int | None) -> str | None:
    if person_id is None:
        return None
    return session.scalar(select(Stakeholder.full_name).where(Stakeholder.id == person_id))
