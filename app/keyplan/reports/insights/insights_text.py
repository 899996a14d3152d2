"""The insights of an account in words and in plain data: for the terminal, JSON and the screens.

No Qt and no ReportLab: the command line prints these, the Insights tab shows the same
sentences, and a script reads the JSON. Every number comes with the sentence that explains it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from keyplan.domain.insights import (
    AccountInsights,
    Concentration,
    Coverage,
    CoverageCell,
    FindingKind,
    PersonFacts,
    PlanFreshness,
    PromiseRecord,
)
from keyplan.domain.insights.contacts import RECENT_DAYS
from keyplan.domain.vocabulary import Level

#: Column headings of the coverage grid, short enough for a narrow column.
LEVEL_SHORT: dict[Level | None, str] = {
    Level.C_LEVEL: "Board",
    Level.VP: "VP",
    Level.DIRECTOR: "Director",
    Level.MANAGER: "Manager",
    Level.INDIVIDUAL: "IC",
    None: "Unknown",
}

#: Headings of the relationship findings, most serious first.
FINDING_TITLES: dict[FindingKind, str] = {
    FindingKind.CHAMPION_LEFT: "Champions who left",
    FindingKind.UNCOVERED_KEY_PERSON: "Uncovered decision makers and key people",
    FindingKind.UNMITIGATED_BLOCKER: "Blockers without a mitigation action",
    FindingKind.STALE: "Overdue or never contacted",
}


def level_name(level: Level | None) -> str:
    """A level as a column heading: ``Board``, ``VP`` … ``Unknown``."""
    return LEVEL_SHORT[level]


# ---- sentences ------------------------------------------------------------------------------


def score_line(insights: AccountInsights) -> str:
    """``Health 48/100: <the biggest reason>``, or a word of praise for a perfect account."""
    score = insights.score
    top = score.top_reason or "nothing to fix"
    return f"Health {score.value}/100 — {top}"


def breadth_line(coverage: Coverage) -> str:
    """How many dimensions we work, in one line."""
    breadth = coverage.breadth
    known_levels = sum(1 for level in coverage.levels if level is not None)
    return (
        f"Engaged in {breadth.departments_engaged} of {breadth.departments_known} departments"
        f" · {breadth.levels_engaged} of {known_levels} levels"
        f" · {breadth.offerings_discussed} offering areas discussed"
        f" · {breadth.team_members_engaged} of our team involved"
    )


def concentration_line(concentration: Concentration) -> str:
    """Where the last 90 days of contact went, with the single-threaded warning."""
    count = concentration.interaction_count
    if count == 0:
        return f"No interactions with their people in the last {RECENT_DAYS} days."
    people = concentration.people_reached
    text = (
        f"{count} interaction{'s' if count != 1 else ''} with {people} "
        f"{'person' if people == 1 else 'people'} in the last {RECENT_DAYS} days; "
        f"{concentration.top_person_name or 'the top person'} got "
        f"{concentration.top1_share:.0%}, the top three {concentration.top3_share:.0%}; "
        f"concentration index (HHI) {concentration.herfindahl:.2f}, "
        f"like {concentration.effective_contacts:.1f} equally served people."
    )
    if concentration.single_threaded:
        text += " Single-threaded: the relationship hangs on one person."
    return text


def promise_line(record: PromiseRecord) -> str:
    """The promise-keeping record in one line."""
    if record.total == 0:
        return "No promises recorded."
    text = (
        f"{record.kept_on_time} kept on time, {record.kept_late} kept late, "
        f"{record.broken} broken, {record.open} open"
    )
    if record.overdue:
        text += f" ({record.overdue} overdue)"
    if record.on_time_rate is not None:
        text += f"; {record.on_time_rate:.0%} of settled promises kept on time"
    return text + "."


def freshness_line(freshness: PlanFreshness) -> str:
    """The plan's review freshness, as the domain says it."""
    return freshness.reason + "."


def cell_line(cell: CoverageCell) -> str:
    """One grid cell in words: ``IT · Director: 3 known, 2 engaged, best Trusted``."""
    known = len(cell.person_ids)
    if known == 0:
        return f"{cell.department} · {level_name(cell.level)}: nobody known"
    text = (
        f"{cell.department} · {level_name(cell.level)}: {known} known, "
        f"{cell.engaged_count} engaged, best relationship {cell.best_strength.label.lower()}"
    )
    if cell.has_decision_maker:
        text += "; a decision maker sits here"
    return text


# ---- plain data (JSON) ---------------------------------------------------------------------


