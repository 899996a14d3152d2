"""The pages the app prints: exactly the PDF's pages, built in memory instead of to a file.

Printing from the app goes through the same documents as the PDF export (the plans, the
brief, and the map on its own), so paper from the printer and paper from the PDF match page
for page. Nothing is recorded as exported: a printout does not leave the laptop as a file.
No Qt here: the window turns these bytes into printed pages (``ui/shell/printing.py``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from keyplan.domain.errors import KeyplanError
from keyplan.domain.plan_vocabulary import ExportVariant, PeopleShown
from keyplan.reports.fonts import ensure_fonts
from keyplan.reports.styles import page_size as parse_page_size
from keyplan.store.database import Database
from keyplan.store.plan.queries import load_plan

MAP = "map"  # the map on its own, as the plan prints it


def printable_pdf(
    db: Database,
    account_id: int,
    document: str,
    page_size: str = "A4",
    people: Sequence[str] | None = None,
    people_shown: str = PeopleShown.WORKED.value,
    today: date | None = None,
) -> bytes:
    """The PDF of one document of an account, as bytes.

    Args:
        document: "internal", "customer", "brief" or "map".
        page_size: "A4" or "Letter".
        people: for the brief, the attendees' names.
        people_shown: for the customer-safe plan, "worked" or "all".

    Raises:
        NotFound: the account does not exist, or a brief names someone not in the account.
        KeyplanError: an unknown document or page size.
    """
    from keyplan.reports.export import _build

    size = parse_page_size(page_size)
    plan = load_plan(db, account_id, today or date.today())
    ensure_fonts()
    if document == MAP:
        built, first_landscape = _map_document(plan, size), True
    else:
        try:
            kind = ExportVariant(document)
        except ValueError:
            raise KeyplanError(f"Unknown document '{document}'.") from None
        built = _build(db, account_id, plan, kind, size, people, people_shown)
        first_landscape = False
    return _pdf_bytes(built, first_landscape)


def _map_document(plan, size: tuple[float, float]):
    from keyplan.reports.document import DocumentInfo
    from keyplan.reports.map.stakeholder_map import map_section
    from keyplan.reports.names import plain_team_names
    from keyplan.reports.plan.context import Context
    from keyplan.reports.plan.plan import INTERNAL_LABEL, BuiltDocument

    plan = plain_team_names(plan)
    ctx = Context(plan, size, internal=True)
    info = DocumentInfo(
        title=f"Stakeholder map — {plan.name}",
        subject="Stakeholder map",
        author=plan.director or "Keyplan",
        account_name=plan.name,
        label=INTERNAL_LABEL,
        printed_on=plan.today,
        page_size=size,
    )
    return BuiltDocument(info, map_section(ctx, "map", "Stakeholder map"), ())


def _pdf_bytes(built, first_landscape: bool) -> bytes:
    from keyplan.reports.document import KeyplanDocument

    if built.laid_out is not None:  # the brief: laid out already, to fit its page
        return built.laid_out.pdf_bytes()
    with tempfile.TemporaryDirectory(prefix="keyplan-print-") as folder:
        path = Path(folder) / "print.pdf"
        document = KeyplanDocument(path, built.info)
        if first_landscape:  # the map's pages are all landscape, the first one too
            document.pageTemplates.reverse()
        document.build_story(built.story, built.contents)
        return path.read_bytes()
