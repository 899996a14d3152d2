"""Filling the Insights tab's lists from an analysis: one function per part of the tab.

Each function takes a list (or returns rich text) and plain insights, so the tab stays a
layout and these stay small enough to read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from html import escape

from keyplan.domain.insights import (
    AccountInsights,
    ContactLog,
    CoverageCell,
    FindingKind,
    PersonFacts,
)
from keyplan.domain.relationships import is_decision_maker
from keyplan.reports.insights.insights_text import (
    DOUBTS_TITLE,
    FINDING_TITLES,
    POLITICS_TITLE,
    cell_line,
    level_name,
)
from keyplan.ui.insights import palette
from keyplan.ui.insights.insight_list import InsightList
from keyplan.ui.widgets import theme

#: How many stale relationships to list before summing up the rest.
STALE_SHOWN = 25

_FINDING_COLOURS = {
    FindingKind.CHAMPION_LEFT: palette.RED,
    FindingKind.UNCOVERED_KEY_PERSON: palette.RED,
    FindingKind.UNMITIGATED_BLOCKER: palette.AMBER,
    FindingKind.STALE: palette.AMBER,
}


def score_html(insights: AccountInsights) -> str:
    """Where the points went, largest loss first, as rich text lines."""
    reasons = insights.score.reasons
    if not reasons:
        return "Nothing costs this account points: every measure is healthy."
    rows = "".join(
        f"<tr><td align='right' style='color:{theme.css(theme.WARNING)}; padding-right:8px'>"
        f"−{reason.points_lost:g}</td><td>{escape(reason.reason)}</td></tr>"
        for reason in reasons
    )
    return f"<table cellspacing='0' cellpadding='1'>{rows}</table>"


def fill_findings(view: InsightList, insights: AccountInsights) -> None:
    """The relationship findings, grouped by kind, most serious kind first."""
    view.clear()
    findings = insights.health.findings
    if insights.open_seats:  # first: who decides while a decision maker's seat is empty?
        view.add_heading(
            f"Decision makers' seats vacant ({len(insights.open_seats)})",
            theme.colour(theme.PURPLE),
        )
        for seat in insights.open_seats:
            view.add_person(seat.reason, seat.seat_id)
    for kind, heading in FINDING_TITLES.items():
        found = [finding for finding in findings if finding.kind is kind]
        if not found:
            continue
        view.add_heading(f"{heading} ({len(found)})", _FINDING_COLOURS[kind])
        shown = found if kind is not FindingKind.STALE else found[:STALE_SHOWN]
        for finding in shown:
            view.add_person(finding.reason, finding.person_id)
        if len(found) > len(shown):
            view.add_note(f"… and {len(found) - len(shown)} more stale relationships")
    if not findings and not insights.open_seats:
        view.add_note("No relationship needs attention: nobody is stale, uncovered or lost.")


def fill_politics(view: InsightList, insights: AccountInsights) -> None:
    """What the informal lines say, then the ratings that rest on no recent evidence."""
    view.clear()
    if insights.politics:
        view.add_heading(f"{POLITICS_TITLE} ({len(insights.politics)})", palette.AMBER)
        for finding in insights.politics:
            view.add_person(finding.reason, finding.person_id)
    if insights.doubts:
        view.add_heading(f"{DOUBTS_TITLE} ({len(insights.doubts)})", palette.AMBER)
        for doubt in insights.doubts[:STALE_SHOWN]:
            view.add_person(doubt.reason, doubt.person_id)
        if len(insights.doubts) > STALE_SHOWN:
            view.add_note(f"… and {len(insights.doubts) - STALE_SHOWN} more uncertain ratings")
    if not insights.politics and not insights.doubts:
        view.add_note("The lines show no route, rivalry or single thread; every key rating "
                      "rests on recent evidence.")  # fmt: skip


def fill_contacts(view: InsightList, insights: AccountInsights) -> None:
    """The next best contacts, best first (an empty grid cell leads nowhere)."""
    view.clear()
    for number, suggestion in enumerate(insights.next_contacts, 1):
        text = f"{number}. {suggestion.reason}"
        if suggestion.person_id is None:
            view.add_note(text)
        else:
            view.add_person(text, suggestion.person_id)
    if not insights.next_contacts:
        view.add_note("Nobody to suggest: every gap is covered.")


def nudge_html(insights: AccountInsights) -> str:
    """This week's one new contact and the question to ask them."""
    nudge = insights.nudge
    if nudge is None:
        return "<i>No new contact to suggest this week.</i>"
    return (
        f"<b>This week: {escape(nudge.person_name)}</b><br>{escape(nudge.reason)}<br>"
        f"<span style='color:{theme.css(theme.LINK)}'>{escape(nudge.ask)}</span>"
    )


