"""What every section builder needs: the plan's data, the frame sizes, and the audience."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from keyplan.domain.fields import STAKEHOLDER_FIELDS
from keyplan.domain.money import format_amount
from keyplan.reports.styles import FOOTER_HEIGHT, MARGIN
from keyplan.store.people.queries import PersonRow
from keyplan.store.plan.queries import PlanData

if TYPE_CHECKING:
    from keyplan.reports.insights.sections_insights import InsightsReading


@dataclass(frozen=True)
class Context:
    """The input of the section builders of one document.

    Attributes:
        plan: the data (already redacted for a customer-safe document).
        page_size: the portrait page size in points.
        internal: True for documents only our team reads.
        insights: the account's insights, for the internal plan (None: not computed).
    """

    plan: PlanData
    page_size: tuple[float, float]
    internal: bool
    insights: InsightsReading | None = None

    @property
    def width(self) -> float:
        """The frame width of a portrait page."""
        return self.page_size[0] - 2 * MARGIN

    @property
    def landscape_frame(self) -> tuple[float, float]:
        """Width and height of the frame of a landscape page."""
        portrait_width, portrait_height = self.page_size
        return portrait_height - 2 * MARGIN, portrait_width - 2 * MARGIN - FOOTER_HEIGHT

    @functools.cached_property
    def present_people(self) -> tuple[PersonRow, ...]:
        """The people who still work at the customer."""
        return tuple(p for p in self.plan.people if not p.values.get("has_left"))

    @functools.cached_property
    def people_by_id(self) -> dict[int, PersonRow]:
        return {p.id: p for p in self.plan.people}

    @functools.cached_property
    def map_plan(self):  # -> keyplan.reports.map.stakeholder_map.MapPlan
        """How the stakeholder map prints (orientation, layout, scale): worked out once."""
        from keyplan.reports.map.stakeholder_map import plan_map

        return plan_map(self)

    @property
    def currency(self) -> str:
        return self.plan.account.get("currency") or ""


def label_of(field: str, value: object) -> str:
    """A person field's stored value as a person reads it ("" when not recorded)."""
    return STAKEHOLDER_FIELDS[field].display(value)


def vocab(words: type[Enum], value: object) -> str:
    """The label of a stored vocabulary value; an unknown value prints as stored."""
    if value is None:
        return "—"
    try:
        return words(value).label  # type: ignore[attr-defined]
    except ValueError:
        return str(value)


def money(value: float | None, currency: str) -> str:
    """An amount with its currency, or a dash; never split over two lines (``format_amount``)."""
    return format_amount(value, currency)
