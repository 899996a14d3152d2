"""``keyplan insights``: the same findings as the Insights tab, as text or as JSON."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pytest

from keyplan.cli import insights as insights_cli
from keyplan.domain.insights import analyse_account
from keyplan.store.database import open_database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.insights.queries import account_facts
from keyplan.store.people.queries import find_account

TODAY = date(2026, 5, 4)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("insights") / "demo.keyplan"
    db = open_database(path)
    try:
        create_demo_portfolio(db, today=TODAY)
    finally:
        db.close()
    return path


def run(*arguments: str) -> int:
    parser = argparse.ArgumentParser(prog="keyplan insights")
    insights_cli.add_arguments(parser)
    return insights_cli.run(parser.parse_args(list(arguments)))


def expected(path: Path, account: str):
    db = open_database(path, create=False)
    try:
        return analyse_account(account_facts(db, find_account(db, account)), TODAY)
    finally:
        db.close()


def test_text_shows_the_score_with_its_reasons_and_the_findings(demo_path, capsys):
    status = run("--db", str(demo_path), "--account", "aldermark group", "--date", "2026-05-04")
    out = capsys.readouterr().out
    insights = expected(demo_path, "Aldermark Group")
    assert status == 0
    assert out.startswith("Aldermark Group — insights on 2026-05-04 (with 3 affiliates)")
    assert f"Health score {insights.score.value}/100" in out
    for reason in insights.score.reasons:
        assert reason.reason in out
    assert insights.health.findings[0].reason in out
    assert insights.nudge is not None and insights.nudge.ask in out


def test_json_is_for_scripts_and_says_the_same(demo_path, capsys):
    status = run("--db", str(demo_path), "--account", "Castellani Foods S.p.A.", "--json",
                 "--date", "2026-05-04")  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    insights = expected(demo_path, "Castellani Foods S.p.A.")
    assert status == 0
    assert data["account"]["name"] == "Castellani Foods S.p.A."
    assert data["score"]["value"] == insights.score.value
    assert [r["reason"] for r in data["score"]["reasons"]] == [
        r.reason for r in insights.score.reasons
    ]
    assert len(data["findings"]) == len(insights.health.findings)
    assert data["concentration"]["interactions"] == insights.concentration.interaction_count
    assert data["coverage"]["breadth"]["departments_known"] > 0


def test_an_unknown_account_is_one_line_and_status_1(demo_path, capsys):
    assert run("--db", str(demo_path), "--account", "Nobody Ltd") == 1
    error = capsys.readouterr().err
    assert error.startswith("keyplan: There is no account named 'Nobody Ltd'.")
    assert error.count("\n") == 1
