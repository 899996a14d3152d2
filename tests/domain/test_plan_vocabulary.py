"""The plan's words live in their own module, as they were."""

import pickle

from keyplan.domain import plan_vocabulary


def test_a_plan_word_keeps_its_stored_value_label_and_pickles_round_trip():
    status = plan_vocabulary.OpportunityStatus.ON_HOLD
    assert status == "on_hold"
    assert str(status) == "on_hold"
    assert status.label == "On hold"
    assert plan_vocabulary.WhitespaceStatus.COMPETITOR_HOLDS.label == "Competitor holds"
    assert pickle.loads(pickle.dumps(status)) is status
    assert plan_vocabulary.RiskStatus.from_text("Mitigated") is plan_vocabulary.RiskStatus.MITIGATED
