"""Writing the demo plans' items (see ``plan_items``) as rows.

Kept apart from ``portfolio.py``, which writes the accounts, people and interactions these
rows refer to; ``DemoPlanRows`` receives their ids by key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from keyplan.store.demo import plan_items, stories
from keyplan.store.demo.rows import RowBatch
from keyplan.store.models import (
    Action,
    Commitment,
    CompetitorPresence,
    Objective,
    Opportunity,
    Risk,
    WhitespaceCell,
)

_WHITESPACE_CODES = {
    "I": "installed",
    "P": "in_pursuit",
    "O": "opportunity",
    "N": "not_relevant",
    "C": "competitor_holds",
}


class DemoPlanRows:
    """Adds the plan items of every demo account, resolving keys to the ids already given."""

    def __init__(
        self,
        batch: RowBatch,
        day: Callable[[int | None], date | None],
        *,
        account_ids: Mapping[str, int],
        currencies: Mapping[str, str],
        team_ids: Mapping[str, int],
        offering_ids: Mapping[str, int],
        person_ids: Mapping[str, int],
    ) -> None:
        self.batch, self.day = batch, day
        self.account_ids, self.currencies = account_ids, currencies
        self.team_ids, self.offering_ids, self.person_ids = team_ids, offering_ids, person_ids
        self.opportunity_ids: dict[str, int] = {}
        self.objective_ids: dict[str, int] = {}

    def add_all(self) -> None:
        """Opportunities, whitespace, competitors, risks, objectives, actions, commitments."""
        self.add_opportunities()
        self.add_whitespace()
        self.add_competitors_and_risks()
        self.add_objectives_and_actions()
        self.add_commitments()

    def add_opportunities(self) -> None:
        """Opportunities, each in the currency of its account."""
        for item in plan_items.OPPORTUNITIES:
            account, name, department, offering, value, stage, probability, close, status = item
            self.opportunity_ids[name] = self.batch.add(
                Opportunity,
                account_id=self.account_ids[account],
                name=name,
                department=department,
                offering_id=self.offering_ids[offering],
                value=float(value),
                currency=self.currencies[account],
                stage=stage,
                probability=probability,
                expected_close_on=self.day(close),
                status=status,
            )

    def add_whitespace(self) -> None:
        """Whitespace cells from the department × offering matrices."""
        offering_keys = [key for key, _name, _description in stories.OFFERINGS]
        for account, matrix in plan_items.WHITESPACE.items():
            for line in matrix.strip().splitlines():
                department, *codes = line.split()
                for offering, code in zip(offering_keys, codes, strict=True):
                    if code == ".":
                        continue
                    self.batch.add(
                        WhitespaceCell,
                        account_id=self.account_ids[account],
                        department=department,
                        offering_id=self.offering_ids[offering],
                        status=_WHITESPACE_CODES[code],
                    )

    def add_competitors_and_risks(self) -> None:
        """Where competitors sit, and the risks to the relationship."""
        for account, competitor, area, threat, notes in plan_items.COMPETITORS:
            self.batch.add(
                CompetitorPresence,
                account_id=self.account_ids[account],
                competitor=competitor,
                area=area,
                threat_level=threat,
                notes=notes,
            )
        for account, description, likelihood, impact, mitigation, owner, status in plan_items.RISKS:
            self.batch.add(
                Risk,
                account_id=self.account_ids[account],
                description=description,
                likelihood=likelihood,
                impact=impact,
                mitigation=mitigation,
                owner_id=self.team_ids[owner],
                status=status,
            )

    def add_objectives_and_actions(self) -> None:
        """Our objectives, and the actions that serve them."""
        for key, account, description, measure, target, due, status in plan_items.OBJECTIVES:
            self.objective_ids[key] = self.batch.add(
                Objective,
                account_id=self.account_ids[account],
                description=description,
                measure=measure,
                target=target,
                due_on=self.day(due),
                status=status,
            )
        for item in plan_items.ACTIONS:
            account, description, owner, due, status, person, opportunity, objective = item
            self.batch.add(
                Action,
                account_id=self.account_ids[account],
                description=description,
                owner_id=self.team_ids[owner],
                due_on=self.day(due),
                status=status,
                stakeholder_id=self.person_ids[person] if person else None,
                opportunity_id=self.opportunity_ids[opportunity] if opportunity else None,
                objective_id=self.objective_ids[objective] if objective else None,
            )

    def add_commitments(self) -> None:
        """Promises made, with their outcome (kept, late, open or broken)."""
        for item in plan_items.COMMITMENTS:
            account, promise, person, member, made, due, status, delivered = item
            self.batch.add(
                Commitment,
                account_id=self.account_ids[account],
                promise=promise,
                to_stakeholder_id=self.person_ids[person],
                by_team_member_id=self.team_ids[member],
                made_on=self.day(made),
                due_on=self.day(due),
                status=status,
                delivered_on=self.day(delivered),
            )
