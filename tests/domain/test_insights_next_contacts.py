"""Next best contact stories: who at Nordwind would widen our coverage most; the weekly nudge."""

from datetime import date, timedelta

from keyplan.domain.insights import (
    AccountFacts,
    InteractionFacts,
    PersonFacts,
    next_best_contacts,
    rank_contacts,
    weekly_nudge,
)
from keyplan.domain.vocabulary import BuyingRole, Level, Strength

TODAY = date(2025, 6, 2)
DANA, ERIK, KAI, LARS, MIA = range(1, 6)

PEOPLE = (
    PersonFacts(DANA, "Dana Whitfield", title="CFO", department="Finance", level=Level.C_LEVEL,
                buying_role=BuyingRole.DECISION_MAKER,
                major_challenge="closing the books in three days"),
    PersonFacts(ERIK, "Erik Lund", department="Finance", level=Level.MANAGER,
                strength=Strength.WORKING, owner_ids=(7,)),
    PersonFacts(KAI, "Kai Ito", department="IT", level=Level.DIRECTOR,
                strength=Strength.TRUSTED, owner_ids=(8,)),
    PersonFacts(LARS, "Lars Berg", title="General Counsel", department="Legal", level=Level.VP),
    PersonFacts(MIA, "Mia Roth", title="Contracts Manager", department="Legal",
                level=Level.MANAGER, strength=Strength.ACQUAINTED),
)  # fmt: skip


def nordwind(people=PEOPLE) -> AccountFacts:
    interactions = (
        InteractionFacts(1, TODAY - timedelta(days=10), (ERIK,), (7,)),
        InteractionFacts(2, TODAY - timedelta(days=100), (KAI,), (8,)),
    )
    return AccountFacts(
        1,
        "Nordwind",
        people=people,
        interactions=interactions,
        opportunity_departments=("Procurement",),
    )


def test_the_ranking_puts_the_uncovered_cfo_first_and_the_merely_stale_last():
    ranked = rank_contacts(nordwind(), TODAY)

    assert [(s.person_name, s.department) for s in ranked] == [
        ("Dana Whitfield", "Finance"),  # decision maker without relationship
        (None, "Procurement"),  # an opportunity where we know nobody
        ("Lars Berg", "Legal"),  # opens a department and the VP level
        ("Mia Roth", "Legal"),  # opens a department only
        ("Kai Ito", "IT"),  # engaged, only stale
    ]
    # Erik is engaged, recently met, in an engaged department: he widens nothing.


def test_each_suggestion_says_the_gap_first_and_then_the_person():
    reasons = [s.reason for s in rank_contacts(nordwind(), TODAY)]

    assert reasons == [
        "No working relationship in Finance above manager level — Dana Whitfield, CFO, is a "
        "decision maker "
        "with no owner and no relationship yet; never contacted",
        "Nobody known in Procurement, where we have an open opportunity",
        "Nobody engaged in Legal — Lars Berg, General Counsel, has no relationship with us yet",
        "Nobody engaged in Legal — Mia Roth, Contracts Manager, is only an acquaintance so far; "
        "never contacted",
        "Kai Ito (IT director) last contacted 100 days ago; the default is every 90 days",
    ]


def test_the_short_list_does_not_spend_two_places_on_legal_while_kai_waits():
    short = next_best_contacts(nordwind(), TODAY, limit=4)

    assert [s.person_name for s in short] == ["Dana Whitfield", None, "Lars Berg", "Kai Ito"]


def test_with_room_to_spare_the_second_legal_contact_comes_last():
    short = next_best_contacts(nordwind(), TODAY)

    assert [s.person_name for s in short] == [
        "Dana Whitfield",
        None,
        "Lars Berg",
        "Kai Ito",
        "Mia Roth",
    ]
    assert short[1].person_id is None
    assert short[1].opens_department


def test_this_weeks_nudge_is_dana_and_her_month_end_close():
    nudge = weekly_nudge(nordwind(), TODAY)

    assert nudge is not None
    assert nudge.person_id == DANA
    assert nudge.challenge == "closing the books in three days"
    assert nudge.ask == "Talk with Dana Whitfield about: closing the books in three days"
    assert nudge.reason.startswith("No working relationship in Finance above manager level")


def test_when_only_old_friends_are_left_the_nudge_revives_one_and_asks_for_their_challenge():
    nudge = weekly_nudge(nordwind(people=PEOPLE[1:3]), TODAY)

    assert nudge is not None
    assert nudge.person_name == "Kai Ito"
    assert nudge.challenge is None
    assert nudge.ask == "Ask Kai Ito what the biggest challenge on their desk is right now"


def test_a_fully_covered_fresh_account_has_nobody_to_suggest():
    erik_only = AccountFacts(
        1,
        "Nordwind",
        people=PEOPLE[1:2],
        interactions=(InteractionFacts(1, TODAY, (ERIK,), (7,)),),
    )

    assert next_best_contacts(erik_only, TODAY) == ()
    assert weekly_nudge(erik_only, TODAY) is None


def test_people_who_have_left_are_never_suggested():
    gone = PersonFacts(9, "Gus Lee", department="Sales", level=Level.C_LEVEL, has_left=True)

    ranked = rank_contacts(nordwind(people=(*PEOPLE, gone)), TODAY)

    assert all(s.person_id != 9 for s in ranked)
