"""Exporting a PDF: read the plan, build the document, write it atomically, record it.

The document is built into a temporary file in the target folder and renamed over the target
only when complete (``os.replace`` is atomic within one file system), so a failed or cancelled
export never leaves a half-written PDF and never damages an older PDF of the same name.
Runs the same from the GUI's worker thread, the command line and the tests: no Qt here.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from keyplan.collector import collector_paused
from keyplan.domain.errors import KeyplanError
from keyplan.domain.plan_vocabulary import ExportVariant
from keyplan.reports.fonts import ensure_fonts
from keyplan.reports.styles import page_size as parse_page_size
from keyplan.store.database import Database
from keyplan.store.plan.queries import interactions_with, load_plan, record_export
from keyplan.store.safety.atomic_files import FileWriteFailed, file_replaced_atomically
from keyplan.store.safety.lock import DatabaseBusy, DatabaseReadOnly
from keyplan.store.safety.output_paths import check_output_path

Progress = Callable[[float], None]

# Share of the progress bar each stage takes (reading, building; saving is the rest).
_READ, _BUILD = 0.1, 0.9


class ExportFailed(KeyplanError):
    """A PDF could not be written (folder missing or read-only, disk full, …)."""


def export_pdf(
    db: Database,
    account_id: int,
    variant: str | ExportVariant,
    out_path: str | os.PathLike[str],
    page_size: str = "A4",
    people: Sequence[str] | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    people_shown: str = "worked",
) -> Path:
    """Write one PDF of an account and record the export.

    Args:
        db: the open database.
        account_id: the account.
        variant: "internal", "customer" or "brief" (or an ``ExportVariant``).
        out_path: the PDF to write; an existing file is replaced only on success.
        page_size: "A4" or "Letter".
        people: for the brief, the names of the attendees.
        today: the date printed on the document and used for lateness (default: today).
        progress: called with a fraction from 0 to 1 as the work advances.
        people_shown: for the customer-safe plan, "worked" (only the people we work with) or
            "all" of their people.

    Returns:
        The path written.

    Raises:
        ExportFailed: the folder does not exist or cannot be written, or writing failed.
        NotFound: the account does not exist, or a brief names someone not in the account.
        KeyplanError: unknown variant or page size, or a brief without attendees.
    """
    kind = _variant(variant)
    size = parse_page_size(page_size)
    target = check_output_path(out_path, db.path)
    _require_folder(target.parent)
    with collector_paused():  # a PDF makes hundreds of thousands of short-lived objects
        _export(db, account_id, kind, target, size, people, today, progress, people_shown)
    return target


def _export(db, account_id, kind, target, size, people, today, progress, people_shown) -> None:
    report = progress or (lambda _fraction: None)
    # The brief prints its attendees' own interactions (read in _build), not the plan's year.
    with_interactions = kind is not ExportVariant.BRIEF
    plan = load_plan(db, account_id, today or date.today(), with_interactions)
    report(_READ / 2)
    ensure_fonts()
    built = _build(db, account_id, plan, kind, size, people, people_shown)
    report(_READ)
    _write_atomically(target, built, lambda f: report(_READ + (_BUILD - _READ) * f))
    _record_if_writable(db, account_id, kind.value, target)
    report(1.0)


def _record_if_writable(db: Database, account_id: int, variant: str, target: Path) -> None:
    """Note the export in the account's history, unless another Keyplan is writing the file.

    The PDF the user asked for is already written; a database open for editing in the GUI
    (or opened read-only) must not turn that into a failure, so the note is then left out.
    """
    with contextlib.suppress(DatabaseBusy, DatabaseReadOnly):
        record_export(db, account_id, variant, str(target))


def _variant(variant: str | ExportVariant) -> ExportVariant:
    if isinstance(variant, ExportVariant):
        return variant
    try:
        return ExportVariant.from_text(variant)  # type: ignore[return-value]
    except ValueError:
        raise KeyplanError(
            f"Unknown document '{variant}'. Choose internal, customer or brief."
        ) from None


def _build(db, account_id, plan, kind: ExportVariant, size, people, people_shown="worked"):
    # Imported here: the document modules pull in most of ReportLab, needed only now.
    from keyplan.reports.meetings.brief import (
        INTERACTIONS_PER_PERSON,
        find_attendees,
        meeting_brief,
    )
    from keyplan.reports.plan.plan import customer_plan, internal_plan

    if kind is ExportVariant.INTERNAL:
        from keyplan.reports.insights.sections_insights import read_insights

        return internal_plan(plan, size, read_insights(db, account_id, plan.today))
    if kind is ExportVariant.CUSTOMER:
        return customer_plan(plan, size, people_shown)
    attendees = find_attendees(plan, list(people or ()))
    ids = [p.id for p in attendees]
    interactions = interactions_with(db, account_id, ids, INTERACTIONS_PER_PERSON * len(ids) * 4)
    return meeting_brief(plan, attendees, interactions, size)


def _require_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise ExportFailed(f"Cannot save the PDF: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise ExportFailed(f"Cannot save the PDF: the folder {folder} is read-only.")


def _write_atomically(target: Path, built, progress: Progress) -> None:
    from keyplan.reports.document import KeyplanDocument

    try:
        with file_replaced_atomically(target) as temporary:
            if built.laid_out is not None:  # laid out already: finished, not laid out again
                temporary.write_bytes(built.laid_out.pdf_bytes())
                progress(1.0)
            else:
                document = KeyplanDocument(temporary, built.info, progress)
                document.build_story(built.story, built.contents)
    except FileWriteFailed as error:
        raise ExportFailed(str(error)) from error
