"""The story the forgetting tests share: the demo, with Ingrid Solberg's every kind of trace."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select

from keyplan.store.database import Database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.history.named_snapshots import take_snapshot
from keyplan.store.map.edits import add_influence_line
from keyplan.store.meetings.edits import log_interaction
from keyplan.store.models import Base, InfluenceLine, Stakeholder
from keyplan.store.people.edits import set_stakeholder_field
from keyplan.store.people.queries import find_account
from keyplan.store.plan.queries import record_export

TODAY = date(2026, 3, 15)
GROUP = "Aldermark Group"


def person_id(db: Database, full_name: str) -> int:
    with db.read() as session:
        return session.scalars(
            select(Stakeholder.id).where(Stakeholder.full_name == full_name)
        ).one()


def demo_with_traces_of(db: Database, full_name: str) -> dict[str, int]:
    """The demo, and more of the person in it: a meeting only they attended, a line drawn and
    deleted, a colleague who reported to them for a while, a snapshot and an export naming them."""
    create_demo_portfolio(db, today=TODAY)
    group = find_account(db, GROUP)
    them = person_id(db, full_name)
    colleague = person_id(db, "Marcus Feld")
    alone = log_interaction(
        db,
        group,
        TODAY,
        [them],
        summary=f"Lunch with {full_name}; {full_name.split()[0]} wants a roadmap.",
    )
    line = add_influence_line(db, colleague, them, note="Old rivalry")
    with db.transaction() as session:  # deleted through the log's Core hook, as undo does
        session.execute(delete(InfluenceLine).where(InfluenceLine.id == line))
    set_stakeholder_field(db, colleague, "reports_to_id", them)
    set_stakeholder_field(db, colleague, "reports_to_id", person_id(db, "Henrik Dahlgren"))
    set_stakeholder_field(db, colleague, "personality_notes", f"Close to {full_name}.")
    take_snapshot(db, group, f"Before {full_name} left")
    record_export(db, group, "internal", f"Meeting brief {full_name}.pdf")
    record_export(db, group, "internal", "Aldermark plan.pdf")
    return {"group": group, "them": them, "colleague": colleague, "alone": alone, "line": line}


def text_values(db: Database) -> list[tuple[str, str, str]]:
    """Every text value of every table: (table, column, value)."""
    found = []
    with db.read() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                rows = session.execute(select(column).where(column.is_not(None))).scalars()
                found.extend((table.name, column.name, str(v)) for v in rows)
    return found
