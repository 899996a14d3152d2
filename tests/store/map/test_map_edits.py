"""The map's edits in the store: re-parent all or nothing, influence lines, exact undo."""

from __future__ import annotations

import pytest
from sqlalchemy import event, update

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.store.map import edits as map_edits
from keyplan.store.map import queries as map_queries
from keyplan.store.map.edits import Placement
from keyplan.store.models import Stakeholder
from keyplan.store.people import edits, queries


@pytest.fixture
def acme(db):
    """Acme: Ingrid ← Harald ← Mia, and Olaf (placed by hand); Globex: Gina."""
    acme = edits.add_account(db, "Acme")
    globex = edits.add_account(db, "Globex")
    ingrid = edits.add_stakeholder(db, acme, "Ingrid Olsen")
    harald = edits.add_stakeholder(db, acme, "Harald Berg", reports_to_id=ingrid)
    mia = edits.add_stakeholder(db, acme, "Mia Chen", reports_to_id=harald)
    olaf = edits.add_stakeholder(db, acme, "Olaf Lund")
    edits.set_map_positions(db, {olaf: (500.0, 20.0)})
    gina = edits.add_stakeholder(db, globex, "Gina Rossi")
    return dict(acme=acme, ingrid=ingrid, harald=harald, mia=mia, olaf=olaf, gina=gina)


def manager(db, person_id):
    return queries.person(db, person_id)["reports_to_id"]


def test_a_move_clears_the_hand_position_and_returns_what_undo_needs(db, acme):
    result = map_edits.move_people_under(db, [acme["olaf"]], acme["harald"])
    assert result.before == {acme["olaf"]: Placement(None, (500.0, 20.0))}
    assert result.names[acme["harald"]] == "Harald Berg"
    assert manager(db, acme["olaf"]) == acme["harald"]
    assert queries.person(db, acme["olaf"]).map_position is None

    map_edits.restore_placements(db, result.before)
    assert manager(db, acme["olaf"]) is None
    assert queries.person(db, acme["olaf"]).map_position == (500.0, 20.0)


def test_a_cycle_anywhere_in_a_batch_refuses_the_whole_batch(db, acme):
    with pytest.raises(RuleViolation, match="Ingrid Olsen cannot report to Mia Chen"):
        map_edits.move_people_under(db, [acme["olaf"], acme["ingrid"]], acme["mia"])
    assert manager(db, acme["olaf"]) is None  # the first move was rolled back too


def test_moving_under_oneself_or_across_customers_is_refused(db, acme):
    with pytest.raises(RuleViolation, match="cannot report to themselves"):
        map_edits.move_people_under(db, [acme["mia"]], acme["mia"])
    with pytest.raises(RuleViolation, match="different customers"):
        map_edits.move_people_under(db, [acme["gina"]], acme["ingrid"])
    with pytest.raises(NotFound):
        map_edits.move_people_under(db, [acme["mia"]], 9999)


def test_a_move_within_one_account_reads_no_accounts_and_one_across_them_does(db, acme):
    # Someone of the manager's own account is in the manager's customer family by definition:
    # only a move from another account needs the accounts read (a drop must fit in a frame).
    statements: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        map_edits.move_people_under(db, [acme["olaf"]], acme["harald"])
        assert not [s for s in statements if "FROM accounts" in s]
        with pytest.raises(RuleViolation, match="different customers"):
            map_edits.move_people_under(db, [acme["gina"]], acme["harald"])
        assert [s for s in statements if "FROM accounts" in s]
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def test_a_move_reads_whole_rows_only_of_the_people_who_move(db, acme):
    # The new manager's account and name come with their reporting chain: the drop reads
    # only the moved person's whole row (which the change log and the edit checks look at).
    statements: list[tuple[str, object]] = []

    def note(_conn, _cursor, statement, parameters, *_args) -> None:
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        map_edits.move_people_under(db, [acme["olaf"]], acme["harald"])
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    whole_rows = [p for s, p in statements if "stakeholders.job_title" in s and "SELECT" in s]
    # Each read by its id: (id,) or {"pk_1": id}, as the database's driver takes it.
    ids = [list(p.values()) if isinstance(p, dict) else list(p) for p in whole_rows]
    assert ids == [[acme["olaf"]]]
    with pytest.raises(NotFound, match=f"id {acme['olaf'] + 1000}"):
        map_edits.move_people_under(db, [acme["mia"]], acme["olaf"] + 1000)


def test_a_damaged_cyclic_chain_does_not_hang_the_check(db, acme):
    # Damage the data behind the rules' back: Ingrid reports to Mia, who is under Ingrid.
    with db.transaction() as session:
        session.execute(
            update(Stakeholder)
            .where(Stakeholder.id == acme["ingrid"])
            .values(reports_to_id=acme["mia"])
        )
    with pytest.raises(RuleViolation):
        map_edits.move_people_under(db, [acme["harald"]], acme["mia"])


def test_influence_lines_are_validated_and_a_delete_restores_exactly(db, acme):
    line_id = map_edits.add_influence_line(db, acme["mia"], acme["ingrid"], "Rival", 3, "budget")
    [line] = map_queries.map_lines(db, [acme["acme"]])
    assert (line.kind, line.strength, line.note) == ("rival", 3, "budget")
    assert map_edits.influence_line_account(db, line_id) == acme["acme"]

    snapshot = map_edits.delete_influence_line(db, line_id)
    assert map_queries.map_lines(db, [acme["acme"]]) == []
    edits.restore_rows(db, snapshot)
    assert map_queries.map_lines(db, [acme["acme"]]) == [line]

    with pytest.raises(RuleViolation, match="themselves"):
        map_edits.add_influence_line(db, acme["mia"], acme["mia"])
    with pytest.raises(RuleViolation, match="different customers"):
        map_edits.add_influence_line(db, acme["mia"], acme["gina"])
    with pytest.raises(RuleViolation, match="Kind of influence"):
        map_edits.add_influence_line(db, acme["mia"], acme["ingrid"], "friend")
    with pytest.raises(RuleViolation, match="strength"):
        map_edits.add_influence_line(db, acme["mia"], acme["ingrid"], "ally", 5)
