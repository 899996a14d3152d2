"""Which tables and columns the change log follows: one line per table.

A table is either followed as an entity of its own (``track``: a person, an influence line,
an account) or as a field of another entity (``track_as_field``: a relationship owner is the
person's "owner" field, one row per owner). Adding a table to the history is one more line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from keyplan.store.models import Account, Base, InfluenceLine, RelationshipOwner, Stakeholder

# Columns no entity's history needs: bookkeeping every table has, and card positions (where a
# card was dragged to says nothing about the customer).
_NEVER = frozenset({"id", "created_at", "updated_at", "version", "updated_by", "map_x", "map_y"})


@dataclass(frozen=True, slots=True)
class Tracked:
    """How one table's changes are written to the log.

    Attributes:
        kind: the ``entity_kind`` its entries carry.
        fields: the columns whose changes are recorded.
        account_via: how an entry finds its account: ``"account_id"`` (the row's own column),
            ``"id"`` (the row is the account) or a column naming a person, whose account it is.
        owner_column: for a table tracked as a field of another entity, the column naming that
            entity (the entries carry its id, not the row's).
        as_field: that field's name; ``value_column`` the column holding its value.
    """

    kind: str
    fields: tuple[str, ...]
    account_via: str
    owner_column: str | None = None
    as_field: str | None = None
    value_column: str | None = None


TRACKED: dict[str, Tracked] = {}


def track(model: type[Base], kind: str, account_via: str = "account_id") -> None:
    """Follow every user column of ``model`` as entity ``kind``."""
    fields = tuple(c.name for c in model.__table__.columns if c.name not in _NEVER)
    TRACKED[model.__table__.name] = Tracked(kind, fields, account_via)


def track_as_field(
    model: type[Base], kind: str, owner_column: str, as_field: str, value_column: str
) -> None:
    """Follow ``model``'s rows as one field of the entity its ``owner_column`` names."""
    TRACKED[model.__table__.name] = Tracked(
        kind, (value_column,), owner_column, owner_column, as_field, value_column
    )


track(Stakeholder, "person")
track(InfluenceLine, "influence", account_via="from_stakeholder_id")
track(Account, "account", account_via="id")
track_as_field(RelationshipOwner, "person", "stakeholder_id", "owner", "team_member_id")