def insights_data(
    insights: AccountInsights,
    people: Mapping[int, PersonFacts],
    team: Mapping[int, str],
) -> dict[str, Any]:
    """Every insight of an account as JSON-ready data, names filled in.

    Args:
        insights: the analysis of one account.
        people: the account's people by id (for their names).
        team: our team members' names by id.
    """

    def name(person_id: int | None) -> str | None:
        person = people.get(person_id) if person_id is not None else None
        return person.name if person else None

    promises = insights.promises
    return {
        "account": {"id": insights.account_id, "name": insights.account_name},
        "date": insights.today.isoformat(),
        "score": {
            "value": insights.score.value,
            "reasons": [
                {"points_lost": r.points_lost, "reason": r.reason} for r in insights.score.reasons
            ],
        },
        "coverage": _coverage_data(insights.coverage, name),
        "concentration": _concentration_data(insights.concentration),
        "findings": [
            {
                "kind": f.kind.value,
                "person_id": f.person_id,
                "person": name(f.person_id),
                "reason": f.reason,
                "days_since_contact": f.days_since_contact,
            }
            for f in insights.health.findings
        ],
        "vacant_decision_seats": [
            {"seat_id": seat.seat_id, "title": seat.title, "reason": seat.reason}
            for seat in insights.open_seats
        ],
        "politics": [
            {"kind": f.kind.value, "person_ids": list(f.person_ids), "reason": f.reason}
            for f in insights.politics
        ],
        "uncertain_ratings": [
            {
                "person_id": f.person_id,
                "person": f.who,
                "ratings": [d.rating for d in f.doubts],
                "reason": f.reason,
            }
            for f in insights.doubts
        ],
        "promises": {
            **_record_data(promises.account),
            "by_team_member": [
                {"team_member": _member_name(member, team), **_record_data(record)}
                for member, record in promises.by_team_member.items()
            ],
            "overdue": [_due_data(due) for due in promises.overdue],
            "due_soon": [_due_data(due) for due in promises.due_soon],
        },
        "plan": {
            "last_review_on": _iso(insights.freshness.last_review_on),
            "days_since_review": insights.freshness.days_since_review,
            "cadence_days": insights.freshness.cadence_days,
            "overdue_days": insights.freshness.overdue_days,
            "reason": insights.freshness.reason,
        },
        "next_contacts": [
            {
                "person_id": s.person_id,
                "person": s.person_name,
                "department": s.department,
                "level": s.level.value if s.level else None,
                "new_contact": s.new_contact,
                "reason": s.reason,
            }
            for s in insights.next_contacts
        ],
        "nudge": None
        if insights.nudge is None
        else {
            "person_id": insights.nudge.person_id,
            "person": insights.nudge.person_name,
            "reason": insights.nudge.reason,
            "ask": insights.nudge.ask,
        },
    }


def _coverage_data(coverage: Coverage, name: Any) -> dict[str, Any]:
    cells = []
    for department in coverage.departments:
        for level in coverage.levels:
            cell = coverage.cells.get((department, level))
            if cell is None:
                continue
            cells.append(
                {
                    "department": department,
                    "level": level.value if level else None,
                    "people": [name(pid) for pid in cell.person_ids],
                    "engaged": cell.engaged_count,
                    "best_strength": int(cell.best_strength),
                    "decision_maker": cell.has_decision_maker,
                }
            )
    breadth = coverage.breadth
    return {
        "departments": list(coverage.departments),
        "levels": [level.value if level else None for level in coverage.levels],
        "cells": cells,
        "breadth": {
            "departments_known": breadth.departments_known,
            "departments_engaged": breadth.departments_engaged,
            "levels_engaged": breadth.levels_engaged,
            "offerings_discussed": breadth.offerings_discussed,
            "team_members_engaged": breadth.team_members_engaged,
        },
    }


def _concentration_data(concentration: Concentration) -> dict[str, Any]:
    return {
        "interactions": concentration.interaction_count,
        "people_reached": concentration.people_reached,
        "top_person_id": concentration.top_person_id,
        "top_person": concentration.top_person_name,
        "top1_share": round(concentration.top1_share, 4),
        "top3_share": round(concentration.top3_share, 4),
        "herfindahl": round(concentration.herfindahl, 4),
        "single_threaded": concentration.single_threaded,
    }


def _record_data(record: PromiseRecord) -> dict[str, int]:
    return {
        "kept_on_time": record.kept_on_time,
        "kept_late": record.kept_late,
        "broken": record.broken,
        "open": record.open,
        "overdue": record.overdue,
    }


