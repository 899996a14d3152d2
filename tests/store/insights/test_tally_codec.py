"""A dashboard tally as JSON and back (``tally_codec``, for the kept tallies of a team server)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from types import MappingProxyType

import pytest

from keyplan.domain.insights.summary import summarise_tally
from keyplan.domain.insights.tally import tally_concentration
from keyplan.store.database import open_database
from keyplan.store.demo import create_synthetic_portfolio
from keyplan.store.insights import tally_codec
from keyplan.store.insights.dashboard_tally import dashboard_tallies

TODAY = date(2026, 5, 4)


@pytest.fixture(scope="module")
def tallies(tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = open_database(tmp_path_factory.mktemp("codec") / "team.db")
    create_synthetic_portfolio(db, people=3000, today=TODAY, largest_share=0.2)
    try:
        return dashboard_tallies(db, TODAY, None)[1]
    finally:
        db.close()


def test_every_tally_comes_back_equal_with_the_one_name_the_dashboard_reads(tallies: dict):
    assert any(t.findings.singles for t in tallies.values())  # findings with reasons travel
    assert any(t.commitments for t in tallies.values())
    for tally in tallies.values():
        back = tally_codec.decode(tally_codec.encode(tally))
        top = tally_concentration(tally).top_person_id
        names = {} if top is None else {top: tally.names[top]}
        assert back == replace(tally, names=MappingProxyType(names))
        assert tally_concentration(back) == tally_concentration(tally)
        assert summarise_tally(back, TODAY) == summarise_tally(tally, TODAY)


def test_a_document_of_another_version_or_shape_is_no_tally(tallies: dict):
    document = json.loads(tally_codec.encode(next(iter(tallies.values()))))
    for broken in (
        {**document, "v": tally_codec.VERSION + 1},
        {**document, "id": "7"},
        {**document, "cells": [["Sales", "no such level", 1, 1, 1]]},
        {key: value for key, value in document.items() if key != "window"},
        [],
    ):
        with pytest.raises(ValueError):
            tally_codec.decode(json.dumps(broken))
