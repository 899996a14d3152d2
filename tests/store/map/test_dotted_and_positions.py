"""Dotted lines, open positions and people who move, in the store: all or nothing, exact undo."""

from __future__ import annotations

import pytest

from keyplan.domain.errors import RuleViolation
from keyplan.store.map import dotted
from keyplan.store.map import queries as map_queries
from keyplan.store.people import edits, moves, queries


@pytest.fixture
def acme(db):
    """Acme: Ingrid ← Harald ← Mia, Olaf alone; Globex: Gina; Aldermark (no one yet)."""
    acme = edits.add_account(db, "Acme")
    globex = edits.add_account(db, "Globex")
    ingrid = edits.add_stakeholder(db, acme, "Ingrid Olsen", job_title="CEO")
    harald = edits.add_stakeholder(
        db, acme, "Harald Berg", reports_to_id=ingrid, job_title="CFO", stance="champion"
    )
    mia = edits.add_stakeholder(db, acme, "Mia Chen", reports_to_id=harald)
    olaf = edits.add_stakeholder(db, acme, "Olaf Lund")
    gina = edits.add_stakeholder(db, globex, "Gina Rossi")
    return dict(acme=acme, globex=globex, ingrid=ingrid, harald=harald, mia=mia, olaf=olaf,
                gina=gina)  # fmt: skip


def test_a_dotted_manager_is_read_with_the_map_and_kept_out_of_the_solid_line(db, acme):
    before = dotted.set_dotted_managers(db, acme["mia"], [acme["olaf"]])
    assert before == []
    data = map_queries.map_data(db, acme["acme"], with_affiliates=True)
    assert [(d.person_id, d.manager_id) for d in data.dotted] == [(acme["mia"], acme["olaf"])]
    assert queries.person(db, acme["mia"])["reports_to_id"] == acme["harald"]
    assert dotted.dotted_managers(db, acme["mia"]) == [(acme["olaf"], "Olaf Lund")]


@pytest.mark.parametrize(
    ("manager", "message"),
    [
        ("mia", "Mia Chen cannot be their own dotted-line manager."),
        ("harald", "Harald Berg is already Mia Chen's manager"),
        ("gina", "different customers"),
    ],
)
def test_a_dotted_line_to_oneself_the_solid_manager_or_another_customer_is_refused(
    db, acme, manager, message
):
    dotted.set_dotted_managers(db, acme["mia"], [acme["olaf"]])
    with pytest.raises(RuleViolation, match=message):
        dotted.set_dotted_managers(db, acme["mia"], [acme["ingrid"], acme[manager]])
    assert dotted.dotted_managers(db, acme["mia"]) == [(acme["olaf"], "Olaf Lund")]


def test_harald_leaves_keeping_his_seat_then_olaf_fills_it_and_both_undo_exactly(db, acme):
    left = moves.mark_left(db, acme["harald"], left_for="Retired", keep_position=True)
    seat = left.new_id
    harald, mia = queries.person(db, acme["harald"]), queries.person(db, acme["mia"])
    assert harald["has_left"] and harald.values.get("reports_to_id") == acme["ingrid"]
    assert mia["reports_to_id"] == seat
    people = {p.id: p for p in map_queries.map_data(db, acme["acme"], with_affiliates=False).people}
    assert people[seat].is_vacancy and people[seat].job_title == "CFO"
    assert people[seat].reports_to_id == acme["ingrid"]

    filled = moves.fill_vacancy(db, seat, acme["olaf"])
    olaf = queries.person(db, acme["olaf"])
    assert (olaf["reports_to_id"], olaf["job_title"]) == (acme["ingrid"], "CFO")
    assert queries.person(db, acme["mia"])["reports_to_id"] == acme["olaf"]
    ids = {p.id for p in map_queries.map_data(db, acme["acme"], with_affiliates=False).people}
    assert seat not in ids

    moves.put_back(db, filled, undo=True)
    assert queries.person(db, acme["mia"])["reports_to_id"] == seat
    assert queries.person(db, acme["olaf"])["reports_to_id"] is None
    moves.put_back(db, filled, undo=False)
    assert queries.person(db, acme["mia"])["reports_to_id"] == acme["olaf"]
    moves.put_back(db, filled, undo=True)
    moves.put_back(db, left, undo=True)
    assert queries.person(db, acme["mia"])["reports_to_id"] == acme["harald"]
    assert not queries.person(db, acme["harald"])["has_left"]
    ids = {p.id for p in map_queries.map_data(db, acme["acme"], with_affiliates=False).people}
    assert seat not in ids


def test_filling_a_seat_with_someone_of_another_customer_is_refused_and_nothing_changes(db, acme):
    seat = moves.add_vacancy(db, acme["acme"], "CTO", manager_id=acme["ingrid"], note="Q3")
    with pytest.raises(RuleViolation, match="different customer"):
        moves.fill_vacancy(db, seat, acme["gina"])
    people = {p.id: p for p in map_queries.map_data(db, acme["acme"], with_affiliates=False).people}
    assert people[seat].is_vacancy and people[seat].vacancy_note == "Q3"
    assert queries.person(db, acme["gina"])["reports_to_id"] is None


def test_a_champion_who_moves_to_another_account_of_ours_is_a_person_there_with_the_link(db, acme):
    aldermark = edits.add_account(db, "Aldermark")
    moved = moves.mark_left(db, acme["harald"], to_account_id=aldermark)
    there = map_queries.map_data(db, aldermark, with_affiliates=False).people
    assert [(p.full_name, p.stance, p.came_from) for p in there] == [
        ("Harald Berg", "champion", "was our champion at Acme")
    ]
    assert moves.person_story(db, acme["harald"])["left_for"] == "Aldermark"
    moves.put_back(db, moved, undo=True)
    assert map_queries.map_data(db, aldermark, with_affiliates=False).people == []
    assert not queries.person(db, acme["harald"])["has_left"]


def test_placements_give_each_card_its_manager_and_hand_position_as_the_store_has_them(db, acme):
    edits.set_map_positions(db, {acme["mia"]: (120.5, -40.0)})
    wanted = [acme["mia"], acme["olaf"], 999_999]  # someone deleted is left out
    assert map_queries.map_placements(db, wanted) == {
        acme["mia"]: (acme["harald"], (120.5, -40.0)),
        acme["olaf"]: (None, None),
    }
    assert map_queries.map_placements(db, []) == {}
