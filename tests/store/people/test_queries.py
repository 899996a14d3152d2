"""The people reads: the plain-row read for documents gives the same rows as the screens'."""

from datetime import date

from keyplan.store.demo.portfolio import create_demo_portfolio
from keyplan.store.people import edits, queries


def test_people_read_for_print_are_the_rows_the_screens_read(db):
    create_demo_portfolio(db, today=date(2026, 11, 23))
    accounts = [row.id for row in queries.portfolio(db)]
    someone = queries.people(db, accounts[0])[0]
    edits.set_map_positions(db, {someone.id: (120.5, -40.0)})  # a hand-placed card
    compared = 0
    for account_id in accounts:
        for read in (queries.people, queries.open_positions):
            for umbrella in (False, True):
                shown = read(db, account_id, with_affiliates=umbrella)
                printed = read(db, account_id, with_affiliates=umbrella, for_print=True)
                assert printed == shown
                compared += len(shown)
    everyone = [p for a in accounts for p in queries.people(db, a)]
    # The demo has what could differ: managers, owners, contacts, hand-placed cards, seats.
    assert any(p.manager_name for p in everyone) and any(p.owners for p in everyone)
    assert any(p.last_contact for p in everyone) and any(p.map_position for p in everyone)
    assert any(queries.open_positions(db, a) for a in accounts)
    assert compared > 50
