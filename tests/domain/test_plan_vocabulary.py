"""The plan's words live in their own module, and the old import path still finds them."""

import pickle

import pytest

from keyplan.domain import plan_vocabulary, vocabulary


def test_every_plan_word_is_still_importable_from_vocabulary_as_the_same_object():
    from keyplan.domain.vocabulary import LIVE_OPPORTUNITY_STATES, WorkStatus

    assert WorkStatus is plan_vocabulary.WorkStatus
    assert LIVE_OPPORTUNITY_STATES is plan_vocabulary.LIVE_OPPORTUNITY_STATES
    for name in vocabulary._PLAN_WORDS:
        assert getattr(vocabulary, name) is getattr(plan_vocabulary, name)


def test_an_unknown_word_is_still_an_attribute_error():
    with pytest.raises(AttributeError, match="NoSuchWord"):
        vocabulary.NoSuchWord  # noqa: B018


def test_a_plan_word_keeps_its_stored_value_label_and_pickles_round_trip():
    status = plan_vocabulary.OpportunityStatus.ON_HOLD
    assert status == "on_hold"
    assert str(status) == "on_hold"
    assert status.label == "On hold"
    assert plan_vocabulary.WhitespaceStatus.COMPETITOR_HOLDS.label == "Competitor holds"
    assert pickle.loads(pickle.dumps(status)) is status
    assert plan_vocabulary.RiskStatus.from_text("Mitigated") is plan_vocabulary.RiskStatus.MITIGATED
