"""Benchmark: PDF exports of a 500-person account (and of the demo umbrella when available).

Run: ``.venv/bin/python tests/benchmarks/bench_pdf.py [--people 500] [--repeat 5]``.
Prints figures only (no asserts): font registration and the first (cold) export separately,
then the median of warm runs for the internal plan, the customer-safe plan and the brief,
each with its page count, wall and CPU time. Targets (BENCHMARKS.md): internal plan for 500
people ≤ 1 s, meeting brief ≤ 100 ms. Times are in-process; whole-process timing is not required
here.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import insert

from keyplan.store.database import Database, open_database
from keyplan.store.models import (
    Action,
    Commitment,
    CompetitorPresence,
    InfluenceLine,
    Interaction,
    InteractionStakeholder,
    Objective,
    Offering,
    Opportunity,
    RelationshipOwner,
    Risk,
    Stakeholder,
    TeamMember,
    WhitespaceCell,
)
from keyplan.store.people import edits

TODAY = date(2026, 11, 23)
DEPARTMENTS = (
    "Finance",
    "IT",
    "Operations",
    "Procurement",
    "Sales",
    "Marketing",
    "Legal",
    "HR",
    "R&D",
    "Quality",
)
LEVELS = ("c_level", "vp", "director", "manager", "individual")
STANCES = ("unknown", "neutral", "supporter", "skeptic", "champion", "blocker")
FIRST = (
    "Anna",
    "Björn",
    "Chloé",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Katarzyna",
    "Liam",
    "Mei",
    "Nikos",
    "Olga",
    "Pedro",
    "Quentin",
    "Rania",
    "Sven",
    "Yuki",
)
LAST = (
    "Andersen",
    "Bauer",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Horvath",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Müller",
    "Nakamura",
    "Oliveira",
    "Papadakis",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Weber",
)


def build_account(db: Database, people: int, seed: int = 7) -> int:
    """One account of ``people`` people in a deep reporting tree, with a full plan."""
    rng = random.Random(seed)
    account_id = edits.add_account(
        db,
        "Benchmark Holding SE",
        tier="strategic",
        status="active",
        currency="EUR",
        annual_revenue=3_000_000,
        potential=12_000_000,
        mission="Benchmark mission.\n" * 3,
        strategy="- Grow\n- Expand\n- Save",
        review_cadence_days=90,
        last_review_on=TODAY - timedelta(days=40),
    )
    rows, managers_by_level = [], {0: [1]}
    for person_id in range(1, people + 1):
        depth = 0 if person_id == 1 else min(4, 1 + int(rng.random() * 4))
        while depth and not managers_by_level.get(depth - 1):
            depth -= 1
        manager = rng.choice(managers_by_level[depth - 1]) if depth else None
        if person_id != 1:
            managers_by_level.setdefault(depth, []).append(person_id)
        stance = rng.choice(STANCES)
        rows.append(
            dict(
                id=person_id,
                account_id=account_id,
                full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {person_id}",
                job_title=f"{LEVELS[depth].replace('_', ' ').title()} {rng.choice(DEPARTMENTS)}",
                department=rng.choice(DEPARTMENTS),
                level=LEVELS[depth],
                reports_to_id=manager,
                buying_role=rng.choice(("decision_maker", "user", "influencer", "none")),
                influence=rng.choice(("high", "medium", "low")),
                stance=stance,
                strength=rng.randint(0, 4),
                priorities="- Cost\n- Speed",
                major_challenge="Integration of the new ERP system across all plants",
            )
        )
    with db.transaction() as s:
        s.execute(insert(Stakeholder), rows)
        team = [
            TeamMember(name=f"Teammate {i}", role="specialist", account_id=account_id)
            for i in range(8)
        ]
        team[0].role = "account_director"
        s.add_all(team)
        offerings = [Offering(name=f"Offering {i}") for i in range(6)]
        s.add_all(offerings)
        s.flush()
        _plan_items(s, rng, account_id, people, team, offerings)
    return account_id


def _plan_items(s, rng, account_id, people, team, offerings) -> None:
    ids = range(1, people + 1)
    s.execute(
        insert(RelationshipOwner),
        [
            dict(stakeholder_id=i, team_member_id=rng.choice(team).id, rule="coordinate")
            for i in rng.sample(ids, people // 3)
        ],
    )
    s.execute(
        insert(InfluenceLine),
        [
            dict(from_stakeholder_id=a, to_stakeholder_id=a % people + 1, kind="ally")
            for a in rng.sample(ids, 30)
        ],
    )
    s.execute(
        insert(WhitespaceCell),
        [
            dict(
                account_id=account_id,
                department=d,
                offering_id=o.id,
                status=rng.choice(("installed", "opportunity", "in_pursuit", "competitor_holds")),
            )
            for d in DEPARTMENTS
            for o in offerings
        ],
    )
    due = lambda: TODAY + timedelta(days=rng.randint(-90, 180))  # noqa: E731
    s.execute(
        insert(Opportunity),
        [
            dict(
                account_id=account_id,
                name=f"Opportunity {i}",
                department=rng.choice(DEPARTMENTS),
                offering_id=rng.choice(offerings).id,
                value=rng.randint(5, 500) * 1000,
                probability=rng.choice((10, 30, 50, 70)),
                expected_close_on=due(),
            )
            for i in range(40)
        ],
    )
    s.execute(
        insert(CompetitorPresence),
        [
            dict(
                account_id=account_id,
                competitor=f"Competitor {i}",
                area="Services",
                threat_level=rng.choice(("high", "medium", "low")),
                notes="Strong locally.",
            )
            for i in range(8)
        ],
    )
    s.execute(
        insert(Risk),
        [
            dict(account_id=account_id, description=f"Risk {i}", mitigation="Watch closely.")
            for i in range(12)
        ],
    )
    s.execute(
        insert(Objective),
        [dict(account_id=account_id, description=f"Objective {i}", due_on=due()) for i in range(8)],
    )
    s.execute(
        insert(Action),
        [
            dict(
                account_id=account_id,
                description=f"Action {i}",
                owner_id=rng.choice(team).id,
                due_on=due(),
                stakeholder_id=rng.choice(ids),
            )
            for i in range(60)
        ],
    )
    s.execute(
        insert(Commitment),
        [
            dict(
                account_id=account_id,
                promise=f"Promise {i}",
                to_stakeholder_id=rng.choice(ids),
                by_team_member_id=rng.choice(team).id,
                due_on=due(),
                status=rng.choice(("open", "kept")),
            )
            for i in range(50)
        ],
    )
    meetings = [
        dict(
            id=i,
            account_id=account_id,
            occurred_on=due() - timedelta(days=200),
            summary=f"Meeting {i}",
        )
        for i in range(1, people * 3 + 1)
    ]
    s.execute(insert(Interaction), meetings)
    s.execute(
        insert(InteractionStakeholder),
        [dict(interaction_id=m["id"], stakeholder_id=rng.choice(ids)) for m in meetings],
    )


def synthetic_account(db: Database, people: int) -> tuple[int, str]:
    """The umbrella of the shared synthetic generator when it exists, else our own account.

    The generator puts ~55% of everyone in its largest umbrella, so it is asked for
    ``people / 0.55`` people to give an umbrella of about ``people``.
    """
    try:
        from keyplan.store.demo import create_synthetic_portfolio
    except ImportError:
        return build_account(db, people), "own bulk generator"
    from keyplan.store.people.queries import people as people_of
    from keyplan.store.people.queries import portfolio

    create_synthetic_portfolio(db, people=round(people / 0.55))
    umbrellas = [row.id for row in portfolio(db) if row.parent_id is None]
    largest = max(umbrellas, key=lambda i: len(people_of(db, i, with_affiliates=True)))
    return largest, "keyplan.store.demo.create_synthetic_portfolio"


def _time(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _times(action) -> tuple[float, float]:
    """Wall time and this process's CPU time of one run (CPU: less disturbed by other load)."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def _pages(path: Path) -> int:
    return len(PdfReader(path).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from keyplan.reports import fonts
    from keyplan.reports.export import export_pdf
    from keyplan.store.people.queries import people as people_of

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.keyplan")
        seconds, (account_id, source) = _time(lambda: synthetic_account(db, args.people))
        everyone = people_of(db, account_id, with_affiliates=True)
        print(f"built an account of {len(everyone)} people with {source} in {seconds:.2f} s")
        names = [p["full_name"] for p in everyone[:3]]
        out = Path(folder)

        seconds, _ = _time(fonts.ensure_fonts)
        print(f"font registration (once per process): {seconds * 1000:.0f} ms")

        def export(variant: str) -> Path:
            return export_pdf(
                db,
                account_id,
                variant,
                out / f"{variant}.pdf",
                today=TODAY,
                people=names if variant == "brief" else None,
            )

        seconds, path = _time(lambda: export("internal"))
        print(
            f"first internal export (cold: imports, styles): {seconds:.2f} s, {_pages(path)} pages"
        )
        targets = {"internal": 1.0, "customer": 2.0, "brief": 0.1}  # BENCHMARKS.md
        for variant, target in targets.items():
            runs = [_times(lambda v=variant: export(v)) for _ in range(args.repeat)]
            walls, cpus = [wall for wall, _ in runs], [cpu for _, cpu in runs]
            print(
                f"{variant:9s} median {statistics.median(walls) * 1000:7.0f} ms "
                f"(min {min(walls) * 1000:.0f}, max {max(walls) * 1000:.0f}; "
                f"CPU median {statistics.median(cpus) * 1000:.0f} ms; "
                f"target ≤ {target * 1000:.0f} ms), {_pages(out / f'{variant}.pdf')} pages"
            )
        db.close()


if __name__ == "__main__":
    main()
