"""The whitespace grid of a plan: each company's cells, and the group seen at once.

The app keeps one whitespace grid per company: the umbrella's own, and one per affiliate. A
plan for an umbrella prints the same picture on paper: first one grid across the group, whose
cell says the best status any company has and in how many of the companies that assessed the
cell ("Installed (3 of 4)"), so a director sees at a glance where we are anywhere in the group;
then each company's own grid, cell for cell as the app shows it, to see where the gaps are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from keyplan.domain.plan_vocabulary import WhitespaceStatus
from keyplan.reports.plan.context import Context
from keyplan.reports.styles import WHITESPACE_COLOURS, styles
from keyplan.reports.tables import grid_table
from keyplan.reports.text import escape
from keyplan.store.plan.queries import PlanData

# Best first: what is most ours. The group grid shows the best status a company has.
STATUS_RANK = (
    WhitespaceStatus.INSTALLED.value,
    WhitespaceStatus.IN_PURSUIT.value,
    WhitespaceStatus.OPPORTUNITY.value,
    WhitespaceStatus.COMPETITOR_HOLDS.value,
    WhitespaceStatus.NOT_RELEVANT.value,
)

Cell = tuple[str, int]  # (department, offering id)


@dataclass(frozen=True, slots=True)
class CompanyGrid:
    """One company's whitespace cells, as its grid in the app holds them."""

    account_id: int | None
    name: str
    cells: dict[Cell, str]


def company_grids(plan: PlanData) -> list[CompanyGrid]:
    """The cells of each company that has any: the plan's account first, then its affiliates.

    A cell without a company (older data) belongs to the plan's account.
    """
    own_id = plan.account.get("id")
    names = {own_id: plan.name, **{a.id: a.name for a in plan.affiliates}}
    by_company: dict[int | None, dict[Cell, str]] = defaultdict(dict)
    for row in plan.whitespace:
        company = own_id if row.account_id is None else row.account_id
        by_company[company][(row.department, row.offering_id)] = row.status
    order = [own_id, *sorted((a.id for a in plan.affiliates), key=lambda i: names[i].casefold())]
    return [
        CompanyGrid(company, names.get(company, plan.name), by_company[company])
        for company in order
        if by_company.get(company)
    ]


def group_cell(statuses: Sequence[str]) -> tuple[str, str]:
    """The group's reading of one cell: the best status, and its text with the count.

    ``["installed", "installed", "competitor_holds"]`` gives ("installed", "Installed (2 of 3)");
    a cell only one company assessed, or all alike, needs no count.
    """
    best = min(statuses, key=_rank)
    label = WhitespaceStatus(best).label
    having = sum(1 for status in statuses if status == best)
    if len(statuses) > 1 and having < len(statuses):
        label += f" ({having} of {len(statuses)})"
    elif len(statuses) > 1:
        label += f" (all {len(statuses)})"
    return best, label


def _rank(status: str) -> int:
    return STATUS_RANK.index(status) if status in STATUS_RANK else len(STATUS_RANK)


def whitespace_section(ctx: Context) -> list[Flowable]:
    """The group grid (for an umbrella with affiliates' cells) and each company's grid."""
    grids = company_grids(ctx.plan)
    if not grids:
        return [Paragraph("No whitespace recorded yet.", styles().muted)]
    if len(grids) == 1:
        return [_grid(ctx, grids[0].cells), Spacer(1, 4), whitespace_legend()]
    group = _group_cells(grids)  # every grid gets the group's columns: side by side on paper
    story: list[Flowable] = [
        Paragraph(escape(f"Across the group ({len(grids)} companies)"), styles().h3),
        _grid(ctx, group, counted=True),
        Spacer(1, 3),
        Paragraph(
            "Each cell shows the best status any company has (installed, then in pursuit, "
            "opportunity, competitor holds, not relevant) and in how many of the companies "
            "that assessed it. Each company's own grid follows.",
            styles().muted,
        ),
        Spacer(1, 3),
        whitespace_legend(),
    ]
    for grid in grids:
        story.append(
            KeepTogether(
                [
                    Paragraph(escape(grid.name), styles().h3),
                    _grid(ctx, grid.cells, columns_of=group),
                    Spacer(1, 4),
                ]
            )
        )
    return story


def _group_cells(grids: Sequence[CompanyGrid]) -> dict[Cell, tuple[str, str]]:
    statuses: dict[Cell, list[str]] = defaultdict(list)
    for grid in grids:
        for cell, status in grid.cells.items():
            statuses[cell].append(status)
    return {cell: group_cell(found) for cell, found in statuses.items()}


def _grid(
    ctx: Context, cells: dict, counted: bool = False, columns_of: dict | None = None
) -> Flowable:
    """Departments × offerings; ``cells`` maps a cell to a status, or (status, text) if counted.

    The offerings are those ``columns_of`` (default: ``cells``) has a cell for.
    """
    used = {offering for _department, offering in (columns_of or cells)}
    offerings = [o for o in ctx.plan.offerings if o.id in used]
    departments = sorted({department for department, _o in cells}, key=str.casefold)
    rows = []
    for department in departments:
        row = []
        for offering in offerings:
            found = cells.get((department, offering.id))
            if found is None:
                row.append(("", None))
                continue
            status, text = found if counted else (found, WhitespaceStatus(found).label)
            row.append((text, WHITESPACE_COLOURS.get(status)))
        rows.append(row)
    first_share = 2.0 if len(offerings) <= 4 else 1.4
    return grid_table(
        "Department", [o.name for o in offerings], departments, rows, ctx.width, first_share
    )


def whitespace_legend() -> Paragraph:
    parts = [
        f'<font backColor="{WHITESPACE_COLOURS[s.value].hexval()}">&nbsp;&nbsp;&nbsp;&nbsp;</font>'
        f"&nbsp;{escape(s.label)}"
        for s in WhitespaceStatus
    ]
    return Paragraph("&nbsp;&nbsp;&nbsp;".join(parts), styles().muted)


def installed_where(plan: PlanData) -> dict[str, dict[str, list[str]]]:
    """Department -> offering name -> the companies where it is installed (each listed once)."""
    offering_names = {o.id: o.name for o in plan.offerings}
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for grid in company_grids(plan):
        for (department, offering_id), status in grid.cells.items():
            if status != WhitespaceStatus.INSTALLED.value or offering_id not in offering_names:
                continue
            companies = found[department][offering_names[offering_id]]
            if grid.name not in companies:
                companies.append(grid.name)
    return found
