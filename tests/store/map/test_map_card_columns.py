"""The map's card read lists its columns once: the SELECT and the card's build agree on places.

A card is built from a row by position (fast at 10,000 cards), so a column put in the wrong
place would give every card the wrong value without an error: these tests feed rows whose
every column is distinct and check each one lands in the field of its name.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from keyplan.store.map import queries
from keyplan.store.map.rows import MapPerson


def distinct_row() -> tuple:
    """A row with a different value in every column, each named after its column."""
    return tuple(f"<{column.key}>" for column in queries._SELECTED)


def test_the_fields_are_mapperson_s_in_its_order():
    assert [f.name for f in queries._CARD_FIELDS] == [f.name for f in dataclasses.fields(MapPerson)]


def test_each_plain_column_lands_in_the_field_of_its_name():
    [card] = queries._build_cards([distinct_row()], {}, {}, {}, {})

    plain = [f for f in queries._CARD_FIELDS if f.value == f.name]
    assert len(plain) >= 15
    for field in plain:
        assert getattr(card, field.name) == f"<{field.name}>", field.name


def test_the_select_lists_each_field_s_columns_in_the_build_s_order():
    keys = [column.key for column in queries._SELECTED]
    spelled = [column.key for f in queries._CARD_FIELDS for column in f.columns]

    assert keys == spelled
    assert keys.index("map_x") + 1 == keys.index("map_y")
    assert keys[queries._PREVIOUS_RECORD] == "previous_record_id"


def test_derived_fields_come_from_their_columns_and_the_other_reads():
    row = dict(zip([c.key for c in queries._SELECTED], distinct_row(), strict=True))
    row.update(id=7, map_x=1.5, map_y=2.5, has_left=1, is_vacancy=0, previous_record_id=3)
    seen = date(2026, 3, 1)
    evidence = (("champion", "champion", seen),)

    [card] = queries._build_cards(
        [tuple(row.values())],
        {7: ("Ana",)},
        {7: seen},
        {3: "was our champion at Aldermark"},
        {7: evidence},
    )

    assert card.map_position == (1.5, 2.5)
    assert card.has_left is True and card.is_vacancy is False
    assert card.owners == ("Ana",) and card.last_contact == seen
    assert card.came_from == "was our champion at Aldermark"
    assert card.evidence == evidence


def test_a_card_without_hand_position_owners_or_evidence():
    row = dict(zip([c.key for c in queries._SELECTED], distinct_row(), strict=True))
    row.update(id=7, map_x=None, map_y=4.0, previous_record_id=None)

    [card] = queries._build_cards([tuple(row.values())], {}, {}, {}, {})

    assert card.map_position is None
    assert card.owners == () and card.evidence == () and card.last_contact is None
    assert card.came_from is None


def test_fields_out_of_mapperson_s_order_are_refused_at_import():
    swapped = list(queries._CARD_FIELDS)
    swapped[2], swapped[3] = swapped[3], swapped[2]

    with pytest.raises(TypeError, match="MapPerson"):
        queries._card_builder(tuple(swapped))
