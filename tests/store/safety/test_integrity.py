"""Checking a database: healthy files pass, broken rules are named, bad files are refused
and never touched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from keyplan.domain.errors import DatabaseRefused
from keyplan.store.database import open_database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.safety.integrity import (
    check_database,
    count_accounts_and_people,
    reporting_cycles,
    umbrella_roots,
)
from keyplan.store.schema import HEAD_REVISION


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    db = open_database(path)
    create_demo_portfolio(db)
    db.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_behind_the_apps_back(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def test_the_demo_is_healthy(demo_file):
    assert check_database(demo_file) == []
    assert count_accounts_and_people(demo_file) == (8, 123)  # the former CFO, who left, too


def garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def someone_elses_sqlite(path: Path) -> None:
    path.unlink()
    write_behind_the_apps_back(path, "CREATE TABLE recipes (name TEXT)")


def from_the_future(path: Path) -> None:
    write_behind_the_apps_back(path, "UPDATE alembic_version SET version_num = '9999_future'")


def cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (garbage, "not an SQLite file"),
        (someone_elses_sqlite, "not a Keyplan database"),
        (from_the_future, "newer version of Keyplan"),
        (cut_in_half, "damaged"),
    ],
    ids=["garbage", "foreign", "newer", "truncated"],
)
def test_bad_files_are_refused_and_left_as_they_were(
    demo_file: Path, spoil: Callable[[Path], None], message: str
):
    spoil(demo_file)
    before = digest(demo_file)
    with pytest.raises(DatabaseRefused, match=message) as refusal:
        check_database(demo_file)
    assert "\n" not in str(refusal.value)
    assert digest(demo_file) == before


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(DatabaseRefused, match="no Keyplan database"):
        check_database(tmp_path / "nowhere.db")
    assert not (tmp_path / "nowhere.db").exists()


def test_a_reporting_cycle_written_by_another_tool_is_reported(demo_file):
    # Pär reports to Ingrid; make Ingrid report to Pär.
    write_behind_the_apps_back(
        demo_file,
        "UPDATE stakeholders SET reports_to_id = "
        "(SELECT id FROM stakeholders WHERE full_name = 'Pär Nilsson') "
        "WHERE full_name = 'Ingrid Solberg'",
    )
    problems = check_database(demo_file)
    assert len(problems) == 1
    assert "Reporting cycle" in problems[0]
    assert "Ingrid Solberg" in problems[0] and "Pär Nilsson" in problems[0]


def test_reporting_to_someone_at_another_customer_is_reported(demo_file):
    write_behind_the_apps_back(
        demo_file,
        "UPDATE stakeholders SET reports_to_id = "
        "(SELECT id FROM stakeholders WHERE full_name = 'Sander Jansen') "
        "WHERE full_name = 'Lena Ek'",
    )
    assert check_database(demo_file) == [
        "Lena Ek (Aldermark Group) reports to Sander Jansen (Brightwater Logistics B.V.), "
        "who works for a different customer."
    ]


def test_a_dangling_reference_is_reported(demo_file):
    write_behind_the_apps_back(
        demo_file,
        "PRAGMA foreign_keys = OFF",
        "UPDATE interactions SET account_id = 999 WHERE id = 1",
    )
    problems = check_database(demo_file)
    assert any("interactions" in problem and "accounts" in problem for problem in problems)


def test_cycles_are_found_once_each():
    managers = {1: None, 2: 1, 3: 4, 4: 5, 5: 3, 6: 5, 7: 7}
    cycles = reporting_cycles(managers)
    assert sorted(sorted(cycle) for cycle in cycles) == [[3, 4, 5], [7]]


def test_accounts_in_a_loop_share_one_root():
    roots, problems = umbrella_roots(
        {1: None, 2: 1, 3: 4, 4: 3, 5: 4}, dict.fromkeys(range(6), "A")
    )
    assert roots[2] == 1
    assert roots[3] == roots[4] == roots[5]
    assert len(problems) == 1


DATA = Path(__file__).parents[2] / "data"


def test_the_released_file_of_the_newest_schema_is_healthy(tmp_path):
    copy = tmp_path / "newest.db"  # it holds a profile URL, aliases and a change log entry
    shutil.copy(DATA / f"schema-{HEAD_REVISION}.db", copy)
    assert check_database(copy) == []


def test_a_file_from_before_profile_urls_is_checked_and_told_it_will_be_upgraded(tmp_path):
    copy = tmp_path / "0002.db"
    shutil.copy(DATA / "schema-0002_team_versions.db", copy)
    before = digest(copy)
    problems = check_database(copy)
    assert len(problems) == 1
    assert problems[0].startswith("The schema is at revision 0002_team_versions, not ")
    assert digest(copy) == before


def test_a_profile_url_that_is_no_web_address_is_reported(demo_file):
    write_behind_the_apps_back(
        demo_file,
        "UPDATE stakeholders SET profile_url = 'javascript:alert(1)' WHERE id = 1",
        "UPDATE stakeholders SET profile_url = 'https://www.linkedin.com/in/fine' WHERE id = 2",
    )
    (problem,) = check_database(demo_file)
    assert problem.startswith("The profile URL of ")
    assert problem.endswith("is not a web address: 'javascript:alert(1)'.")
