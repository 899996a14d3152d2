"""The Overview's one line about an account."""

from __future__ import annotations

from datetime import date

from keyplan.store.shell.quick_reads import AccountGlance
from keyplan.ui.people.overview_tab import glance_text


def glance(**changes: object) -> AccountGlance:
    facts = dict(
        people=63, left=1, decision_makers=12, champions=1, blockers=2, never_contacted=5,
        last_interaction=date(2026, 11, 22), open_commitments=3, overdue_commitments=2,
        affiliates=3,
    )  # fmt: skip
    return AccountGlance(**{**facts, **changes})


def test_people_who_left_are_named_so_the_count_matches_the_tree_and_the_map():
    text = glance_text(glance(), {"annual_revenue": 1.0, "potential": 4.0})
    assert text.startswith("63 people across 4 companies (and 1 who left)")
    assert "3 open promises (2 overdue)" in text and "25% share of wallet" in text


def test_nobody_left_says_nothing_about_it():
    assert "left" not in glance_text(glance(left=0), {})
