"""The three views of an account's people as a PDF of their own, for the table in a review.

The same sections the internal plan prints (``sections``), under the internal label, one after
the other: printable from the app without exporting the whole plan. Written like every export:
into a temporary file, renamed over the target only when complete. No Qt here.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from keyplan.reports.document import LANDSCAPE, ContentsEntry, DocumentInfo
from keyplan.reports.export import ExportFailed
from keyplan.reports.fonts import ensure_fonts
from keyplan.reports.names import plain_team_names
from keyplan.reports.plan.context import Context
from keyplan.reports.plan.plan import INTERNAL_LABEL, BuiltDocument
from keyplan.reports.styles import page_size as parse_page_size
from keyplan.reports.views import sections
from keyplan.store.database import Database
from keyplan.store.plan.queries import PlanData, load_plan
from keyplan.store.safety.atomic_files import FileWriteFailed, file_replaced_atomically
from keyplan.store.safety.output_paths import check_output_path

#: The views in print order: (bookmark key, title, builder, on a landscape page).
VIEWS = (
    ("power_interest", "Power / interest", sections.power_interest, False),
    ("buying_centre", "Buying centre", sections.buying_centre, False),
    ("team_matrix", "Team × stakeholder matrix", sections.team_coverage, True),
)


def views_document(plan: PlanData, page_size: tuple[float, float]) -> BuiltDocument:
    """The three views, each from a new page, for our team only."""
    from reportlab.platypus import NextPageTemplate, PageBreak

    plan = plain_team_names(plan)
    ctx = Context(plan, page_size, internal=True)
    info = DocumentInfo(
        title=f"Who's who — {plan.name}",
        subject="Power / interest, buying centre, team coverage",
        author=plan.director or "Keyplan",
        account_name=plan.name,
        label=INTERNAL_LABEL,
        printed_on=plan.today,
        page_size=page_size,
    )
    story: list = []
    for number, (key, title, build, landscape) in enumerate(VIEWS):
        if landscape:
            story.append(NextPageTemplate(LANDSCAPE))
        if number:
            story.append(PageBreak())
        story += build(ctx, key, title)
    contents = tuple(ContentsEntry(title, key) for key, title, _build, _wide in VIEWS)
    return BuiltDocument(info, story, contents)


def export_views_pdf(
    db: Database,
    account_id: int,
    out_path: str | os.PathLike[str],
    page_size: str = "A4",
    today: date | None = None,
) -> Path:
    """Write the views PDF of an account.

    Raises:
        ExportFailed: the file could not be written (the older file, if any, is kept).
        NotFound: the account does not exist.
        KeyplanError: an unknown page size or a refused place to write.
    """
    from keyplan.reports.document import KeyplanDocument

    size = parse_page_size(page_size)
    target = check_output_path(out_path, db.path)
    if not target.parent.is_dir():
        raise ExportFailed(f"The folder {target.parent} does not exist.")
    plan = load_plan(db, account_id, today or date.today())
    ensure_fonts()
    built = views_document(plan, size)
    try:
        with file_replaced_atomically(target) as temporary:
            KeyplanDocument(temporary, built.info).build_story(built.story, built.contents)
    except FileWriteFailed as error:
        raise ExportFailed(str(error)) from error
    return target
