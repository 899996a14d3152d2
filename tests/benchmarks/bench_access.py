"""What the per-account access policies cost on PostgreSQL: counts with and without them.

Run with `python tests/benchmarks/bench_access.py [--accounts N] [--people-each N]` (needs
Debian's postgresql package; it starts a throw-away server as the tests do). Builds N
accounts of M people each (and one influence line per person), grants 20 accounts to a
team member's login, and prints the median time of the same counts:
- as the member, the policies deciding (what the app pays);
- as an admin, with the 20 accounts named by hand (the same rows, no policies);
- as an admin, every row (no filter at all);
and, as the member through Keyplan's store, the portfolio list and the dashboard's facts.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg

from pg_server import PostgresServer, _free_port, _private_root, find_postgres_bin

GRANTED = 20
ROUNDS = 15


def build(server: PostgresServer, accounts: int, people_each: int) -> list[int]:
    from sqlalchemy import create_engine, insert, select

    from keyplan.store.database import open_database
    from keyplan.store.models import Account, InfluenceLine, Stakeholder

    server.execute("CREATE DATABASE bench")
    open_database(server.url("bench")).close()  # the migrations, as the app runs them
    server.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'member') "
        "THEN CREATE ROLE member LOGIN IN ROLE keyplan_member; END IF; END $$"
    )
    engine = create_engine(server.url("bench"))
    with engine.begin() as connection:  # Core inserts with the models' defaults
        connection.execute(insert(Account), [{"name": f"Account {n}"} for n in range(accounts)])
        ids = connection.execute(select(Account.id)).scalars().all()
        connection.execute(insert(Stakeholder), [
            {"account_id": a, "full_name": f"Person {a}-{n}"}
            for a in ids for n in range(people_each)
        ])  # fmt: skip
        people = connection.execute(select(Stakeholder.id).order_by(Stakeholder.id)).scalars()
        people = list(people)
        connection.execute(insert(InfluenceLine), [
            {"from_stakeholder_id": a, "to_stakeholder_id": b}
            for a, b in itertools.pairwise(people)
        ])  # fmt: skip
    engine.dispose()
    with psycopg.connect(dsn(server, "postgres"), autocommit=True) as connection:
        granted = [row[0] for row in connection.execute(
            "SELECT id FROM accounts ORDER BY id DESC LIMIT %s", (GRANTED,))]  # fmt: skip
        for account in granted:
            connection.execute(
                "INSERT INTO account_access (account_id, role_name, level, granted_at) "
                "VALUES (%s, 'member', 'editor', now())",
                (account,),
            )
        connection.execute("ANALYZE")
    return granted


def dsn(server: PostgresServer, user: str) -> str:
    return f"host=127.0.0.1 port={server.port} dbname=bench user={user}"


def median_ms(server: PostgresServer, user: str, sql: str) -> tuple[float, int]:
    with psycopg.connect(dsn(server, user), autocommit=True) as connection:
        count = connection.execute(sql).fetchone()[0]  # warm
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            connection.execute(sql).fetchone()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=200)
    parser.add_argument("--people-each", type=int, default=50)
    args = parser.parse_args()
    bin_dir = find_postgres_bin()
    if bin_dir is None:
        print("no PostgreSQL binaries: nothing measured")
        return
    root, run_as = _private_root()
    server = PostgresServer(bin_dir, root, _free_port(), run_as)
    server.start()
    try:
        granted = build(server, args.accounts, args.people_each)
        named = ", ".join(map(str, granted))
        print(f"{args.accounts} accounts x {args.people_each} people; {GRANTED} granted; "
              f"median of {ROUNDS}, ms")  # fmt: skip
        cases = [
            ("people", "SELECT count(*) FROM stakeholders",
             f"SELECT count(*) FROM stakeholders WHERE account_id IN ({named})"),
            ("influence lines", "SELECT count(*) FROM influence_lines",
             "SELECT count(*) FROM influence_lines WHERE from_stakeholder_id IN (SELECT id "
             f"FROM stakeholders WHERE account_id IN ({named}))"),
        ]  # fmt: skip
        for label, plain, by_hand in cases:
            policed, seen = median_ms(server, "member", plain)
            filtered, same = median_ms(server, "postgres", by_hand)
            everything, total = median_ms(server, "postgres", plain)
            print(f"{label:16} policies {policed:7.2f} ({seen} rows)  by hand {filtered:7.2f} "
                  f"({same})  all rows {everything:7.2f} ({total})")  # fmt: skip
        time_the_dashboard_reads(server)
    finally:
        server.stop()


def time_the_dashboard_reads(server: PostgresServer) -> None:
    """Keyplan's own reads as the member: the portfolio list and the dashboard's facts."""
    from keyplan.store.database import open_database
    from keyplan.store.insights.queries import portfolio_facts
    from keyplan.store.people.queries import portfolio

    member = open_database(server.url("bench").replace("postgres@", "member@"))
    for label, read in (("portfolio", portfolio), ("dashboard facts", portfolio_facts)):
        read(member)  # warm
        times = []
        for _ in range(5):
            start = time.perf_counter()
            read(member)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{label:16} as the member (through Keyplan): {statistics.median(times):7.1f} ms")
    member.close()


if __name__ == "__main__":
    main()
