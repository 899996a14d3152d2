"""A large generated portfolio for benchmarks and for trying Keyplan at scale.

About ``people`` stakeholders spread over roughly one account per 200 people. The largest
account is an umbrella whose affiliates report to the group COO, and together they hold more
than half of everyone, in one deep tidy tree. Interactions (about three per person) crowd onto
the friendly few, as in real life; the plan items are generated per account. Deterministic for
a given seed and day.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from keyplan.domain.errors import RuleViolation
from keyplan.store.database import Database
from keyplan.store.demo import stories
from keyplan.store.demo.names import (
    COUNTRIES,
    COUNTRY_BY_NAME,
    DEPARTMENTS,
    INDUSTRIES,
    Country,
    company_name,
    email_address,
    job_title,
    person_name,
    web_domain,
)
from keyplan.store.demo.orgtree import OrgNode, grow_org, level_of
from keyplan.store.demo.rows import WRITE_ORDER, RowBatch, require_empty
from keyplan.store.demo.synthetic_plan import add_plan, add_relationships
from keyplan.store.id_sequences import move_id_sequences_past_rows
from keyplan.store.models import (
    Account,
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Offering,
    Stakeholder,
    TeamMember,
)

PEOPLE_PER_ACCOUNT = 200
LARGEST_SHARE = 0.55  # of everyone, in the umbrella and its affiliates
INTERACTIONS_PER_PERSON = 3
_AFFILIATE_COUNTRIES = ("Germany", "France", "Brazil", "Poland", "Japan", "Greece")

# Attitude towards us, and the relationship strength that usually goes with it.
_STANCES = ("unknown", "neutral", "supporter", "skeptic", "champion", "blocker")
_STANCE_WEIGHTS = (40, 25, 15, 10, 5, 5)
_STRENGTH_BY_STANCE = {
    "unknown": (0, 0, 0, 1),
    "neutral": (0, 1, 1, 2),
    "supporter": (1, 2, 2, 3),
    "skeptic": (0, 1, 1, 2),
    "champion": (2, 3, 3, 4),
    "blocker": (0, 1, 1, 2),
}
# How much attention a person gets, by strength: the friendly few get most of it.
_CONTACT_WEIGHT = (0.02, 0.3, 1.0, 4.0, 12.0)
_ROLE_BY_LEVEL = {
    "c_level": ("decision_maker", "decision_maker", "influencer"),
    "vp": ("decision_maker", "influencer", "technical_evaluator"),
    "director": ("influencer", "technical_evaluator", "gatekeeper", "decision_maker"),
    "manager": ("user", "technical_evaluator", "gatekeeper", "none"),
    "individual": ("user", "none", "none", "champion_coach"),
}
_INFLUENCE_BY_LEVEL = {
    "c_level": "high",
    "vp": "high",
    "director": "medium",
    "manager": "medium",
    "individual": "low",
}
_CHANNEL_BY_LEVEL = {
    "c_level": "in_person",
    "vp": "video",
    "director": "video",
    "manager": "email",
    "individual": "message",
}
_CHALLENGES = (
    "Cut costs in {dept} by 10 % without hurting service.",
    "Replace the ageing systems in {dept} before support ends.",
    "Hire and keep skilled people in {dept}.",
    "Prove the value of last year's investments in {dept} to the board.",
    "Integrate the {dept} teams of a recent acquisition.",
)


@dataclass
class SyntheticAccount:
    """An account being generated: its id, where it is, and its people's ids."""

    id: int
    name: str
    country: Country
    domain: str
    lead_member: int
    people: list[int] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # the people's rows, parallel to ``people``
    people_strength: list[int] = field(default_factory=list)
    managers: dict[int, int] = field(default_factory=dict)  # person id -> manager id


def create_synthetic_portfolio(
    db: Database,
    people: int,
    seed: int = 7,
    *,
    today: date | None = None,
    largest_share: float = LARGEST_SHARE,
) -> None:
    """Fill an empty database with a generated portfolio of about ``people`` stakeholders.

    Args:
        db: an open, empty Keyplan database.
        people: how many people in total (the result is exact).
        seed: seed of the random generator; the same seed and day give the same portfolio.
        today: the day the dates are relative to; defaults to the real today.
        largest_share: the part of everyone in the umbrella and its affiliates: over half
            for one director's portfolio; a sales team's thousand accounts share theirs
            more evenly (the team benchmark uses 1 %).

    Raises:
        RuleViolation: ``people`` is below 1, or the database already holds accounts.
    """
    if people < 1:
        raise RuleViolation("A synthetic portfolio needs at least one person.")
    with db.transaction() as session:
        require_empty(session)
        batch = RowBatch(session)
        builder = _SyntheticBuilder(batch, random.Random(seed), today or date.today())
        builder.build(people, largest_share)
        batch.write()
        # On a team database, ids added later must continue after the ones given here.
        move_id_sequences_past_rows(session, [model.__table__ for model in WRITE_ORDER])


