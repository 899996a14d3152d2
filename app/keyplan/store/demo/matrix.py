"""The demo's org through time: dotted lines, open positions, and a champion who moved.

- Affiliate IT reports to the local managing director with a dotted line to the group CIO
  (Aldermark's "structures" story): Julien Moreau in Lyon and João Pereira in Campinas.
- Campinas has an open maintenance manager's seat (the plant's downtime story).
- Meridian's permanent CIO seat is open (a decision maker's seat: an insight finding), with the
  interim CDO beside it.
- Martin Clarke, Meridian's champion, left for Cedar Ridge, our prospect: he is a person
  there, linked to his Meridian record ("was our champion at Meridian Health Partners").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from keyplan.domain.vocabulary import BuyingRole, Influence, Level, Stance
from keyplan.store.demo.rows import RowBatch
from keyplan.store.models import DottedLine, Stakeholder

# (person, dotted-line manager)
DOTTED_LINES = (("fr-dsi", "cio"), ("br-ti", "cio"))

# (key, account, title, department, level, manager, role, note, the person whose seat it was)
OPEN_POSITIONS = (
    ("br-mnt-seat", "aldermark-br", "Gerente de manutenção", "Operations", Level.MANAGER,
     "br-ind", BuyingRole.USER, "hire expected Q3", None),
    ("mh-cio-seat", "meridian", "Chief Information Officer (permanent)", "IT", Level.C_LEVEL,
     "mh-ceo", BuyingRole.DECISION_MAKER, "board appoints in Q3; Aisha Rahman is interim",
     None),
)  # fmt: skip

# (who moved, the account they went to, their title there, their manager there)
MOVES = (("mh-excio", "cedar", "VP Digital Transformation", "cr-cio"),)


def add_org_changes(
    batch: RowBatch,
    person_ids: dict[str, int],
    person_rows: dict[str, dict[str, Any]],
    account_ids: dict[str, int],
    account_names: Callable[[str], str],
) -> None:
    """Queue the dotted lines, open positions and the move (after the people are queued)."""
    for person, manager in DOTTED_LINES:
        batch.add(DottedLine, stakeholder_id=person_ids[person], manager_id=person_ids[manager])
    for key, account, title, department, level, manager, role, note, was in OPEN_POSITIONS:
        seat = dict(
            account_id=account_ids[account],
            full_name=title,
            job_title=title,
            department=department,
            level=level.value,
            reports_to_id=person_ids[manager],
            buying_role=role.value,
            influence=Influence.HIGH.value if role is BuyingRole.DECISION_MAKER else None,
            stance=Stance.UNKNOWN.value,
            strength=0,
            is_vacancy=True,
            vacancy_note=note,
        )
        person_ids[key] = batch.add_row(Stakeholder, seat)
        if was is not None:
            person_rows[was]["left_for"] = "another company"
    person_rows["fr-cg"]["left_for"] = "another company"  # Hélène Rousseau, two months ago
    for key, account, title, manager in MOVES:
        old = person_rows[key]
        old["left_for"] = account_names(account)
        moved = {
            name: old[name]
            for name in ("full_name", "email", "phone", "stance", "strength", "influence",
                         "preferred_channel", "personality_notes", "personal_interests")
        }  # fmt: skip
        moved.update(
            account_id=account_ids[account],
            job_title=title,
            department="IT",
            level=Level.VP.value,
            reports_to_id=person_ids[manager],
            buying_role=BuyingRole.INFLUENCER.value,
            previous_record_id=person_ids[key],
            personality_notes="Our champion at Meridian until six weeks ago; now here, and our "
            "way into Cedar Ridge.",
        )
        person_ids[f"{key}@{account}"] = batch.add_row(Stakeholder, moved)
