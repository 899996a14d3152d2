"""Evidence behind ratings in the store: edited with the person, undone exactly, on both
databases; a meeting's follow-up written and taken back row for row."""

from datetime import date

import pytest
from sqlalchemy import select

from keyplan.domain.errors import RuleViolation
from keyplan.store.evidence import edits as evidence_edits
from keyplan.store.evidence import queries as evidence_queries
from keyplan.store.meetings import edits as meeting_edits
from keyplan.store.models import Action, Commitment, Evidence
from keyplan.store.people import edits, queries
from keyplan.store.roster import edits as roster_edits


@pytest.fixture
def nordwind(db):
    account = edits.add_account(db, "Nordwind", review_cadence_days=90)
    dana = edits.add_stakeholder(db, account, "Dana Whitfield", stance="blocker", strength=1)
    alex = roster_edits.add_team_member(db, "Alex Morgan")
    return {"account": account, "dana": dana, "alex": alex}


def _blocker_seen(alex: int, **more) -> dict:
    return {"rating": "stance", "rated_as": "blocker", "observed": "Called our offer a waste",
            "observed_on": "2026-10-02", "team_member_id": alex, "source": "meeting",
            "confidence": "confirmed", **more}  # fmt: skip


def test_a_person_gets_evidence_with_a_changed_stance_and_loses_it_on_put_back(db, nordwind):
    dana, alex = nordwind["dana"], nordwind["alex"]
    edit = evidence_edits.edit_person(db, dana, {"stance": "skeptic"}, [
        _blocker_seen(alex, rated_as="skeptic")])  # fmt: skip
    [row] = evidence_queries.person_evidence(db, dana)
    assert (row["rated_as"], row["by"], row["observed_on"]) == ("skeptic", "Alex Morgan",
                                                                date(2026, 10, 2))  # fmt: skip
    assert queries.person(db, dana)["stance"] == "skeptic"
    assert edit.changed
    evidence_edits.put_back(db, dana, edit.old_fields, edit.old_evidence)
    assert evidence_queries.person_evidence(db, dana) == []
    assert queries.person(db, dana)["stance"] == "blocker"
    evidence_edits.put_back(db, dana, edit.new_fields, edit.new_evidence)
    assert evidence_queries.person_evidence(db, dana)[0]["id"] == row["id"]


def test_evidence_kept_changed_and_removed_in_one_list(db, nordwind):
    dana, alex = nordwind["dana"], nordwind["alex"]
    evidence_edits.edit_person(
        db, dana, {}, [_blocker_seen(alex), _blocker_seen(alex, observed="Second")]
    )
    first, _second = evidence_queries.person_evidence(db, dana)
    evidence_edits.edit_person(db, dana, {}, [{**_blocker_seen(alex), "id": first["id"],
                                               "confidence": "likely"}])  # fmt: skip
    [only] = evidence_queries.person_evidence(db, dana)
    assert (only["id"], only["confidence"]) == (first["id"], "likely")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rated_as": "evil"}, "not one of"),
        ({"source": "rumour"}, "Source"),
        ({"observed": ""}, "cannot be empty"),
        ({"observed": "x" * 501}, "longer"),
        ({"observed_on": "31/31/2026"}, "When"),
        ({"confidence": None}, "cannot be empty"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_changes(db, nordwind, change, message):
    dana, alex = nordwind["dana"], nordwind["alex"]
    with pytest.raises(RuleViolation, match=message):
        evidence_edits.edit_person(
            db, dana, {"stance": "champion"}, [_blocker_seen(alex, **change)]
        )
    assert evidence_queries.person_evidence(db, dana) == []
    assert queries.person(db, dana)["stance"] == "blocker"


def test_a_meeting_follow_up_is_written_and_taken_back_row_for_row(db, nordwind):
    dana, alex, account = nordwind["dana"], nordwind["alex"], nordwind["account"]
    meeting = meeting_edits.log_interaction(db, account, "2026-12-01", [dana], [alex])
    edit = evidence_edits.apply_follow_up(
        db, meeting, ratings={dana: {"strength": 3}},
        evidence=[{**_blocker_seen(alex, rated_as="supporter"), "stakeholder_id": dana}],
        commitment={"promise": "Send the study", "to_stakeholder_id": dana,
                    "by_team_member_id": alex, "due_on": "2026-12-15"},
        action={"description": "Invite Dana to the lab", "owner_id": alex, "stakeholder_id": dana},
    )  # fmt: skip
    assert queries.person(db, dana)["strength"] == 3
    with db.read() as session:
        linked = session.scalars(select(Evidence.interaction_id)).all()
        assert linked == [meeting]
        assert session.scalars(select(Commitment.promise)).all() == ["Send the study"]
    evidence_edits.revert_follow_up(db, edit)
    with db.read() as session:
        assert session.scalars(select(Evidence)).all() == []
        assert session.scalars(select(Commitment)).all() == []
        assert session.scalars(select(Action)).all() == []
    assert queries.person(db, dana)["strength"] == 1
    evidence_edits.reapply_follow_up(db, edit)
    assert queries.person(db, dana)["strength"] == 3
    with db.read() as session:
        assert session.scalars(select(Action.description)).all() == ["Invite Dana to the lab"]


def test_a_follow_up_with_a_bad_promise_writes_nothing(db, nordwind):
    dana, account = nordwind["dana"], nordwind["account"]
    meeting = meeting_edits.log_interaction(db, account, "2026-12-01", [dana], [])
    with pytest.raises(RuleViolation):
        evidence_edits.apply_follow_up(
            db,
            meeting,
            ratings={dana: {"strength": 3}},
            commitment={"promise": "", "due_on": "2026-12-15"},
        )
    assert queries.person(db, dana)["strength"] == 1


def test_evidence_goes_with_its_person_and_outlives_its_meeting(db, nordwind):
    dana, alex, account = nordwind["dana"], nordwind["alex"], nordwind["account"]
    meeting = meeting_edits.log_interaction(db, account, "2026-12-01", [dana], [alex])
    evidence_edits.edit_person(db, dana, {}, [_blocker_seen(alex, interaction_id=meeting)])
    meeting_edits.delete_interaction(db, meeting)
    [row] = evidence_queries.person_evidence(db, dana)
    assert row["interaction_id"] is None
    edits.delete_stakeholder(db, dana)
    with db.read() as session:
        assert session.scalars(select(Evidence)).all() == []