def _due_data(due: Any) -> dict[str, Any]:
    return {
        "commitment_id": due.commitment_id,
        "promise": due.promise,
        "due_on": due.due_on.isoformat(),
        "days_late": due.days_late,
    }


def _member_name(member_id: int | None, team: Mapping[int, str]) -> str:
    """A team member's name; promises nobody owns are "(unassigned)"."""
    if member_id is None:
        return "(unassigned)"
    return team.get(member_id, f"team member {member_id}")


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


# ---- the terminal -------------------------------------------------------------------------


def insights_text(
    insights: AccountInsights,
    people: Mapping[int, PersonFacts],
    team: Mapping[int, str],
    *,
    affiliates: int = 0,
) -> str:
    """Every finding of an account as text for a terminal, most important first.

    Args:
        insights: the analysis of one account.
        people: the account's people by id.
        team: our team members' names by id.
        affiliates: how many affiliates the analysis includes (said in the title).
    """
    title = f"{insights.account_name} — insights on {insights.today.isoformat()}"
    if affiliates:
        title += f" (with {affiliates} affiliate{'s' if affiliates != 1 else ''})"
    lines = [title, "=" * len(title), "", f"Health score {insights.score.value}/100"]
    lines += [f"  -{r.points_lost:4.1f}  {r.reason}" for r in insights.score.reasons]
    lines += ["", "Coverage (engaged/known people; * = a decision maker sits there)"]
    lines += _grid_lines(insights.coverage)
    lines += [breadth_line(insights.coverage), ""]
    lines += ["Contact concentration", "  " + concentration_line(insights.concentration), ""]
    lines += _finding_lines(insights)
    lines += politics_lines(insights)
    lines += ["Promise-keeping", "  " + promise_line(insights.promises.account)]
    for due in insights.promises.overdue:
        lines.append(f"  OVERDUE {due.days_late} days: {due.promise} (due {due.due_on})")
    for member, record in insights.promises.by_team_member.items():
        lines.append(f"  {_member_name(member, team)}: {promise_line(record)}")
    lines += ["", "Plan", "  " + freshness_line(insights.freshness), ""]
    lines.append("Next best contacts")
    lines += [f"  {n}. {s.reason}" for n, s in enumerate(insights.next_contacts, 1)] or [
        "  Nobody to suggest."
    ]
    if insights.nudge is not None:
        lines += ["", f"This week: {insights.nudge.reason}", f"  {insights.nudge.ask}"]
    return "\n".join(lines) + "\n"


def _grid_lines(coverage: Coverage) -> list[str]:
    """The department × level grid as a text table."""
    if not coverage.departments:
        return ["  Nobody known yet."]
    width = max(len(department) for department in coverage.departments) + 2
    header = " " * width + "".join(f"{level_name(level):>10}" for level in coverage.levels)
    lines = ["  " + header]
    for department in coverage.departments:
        cells = []
        for level in coverage.levels:
            cell = coverage.cells.get((department, level))
            text = "·" if cell is None else f"{cell.engaged_count}/{len(cell.person_ids)}"
            if cell is not None and cell.has_decision_maker:
                text += "*"
            cells.append(f"{text:>10}")
        lines.append("  " + f"{department:<{width}}" + "".join(cells))
    return lines


#: The headings of the findings that cost no points: the politics, and what lacks evidence.
POLITICS_TITLE = "Politics"
DOUBTS_TITLE = "Uncertain ratings (no evidence within the review cadence)"


def politics_lines(insights: AccountInsights) -> list[str]:
    """The politics and uncertain-rating findings, each under its heading (none: nothing)."""
    lines: list[str] = []
    for heading, reasons in (
        (POLITICS_TITLE, [finding.reason for finding in insights.politics]),
        (DOUBTS_TITLE, [finding.reason for finding in insights.doubts]),
    ):
        if reasons:
            lines += [f"{heading} ({len(reasons)})", *(f"  - {r}" for r in reasons), ""]
    return lines


def _finding_lines(insights: AccountInsights) -> list[str]:
    """The relationship findings under one heading per kind (kinds with none are left out)."""
    lines: list[str] = []
    if insights.open_seats:
        lines.append(f"Decision makers' seats vacant ({len(insights.open_seats)})")
        lines += [f"  - {seat.reason}" for seat in insights.open_seats]
        lines.append("")
    for kind, heading in FINDING_TITLES.items():
        found = [f for f in insights.health.findings if f.kind is kind]
        if found:
            lines.append(f"{heading} ({len(found)})")
            lines += [f"  - {finding.reason}" for finding in found]
            lines.append("")
    if not lines:
        lines = ["Relationship health", "  No relationship needs attention.", ""]
    return lines
