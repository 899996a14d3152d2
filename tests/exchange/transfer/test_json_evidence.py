"""Evidence travels in the JSON export and comes back under the field rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from json_golden import ACCOUNT_FILE
from keyplan.exchange.transfer.json_exchange import import_json
from keyplan.store.database import open_database
from keyplan.store.evidence import queries as evidence_queries
from keyplan.store.people import queries
from keyplan.store.transfer import json_rows
from keyplan.store.transfer.json_rows import ImportRefused


def test_the_golden_account_brings_its_evidence_linked_to_its_person_and_meeting(tmp_path):
    target = open_database(tmp_path / "target.db")
    import_json(target, ACCOUNT_FILE)
    eva = next(p for p in queries.people(target, 1) if p["full_name"] == "Eva Gruber")
    [item] = evidence_queries.person_evidence(target, eva.id)
    meetings = dict(evidence_queries.meetings_with(target, eva.id))
    target.close()
    assert item["observed"] == "Asked us to present to the board — „gern“"
    assert (item["rated_as"], item["by"], item["confidence"]) == ("champion", "Anna Berg",
                                                                  "confirmed")  # fmt: skip
    assert item["interaction_id"] in meetings


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": "rumour"}, "Source"),
        ({"confidence": "certain"}, "Confidence"),
        ({"observed": "x" * 501}, "longer than 500"),
        ({"observed": "bad\u0007bell"}, "control"),
        ({"rating": "mood"}, "Rating"),
        ({"observed_on": None}, "Nothing was imported"),
    ],
)
def test_evidence_that_breaks_a_field_rule_refuses_the_whole_file(tmp_path, change, message):
    data = json.loads(Path(ACCOUNT_FILE).read_text("utf-8"))
    data["tables"]["evidence"][0].update(change)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), "utf-8")
    target = open_database(tmp_path / "target.db")
    before = json_rows.export_rows(target)
    with pytest.raises(ImportRefused, match=message):
        import_json(target, path)
    assert json_rows.export_rows(target) == before
    target.close()
