"""The portfolio the calendar files in tests/data/calendar/ were written for.

Acme Group with Acme France below it, and Globex. Ingrid and Harald work at Acme Group, Mia
at Acme France, Gina at Globex. Of our team, Tom has an e-mail address, Anna has none (so
her own meetings are "mine": nobody of our team ticked).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from keyplan.store.database import Database
from keyplan.store.people import edits
from keyplan.store.roster import edits as roster_edits

CALENDARS = Path(__file__).parent / "data" / "calendar"


@dataclass(frozen=True)
class CalendarPortfolio:
    acme: int
    acme_france: int
    globex: int
    ingrid: int
    harald: int
    mia: int
    gina: int
    tom: int
    anna: int


def make_calendar_portfolio(db: Database) -> CalendarPortfolio:
    acme = edits.add_account(db, "Acme Group")
    france = edits.add_account(db, "Acme France", parent_id=acme)
    globex = edits.add_account(db, "Globex")
    ingrid = edits.add_stakeholder(db, acme, "Ingrid Olsen", email="ingrid.olsen@acme.example")
    # Stored in mixed case: e-mails match without regard to case.
    harald = edits.add_stakeholder(db, acme, "Harald Berg", email="Harald.Berg@Acme.example")
    mia = edits.add_stakeholder(db, france, "Mia Chen", email="mia.chen@acme-france.example")
    gina = edits.add_stakeholder(db, globex, "Gina Rossi", email="gina.rossi@globex.example")
    tom = roster_edits.add_team_member(db, "Tom Weber", email="tom.weber@ourco.example")
    anna = roster_edits.add_team_member(db, "Anna Lind")
    return CalendarPortfolio(acme, france, globex, ingrid, harald, mia, gina, tom, anna)
