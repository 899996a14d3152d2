"""Opening a team database fast: its address read without SQLAlchemy, the window through
psycopg, SQLAlchemy and the models only when an edit or a heavier read needs them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from keyplan.domain.errors import DatabaseRefused
from keyplan.store.database import open_database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.server_address import parse_server_address, psycopg_query
from keyplan.store.shell import quick_reads


def test_a_team_address_is_read_three_ways_and_shown_without_its_password():
    address = parse_server_address("postgresql://dana:s3cret@db.example:5433/sales?sslmode=require")
    assert address is not None
    assert address.url == "postgresql+psycopg://dana:s3cret@db.example:5433/sales?sslmode=require"
    assert address.conninfo == "postgresql://dana:s3cret@db.example:5433/sales?sslmode=require"
    assert address.display == "postgresql+psycopg://dana:***@db.example:5433/sales?sslmode=require"
    plain = parse_server_address("postgresql+psycopg://dana@127.0.0.1/sales")
    assert plain is not None and plain.display == "postgresql+psycopg://dana@127.0.0.1/sales"


@pytest.mark.parametrize(
    "location",
    ["mysql://dana@db/sales", "postgresql+psycopg://dana@db:port/sales", "postgresql://"],
)
def test_an_address_of_another_kind_is_left_to_the_full_check(location):
    assert parse_server_address(location) is None


def test_another_kind_of_database_is_still_refused_with_the_reason():
    with pytest.raises(DatabaseRefused, match="PostgreSQL only, not mysql"):
        open_database("mysql://dana@db/sales")


def test_the_plain_queries_take_psycopg_parameters_and_keep_casts_and_percent_signs():
    sql = "SELECT '100%', x::date FROM t WHERE id = :account_id AND d <= :today"
    assert psycopg_query(sql) == (
        "SELECT '100%%', x::date FROM t WHERE id = %(account_id)s AND d <= %(today)s"
    )


@pytest.mark.postgresql
def test_the_first_window_reads_a_team_database_without_sqlalchemy(postgres_url, tmp_path):
    db = open_database(postgres_url)
    try:
        create_demo_portfolio(db)
    finally:
        db.close()
    opened = open_database(postgres_url)
    try:
        rows = quick_reads.portfolio(opened)  # through psycopg: no engine made
        assert len(rows) >= 3 and opened._engine is None
    finally:
        opened.close()
    script = (
        "import sys\n"
        "from keyplan.cli import main\n"
        f"assert main(['--db', {postgres_url!r}, '--exit-when-ready']) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'reportlab',"
        " 'alembic') or m == 'keyplan.store.models')\n"
        "print(','.join(loaded))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "c"),
           "XDG_DATA_HOME": str(tmp_path / "d")}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
