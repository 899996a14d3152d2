"""When a rating is uncertain, and how its doubt reads."""

from datetime import date, timedelta

import pytest

from keyplan.domain.errors import RuleViolation
from keyplan.domain.evidence import (
    EvidenceFacts,
    age_words,
    check_rated_as,
    claimed_ratings,
    doubts_sentence,
    person_doubts,
    uncertain_ratings,
)
from keyplan.domain.plan_vocabulary import Confidence, EvidenceSource, RatedField
from keyplan.domain.vocabulary import Stance, Strength

TODAY = date(2026, 12, 7)


def seen(rating: str, rated_as: str, days_ago: int, source="meeting", sure="confirmed"):
    return EvidenceFacts(1, RatedField(rating), rated_as, "seen", TODAY - timedelta(days_ago),
                         EvidenceSource(source), Confidence(sure))  # fmt: skip


def test_only_ratings_that_claim_something_need_evidence():
    claimed = claimed_ratings(stance=Stance.UNKNOWN, influence=None, buying_role="none",
                              strength=Strength.NONE)  # fmt: skip
    assert claimed == {}
    claimed = claimed_ratings(stance="blocker", influence="high", buying_role="decision_maker",
                              strength=Strength.TRUSTED)  # fmt: skip
    assert claimed == {"stance": "blocker", "influence": "high", "buying_role": "decision_maker",
                       "strength": "3"}  # fmt: skip


def test_a_rating_is_uncertain_without_evidence_or_with_evidence_older_than_the_cadence():
    claimed = {"stance": "blocker", "strength": "3"}
    newest = {("stance", "blocker"): TODAY - timedelta(days=90),
              ("strength", "3"): TODAY - timedelta(days=91)}  # fmt: skip
    assert uncertain_ratings(claimed, newest, 90, TODAY) == ("strength",)
    assert uncertain_ratings(claimed, newest, 120, TODAY) == ()
    assert uncertain_ratings(claimed, {}, None, TODAY) == ("stance", "strength")


def test_evidence_for_an_earlier_value_does_not_vouch_for_the_new_one():
    doubts = person_doubts({"stance": "blocker"}, [seen("stance", "supporter", 3)], 90, TODAY)
    assert [(d.rating, d.newest) for d in doubts] == [("stance", None)]


def test_the_newest_evidence_speaks_for_a_rating_with_its_source_and_confidence():
    items = [seen("stance", "blocker", 500), seen("stance", "blocker", 425, "second_hand", "guess")]
    [doubt] = person_doubts({"stance": "blocker"}, items, 90, TODAY)
    assert doubt.text(TODAY) == "Blocker? — last evidence 14 months ago, second hand, guess"


def test_doubts_of_one_person_read_as_one_line():
    items = [seen("stance", "skeptic", 98)]
    doubts = person_doubts({"stance": "skeptic", "influence": "high"}, items, 90, TODAY)
    assert doubts_sentence(doubts, TODAY) == (
        "Skeptic? — last evidence 3 months ago, meeting; no evidence for high influence"
    )
    bare = person_doubts({"stance": "champion", "buying_role": "user"}, [], 90, TODAY)
    assert doubts_sentence(bare, TODAY) == "Champion?, user? — no evidence"


@pytest.mark.parametrize(("days", "words"), [(1, "1 day"), (13, "13 days"), (20, "3 weeks"),
                                             (98, "3 months"), (425, "14 months"),
                                             (800, "2 years")])  # fmt: skip
def test_ages_read_as_people_say_them(days, words):
    assert age_words(days) == words


def test_a_rated_value_outside_its_vocabulary_is_refused():
    assert check_rated_as("strength", Strength.TRUSTED) == "3"
    with pytest.raises(RuleViolation, match="not one of"):
        check_rated_as("stance", "evil")
    with pytest.raises(ValueError):
        check_rated_as("mood", "happy")
