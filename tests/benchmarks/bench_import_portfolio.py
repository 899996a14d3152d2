"""Benchmark: one LinkedIn export of 20,000 connections into a 100-account portfolio.

Run: ``.venv/bin/python tests/benchmarks/bench_import_portfolio.py [--rows 20000] [--pairs 7]``.
Prints figures only (no asserts). Target (BENCHMARKS.md): under 3 s as a whole process. The
export names 2,000 companies; 100 of them are accounts of the portfolio (50 people each,
written with other legal forms and case, e.g. "NORDVIK 17 AS" for "Nordvik 17 ASA"), and a
tenth of the rows are people already there (found by profile URL). ``keyplan import FILE
--portfolio`` is timed against the yardstick ``keyplan accounts`` on the same database,
A B A B … after one warm-up; each import runs on a fresh copy of the database.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import tempfile
from pathlib import Path

from bench_import import KEYPLAN, timed

ACCOUNTS, PEOPLE_PER_ACCOUNT, COMPANIES = 100, 50, 2000
FIRST = ("Anna", "Björn", "Chloé", "Eirik", "Sofia", "Lars", "Karin", "Nils", "Maja", "Jonas")
LAST = ("Jönsson", "Jonsson", "Lindqvist", "Lindquist", "Solberg", "Berg", "Åberg", "Holm")
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def account_name(number: int) -> str:
    return f"Nordvik {number} ASA"


def make_portfolio(path: Path) -> None:
    """100 accounts of 50 people, each with a profile URL (what a re-import finds them by)."""
    from keyplan.store.database import open_database
    from keyplan.store.models import Account, Stakeholder

    db = open_database(path)
    with db.transaction() as session:
        for number in range(ACCOUNTS):
            account = Account(name=account_name(number))
            session.add(account)
            session.flush()
            session.add_all(
                Stakeholder(
                    account_id=account.id,
                    full_name=f"{FIRST[i % 10]} {LAST[i % 8]} {number}-{i}",
                    profile_url=f"https://www.linkedin.com/in/p{number}-{i}",
                )
                for i in range(PEOPLE_PER_ACCOUNT)
            )
    db.close()


def write_linkedin_file(path: Path, rows: int, seed: int = 11) -> None:
    """Connections.csv as LinkedIn writes it: notes first, then the connections."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write('Notes:\n"When exporting your connection data, you may notice …"\n\n')
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(rows):
            company = rng.randrange(COMPANIES)
            if company < ACCOUNTS and number % 10 == 0:  # someone already in the account
                person = rng.randrange(PEOPLE_PER_ACCOUNT)
                url = f"https://www.linkedin.com/in/p{company}-{person}"
            else:
                url = f"https://www.linkedin.com/in/c{number}"
            name = f"Nordvik {company} AS" if company < ACCOUNTS else f"Company {company} GmbH"
            if company < ACCOUNTS and number % 3 == 0:
                name = name.upper()
            writer.writerow([
                rng.choice(FIRST), f"{rng.choice(LAST)} {number}", url,
                "", name, rng.choice(("CFO", "Head of IT", "Buyer", "VP Sales")), "01 Dec 2026",
            ])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--pairs", type=int, default=7)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="keyplan-bench-portfolio-"))
    try:
        run(folder, options.rows, options.pairs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, rows: int, pairs: int) -> None:
    source, template, target = folder / "Connections.csv", folder / "t.db", folder / "db.db"
    write_linkedin_file(source, rows)
    make_portfolio(template)
    command = [*KEYPLAN, "import", str(source), "--db", str(target), "--portfolio"]
    yardstick = [*KEYPLAN, "accounts", "--db", str(template)]
    shutil.copyfile(template, target)
    timed(command)  # warm-up
    seconds, ratios, memory = [], [], []
    for _ in range(pairs):
        shutil.copyfile(template, target)
        took, peak, _cpu = timed(command)
        stick = timed(yardstick)[0]
        seconds.append(took)
        ratios.append(took / stick)
        memory.append(peak)
    print(f"keyplan import --portfolio of {rows:,} LinkedIn rows, {COMPANIES:,} companies, "
          f"{ACCOUNTS} accounts of {PEOPLE_PER_ACCOUNT} people, whole process:")  # fmt: skip
    print(f"  time   median {statistics.median(seconds):.2f} s "
          f"(min {min(seconds):.2f}, max {max(seconds):.2f}); target < 3 s")  # fmt: skip
    print(f"  ratio to `keyplan accounts`: median {statistics.median(ratios):.2f} "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f})")  # fmt: skip
    print(f"  peak memory {max(memory) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
