"""Promise-keeping stories: what we told Nordwind we would do, and whether we did it."""

from datetime import date

from keyplan.domain.insights import (
    AccountFacts,
    CommitmentFacts,
    PromiseOutcome,
    PromiseRecord,
    merge_records,
    promise_keeping,
    promise_outcome,
)
from keyplan.domain.vocabulary import CommitmentStatus

TODAY = date(2025, 6, 2)
MAY_1 = date(2025, 5, 1)
OLA, PIA = 7, 8  # our team

KEPT, LATE, BROKEN, OPEN = (
    CommitmentStatus.KEPT,
    CommitmentStatus.LATE,
    CommitmentStatus.BROKEN,
    CommitmentStatus.OPEN,
)


def promises() -> tuple[CommitmentFacts, ...]:
    return (
        CommitmentFacts(1, "Pricing sheet", KEPT, 1, OLA, due_on=MAY_1,
                        delivered_on=date(2025, 4, 30)),
        CommitmentFacts(2, "Reference call", KEPT, 1, OLA, due_on=MAY_1,
                        delivered_on=date(2025, 5, 5)),
        CommitmentFacts(3, "Security review", LATE, 2, PIA, due_on=MAY_1),
        CommitmentFacts(4, "Free pilot", BROKEN, 2, PIA, due_on=MAY_1),
        CommitmentFacts(5, "Migration plan", OPEN, 1, OLA, due_on=date(2025, 5, 20)),
        CommitmentFacts(6, "Roadmap briefing", OPEN, 2, PIA, due_on=date(2025, 4, 2)),
        CommitmentFacts(7, "Invite to user day", OPEN, 3, None, due_on=date(2025, 6, 5)),
        CommitmentFacts(8, "Intro to our CTO", OPEN, 3, None),
    )  # fmt: skip


def test_each_promise_has_one_outcome():
    outcomes = [promise_outcome(promise, TODAY) for promise in promises()]

    assert outcomes == [
        PromiseOutcome.KEPT_ON_TIME,
        PromiseOutcome.KEPT_LATE,  # kept, but delivered four days after it was due
        PromiseOutcome.KEPT_LATE,  # marked late by hand
        PromiseOutcome.BROKEN,
        PromiseOutcome.OPEN,
        PromiseOutcome.OPEN,
        PromiseOutcome.OPEN,
        PromiseOutcome.OPEN,
    ]


def test_the_account_kept_one_on_time_two_late_broke_one_and_has_two_of_four_open_overdue():
    record = promise_keeping(AccountFacts(1, "Nordwind", commitments=promises()), TODAY).account

    assert record == PromiseRecord(kept_on_time=1, kept_late=2, broken=1, open=4, overdue=2)
    assert record.total == 8
    assert record.settled == 4
    assert record.on_time_rate == 0.25


def test_each_team_member_has_their_own_record_and_unassigned_promises_are_under_none():
    by_member = promise_keeping(
        AccountFacts(1, "Nordwind", commitments=promises()), TODAY
    ).by_team_member

    assert by_member[OLA] == PromiseRecord(kept_on_time=1, kept_late=1, open=1, overdue=1)
    assert by_member[PIA] == PromiseRecord(kept_late=1, broken=1, open=1, overdue=1)
    assert by_member[None] == PromiseRecord(open=2)


def test_the_overdue_list_starts_with_the_latest_promise():
    keeping = promise_keeping(AccountFacts(1, "Nordwind", commitments=promises()), TODAY)

    assert [(due.promise, due.days_late) for due in keeping.overdue] == [
        ("Roadmap briefing", 61),
        ("Migration plan", 13),
    ]
    assert keeping.overdue[0].by_team_member_id == PIA


def test_the_user_day_invitation_is_due_in_three_days():
    keeping = promise_keeping(AccountFacts(1, "Nordwind", commitments=promises()), TODAY)

    (soon,) = keeping.due_soon
    assert soon.promise == "Invite to user day"
    assert soon.days_late == -3


def test_a_promise_due_today_is_not_yet_overdue():
    due_today = CommitmentFacts(1, "Send slides", OPEN, due_on=TODAY)

    keeping = promise_keeping(AccountFacts(1, "Nordwind", commitments=(due_today,)), TODAY)

    assert keeping.overdue == ()
    assert keeping.account.overdue == 0
    assert [due.days_late for due in keeping.due_soon] == [0]


def test_an_account_without_promises_has_nothing_settled():
    keeping = promise_keeping(AccountFacts(1, "Nordwind"), TODAY)

    assert keeping.account == PromiseRecord()
    assert keeping.account.on_time_rate is None
    assert dict(keeping.by_team_member) == {}


def test_records_add_up_across_accounts():
    first = PromiseRecord(kept_on_time=2, open=1, overdue=1)
    second = PromiseRecord(kept_on_time=1, broken=1)

    assert merge_records([first, second]) == PromiseRecord(
        kept_on_time=3, broken=1, open=1, overdue=1
    )
