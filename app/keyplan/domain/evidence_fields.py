"""The fields of a piece of evidence, declared once (as ``fields.py`` does for people).

Kept apart from ``evidence.py``, whose rules the map export reads at every start: the field
specs bring the whole field machinery with them, which only editors and imports need.
"""

from __future__ import annotations

from keyplan.domain.evidence import MAX_OBSERVED_LENGTH
from keyplan.domain.fields import FieldSpec, Kind
from keyplan.domain.plan_vocabulary import Confidence, EvidenceSource, RatedField

__all__ = ["EVIDENCE_FIELDS", "MAX_OBSERVED_LENGTH"]


def _by_name(*specs: FieldSpec) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in specs}


EVIDENCE_FIELDS = _by_name(
    FieldSpec("rating", "Rating", Kind.CHOICE, RatedField, required=True),
    FieldSpec("rated_as", "Rated as", required=True, max_length=30),
    FieldSpec(
        "observed",
        "What was seen or said",
        required=True,
        max_length=MAX_OBSERVED_LENGTH,
        help="In a sentence: what they said or did that shows it",
    ),
    FieldSpec("observed_on", "When", Kind.DATE, required=True),
    FieldSpec("team_member_id", "By (our side)", Kind.REFERENCE),
    FieldSpec("source", "Source", Kind.CHOICE, EvidenceSource, required=True),
    FieldSpec("interaction_id", "Meeting", Kind.REFERENCE),
    FieldSpec("confidence", "Confidence", Kind.CHOICE, Confidence, required=True),
)
