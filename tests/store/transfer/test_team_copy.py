"""Copying a whole database: a laptop file to a team database and back, row for row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from keyplan.cli import main
from keyplan.domain.errors import RuleViolation
from keyplan.store.database import Database, open_database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.models import Base
from keyplan.store.people import edits, queries
from keyplan.store.safety.output_paths import OutputRefused
from keyplan.store.shell import quick_reads
from keyplan.store.transfer.copy_db import copy_database


def every_row(location: str | Path) -> dict[str, list[tuple]]:
    """The whole content of a database, every table and column, ordered by id."""
    database = open_database(location, create=False)
    try:
        with database.engine.connect() as connection:
            return {
                table.name: [
                    tuple(row) for row in connection.execute(select(table).order_by(table.c.id))
                ]
                for table in Base.metadata.sorted_tables
            }
    finally:
        database.close()


def highest_id(rows: dict[str, list[tuple]], table: str) -> int:
    position = list(Base.metadata.tables[table].c.keys()).index("id")
    return max(row[position] for row in rows[table])


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    """A laptop file with the demo portfolio, one person edited by someone named."""
    path = tmp_path / "laptop.db"
    database = open_database(path, user_name="alice")
    create_demo_portfolio(database, today=date(2026, 11, 2))
    edits.set_stakeholder_field(database, 1, "phone", "+46 8 555 0100")
    edits.set_stakeholder_field(database, 1, "profile_url", "linkedin.com/in/eirik-solberg")
    edits.set_account_field(database, 1, "aliases", "NWL\nNordwind Spedition")
    database.close()
    return path


def test_a_file_copied_to_a_new_file_has_every_row_as_it_was(laptop, tmp_path):
    copy = tmp_path / "copy.db"
    summary = copy_database(laptop, copy)
    assert every_row(copy) == every_row(laptop)
    assert summary.rows["stakeholders"] == len(every_row(laptop)["stakeholders"])
    assert summary.lines()[0].startswith(f"Copied {summary.total:,} rows from")
    assert any(line.split() == ["people", str(summary.rows["stakeholders"])]
               for line in summary.lines())  # fmt: skip


def test_a_profile_url_and_aliases_arrive_in_the_copy(laptop, tmp_path):
    copy = tmp_path / "copy.db"
    copy_database(laptop, copy)
    database = open_database(copy, create=False)
    person = queries.person(database, 1)
    aliases = quick_reads.account_values(database, 1)["aliases"]
    database.close()
    assert person["profile_url"] == "https://linkedin.com/in/eirik-solberg"
    assert aliases == "NWL\nNordwind Spedition"


def test_copying_into_a_database_that_holds_data_is_refused_and_changes_nothing(laptop, tmp_path):
    other = tmp_path / "other.db"
    database = open_database(other)
    edits.add_account(database, "Globex")
    database.close()
    before = every_row(other)
    with pytest.raises(RuleViolation, match=r"already holds data \(1 accounts"):
        copy_database(laptop, other)
    assert every_row(other) == before


def test_a_database_is_not_copied_onto_itself(laptop):
    with pytest.raises(OutputRefused, match="is the database itself: choose another file"):
        copy_database(laptop, laptop)


def test_the_copy_command_prints_rows_per_table(laptop, tmp_path, capsys):
    assert main(["copy-db", str(laptop), str(tmp_path / "copy.db")]) == 0
    out = capsys.readouterr().out
    assert "accounts" in out
    assert "people" in out
    assert main(["copy-db", str(laptop), str(tmp_path / "copy.db")]) == 1
    assert "already holds data" in capsys.readouterr().err


@pytest.mark.postgresql
def test_a_laptop_file_goes_to_the_team_database_and_back_unchanged(laptop, tmp_path, postgres_url):
    copy_database(laptop, postgres_url)
    assert every_row(postgres_url) == every_row(laptop)
    back = tmp_path / "back.db"
    copy_database(postgres_url, back)
    assert every_row(back) == every_row(laptop)


@pytest.mark.postgresql
def test_the_team_database_hands_out_new_ids_after_the_copied_ones(laptop, postgres_url):
    copy_database(laptop, postgres_url)
    team: Database = open_database(postgres_url, user_name="bob")
    try:
        rows = every_row(laptop)
        account = edits.add_account(team, "Globex")
        assert account == highest_id(rows, "accounts") + 1
        assert edits.add_stakeholder(team, account, "Hank Scorpio") == (
            highest_id(rows, "stakeholders") + 1
        )
    finally:
        team.close()
