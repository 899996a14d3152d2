"""The dashboard's tallies kept on a team server (revision 0013, ``kept_tallies``).

After every kind of write a tally reads, made in plain SQL as any client could (the triggers,
not the app, must notice it), the dashboard read with the kept tallies equals a full count;
and the write did change the full count, so a kept tally left standing would have failed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from types import MappingProxyType

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection

from keyplan.domain.insights.tally import AccountTally, tally_concentration
from keyplan.store.database import Database, open_database
from keyplan.store.demo import create_synthetic_portfolio
from keyplan.store.forget.erase import forget_person
from keyplan.store.insights import kept_tallies
from keyplan.store.insights.dashboard_tally import dashboard_tallies
from keyplan.store.insights.queries import dashboard_facts

pytestmark = pytest.mark.postgresql
TODAY = date(2026, 5, 4)


@pytest.fixture
def team(postgres_url: str) -> Database:
    """A small team database: accounts with affiliates, people, meetings and promises."""
    db = open_database(postgres_url)
    create_synthetic_portfolio(db, people=2500, today=TODAY, largest_share=0.2)
    yield db
    db.close()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[set[int]]:
    """The accounts each load counted from their rows (the rest came kept)."""
    calls: list[set[int]] = []
    real = kept_tallies._count

    def spy(db: Database, today: date, missing: set[int] | None, families: dict) -> dict:
        calls.append(set(families) if missing is None else set(missing))
        return real(db, today, missing, families)

    monkeypatch.setattr(kept_tallies, "_count", spy)
    return calls


def _comparable(tally: AccountTally) -> AccountTally:
    """A tally with only the one name the dashboard reads (the best-served person's): a kept
    tally keeps no other, a counted one knows everybody met in the read."""
    top = tally_concentration(tally).top_person_id
    name = tally.names.get(top) if top is not None else None
    return replace(tally, names=MappingProxyType({} if name is None else {top: name}))


def _as_counted(db: Database, day: date) -> dict[int, AccountTally]:
    _accounts, tallies = dashboard_tallies(db, day, None)
    return {account_id: _comparable(t) for account_id, t in tallies.items()}


def _as_loaded(db: Database, day: date) -> dict[int, AccountTally]:
    accounts, tallies = dashboard_facts(db, day)
    everything, _tallies = dashboard_tallies(db, day, None)
    assert accounts == everything
    return {account_id: _comparable(t) for account_id, t in tallies.items()}


def _family(db: Database) -> tuple[int, int, int]:
    """(umbrella, an affiliate of it with people met recently, an unrelated account)."""
    with db.read() as session:
        umbrella, affiliate = session.execute(
            text(
                "SELECT a.parent_id, a.id FROM accounts a WHERE a.parent_id IS NOT NULL "
                "AND EXISTS (SELECT FROM stakeholders s WHERE s.account_id = a.id) "
                "ORDER BY a.id LIMIT 1"
            )
        ).one()
        other = session.execute(
            text(
                "SELECT id FROM accounts WHERE parent_id IS NULL AND id <> :u "
                "AND NOT EXISTS (SELECT FROM accounts c WHERE c.parent_id = accounts.id) "
                "ORDER BY id LIMIT 1"
            ),
            {"u": umbrella},
        ).scalar_one()
    return umbrella, affiliate, other


def _person_of(c: Connection, account_id: int) -> int:
    return c.execute(
        text(
            "SELECT id FROM stakeholders WHERE account_id = :a AND NOT has_left "
            "AND NOT is_vacancy ORDER BY id LIMIT 1"
        ),
        {"a": account_id},
    ).scalar_one()


def _copy_row(c: Connection, table: str, row_id: int, **changes: object) -> int:
    """A new row of ``table`` like ``row_id``, with some columns changed: any client's insert."""
    columns = [
        name
        for (name,) in c.execute(
            text(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = :t AND column_name NOT IN ('id', 'version')"
            ),
            {"t": table},
        )
    ]
    chosen = ", ".join(f":{name}" if name in changes else name for name in columns)
    return c.execute(
        text(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {chosen} FROM {table} "
            "WHERE id = :row_id RETURNING id"
        ),
        {**changes, "row_id": row_id},
    ).scalar_one()


def _meeting_with(c: Connection, person_id: int, on: date) -> int:
    """A new meeting on ``on`` with one person, logged on the person's account."""
    account_id = c.execute(
        text("SELECT account_id FROM stakeholders WHERE id = :p"), {"p": person_id}
    ).scalar_one()
    some = c.execute(text("SELECT min(id) FROM interactions")).scalar_one()
    meeting = _copy_row(c, "interactions", some, account_id=account_id, occurred_on=on)
    c.execute(
        text(
            "INSERT INTO interaction_stakeholders (interaction_id, stakeholder_id) VALUES (:i, :p)"
        ),
        {"i": meeting, "p": person_id},
    )
    return meeting


def _new_colleague(c: Connection) -> int:
    """A new member of our team (so that engaging them shows), on nobody's account."""
    some = c.execute(text("SELECT min(id) FROM team_members")).scalar_one()
    return _copy_row(c, "team_members", some, name="New Colleague", account_id=None)


Load = Callable[[], object]  # a load (that keeps) between two writes of one kind
Write = Callable[[Connection, int, int, int, Load], None]


def _person_added(c: Connection, umbrella: int, affiliate: int, other: int, load: Load) -> None:
    _copy_row(c, "stakeholders", _person_of(c, affiliate), department="A new department")


def _person_edited(c: Connection, umbrella: int, affiliate: int, other: int, load: Load) -> None:
    c.execute(
        text("UPDATE stakeholders SET department = 'Elsewhere', level = 'c_level' WHERE id = :p"),
        {"p": _person_of(c, affiliate)},
    )


def _person_moved(c: Connection, umbrella: int, affiliate: int, other: int, load: Load) -> None:
    c.execute(
        text("UPDATE stakeholders SET account_id = :o WHERE id = :p"),
        {"o": other, "p": _person_of(c, affiliate)},
    )


def _person_deleted(c: Connection, umbrella: int, affiliate: int, other: int, load: Load) -> None:
    c.execute(text("DELETE FROM stakeholders WHERE id = :p"), {"p": _person_of(c, affiliate)})


def _meeting_logged(c: Connection, umbrella: int, affiliate: int, other: int, load: Load) -> None:
    _meeting_with(c, _person_of(c, affiliate), TODAY - timedelta(days=3))


def _meeting_moved_in_time(
    c: Connection, umbrella: int, affiliate: int, other: int, load: Load
) -> None:
    meeting = _meeting_with(c, _person_of(c, affiliate), TODAY - timedelta(days=3))
    c.commit()  # kept tallies counted with it, then the edit
    load()
    c.execute(
        text("UPDATE interactions SET occurred_on = :on WHERE id = :i"),
        {"on": TODAY - timedelta(days=400), "i": meeting},
    )


def _meeting_deleted(c: Connection, umbrella: int, affiliate: int, other: int, load: Load) -> None:
    meeting = _meeting_with(c, _person_of(c, affiliate), TODAY - timedelta(days=3))
    c.commit()
    load()
    c.execute(text("DELETE FROM interactions WHERE id = :i"), {"i": meeting})


def _attendee_of_another_account(
    c: Connection, umbrella: int, affiliate: int, other: int, load: Load
) -> None:
    """A meeting with the affiliate's person gains a person of another account: its size."""
    meeting = _meeting_with(c, _person_of(c, affiliate), TODAY - timedelta(days=3))
    c.commit()
    load()
    c.execute(
        text(
            "INSERT INTO interaction_stakeholders (interaction_id, stakeholder_id) VALUES (:i, :p)"
        ),
        {"i": meeting, "p": _person_of(c, other)},
    )


def _team_member_at_meeting(
    c: Connection, umbrella: int, affiliate: int, other: int, load: Load
) -> None:
    meeting = _meeting_with(c, _person_of(c, affiliate), TODAY - timedelta(days=3))
    c.commit()
    load()
    member = _new_colleague(c)
    c.execute(
        text("DELETE FROM interaction_team_members WHERE interaction_id = :i"), {"i": meeting}
    )
    c.execute(
        text(
            "INSERT INTO interaction_team_members (interaction_id, team_member_id) VALUES (:i, :m)"
        ),
        {"i": meeting, "m": member},
    )


def _promise_made(c: Connection, umbrella: int, affiliate: int, other: int, load: Load) -> None:
    some = c.execute(text("SELECT min(id) FROM commitments")).scalar_one()
    _copy_row(c, "commitments", some, account_id=affiliate, to_stakeholder_id=None, promise="New")


def _plan_reviewed(c: Connection, umbrella: int, affiliate: int, other: int, load: Load) -> None:
    c.execute(
        text("UPDATE accounts SET last_review_on = :on, review_cadence_days = 7 WHERE id = :a"),
        {"on": TODAY - timedelta(days=30), "a": affiliate},
    )


def _team_assigned(c: Connection, umbrella: int, affiliate: int, other: int, load: Load) -> None:
    c.execute(
        text(
            "UPDATE team_members SET account_id = :a WHERE id = (SELECT min(id) FROM team_members)"
        ),
        {"a": affiliate},
    )


def _owner_named(c: Connection, umbrella: int, affiliate: int, other: int, load: Load) -> None:
    some = c.execute(text("SELECT min(id) FROM relationship_owners")).scalar_one()
    person = c.execute(
        text(
            "SELECT s.id FROM stakeholders s WHERE s.account_id = :a AND NOT s.has_left AND NOT "
            "EXISTS (SELECT FROM relationship_owners o WHERE o.stakeholder_id = s.id) "
            "ORDER BY s.id LIMIT 1"
        ),
        {"a": affiliate},
    ).scalar_one()
    _copy_row(
        c, "relationship_owners", some, stakeholder_id=person, team_member_id=_new_colleague(c)
    )


def _family_changed(c: Connection, umbrella: int, affiliate: int, other: int, load: Load) -> None:
    """The unrelated account becomes an affiliate of the umbrella."""
    c.execute(text("UPDATE accounts SET parent_id = :u WHERE id = :o"), {"u": umbrella, "o": other})


def _affiliate_left(c: Connection, umbrella: int, affiliate: int, other: int, load: Load) -> None:
    c.execute(text("UPDATE accounts SET parent_id = NULL WHERE id = :a"), {"a": affiliate})


WRITES: dict[str, Write] = {
    "person added": _person_added,
    "person edited": _person_edited,
    "person moved to another account": _person_moved,
    "person deleted": _person_deleted,
    "meeting logged": _meeting_logged,
    "meeting moved out of the window": _meeting_moved_in_time,
    "meeting deleted": _meeting_deleted,
    "attendee of another account added": _attendee_of_another_account,
    "team member at a meeting": _team_member_at_meeting,
    "promise made": _promise_made,
    "plan reviewed": _plan_reviewed,
    "team assigned": _team_assigned,
    "owner named": _owner_named,
    "family changed": _family_changed,
    "affiliate left its umbrella": _affiliate_left,
}


@pytest.mark.parametrize("kind", WRITES)
def test_after_each_kind_of_write_the_kept_reading_equals_a_full_count(
    team: Database, counted: list[set[int]], kind: str
):
    umbrella, affiliate, other = _family(team)
    assert _as_loaded(team, TODAY) == _as_counted(team, TODAY)  # everything counted and kept
    before = _as_counted(team, TODAY)

    def load() -> None:  # between two writes: kept as an open dashboard would, then compared
        nonlocal before
        dashboard_facts(team, TODAY)
        before = _as_counted(team, TODAY)

    with team.engine.connect() as connection:
        WRITES[kind](connection, umbrella, affiliate, other, load)
        connection.commit()
    counted.clear()
    after = _as_counted(team, TODAY)
    changed = {a for a in after if after[a] != before.get(a)}
    assert changed & {umbrella, affiliate, other}  # the write did change what is counted
    assert _as_loaded(team, TODAY) == after
    assert changed <= counted[0] < set(after)  # only the accounts written were counted


def test_a_load_with_nothing_written_counts_nothing_and_a_new_day_everything(
    team: Database, counted: list[set[int]]
):
    first = _as_loaded(team, TODAY)
    assert _as_loaded(team, TODAY) == first
    assert len(counted) == 1  # the second load counted nothing
    tomorrow = TODAY + timedelta(days=1)
    assert _as_loaded(team, tomorrow) == _as_counted(team, tomorrow)
    assert counted[-1] == set(first)


def test_a_write_while_counting_leaves_the_tally_it_was_counted_with_behind(
    team: Database, counted: list[set[int]], monkeypatch: pytest.MonkeyPatch
):
    """The generation is read before the count: a write landing during the count (here just
    after the generations were read) makes the kept tally stale at once."""
    _umbrella, affiliate, _other = _family(team)
    real = kept_tallies.dashboard_tallies

    def count_after_a_write(db: Database, today: date, read: object) -> object:
        with team.engine.begin() as c:
            _person_added(c, 0, affiliate, 0, lambda: None)
        return real(db, today, read)

    monkeypatch.setattr(kept_tallies, "dashboard_tallies", count_after_a_write)
    _as_loaded(team, TODAY)
    monkeypatch.setattr(kept_tallies, "dashboard_tallies", real)
    counted.clear()
    assert _as_loaded(team, TODAY) == _as_counted(team, TODAY)
    assert affiliate in counted[0]


def test_forgetting_a_person_leaves_no_kept_tally_naming_them(team: Database):
    """A kept tally names its account's best-served person; forgetting that person must not
    leave the name in any login's kept rows (stale or not)."""
    loaded = _as_loaded(team, TODAY)
    named = {
        tally.names[top]: top
        for tally in loaded.values()
        if (top := tally_concentration(tally).top_person_id) is not None and top in tally.names
    }
    name, person_id = sorted(named.items())[0]
    spelled = json.dumps(name)[1:-1]  # as the JSON document spells it

    def kept_documents() -> list[str]:
        with team.engine.connect() as c:
            return list(c.execute(text("SELECT tally::text FROM kept_tallies")).scalars())

    assert any(spelled in document for document in kept_documents())
    forget_person(team, person_id)
    documents = kept_documents()
    assert documents  # the other accounts' tallies stay kept
    assert not any(spelled in document for document in documents)
