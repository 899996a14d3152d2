"""The generated portfolio's relationships and plan items, account by account.

Kept apart from ``synthetic.py`` (people and interactions) so that each file stays readable.
Quantities scale with an account's size: a 5,000-person umbrella gets many influence lines and
promises, a 20-person customer a handful.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from keyplan.store.demo import stories
from keyplan.store.demo.rows import RowBatch
from keyplan.store.models import (
    Action,
    Commitment,
    CompetitorPresence,
    InfluenceLine,
    Objective,
    Opportunity,
    RelationshipOwner,
    Risk,
    WhitespaceCell,
)

if TYPE_CHECKING:
    from keyplan.store.demo.synthetic import SyntheticAccount

_SENIOR = {"c_level", "vp", "director"}
_INFLUENCE_KINDS = ("influences", "influences", "ally", "rival", "mentor", "sponsor")
_RULES = ("open_to_team", "coordinate", "coordinate", "owner_only")
_STAGES = ("identified", "qualified", "proposal", "negotiation", "closed_won", "closed_lost")
_WHITESPACE = ("installed", "in_pursuit", "opportunity", "not_relevant", "competitor_holds")
_COMPETITORS = (
    "Vantora Consulting", "Kestrel Cloud", "Orbis Digital", "Tessera Analytics",
    "Helix Systems", "Brightline Partners", "Quorum IT",
)  # fmt: skip
_RISKS = (
    "Budget freeze in the next cost review could stop the largest open opportunity.",
    "Our main contact may move on; nobody else knows us as well.",
    "A competitor is offering the same services at a lower day rate.",
    "Service incidents last quarter hurt our reputation with operations.",
)
_OBJECTIVES = (
    ("Broaden relationships beyond IT", "Departments with a working relationship", "5"),
    ("Grow revenue with the account by 15 %", "Annual revenue", "+15 %"),
    ("Keep every promise on time", "Commitments kept on time", "100 %"),
    ("Meet every decision maker twice a year", "Decision makers met", "All"),
)
_ACTIONS = (
    "Prepare the quarterly business review",
    "Introduce our specialist to the new contact",
    "Send the reference case study",
    "Follow up on the proposal",
    "Plan a site visit",
    "Update the stakeholder map after the reorganisation",
)
_PROMISES = (
    "Send the proposal",
    "Share the reference case",
    "Deliver the assessment report",
    "Fix the reported incident",
    "Provide the pricing options",
    "Arrange an expert session",
)


def add_relationships(
    batch: RowBatch, rng: random.Random, accounts: Sequence[SyntheticAccount], team: list[int]
) -> None:
    """Influence lines among senior people, and owners for our strongest relationships."""
    for account in accounts:
        _add_influence_lines(batch, rng, account)
        for person_id, row in zip(account.people, account.rows, strict=True):
            if row["strength"] < 3:
                continue
            batch.add(
                RelationshipOwner,
                stakeholder_id=person_id,
                team_member_id=account.lead_member,
                rule=rng.choice(_RULES),
            )
            row["preferred_team_member_id"] = account.lead_member
            other = rng.choice(team)
            if other != account.lead_member and rng.random() < 0.3:
                batch.add(
                    RelationshipOwner,
                    stakeholder_id=person_id,
                    team_member_id=other,
                    rule="open_to_team",
                )


def _add_influence_lines(batch: RowBatch, rng: random.Random, account: SyntheticAccount) -> None:
    pairs = zip(account.people, account.rows, strict=True)
    seniors = [person_id for person_id, row in pairs if row["level"] in _SENIOR]
    candidates = seniors if len(seniors) >= 2 else account.people
    if len(candidates) < 2:
        return
    seen: set[tuple[int, int]] = set()
    for _ in range(max(1, len(account.people) // 40)):
        source, target = rng.sample(candidates, 2)
        if (source, target) in seen:
            continue
        seen.add((source, target))
        batch.add(
            InfluenceLine,
            from_stakeholder_id=source,
            to_stakeholder_id=target,
            kind=rng.choice(_INFLUENCE_KINDS),
            strength=rng.randint(1, 3),
        )


def add_plan(
    batch: RowBatch,
    rng: random.Random,
    today: date,
    accounts: Sequence[SyntheticAccount],
    team: list[int],
    offerings: list[int],
) -> None:
    """Opportunities, whitespace, competitors, risks, objectives, actions and commitments."""
    names = {
        offering_id: name
        for offering_id, (_key, name, _text) in zip(offerings, stories.OFFERINGS, strict=True)
    }
    for account in accounts:
        departments = sorted({row["department"] for row in account.rows} - {"Executive"})[:6]
        departments = departments or ["IT"]
        opportunity_ids = _add_opportunities(batch, rng, today, account, departments, names)
        _add_whitespace(batch, rng, account, departments, offerings)
        for _ in range(rng.randint(0, 3)):
            batch.add(
                CompetitorPresence,
                account_id=account.id,
                competitor=rng.choice(_COMPETITORS),
                area=rng.choice(departments),
                threat_level=rng.choice(("high", "medium", "low")),
            )
        for description in rng.sample(_RISKS, rng.randint(1, 3)):
            batch.add(
                Risk,
                account_id=account.id,
                description=description,
                likelihood=rng.choice(("high", "medium", "low")),
                impact=rng.choice(("high", "medium", "low")),
                owner_id=account.lead_member,
                status=rng.choice(("open", "open", "mitigated", "closed")),
            )
        _add_objectives_and_actions(batch, rng, today, account, team, opportunity_ids)
        _add_commitments(batch, rng, today, account, team)


def _add_opportunities(
    batch: RowBatch,
    rng: random.Random,
    today: date,
    account: SyntheticAccount,
    departments: list[str],
    offering_names: dict[int, str],
) -> list[int]:
    ids = []
    for _ in range(rng.randint(1, 6)):
        offering_id = rng.choice(list(offering_names))
        department = rng.choice(departments)
        stage = rng.choice(_STAGES)
        closed = stage.startswith("closed")
        status = {"closed_won": "won", "closed_lost": "lost"}.get(stage, "open")
        offset = -rng.randint(10, 300) if closed else rng.randint(10, 300)
        ids.append(
            batch.add(
                Opportunity,
                account_id=account.id,
                name=f"{offering_names[offering_id]} for {department}",
                department=department,
                offering_id=offering_id,
                value=round(rng.lognormvariate(12, 1.0), -3),
                currency=account.country.currency,
                stage=stage,
                probability={"won": 100, "lost": 0}.get(status, rng.choice((10, 25, 40, 60))),
                expected_close_on=today + timedelta(days=offset),
                status=status,
            )
        )
    return ids


def _add_whitespace(
    batch: RowBatch,
    rng: random.Random,
    account: SyntheticAccount,
    departments: list[str],
    offerings: list[int],
) -> None:
    for department in departments:
        for offering_id in offerings:
            if rng.random() < 0.3:
                continue  # nothing known yet: the gaps are part of the picture
            batch.add(
                WhitespaceCell,
                account_id=account.id,
                department=department,
                offering_id=offering_id,
                status=rng.choice(_WHITESPACE),
            )


def _add_objectives_and_actions(
    batch: RowBatch,
    rng: random.Random,
    today: date,
    account: SyntheticAccount,
    team: list[int],
    opportunity_ids: list[int],
) -> None:
    objective_ids = []
    for description, measure, target in rng.sample(_OBJECTIVES, rng.randint(1, 3)):
        objective_ids.append(
            batch.add(
                Objective,
                account_id=account.id,
                description=description,
                measure=measure,
                target=target,
                due_on=today + timedelta(days=rng.randint(-30, 270)),
                status=rng.choice(("not_started", "in_progress", "in_progress", "done")),
            )
        )
    for _ in range(rng.randint(2, 6)):
        batch.add(
            Action,
            account_id=account.id,
            description=rng.choice(_ACTIONS),
            owner_id=rng.choice(team),
            due_on=today + timedelta(days=rng.randint(-20, 60)),
            status=rng.choice(("not_started", "in_progress", "done")),
            stakeholder_id=rng.choice(account.people) if rng.random() < 0.6 else None,
            opportunity_id=rng.choice(opportunity_ids) if rng.random() < 0.4 else None,
            objective_id=rng.choice(objective_ids) if rng.random() < 0.4 else None,
        )


def _add_commitments(
    batch: RowBatch,
    rng: random.Random,
    today: date,
    account: SyntheticAccount,
    team: list[int],
) -> None:
    for _ in range(max(1, len(account.people) // 50)):
        made = today - timedelta(days=rng.randint(5, 330))
        due = made + timedelta(days=rng.randint(7, 60))
        status = rng.choices(("kept", "late", "open", "broken"), (50, 15, 30, 5))[0]
        if status in ("kept", "late") and due >= today:
            status = "open"  # not due yet: cannot have been delivered late
        delivered = None
        if status == "kept":
            delivered = due - timedelta(days=rng.randint(0, 5))
        elif status == "late":
            delivered = min(today, due + timedelta(days=rng.randint(1, 30)))
        batch.add(
            Commitment,
            account_id=account.id,
            promise=rng.choice(_PROMISES),
            to_stakeholder_id=rng.choice(account.people),
            by_team_member_id=rng.choice([account.lead_member, *team[:4]]),
            made_on=made,
            due_on=due,
            status=status,
            delivered_on=delivered,
        )
