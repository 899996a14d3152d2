"""The relationship rules, each defined once: who is a champion, who must be kept warm, and
when a person needs a contact (overdue, or never met: two different things)."""

from keyplan.domain.plan_vocabulary import LIVE_OPPORTUNITY_STATES, OpportunityStatus
from keyplan.domain.relationships import (
    ContactDue,
    contact_due,
    is_champion,
    is_key,
    needs_keeping_warm,
)
from keyplan.domain.vocabulary import ROLE_BADGE_KEY, ROLE_BADGES, BuyingRole, Stance, Strength


def test_a_champion_is_the_stance_or_the_champion_coach_role_in_words_or_members():
    assert is_champion("champion", "none")  # a map row's stored words
    assert is_champion(Stance.NEUTRAL, BuyingRole.CHAMPION_COACH)  # the insights' members
    assert not is_champion("supporter", "decision_maker")


def test_a_decision_maker_or_a_highly_influential_person_is_key():
    assert is_key("decision_maker", None) and is_key("user", "high")
    assert not is_key("champion_coach", "medium")


def test_a_stranger_is_not_kept_warm_but_an_acquaintance_or_an_owned_person_is():
    stranger = dict(has_left=False, strength=0, owned=False, contact_days=None)
    assert not needs_keeping_warm(**stranger, buying_role="user", influence="low")
    assert needs_keeping_warm(**stranger | {"strength": Strength.ACQUAINTED},
                              buying_role="user", influence=None)  # fmt: skip
    assert needs_keeping_warm(**stranger | {"owned": True}, buying_role=None, influence=None)
    assert needs_keeping_warm(**stranger, buying_role="decision_maker", influence=None)
    gone = stranger | {"has_left": True, "strength": Strength.TRUSTED}
    assert not needs_keeping_warm(**gone, buying_role="decision_maker", influence="high")


def test_never_met_is_never_contacted_not_overdue_and_a_stranger_needs_neither():
    assert contact_due(True, None, None) is ContactDue.NEVER_CONTACTED
    assert contact_due(True, 91, None) is ContactDue.OVERDUE
    assert contact_due(True, 90, None) is None  # the ninetieth day is still fine
    assert contact_due(True, 31, 30) is ContactDue.OVERDUE
    assert contact_due(True, 100, 0) is ContactDue.OVERDUE  # zero means "not set": 90 days
    assert contact_due(False, None, None) is None
    assert contact_due(False, 400, None) is None


def test_every_role_but_none_has_one_badge_and_the_key_spells_each_out():
    assert set(ROLE_BADGES) == set(BuyingRole) - {BuyingRole.NONE}
    assert len(set(ROLE_BADGES.values())) == len(ROLE_BADGES)
    assert ROLE_BADGES[BuyingRole.CHAMPION_COACH] == "CH"
    assert ROLE_BADGES[BuyingRole.INFLUENCER] == "INF"
    assert "CH champion / coach" in ROLE_BADGE_KEY and "INF influencer" in ROLE_BADGE_KEY


def test_a_lost_opportunity_is_not_live():
    assert OpportunityStatus.LOST not in LIVE_OPPORTUNITY_STATES
    assert {"open", "won", "on_hold"} == LIVE_OPPORTUNITY_STATES
