"""Which account a calendar meeting belongs to, with whom on both sides, and who is unknown."""

from __future__ import annotations

from datetime import UTC, date, datetime

from keyplan.domain.calendar_meetings import (
    Attendee,
    CalendarDirectory,
    CalendarMeeting,
    name_from_email,
    nearest_common_account,
    new_people,
    plan_meetings,
    with_people,
)

# Accounts: Acme Group (1) above Acme France (2) and Acme Nordic (3); Globex (4);
# Initech (5). People by e-mail (lower case, as the store hands them over).
PARENTS = {1: None, 2: 1, 3: 1, 4: None, 5: None}
NAMES = {1: "Acme Group", 2: "Acme France", 3: "Acme Nordic", 4: "Globex", 5: "Initech"}
PEOPLE = {
    "ingrid@acme.example": (11, 1),
    "mia@acme.example": (21, 2),
    "olaf@acme.example": (31, 3),
    "gina@globex.example": (41, 4),
    "gus@globex.example": (42, 4),
    "ivan@initech.example": (51, 5),
}
TEAM = {"tom@ourco.example": 7}
DIRECTORY = CalendarDirectory(PEOPLE, TEAM, PARENTS, NAMES)


def meeting(*emails: str, organiser: str | None = None, uid: str = "m1", occurrence: str = ""):
    start = datetime(2026, 3, 10, 9, tzinfo=UTC)
    return CalendarMeeting(
        uid, occurrence, date(2026, 3, 10), start, start, start, start, "Review",
        Attendee(organiser) if organiser else None, tuple(Attendee(e) for e in emails),
    )  # fmt: skip


def only(plan):
    assert len(plan.meetings) == 1
    return plan.meetings[0]


def test_an_umbrella_family_counts_as_one_customer_against_another():
    # Globex has two people, Acme's family three (over three accounts): Acme wins.
    planned = only(plan_meetings([meeting("gina@globex.example", "gus@globex.example",
        "ingrid@acme.example", "mia@acme.example", "olaf@acme.example")], DIRECTORY))  # fmt: skip
    assert planned.account_id == 1  # above Acme France and Acme Nordic: the umbrella
    assert planned.person_ids == (11, 21, 31)  # Globex's people are not linked


def test_two_affiliates_people_only_go_to_the_affiliate_they_share_or_the_one_above():
    assert only(plan_meetings([meeting("mia@acme.example")], DIRECTORY)).account_id == 2
    both = only(plan_meetings([meeting("mia@acme.example", "olaf@acme.example")], DIRECTORY))
    assert both.account_id == 1


def test_a_tie_goes_to_the_customer_named_first_the_organiser_first_of_all():
    planned = only(plan_meetings([meeting("ingrid@acme.example", organiser="gina@globex.example")],
                                 DIRECTORY))  # fmt: skip
    assert (planned.account_id, planned.person_ids) == (4, (41,))


def test_our_team_is_found_by_email_and_without_a_match_the_meeting_is_mine():
    with_tom = only(plan_meetings([meeting("ingrid@acme.example", organiser="tom@ourco.example")],
                                  DIRECTORY))  # fmt: skip
    mine = only(plan_meetings([meeting("ingrid@acme.example", organiser="me@ourco.example")],
                              DIRECTORY))  # fmt: skip
    assert with_tom.team_member_ids == (7,) and mine.team_member_ids == ()


def test_a_meeting_with_none_of_their_people_is_not_an_interaction():
    plan = plan_meetings([meeting("tom@ourco.example", "walter@example.org")], DIRECTORY)
    assert plan.meetings == [] and plan.without_our_people == 1


def test_a_meeting_imported_before_is_skipped_and_the_same_occurrence_twice_is_one():
    directory = CalendarDirectory(PEOPLE, TEAM, PARENTS, NAMES, frozenset({("m1", "")}))
    plan = plan_meetings(
        [meeting("ingrid@acme.example"), meeting("ingrid@acme.example", uid="m2", occurrence="A"),
         meeting("ingrid@acme.example", uid="m2", occurrence="A")], directory,
    )  # fmt: skip
    assert plan.already_imported == 1 and [p.meeting.uid for p in plan.meetings] == ["m2"]


def test_unknown_attendees_are_listed_with_the_account_their_domain_belongs_to():
    plan = plan_meetings(
        [
            meeting("ingrid@acme.example", "lena@acme.example", "bob@ourco.example",
                    "x@gmail.com", uid="a"),
            # Nobody known, but Lena's domain is Acme's: she is listed again.
            meeting("lena@acme.example", uid="b"),
            # Nobody known and a stranger's domain: not listed.
            meeting("walter@example.org", uid="c"),
        ],
        DIRECTORY,
    )  # fmt: skip
    unknown = {u.email: u for u in plan.unknown}
    assert set(unknown) == {"lena@acme.example", "x@gmail.com"}  # a colleague is not unknown
    assert (unknown["lena@acme.example"].meetings, unknown["lena@acme.example"].account_id) == (
        2, 1,
    )  # fmt: skip
    assert unknown["x@gmail.com"].account_id == 1  # web mail: the meeting's account


def test_an_unknown_attendee_added_as_a_person_brings_the_meeting_only_she_attended():
    plan = plan_meetings([meeting("ingrid@acme.example", "lena.fischer@acme.example", uid="a"),
                          meeting("lena.fischer@acme.example", uid="b")], DIRECTORY)  # fmt: skip
    people = new_people(plan.unknown)
    assert [(p.placeholder_id, p.account_id, p.full_name) for p in people] == [
        (-1, 1, "Lena Fischer")
    ]
    again = plan_meetings([meeting("lena.fischer@acme.example", uid="b")],
                          with_people(DIRECTORY, people))  # fmt: skip
    assert only(again).person_ids == (-1,)


def test_small_rules():
    assert name_from_email("jean-luc.picard@x.example") == "Jean Luc Picard"
    assert nearest_common_account([2, 3], PARENTS) == 1
    assert nearest_common_account([2, 2], PARENTS) == 2
