"""Everything the portfolio search can find, read in a few plain queries."""

from __future__ import annotations

from typing import Any

from keyplan.domain.fields import ACCOUNT_FIELDS, STAKEHOLDER_FIELDS, FieldSpec
from keyplan.domain.portfolio_search import RecordKind, SearchRecord
from keyplan.store.database import Database

# The texts a person or an account can be found by, besides the name (as the forms label them).
_PERSON_TEXTS = ("job_title", "department", "email", "location", "personality_notes",
                 "personal_interests", "major_challenge", "priorities")  # fmt: skip
_ACCOUNT_TEXTS = ("aliases", "industry", "country", "notes", "mission", "vision", "values",
                  "history", "current_objectives", "strategy", "business_drivers",
                  "cost_quality_issues", "value_proposition")  # fmt: skip
_NEXT_STEP = (("next_step", "Next step"),)


def search_records(database: Database) -> list[SearchRecord]:
    """Every account, person, promise, action and logged interaction, with its texts."""
    names = {row[0]: row[1] for row in database.rows('SELECT id, name FROM "accounts"')}
    promises = (RecordKind.PROMISE, "commitments", "promise", ())
    actions = (RecordKind.ACTION, "actions", "description", ())
    interactions = (RecordKind.INTERACTION, "interactions", "summary", _NEXT_STEP)
    return [
        *_accounts(database, names),
        *_people(database, names),
        *_simple(database, names, *promises),
        *_simple(database, names, *actions),
        *_simple(database, names, *interactions),
    ]


def _accounts(database: Database, names: dict[int, str]) -> list[SearchRecord]:
    columns = ", ".join(f'"{column}"' for column in _ACCOUNT_TEXTS)
    records = []
    for row in database.rows(f'SELECT id, name, {columns} FROM "accounts"'):
        texts = _labelled(ACCOUNT_FIELDS, _ACCOUNT_TEXTS, row[2:])
        records.append(
            SearchRecord(RecordKind.ACCOUNT, row[0], row[0], names[row[0]], row[1], texts)
        )
    return records


def _people(database: Database, names: dict[int, str]) -> list[SearchRecord]:
    columns = ", ".join(f'"{column}"' for column in _PERSON_TEXTS)
    records = []
    for row in database.rows(f'SELECT id, account_id, full_name, {columns} FROM "stakeholders"'):
        texts = _labelled(STAKEHOLDER_FIELDS, _PERSON_TEXTS, row[3:])
        account = names.get(row[1], "")
        records.append(SearchRecord(RecordKind.PERSON, row[0], row[1], account, row[2], texts))
    return records


def _simple(
    database: Database,
    names: dict[int, str],
    kind: RecordKind,
    table: str,
    name_column: str,
    more: tuple[tuple[str, str], ...],
) -> list[SearchRecord]:
    extra = "".join(f', "{column}"' for column, _label in more)
    records = []
    for row in database.rows(f'SELECT id, account_id, "{name_column}"{extra} FROM "{table}"'):
        texts = tuple(
            (label, text) for (_c, label), text in zip(more, row[3:], strict=True) if text
        )
        name = " ".join(str(row[2] or "").split())
        records.append(SearchRecord(kind, row[0], row[1], names.get(row[1], ""), name, texts))
    return records


def _labelled(
    specs: dict[str, FieldSpec], columns: tuple[str, ...], values: tuple[Any, ...]
) -> tuple[tuple[str, str], ...]:
    return tuple(
        (specs[column].label if column in specs else column, str(value))
        for column, value in zip(columns, values, strict=True)
        if value
    )