def fill_concentration(
    view: InsightList, insights: AccountInsights, people: Mapping[int, PersonFacts]
) -> None:
    """Who got the recent contact: the five best-served people and their shares."""
    view.clear()
    concentration = insights.concentration
    for person_id, share in concentration.shares[:5]:
        person = people.get(person_id)
        name = person.name if person else f"person {person_id}"
        colour = palette.RED if concentration.single_threaded and share > 0.5 else None
        view.add_person(f"{share:>4.0%}  {name}", person_id, colour=colour)
    if len(concentration.shares) > 5:
        rest = sum(share for _, share in concentration.shares[5:])
        view.add_note(f"{rest:.0%} went to {len(concentration.shares) - 5} other people")


def fill_promises(
    view: InsightList,
    insights: AccountInsights,
    people: Mapping[int, PersonFacts],
    team: Mapping[int, str],
) -> None:
    """Overdue promises (in red), then the ones due in the next days."""
    view.clear()
    promises = insights.promises
    if promises.overdue:
        view.add_heading(f"Overdue ({len(promises.overdue)})", palette.RED)
    for due in promises.overdue:
        text = f"{due.days_late} days late: {due.promise}{_parties(due, people, team)}"
        view.add_commitment(text, due.commitment_id, colour=palette.RED)
    if promises.due_soon:
        view.add_heading(f"Due in the next days ({len(promises.due_soon)})")
    for due in promises.due_soon:
        when = "today" if due.days_late == 0 else f"in {-due.days_late} days"
        view.add_commitment(
            f"Due {when}: {due.promise}{_parties(due, people, team)}", due.commitment_id
        )
    if not promises.overdue and not promises.due_soon:
        view.add_note("No promise is overdue or due this week.")


def _parties(due: object, people: Mapping[int, PersonFacts], team: Mapping[int, str]) -> str:
    """`` (to Dana Whitfield, by Alex Morgan)`` — whoever is known."""
    to = people.get(getattr(due, "to_person_id", None) or -1)
    by = team.get(getattr(due, "by_team_member_id", None) or -1)
    parts = [f"to {to.name}" if to else "", f"by {by}" if by else ""]
    named = ", ".join(part for part in parts if part)
    return f" ({named})" if named else ""


def fill_cell_people(
    view: InsightList,
    cell: CoverageCell,
    people: Mapping[int, PersonFacts],
    log: ContactLog,
    today: date,
) -> None:
    """The people in one grid cell, the strongest relationship first."""
    view.clear()
    view.add_heading(cell_line(cell))
    members = [people[pid] for pid in cell.person_ids if pid in people]
    members.sort(key=lambda person: (-int(person.strength), person.name))
    for person in members:
        view.add_person(_person_line(person, log, today), person.id)
    if not members:
        view.add_note(
            f"Nobody known in {cell.department} at {level_name(cell.level).lower()} level: "
            "a gap to fill."
        )


def _person_line(person: PersonFacts, log: ContactLog, today: date) -> str:
    """``◆ Ingrid Solberg — Group CIO · Trusted advisor · champion · met 12 days ago``."""
    marker = "◆ " if is_decision_maker(person.buying_role) else ""
    days = log.days_since_contact(person.id, today)
    met = "never met" if days is None else _met(days)
    parts = [person.title or "", person.strength.label, person.stance.label.lower(), met]
    return f"{marker}{person.name} — " + " · ".join(part for part in parts if part)


def _met(days: int) -> str:
    if days <= 0:
        return "met today"
    return "met yesterday" if days == 1 else f"met {days} days ago"
