"""Exporting a deck: read the plan, build the slides, write the file atomically, record it.

The same path guard (``store.safety.output_paths``) and whole-file write as every export: a
deck is never written over the database or its backups, and a failed export leaves no
half-written file. No Qt: runs the same from the GUI's worker, the command line and tests.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from keyplan.domain.plan_vocabulary import ExportVariant, PeopleShown
from keyplan.reports.export import (
    ExportFailed,
    Progress,
    _record_if_writable,
    _require_folder,
    _variant,
)
from keyplan.store.database import Database
from keyplan.store.plan.queries import interactions_with, load_plan
from keyplan.store.safety.atomic_files import FileWriteFailed, file_replaced_atomically
from keyplan.store.safety.output_paths import check_output_path


def export_pptx(
    db: Database,
    account_id: int,
    variant: str | ExportVariant,
    out_path: str | os.PathLike[str],
    people: Sequence[str] | None = None,
    people_shown: str | PeopleShown = PeopleShown.WORKED,
    today: date | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write one PowerPoint deck of an account and record the export.

    Args:
        db: the open database.
        account_id: the account.
        variant: "internal", "customer" or "brief" (or an ``ExportVariant``).
        out_path: the .pptx to write; an existing file is replaced only on success.
        people: for the brief, the names of the attendees.
        people_shown: for the customer-safe deck, "worked" or "all" of their people.
        today: the date the deck is made for (default: today).
        progress: called with a fraction from 0 to 1 as the work advances.

    Raises:
        ExportFailed: the folder does not exist or cannot be written, or writing failed.
        NotFound: the account does not exist, or a brief names someone not in the account.
        KeyplanError: unknown variant, or a brief without attendees.
    """
    report = progress or (lambda _fraction: None)
    kind = _variant(variant)
    shown = PeopleShown(people_shown)
    target = check_output_path(out_path, db.path)
    _require_folder(target.parent)
    plan = load_plan(db, account_id, today or date.today())
    report(0.1)
    deck = _build(db, account_id, plan, kind, people, shown)
    report(0.8)
    try:
        with file_replaced_atomically(target) as temporary:
            deck.save(str(temporary))
    except FileWriteFailed as error:
        raise ExportFailed(str(error)) from error
    _record_if_writable(db, account_id, kind.value, target)  # the file name says .pptx
    report(1.0)
    return target


def _build(db, account_id, plan, kind: ExportVariant, people, shown: PeopleShown):
    # Imported here: python-pptx and the map machinery load only when a deck is made.
    from keyplan.reports.deck.plan_deck import customer_deck, internal_deck

    if kind is ExportVariant.INTERNAL:
        from keyplan.reports.insights.sections_insights import read_insights

        return internal_deck(plan, read_insights(db, account_id, plan.today))
    if kind is ExportVariant.CUSTOMER:
        return customer_deck(plan, shown)
    from keyplan.reports.deck.brief_deck import brief_deck
    from keyplan.reports.meetings.brief import INTERACTIONS_PER_PERSON, find_attendees

    attendees = find_attendees(plan, list(people or ()))
    ids = [p.id for p in attendees]
    interactions = interactions_with(db, account_id, ids, INTERACTIONS_PER_PERSON * len(ids) * 4)
    return brief_deck(plan, attendees, interactions)
