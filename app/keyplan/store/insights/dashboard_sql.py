"""What the dashboard's readings share: fetching rows, and ``relationships.is_key`` in SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, or_
from sqlalchemy.orm import Session

from keyplan.domain.relationships import KEY_INFLUENCES, KEY_ROLES
from keyplan.store.insights.rule_sql import stored
from keyplan.store.models import Stakeholder


def is_key_condition() -> ColumnElement[bool]:
    """``relationships.is_key`` as a condition on a stakeholder row."""
    return or_(
        Stakeholder.buying_role.in_(stored(KEY_ROLES)),
        Stakeholder.influence.in_(stored(KEY_INFLUENCES)),
    )


def all_rows(session: Session, statement: Select) -> list[Any]:
    # Core execution, fetched at once: tuples without the ORM's per-row bookkeeping.
    return list(session.connection().execute(statement).all())
