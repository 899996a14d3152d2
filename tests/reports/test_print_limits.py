"""Every text of a plan cut to its field's limit before printing, wherever it is held."""

from __future__ import annotations

from typing import NamedTuple

from keyplan.domain.fields import MAX_NAME_LENGTH
from keyplan.reports.print_limits import ELLIPSIS, within_print_limits

HUGE = "Verylongname " * 2_000


class Change(NamedTuple):
    name: str
    summary: str


def test_a_named_tuple_cuts_each_text_by_its_own_field() -> None:
    cut = within_print_limits([Change(HUGE, HUGE)], "changes")[0]
    assert len(cut.name) <= MAX_NAME_LENGTH and cut.name.endswith(ELLIPSIS)
    assert cut.summary == HUGE  # a note's limit (50,000) holds it whole


def test_names_keyed_by_id_are_cut_as_names() -> None:
    cut = within_print_limits({"people": {7: HUGE, 8: "Ann Lee"}})
    assert len(cut["people"][7]) <= MAX_NAME_LENGTH
    assert cut["people"][8] == "Ann Lee"


def test_texts_within_their_limits_come_back_as_they_were() -> None:
    value = {"people": {8: "Ann Lee"}, "changes": [Change("Ann Lee", "stance")]}
    assert within_print_limits(value) is value


def test_a_long_text_among_plain_values_is_still_cut() -> None:
    # Tuples and dicts of plain values are passed over in one look; a long text among them
    # (or a set of ids beside it) must not be passed over with them.
    cut = within_print_limits(
        {"owners": frozenset({1, 2}), "names": (7, None, HUGE), "row": {"note": 3, "name": HUGE}}
    )
    assert cut["owners"] == frozenset({1, 2})
    assert cut["names"][:2] == (7, None) and cut["names"][2].endswith(ELLIPSIS)
    assert len(cut["row"]["name"]) <= MAX_NAME_LENGTH
