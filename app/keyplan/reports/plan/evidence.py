"""What the ratings of decision makers and blockers rest on, for the internal documents.

The internal plan prints a table (each rating with its evidence, newest first, and a "?" when
it rests on nothing recent); the meeting brief a line per attendee. The customer-safe plan
never gets here: ``redaction`` empties the evidence before any page is built.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import Flowable, Paragraph

from keyplan.domain.evidence import (
    EvidenceFacts,
    claimed_ratings,
    evidence_line,
    is_uncertain,
    value_label,
)
from keyplan.domain.plan_vocabulary import RatedField
from keyplan.domain.relationships import is_decision_maker
from keyplan.domain.vocabulary import Stance
from keyplan.reports.names import plain_name
from keyplan.reports.plan.context import Context
from keyplan.reports.styles import styles
from keyplan.reports.tables import Column, data_table
from keyplan.store.people.queries import PersonRow

#: How many pieces of evidence a rating shows in the plan (the newest).
SHOWN_PER_RATING = 3


def shows_evidence(person: PersonRow) -> bool:
    """Decision makers and blockers still at the customer: whose ratings the deal turns on."""
    return not person.values.get("has_left") and (
        is_decision_maker(person["buying_role"]) or person["stance"] == Stance.BLOCKER.value
    )


def rating_evidence(
    ctx: Context, person: PersonRow
) -> list[tuple[str, str, bool, list[EvidenceFacts]]]:
    """(rating, value label, uncertain, evidence newest first) of each claimed rating."""
    claimed = claimed_ratings(
        stance=person["stance"],
        influence=person["influence"],
        buying_role=person["buying_role"],
        strength=person["strength"],
    )
    mine = ctx.plan.person_evidence(person.id)
    cadence = ctx.plan.cadences.get(person.account_id)
    found = []
    for field in RatedField:
        value = claimed.get(field.value)
        if value is None:
            continue
        items = [e for e in mine if e.rating is field and e.rated_as == value]
        items.sort(key=lambda e: e.observed_on, reverse=True)
        newest = items[0].observed_on if items else None
        doubtful = is_uncertain(newest, cadence, ctx.plan.today)
        found.append((field.value, value_label(field.value, value), doubtful, items))
    return found


def brief_evidence(ctx: Context, person: PersonRow) -> str:
    """One line for the brief: the stance and the buying role, each with its newest evidence
    (date, source, confidence, what) or "no evidence"; "?" when it rests on nothing recent."""
    parts = []
    for rating, label, doubtful, items in rating_evidence(ctx, person):
        if rating not in (RatedField.STANCE.value, RatedField.BUYING_ROLE.value):
            continue
        mark = "?" if doubtful else ""
        if not items:
            parts.append(f"{label}{mark} — no evidence")
            continue
        newest = items[0]
        where = f"{newest.source.label.lower()}, {newest.confidence.label.lower()}"
        parts.append(f"{label}{mark} {newest.observed_on.isoformat()} {where}: {newest.observed}")
    return "; ".join(parts)


def evidence_section(ctx: Context, width: float) -> list[Flowable]:
    """The table "What the key ratings rest on" (nothing when nobody decides or blocks)."""
    rows = []
    for person in sorted(ctx.present_people, key=lambda p: p["full_name"].casefold()):
        if not shows_evidence(person):
            continue
        for number, (_rating, label, doubtful, items) in enumerate(rating_evidence(ctx, person)):
            shown = "\n".join(
                evidence_line(replace(item, by=plain_name(item.by)))  # no "(you)" on paper
                for item in items[:SHOWN_PER_RATING]
            )
            rows.append(
                [
                    person["full_name"] if number == 0 else None,  # once per person
                    f"{label}?" if doubtful else label,
                    shown or "No evidence recorded",
                ]
            )
    if not rows:
        return []
    columns = [
        Column("Name", 1.0, bold=True),
        Column("Rating", 0.9),
        Column("Evidence, newest first (date · source · confidence — by: what)", 3.6),
    ]
    note = Paragraph(
        "Decision makers and blockers. A rating marked ? rests on no evidence newer than the "
        "review cadence.",
        styles().muted,
    )
    return [Paragraph("What the key ratings rest on", styles().h2), note,
            data_table(columns, rows, width)]  # fmt: skip
