"""Forgetting a person: Ingrid Solberg asks to be forgotten, and nothing of her is left."""

from __future__ import annotations

import pytest
from sqlalchemy import func, or_, select, update

from forget_helpers import GROUP, demo_with_traces_of, person_id, text_values
from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.store.forget.erase import forget_person
from keyplan.store.forget.lookup import find_person
from keyplan.store.history.log import AppendOnlyLog
from keyplan.store.history.named_snapshots import snapshots
from keyplan.store.history.queries import compare_dates, person_history
from keyplan.store.models import (
    Action,
    ChangeLogEntry,
    Commitment,
    DottedLine,
    Evidence,
    ExportRecord,
    InfluenceLine,
    Interaction,
    InteractionStakeholder,
    RelationshipOwner,
    Stakeholder,
    utc_now,
)
from keyplan.store.people.edits import add_stakeholder, umbrella_account_ids
from keyplan.store.people.moves import add_vacancy, mark_left
from keyplan.store.people.queries import find_account, people, person

INGRID = "Ingrid Solberg"


def count(db, model, *conditions) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*conditions))


def rows_naming(db, them: int) -> dict[str, int]:
    """Rows that point at the person, table by table."""
    return {
        "people": count(db, Stakeholder, Stakeholder.id == them),
        "reports": count(db, Stakeholder, Stakeholder.reports_to_id == them),
        "attendance": count(
            db, InteractionStakeholder, InteractionStakeholder.stakeholder_id == them
        ),
        "influence": count(db, InfluenceLine, or_(InfluenceLine.from_stakeholder_id == them,
                                                  InfluenceLine.to_stakeholder_id == them)),
        "dotted": count(db, DottedLine, or_(DottedLine.stakeholder_id == them,
                                            DottedLine.manager_id == them)),
        "owners": count(db, RelationshipOwner, RelationshipOwner.stakeholder_id == them),
        "evidence": count(db, Evidence, Evidence.stakeholder_id == them),
        "promises": count(db, Commitment, Commitment.to_stakeholder_id == them),
        "actions": count(db, Action, Action.stakeholder_id == them),
        "own history": count(db, ChangeLogEntry, ChangeLogEntry.entity_kind == "person",
                             ChangeLogEntry.entity_id == them),
        "history pointing at them": count(
            db, ChangeLogEntry,
            ChangeLogEntry.field.in_(["reports_to_id", "dotted_line", "previous_record_id"]),
            or_(ChangeLogEntry.old_value == str(them), ChangeLogEntry.new_value == str(them)),
        ),
    }  # fmt: skip


def test_ingrid_is_forgotten_in_every_table_and_her_colleagues_stay(db):
    story = demo_with_traces_of(db, INGRID)
    them = story["them"]
    before = rows_naming(db, them)
    assert all(before[k] for k in ("reports", "attendance", "influence", "dotted", "owners",
                                    "evidence", "promises", "own history",
                                    "history pointing at them"))  # fmt: skip
    people, meetings = count(db, Stakeholder), count(db, Interaction)
    line_entries = count(db, ChangeLogEntry, ChangeLogEntry.entity_kind == "influence",
                         ChangeLogEntry.entity_id == story["line"])  # fmt: skip
    assert line_entries == 2  # drawn, deleted: the deleted line's history still names her

    report = forget_person(db, them)

    assert rows_naming(db, them) == dict.fromkeys(before, 0)
    assert count(db, ChangeLogEntry, ChangeLogEntry.entity_kind == "influence",
                 ChangeLogEntry.entity_id == story["line"]) == 0  # fmt: skip
    assert count(db, Stakeholder) == people - 1
    assert count(db, Interaction) == meetings  # the meetings stay, without her
    assert count(db, InteractionStakeholder,
                 InteractionStakeholder.interaction_id == story["alone"]) == 0  # fmt: skip
    naming = [(t, c, v) for t, c, v in text_values(db) if "Solberg" in v or "Ingrid" in v]
    assert naming == []
    assert count(db, ExportRecord) == 1  # "Aldermark plan.pdf" names nobody
    # Her reports went to her own manager, the CEO.
    henrik = person_id(db, "Henrik Dahlgren")
    assert count(db, Stakeholder, Stakeholder.reports_to_id == henrik) >= before["reports"]
    assert report.manager_name == "Henrik Dahlgren"
    assert report.counts["reports moved"] == before["reports"]
    assert report.counts["meetings they attended"] == before["attendance"]
    assert report.counts["influence lines"] == before["influence"]
    assert report.counts["dotted lines"] == before["dotted"]
    assert report.counts["relationship owners"] == before["owners"]
    assert report.counts["evidence"] == before["evidence"]
    assert report.counts["promises to them"] == before["promises"]
    assert report.counts["export records"] == 1
    assert report.counts["history entries deleted"] >= before["own history"] + line_entries
    assert report.on_server == (db.path is None)


def test_a_colleagues_history_no_longer_names_her_but_still_reads(db):
    story = demo_with_traces_of(db, INGRID)
    forget_person(db, story["them"])
    entries, names = person_history(db, story["colleague"])
    managers = {e.old for e in entries if e.field == "reports_to_id"}
    managers |= {e.new for e in entries if e.field == "reports_to_id"}
    assert story["them"] not in managers
    assert "Close to [removed]." in [e.new for e in entries if e.field == "personality_notes"]
    assert INGRID not in names.people.values()


def test_free_text_names_her_as_removed_and_other_words_stay(db):
    story = demo_with_traces_of(db, INGRID)
    forget_person(db, story["them"])
    with db.read() as session:
        summary = session.scalar(
            select(Interaction.summary).where(Interaction.id == story["alone"])
        )
    assert summary == "Lunch with [removed]; [removed] wants a roadmap."


