"""The field rules applied to values as they are stored: a file's rows and the database's.

Editors parse what a person typed (``fields.parse_value``); a JSON import, ``copy-db`` and
``keyplan check`` see stored values instead ("champion", 2, 1250000.0) and check them here
against the same specs: a stance of "evil", a 10 MB name or an amount of ``inf`` breaks the
same rule whichever way it came in. Messages name the field, never quote a long value.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from keyplan.domain.errors import RuleViolation
from keyplan.domain.evidence_fields import EVIDENCE_FIELDS
from keyplan.domain.fields import (
    ACCOUNT_FIELDS,
    MAX_NOTE_LENGTH,
    STAKEHOLDER_FIELDS,
    FieldSpec,
    Kind,
    text_limit,
)
from keyplan.domain.interaction_fields import INTERACTION_FIELDS
from keyplan.domain.plain_text import quoted, require_plain_text, without_controls
from keyplan.domain.plan_fields import PLAN_TABLE_SPECS
from keyplan.domain.typed_values import MAX_AMOUNT

#: Each table's field specs, by the table's name in the database.
TABLE_FIELDS: dict[str, dict[str, FieldSpec]] = {
    "accounts": ACCOUNT_FIELDS,
    "stakeholders": STAKEHOLDER_FIELDS,
    "interactions": INTERACTION_FIELDS,
    "evidence": EVIDENCE_FIELDS,
    **{str(table): spec.fields for table, spec in PLAN_TABLE_SPECS.items()},
}

#: The fields that name a row: on import their control characters are taken out, not refused.
NAME_FIELDS = frozenset({("accounts", "name"), ("stakeholders", "full_name")})


def check_stored(spec: FieldSpec, value: Any) -> Any:
    """Check a stored value against its field's rules; return it (None stays None).

    Raises:
        RuleViolation: the value breaks a rule; the message names the field.
    """
    if value is None:
        if spec.required:
            raise RuleViolation(f"{spec.label} cannot be empty.")
        return None
    kind = spec.kind
    if isinstance(value, str):
        require_plain_text(spec.label, value, text_limit(spec))
    if kind is Kind.CHOICE:
        assert spec.choices is not None
        known = {member.value for member in spec.choices}
        if isinstance(value, bool) or value not in known:
            choices = ", ".join(member.label for member in spec.choices)
            raise RuleViolation(f"{spec.label}: {quoted(value)} is not one of: {choices}")
    elif kind is Kind.MONEY:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise RuleViolation(f"{spec.label} must be an amount.")
        if not (isinstance(value, int) or math.isfinite(value)) or not 0 <= value <= MAX_AMOUNT:
            raise RuleViolation(
                f"{spec.label} must be an amount between 0 and {MAX_AMOUNT:,.0f}, "
                f"not {quoted(value)}."
            )
    elif kind is Kind.INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise RuleViolation(f"{spec.label} must be a whole number.")
        spec.parse(value)  # the range
    elif kind is Kind.DATE:
        if not isinstance(value, date):
            raise RuleViolation(f"{spec.label} must be a date.")
    elif kind is Kind.FLAG:
        if not isinstance(value, bool | int):
            raise RuleViolation(f"{spec.label} must be yes or no.")
    elif kind in (Kind.TEXT, Kind.NOTE, Kind.LINK) and not isinstance(value, str):
        raise RuleViolation(f"{spec.label} must be text.")
    return value


def check_text_column(label: str, value: str, limit: int | None) -> None:
    """A text column without a field spec: no controls, and no longer than the column."""
    require_plain_text(label, value, limit or MAX_NOTE_LENGTH)


def check_number_column(label: str, value: float | int) -> None:
    """A number column without a field spec (a card's position, a line's strength): finite
    and of a sane size."""
    if isinstance(value, float) and not math.isfinite(value):
        raise RuleViolation(f"{label} must be a finite number, not {quoted(value)}.")
    if abs(value) > MAX_AMOUNT:
        raise RuleViolation(f"{label} is too large.")


def cleaned_name(table: str, field: str, value: Any) -> Any:
    """A name from a file with its control characters taken out; other values as they are."""
    if isinstance(value, str) and (table, field) in NAME_FIELDS:
        return without_controls(value)
    return value
