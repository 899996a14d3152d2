"""Timing sanity check for the insights: a portfolio of 100 accounts, 20,000 people.

Run with ``.venv/bin/python tests/benchmarks/bench_insights_domain.py``. It prints figures and
asserts nothing: the dashboard analyses every account on start-up, so this should stay well
under the ~100 ms per screen the architecture allows before work moves off the GUI thread.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

from keyplan.domain.insights import (
    AccountFacts,
    ActionFacts,
    CommitmentFacts,
    InteractionFacts,
    PersonFacts,
    analyse_account,
)
from keyplan.domain.plan_vocabulary import WorkStatus
from keyplan.domain.vocabulary import (
    BuyingRole,
    CommitmentStatus,
    Influence,
    Level,
    Stance,
    Strength,
)

TODAY = date(2025, 6, 2)
ACCOUNTS = 100
PEOPLE_PER_ACCOUNT = 200
INTERACTIONS_PER_ACCOUNT = 600
DEPARTMENTS = ("Finance", "IT", "Operations", "Procurement", "Legal", "Sales", "HR", "R&D")
OFFERINGS = ("Cloud", "Security", "Analytics", "Support", "Consulting")


def build_account(rng: random.Random, account_id: int) -> AccountFacts:
    """One synthetic account; ids are unique across the portfolio, as in the database."""
    first_person = account_id * PEOPLE_PER_ACCOUNT
    people = tuple(_person(rng, first_person + n, account_id) for n in range(PEOPLE_PER_ACCOUNT))
    # Real accounts are skewed: most contact goes to a few friendly people.
    favourites = [person.id for person in people[:12]]
    ids = [person.id for person in people]
    interactions = tuple(
        InteractionFacts(
            id=account_id * INTERACTIONS_PER_ACCOUNT + n,
            on=TODAY - timedelta(days=rng.randint(-14, 720)),
            person_ids=tuple(
                rng.choice(favourites) if rng.random() < 0.6 else rng.choice(ids)
                for _ in range(rng.choice((1, 1, 1, 2, 3)))
            ),
            team_member_ids=tuple(rng.sample(range(1, 30), rng.choice((1, 1, 2)))),
        )
        for n in range(INTERACTIONS_PER_ACCOUNT)
    )
    return AccountFacts(
        id=account_id,
        name=f"Account {account_id}",
        review_cadence_days=rng.choice((None, 30, 90, 180)),
        last_review_on=rng.choice((None, TODAY - timedelta(days=rng.randint(0, 400)))),
        people=people,
        interactions=interactions,
        commitments=tuple(_commitment(rng, account_id * 40 + n, ids) for n in range(40)),
        actions=tuple(
            ActionFacts(
                account_id * 30 + n, f"Action {n}", rng.choice(list(WorkStatus)), rng.choice(ids)
            )
            for n in range(30)
        ),
        offerings_discussed=tuple(rng.sample(OFFERINGS, rng.randint(0, 4))),
        opportunity_departments=tuple(rng.sample(DEPARTMENTS, 2)),
    )


def _person(rng: random.Random, person_id: int, account_id: int) -> PersonFacts:
    return PersonFacts(
        id=person_id,
        name=f"Person {person_id}",
        account_id=account_id,
        department=rng.choice((*DEPARTMENTS, None)),
        level=rng.choice((*Level, None)),
        buying_role=rng.choices(list(BuyingRole), weights=(1, 2, 4, 1, 1, 2, 10))[0],
        influence=rng.choice((*Influence, None)),
        stance=rng.choice(list(Stance)),
        strength=rng.choices(list(Strength), weights=(8, 5, 4, 2, 1))[0],
        preferred_contact_days=rng.choice((None, None, 30, 60, 90)),
        has_left=rng.random() < 0.05,
        owner_ids=tuple(rng.sample(range(1, 30), rng.choice((0, 0, 1, 2)))),
        major_challenge=rng.choice((None, "cost pressure", "a cloud migration")),
    )


def _commitment(rng: random.Random, commitment_id: int, ids: list[int]) -> CommitmentFacts:
    due = TODAY - timedelta(days=rng.randint(-60, 300))
    return CommitmentFacts(
        id=commitment_id,
        promise=f"Promise {commitment_id}",
        status=rng.choice(list(CommitmentStatus)),
        to_person_id=rng.choice(ids),
        by_team_member_id=rng.randint(1, 30),
        due_on=due,
        delivered_on=due + timedelta(days=rng.randint(-5, 10)),
    )


def main() -> None:
    rng = random.Random(20250602)
    started = time.perf_counter()
    portfolio = [build_account(rng, account_id) for account_id in range(1, ACCOUNTS + 1)]
    built = time.perf_counter() - started
    people = sum(len(account.people) for account in portfolio)
    interactions = sum(len(account.interactions) for account in portfolio)
    print(f"built {len(portfolio)} accounts, {people} people, {interactions} interactions "
          f"in {built:.2f} s")  # fmt: skip

    runs = []
    for _ in range(3):
        timings = []
        for account in portfolio:
            tick = time.perf_counter()
            analyse_account(account, TODAY)
            timings.append(time.perf_counter() - tick)
        runs.append(timings)
    best = min(runs, key=sum)
    print(f"analyse_account over the portfolio: {sum(best) * 1000:.0f} ms (best of 3 runs)")
    print(f"per account: mean {statistics.mean(best) * 1000:.2f} ms, "
          f"max {max(best) * 1000:.2f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