def test_a_vacancy_left_behind_loses_her_name(db):
    story = demo_with_traces_of(db, INGRID)
    seat = add_vacancy(db, story["group"], "Ingrid Solberg's old team lead", note="Was Ingrid's")
    forget_person(db, story["them"])
    with db.read() as session:
        name, note = session.execute(
            select(Stakeholder.full_name, Stakeholder.vacancy_note).where(Stakeholder.id == seat)
        ).one()
    assert (name, note) == ("[removed]'s old team lead", "Was [removed]'s")


def test_the_change_log_refuses_every_other_rewrite(db):
    story = demo_with_traces_of(db, INGRID)
    entries = count(db, ChangeLogEntry)
    with pytest.raises(AppendOnlyLog), db.transaction() as session:
        session.execute(update(ChangeLogEntry).values(new_value="tampered"))
    with pytest.raises(AppendOnlyLog), db.transaction() as session:
        entry = session.scalars(select(ChangeLogEntry).limit(1)).one()
        session.delete(entry)
    assert count(db, ChangeLogEntry) == entries
    assert count(db, ChangeLogEntry, ChangeLogEntry.new_value == "tampered") == 0
    assert story["them"]


def test_an_unknown_or_ambiguous_name_is_refused_with_candidates_and_nothing_changes(db):
    story = demo_with_traces_of(db, INGRID)
    people = count(db, Stakeholder)
    with pytest.raises(NotFound, match=r"nobody named 'Ingrid' .* Did you mean: Ingrid Solberg"):
        find_person(db, story["group"], "Ingrid")
    with pytest.raises(NotFound, match=r"People there: Amir Haddad, .* and \d+ more\.$"):
        find_person(db, story["group"], "Nobody Atall")
    with db.transaction() as session:
        session.add(Stakeholder(account_id=story["group"], full_name="ingrid  SOLBERG"))
    with pytest.raises(NotFound, match="2 people are named 'Ingrid Solberg'"):
        find_person(db, story["group"], "Ingrid Solberg")
    assert count(db, Stakeholder) == people + 1


def test_an_open_position_or_a_missing_person_cannot_be_forgotten(db):
    story = demo_with_traces_of(db, INGRID)
    seat = add_vacancy(db, story["group"], "Head of Data")
    with pytest.raises(RuleViolation, match="open position"):
        forget_person(db, seat)
    with pytest.raises(NotFound):
        forget_person(db, 999_999)
    assert count(db, Stakeholder, Stakeholder.id == seat) == 1


def test_finding_her_by_name_ignores_case_and_spacing(db):
    story = demo_with_traces_of(db, INGRID)
    group = find_account(db, GROUP)
    assert find_person(db, group, "  ingrid   solberg ") == story["them"]


def test_a_snapshot_taken_before_no_longer_shows_her_on_the_map_of_then(db):
    story = demo_with_traces_of(db, INGRID)
    (snapshot,) = snapshots(db, story["group"])
    forget_person(db, story["them"])
    with db.read() as session:
        family = umbrella_account_ids(session, story["group"])
    comparison = compare_dates(db, family, snapshot.taken_at, utc_now())
    assert story["them"] not in comparison.before
    assert story["them"] not in comparison.after
    assert INGRID not in comparison.names.people.values()
    assert snapshot.name == f"Before {INGRID} left"
    assert [s.name for s in snapshots(db, story["group"])] == ["Before [removed] left"]


def test_a_person_who_moved_to_another_account_is_forgotten_in_both(db):
    story = demo_with_traces_of(db, INGRID)
    other = find_account(db, "Meridian Health Partners")
    mark_left(db, story["them"], to_account_id=other)
    copy = person_id_at(db, other, INGRID)  # "was our champion at Aldermark"
    assert copy is not None
    new_report = add_stakeholder(db, other, "Tove Rask", reports_to_id=copy)
    old_reports = [
        p for p in people(db, story["group"]) if p.values["reports_to_id"] == story["them"]
    ]
    report = forget_person(db, copy)
    assert report.counts["records of them"] == 2
    # Each record's reports stay in their own account: under that record's manager.
    assert person(db, new_report).values["reports_to_id"] is None
    henrik = person_id(db, "Henrik Dahlgren")
    assert {person(db, p.id).values["reports_to_id"] for p in old_reports} == {henrik}
    assert count(db, Stakeholder, Stakeholder.full_name == INGRID) == 0
    assert count(db, Stakeholder, Stakeholder.previous_record_id.in_([story["them"], copy])) == 0


def person_id_at(db, account_id: int, full_name: str) -> int | None:
    with db.read() as session:
        return session.scalar(
            select(Stakeholder.id).where(
                Stakeholder.account_id == account_id, Stakeholder.full_name == full_name
            )
        )


def test_everyone_else_is_as_they_were_but_for_her_reports_manager(db):
    story = demo_with_traces_of(db, INGRID)

    def others():
        with db.read() as session:
            rows = session.execute(
                select(Stakeholder.id, Stakeholder.full_name, Stakeholder.job_title,
                       Stakeholder.stance, Stakeholder.strength, Stakeholder.reports_to_id,
                       Stakeholder.account_id)
            ).all()  # fmt: skip
        return {row.id: tuple(row) for row in rows}

    before = others()
    lines = count(db, InfluenceLine)
    forget_person(db, story["them"])
    after = others()
    henrik = person_id(db, "Henrik Dahlgren")
    changed = {i for i in after if after[i] != before[i]}
    assert set(before) - set(after) == {story["them"]}
    assert changed == {i for i, row in before.items() if row[5] == story["them"]}
    assert all(after[i][5] == henrik and after[i][:5] == before[i][:5] for i in changed)
    assert count(db, InfluenceLine) == lines - 2