class _SyntheticBuilder:
    def __init__(self, batch: RowBatch, rng: random.Random, today: date) -> None:
        self.batch, self.rng, self.today = batch, rng, today
        self.accounts: list[SyntheticAccount] = []
        self.team: list[int] = []
        self.offerings = [
            batch.add(Offering, name=name, description=description)
            for _key, name, description in stories.OFFERINGS
        ]
        self.used_names: set[str] = set()

    def build(self, people: int, largest_share: float = LARGEST_SHARE) -> None:
        sizes = _account_sizes(self.rng, people, largest_share)
        self._add_team(len(sizes))
        self._add_umbrella(sizes[0])
        for size in sizes[1:]:
            self._add_account(size)
        for account in self.accounts:
            self._add_interactions(account)
        add_relationships(self.batch, self.rng, self.accounts, self.team)
        add_plan(self.batch, self.rng, self.today, self.accounts, self.team, self.offerings)

    # ---- team and accounts -----------------------------------------------------------------

    def _add_team(self, account_count: int) -> None:
        """You, and colleagues: more specialists as the portfolio grows."""
        roles = ["executive_sponsor", "solution_architect", "specialist", "service_manager"]
        roles += ["specialist", "solution_architect"] + ["specialist"] * (account_count // 10)
        self.team.append(self._add_team_member("Alex Morgan (you)", "account_director"))
        for role in roles:
            name = person_name(self.rng, self.rng.choice(COUNTRIES[:7]))[0]
            self.team.append(self._add_team_member(name, role))

    def _add_team_member(self, name: str, role: str, account_id: int | None = None) -> int:
        number = self.batch.count(TeamMember) + 1
        email = f"team{number}@northlight.example"
        return self.batch.add(TeamMember, name=name, role=role, email=email, account_id=account_id)

    def _new_account(self, country: Country, parent: SyntheticAccount | None) -> SyntheticAccount:
        industry, word = self.rng.choice(INDUSTRIES)
        if parent is None:
            name = company_name(self.rng, self.used_names, word, country.legal_suffix)
        else:
            name = f"{parent.name.rsplit(' ', 1)[0]} {country.name} {country.legal_suffix}"
        revenue = round(self.rng.lognormvariate(13.5, 1.0), -3)
        domain = parent.domain if parent else web_domain(name)
        account_id = self.batch.add(
            Account,
            name=name,
            parent_id=parent.id if parent else None,
            industry=industry,
            region=country.region,
            country=country.name,
            tier=self.rng.choice(("strategic", "key", "key", "growth", "growth", "maintain")),
            currency=country.currency,
            annual_revenue=revenue,
            potential=round(revenue * self.rng.uniform(1.5, 5.0), -3),
            status=self.rng.choice(("active",) * 8 + ("prospect", "dormant")),
            website=f"https://{domain}",
            review_cadence_days=self.rng.choice((60, 90, 90, 120, 180)),
            last_review_on=self.today - timedelta(days=self.rng.randint(5, 300)),
            mission=f"Serve our customers in {industry.lower()} better than anyone in "
            f"{country.region}.",
            current_objectives="Grow revenue 8 % a year; cut operating costs; modernise core "
            "systems.",
            strategy="Organic growth in the home market and selective acquisitions abroad.",
        )
        # "You" lead the group and half of the other accounts; colleagues lead the rest.
        mine = parent is not None or not self.accounts or self.rng.random() < 0.5
        lead = self.team[0] if mine else self.rng.choice(self.team[1:])
        account = SyntheticAccount(
            id=account_id, name=name, country=country, domain=domain, lead_member=lead
        )
        self.accounts.append(account)
        return account

    def _add_umbrella(self, size: int) -> None:
        """The group and its affiliates, one tree: affiliate heads report to the group COO."""
        umbrella = self._new_account(COUNTRY_BY_NAME["Sweden"], None)
        affiliate_count = min(len(_AFFILIATE_COUNTRIES), size // 400)
        head_office = size if affiliate_count == 0 else max(1, round(size * 0.4))
        nodes = grow_org(self.rng, head_office, DEPARTMENTS)
        ids = self._add_people(umbrella, nodes, manager_of_top=None)
        coo = _department_head(nodes, ids, "Operations")
        rest = size - head_office
        weights = [self.rng.uniform(0.5, 1.5) for _ in range(affiliate_count)]
        shares = _shares(rest, weights) if affiliate_count else []
        for country_name, share in zip(_AFFILIATE_COUNTRIES, shares, strict=False):
            if share < 1:
                continue
            affiliate = self._new_account(COUNTRY_BY_NAME[country_name], umbrella)
            # Each affiliate has a local rep of ours, who leads the day-to-day contact there.
            rep_name = person_name(self.rng, affiliate.country)[0]
            affiliate.lead_member = self._add_team_member(rep_name, "local_rep", affiliate.id)
            affiliate_nodes = grow_org(self.rng, share, DEPARTMENTS[:8], first_depth=1)
            self._add_people(affiliate, affiliate_nodes, manager_of_top=coo)

    def _add_account(self, size: int) -> None:
        account = self._new_account(self.rng.choice(COUNTRIES), None)
        self._add_people(account, grow_org(self.rng, size, DEPARTMENTS[:7]), manager_of_top=None)

    # ---- people ----------------------------------------------------------------------------

    def _add_people(
        self, account: SyntheticAccount, nodes: list[OrgNode], manager_of_top: int | None
    ) -> list[int]:
        ids: list[int] = []
        city = account.country.cities[0]
        location = f"{city}, {account.country.name}"
        for node in nodes:
            manager = manager_of_top if node.parent is None else ids[node.parent]
            row = self._person(account, node, manager, location)
            person_id = self.batch.add_row(Stakeholder, row)
            ids.append(person_id)
            account.people.append(person_id)
            account.rows.append(row)
            if manager is not None:
                account.managers[person_id] = manager
        return ids

    def _person(
        self, account: SyntheticAccount, node: OrgNode, manager: int | None, location: str
    ) -> dict:
        rng = self.rng
        level = level_of(node)
        name, latin = person_name(rng, account.country)
        stance = rng.choices(_STANCES, _STANCE_WEIGHTS)[0]
        strength = rng.choice(_STRENGTH_BY_STANCE[stance])
        account.people_strength.append(strength)
        department = node.department
        challenge = None
        if rng.random() < 0.08:
            challenge = rng.choice(_CHALLENGES).format(dept=department)
        return dict(
            account_id=account.id,
            full_name=name,
            job_title=_title(rng, node, level),
            department=department,
            level=level,
            location=location,
            email=email_address(latin, account.domain),
            phone=None,
            reports_to_id=manager,
            buying_role=rng.choice(_ROLE_BY_LEVEL[level]),
            influence=_INFLUENCE_BY_LEVEL[level],
            stance=stance,
            strength=strength,
            contact_frequency_days=rng.choice((14, 30, 30, 45, 60, 90, None)),
            preferred_channel=_CHANNEL_BY_LEVEL[level],
            major_challenge=challenge,
            has_left=rng.random() < 0.005,
        )

    # ---- interactions ----------------------------------------------------------------------

    def _add_interactions(self, account: SyntheticAccount) -> None:
        rng, batch = self.rng, self.batch
        count = INTERACTIONS_PER_PERSON * len(account.people)
        weights = [_CONTACT_WEIGHT[strength] for strength in account.people_strength]
        cumulative = list(_running_sum(weights))
        primaries = rng.choices(range(len(account.people)), cum_weights=cumulative, k=count)
        helpers = [member for member in self.team if member != account.lead_member]
        for position in primaries:
            person_id, row = account.people[position], account.rows[position]
            topics = stories.TOPICS.get(row["department"], (stories.DEFAULT_TOPIC,))
            summary, next_step = rng.choice(topics)
            interaction_id = batch.add(
                Interaction,
                account_id=account.id,
                occurred_on=self.today - timedelta(days=rng.randint(1, 365)),
                channel=rng.choice(("in_person", "video", "video", "phone", "email")),
                summary=summary.format(first=row["full_name"].split()[0]),
                next_step=next_step,
            )
            batch.add(
                InteractionStakeholder, interaction_id=interaction_id, stakeholder_id=person_id
            )
            manager = account.managers.get(person_id)
            if manager is not None and rng.random() < 0.3:
                batch.add(
                    InteractionStakeholder, interaction_id=interaction_id, stakeholder_id=manager
                )
            batch.add(
                InteractionTeamMember,
                interaction_id=interaction_id,
                team_member_id=account.lead_member,
            )
            if rng.random() < 0.35:
                batch.add(
                    InteractionTeamMember,
                    interaction_id=interaction_id,
                    team_member_id=rng.choice(helpers),
                )


def _title(rng: random.Random, node: OrgNode, level: str) -> str:
    if node.parent is None:  # the top of a company, or of an affiliate
        return "Chief Executive Officer" if node.depth == 0 else "Managing Director"
    return job_title(rng, level, node.department)


def _account_sizes(
    rng: random.Random, people: int, largest_share: float = LARGEST_SHARE
) -> list[int]:
    """People per top-level account family: the umbrella first (by default over half)."""
    count = max(1, round(people / PEOPLE_PER_ACCOUNT))
    if count == 1:
        return [people]
    largest = math.ceil(people * largest_share)
    others = count - 1
    sizes = _shares(people - largest, [rng.lognormvariate(0, 0.7) for _ in range(others)])
    return [largest] + [size for size in sizes if size > 0]


def _shares(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights``; the parts add up to ``total`` exactly."""
    whole = sum(weights)
    parts = [int(total * weight / whole) for weight in weights]
    for position in range(total - sum(parts)):
        parts[position % len(parts)] += 1
    return parts


def _department_head(nodes: list[OrgNode], ids: list[int], department: str) -> int:
    """The id of the top person's direct report who heads ``department`` (or the top)."""
    for node, person_id in zip(nodes, ids, strict=True):
        if node.parent == 0 and node.department == department:
            return person_id
    return ids[0]


def _running_sum(values: list[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total
