"""The small database behind the JSON golden files (tests/data/json/), shared by the tests of
the export's bytes on SQLite (tests/exchange/) and on PostgreSQL (tests/store/)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert

from keyplan.store.database import Database
from keyplan.store.history.marks import not_recorded
from keyplan.store.models import Base, ChangeLogEntry

GOLDEN = Path(__file__).parent / "data" / "json"
WHOLE_FILE = GOLDEN / "golden-database.json"
ACCOUNT_FILE = GOLDEN / "golden-account.json"
ACCOUNT_ID = 3  # Nordlicht Österreich GmbH: an affiliate with an affiliate of its own

CREATED = datetime(2024, 3, 1, 9, 15)
UPDATED = datetime(2024, 3, 2, 10, 0, 0, 123456)  # microseconds go out as written


def stamped(rows: list[dict]) -> list[dict]:
    """Every row with fixed bookkeeping, so the file depends on nothing but these values."""
    return [
        {"created_at": CREATED, "updated_at": UPDATED, "version": 1, "updated_by": "Tester", **r}
        for r in rows
    ]


ROWS: dict[str, list[dict]] = {
    "accounts": [
        {"id": 1, "name": "Nordlicht Gruppe", "industry": "Energy", "annual_revenue": 1234567.5,
         "aliases": "Nordlicht AG\nNLG; Nordlicht, Inc.",
         "notes": 'Quotes " and \\ backslash,\nnew line, tab\t, emoji 🚀, Zoë', "tier": "key",
         "last_review_on": date(2024, 2, 29), "review_cadence_days": 90},
        {"id": 3, "name": "Nordlicht Österreich GmbH", "parent_id": 1, "potential": 0.1,
         "country": "Österreich", "status": "active"},
        {"id": 4, "name": "Ølfabrikken A/S", "currency": "DKK"},
        {"id": 7, "name": "Nordlicht Süd", "parent_id": 3},
    ],
    "offerings": [
        {"id": 3, "name": "Cloud Migration", "description": None},
        {"id": 8, "name": "Data Platform", "description": "Lakehouse, 24/7"},
        {"id": 9, "name": "Nobody's Offering"},
    ],
    "team_members": [
        {"id": 2, "name": "Anna Berg", "role": "sponsor", "email": "anna@example.com"},
        {"id": 5, "name": "Jonas Weiß", "account_id": 4},
        {"id": 6, "name": "Unused Colleague"},
        {"id": 11, "name": "Lea Kaya", "account_id": 3},
    ],
    "stakeholders": [  # managers first: each row is checked as it goes in
        {"id": 20, "account_id": 1, "full_name": "Group CFO", "level": "c_level"},
        {"id": 10, "account_id": 3, "full_name": "Eva Gruber", "job_title": "CEO",
         "strength": 3, "stance": "champion", "map_x": 10.25, "map_y": -3.0,
         "interest": "high", "buying_role": "economic_buyer",
         "profile_url": "https://www.linkedin.com/in/eva-gruber-ö"},
        {"id": 12, "account_id": 3, "full_name": "Ingrid Olsen", "reports_to_id": 10,
         "preferred_team_member_id": 2, "has_left": True, "email": "ingrid@example.at",
         "left_for": "Ølfabrikken A/S"},
        {"id": 14, "account_id": 3, "full_name": "Harald Berg", "reports_to_id": 20},
        {"id": 15, "account_id": 7, "full_name": "山田 太郎", "reports_to_id": 12},
        {"id": 21, "account_id": 4, "full_name": "Søren Dahl"},
        {"id": 22, "account_id": 3, "full_name": "Head of Grid", "job_title": "Head of Grid",
         "reports_to_id": 10, "is_vacancy": True, "vacancy_note": "hire expected Q3"},
        {"id": 23, "account_id": 4, "full_name": "Ingrid Olsen", "reports_to_id": 21,
         "previous_record_id": 12, "stance": "champion"},
    ],
    "dotted_lines": [{"id": 2, "stakeholder_id": 14, "manager_id": 10}],
    "influence_lines": [
        {"id": 1, "from_stakeholder_id": 10, "to_stakeholder_id": 12, "strength": 3},
        {"id": 4, "from_stakeholder_id": 20, "to_stakeholder_id": 14, "note": "old friends"},
    ],
    "relationship_owners": [
        {"id": 1, "stakeholder_id": 12, "team_member_id": 2},
        {"id": 2, "stakeholder_id": 20, "team_member_id": 5},
    ],
    "interactions": [
        {"id": 5, "account_id": 3, "occurred_on": date(2024, 1, 31), "summary": "QBR\tVienna"},
        {"id": 6, "account_id": 4, "occurred_on": date(2023, 12, 1)},
    ],
    "interaction_stakeholders": [
        {"id": 1, "interaction_id": 5, "stakeholder_id": 10},
        {"id": 3, "interaction_id": 5, "stakeholder_id": 12},
        {"id": 4, "interaction_id": 6, "stakeholder_id": 21},
    ],
    "interaction_team_members": [
        {"id": 2, "interaction_id": 5, "team_member_id": 2},
        {"id": 3, "interaction_id": 6, "team_member_id": 6},
    ],
    "evidence": [  # one in the exported account (linked to its meeting), one outside it
        {"id": 3, "stakeholder_id": 10, "rating": "stance", "rated_as": "champion",
         "observed": "Asked us to present to the board — „gern“", "observed_on": date(2024, 1, 31),
         "team_member_id": 2, "source": "meeting", "interaction_id": 5,
         "confidence": "confirmed"},
        {"id": 7, "stakeholder_id": 21, "rating": "strength", "rated_as": "2",
         "observed": "Heard from a partner", "observed_on": date(2023, 11, 2),
         "source": "second_hand", "confidence": "guess"},
    ],
    "opportunities": [
        {"id": 2, "account_id": 3, "name": "Grid analytics", "offering_id": 8,
         "value": 250000.0, "probability": 40, "expected_close_on": date(2024, 6, 30)},
    ],
    "whitespace_cells": [{"id": 1, "account_id": 3, "department": "IT", "offering_id": 3}],
    "competitor_presences": [{"id": 1, "account_id": 3, "competitor": "Rival AG", "area": None}],
    "risks": [{"id": 1, "account_id": 3, "description": "Budget freeze", "owner_id": 11}],
    "objectives": [{"id": 3, "account_id": 3, "description": "Win the grid deal",
                    "due_on": date(2024, 12, 31)}],
    "actions": [
        {"id": 1, "account_id": 3, "description": "Call the CFO", "stakeholder_id": 20,
         "objective_id": 3, "opportunity_id": 2, "owner_id": 2, "due_on": date(2024, 4, 1)},
    ],
    "commitments": [
        {"id": 1, "account_id": 3, "promise": "Send the study", "to_stakeholder_id": 12,
         "by_team_member_id": 5, "made_on": date(2024, 1, 31), "due_on": date(2024, 2, 15),
         "status": "kept", "delivered_on": date(2024, 2, 14)},
    ],
    "snapshots": [
        {"id": 2, "account_id": 3, "name": "Before the reorg",
         "taken_at": datetime(2024, 2, 1, 12, 0), "automatic": False},
        {"id": 5, "account_id": 1, "name": "Review of 29 Feb 2024",
         "taken_at": datetime(2024, 2, 29, 23, 59, 59), "automatic": True},
    ],
    "export_records": [
        {"id": 4, "account_id": 3, "variant": "full", "file_name": "plan.pdf",
         "exported_at": datetime(2024, 3, 5, 17, 45, 1, 500)},
        {"id": 5, "account_id": None, "variant": "brief", "file_name": "gone.pdf",
         "exported_at": datetime(2024, 3, 6, 8, 0)},
    ],
}  # fmt: skip

# The change log: not stamped (it has no bookkeeping columns). Entries name rows by id in
# their values too; person 99 was deleted (its entries go out with an "absent" number), team
# member 6 and account 4 are outside the exported account.
HISTORY: list[dict] = [
    {"id": 1, "changed_at": datetime(2023, 6, 1, 8, 0), "changed_by": "Tester",
     "account_id": 3, "entity_kind": "person", "entity_id": 12, "field": "created",
     "old_value": None, "new_value": "Ingrid Olsen"},
    {"id": 2, "changed_at": datetime(2023, 9, 1, 8, 0), "changed_by": "Tester",
     "account_id": 3, "entity_kind": "person", "entity_id": 99, "field": "deleted",
     "old_value": '{"account_id": "3", "full_name": "Old Name", "reports_to_id": "10"}',
     "new_value": None},
    {"id": 4, "changed_at": datetime(2024, 1, 10, 9, 30, 0, 250), "changed_by": "Tester",
     "account_id": 3, "entity_kind": "person", "entity_id": 12, "field": "reports_to_id",
     "old_value": "20", "new_value": "10"},
    {"id": 5, "changed_at": datetime(2024, 1, 15, 9, 0), "changed_by": None,
     "account_id": 3, "entity_kind": "influence", "entity_id": 1, "field": "strength",
     "old_value": "2", "new_value": "3"},
    {"id": 6, "changed_at": datetime(2024, 1, 16, 9, 0), "changed_by": "Tester",
     "account_id": 3, "entity_kind": "account", "entity_id": 3, "field": "tier",
     "old_value": "key", "new_value": "strategic"},
    {"id": 7, "changed_at": datetime(2024, 1, 17, 9, 0), "changed_by": "Tester",
     "account_id": 3, "entity_kind": "person", "entity_id": 12, "field": "owner",
     "old_value": "6", "new_value": "2"},
    {"id": 8, "changed_at": datetime(2024, 1, 18, 9, 0), "changed_by": "Tester",
     "account_id": 4, "entity_kind": "person", "entity_id": 21, "field": "stance",
     "old_value": None, "new_value": "neutral"},
    {"id": 9, "changed_at": datetime(2024, 1, 19, 9, 0), "changed_by": "Tester",
     "account_id": 3, "entity_kind": "person", "entity_id": 14, "field": "dotted_line",
     "old_value": "10", "new_value": None, "is_undo": True},
]  # fmt: skip


def fill_golden_database(db: Database) -> Database:
    """Put the rows the golden files were exported from into an empty database.

    Not logged as they go in (the log would hold today's date): ``HISTORY`` is the log.
    """
    with not_recorded(), db.transaction() as session:
        for table in Base.metadata.sorted_tables:
            rows = stamped(ROWS.get(table.name, []))
            if not rows:
                continue
            # One insert per row: rows give different columns, the others take defaults.
            for row in rows:
                session.execute(insert(table).values(**row))
        for entry in HISTORY:
            session.execute(insert(ChangeLogEntry).values(**entry))
    return db


def write_golden_files(folder: Path) -> None:
    """Write the golden files again (after a deliberate change of the format or schema)."""
    import tempfile

    from keyplan.exchange.transfer.json_exchange import export_json
    from keyplan.store.database import open_database

    with tempfile.TemporaryDirectory() as scratch:
        db = fill_golden_database(open_database(Path(scratch) / "golden.db"))
        export_json(db, folder / WHOLE_FILE.name)
        export_json(db, folder / ACCOUNT_FILE.name, ACCOUNT_ID)
        db.close()


if __name__ == "__main__":
    import sys

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLDEN
    folder.mkdir(parents=True, exist_ok=True)
    write_golden_files(folder)
    print(f"wrote {folder / WHOLE_FILE.name} and {folder / ACCOUNT_FILE.name}")
