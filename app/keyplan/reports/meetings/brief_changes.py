"""The brief's lines of what changed in influence lines and in the account since the review.

The people's own changes are each card's "Since the last review" (``attendee_line``); an
influence line drawn or dropped joins the card of either end, and the account's changes
(tier, status …) get one line under the brief's title.
"""

from __future__ import annotations

from keyplan.domain.history.entries import ACCOUNT
from keyplan.domain.history.lines_and_accounts import OtherChange, card_text, changes_of_person
from keyplan.domain.history.wording import day_text
from keyplan.reports.plan.context import Context

LINE_CHANGES_PER_CARD = 2  # the latest influence-line changes a card names
ACCOUNT_CHANGES = 3  # the latest account changes the brief names
NO_BREAK = "\u00a0"


def line_changes(ctx: Context, person_id: int, compact: bool) -> list[str]:
    """The latest influence-line changes with this person at one end, in words."""
    changes = changes_of_person(ctx.plan.other_changes, person_id)[-LINE_CHANGES_PER_CARD:]
    return [_dated(change, ctx, compact, card_text(change, person_id)) for change in changes]


def account_changes(ctx: Context, *, shown: bool) -> str:
    """ " Since the last review: Account tier Key → Strategic on 9 Sep." ('' when none), for
    the brief's opening line; dated even on a crowded brief, where it costs no card a line."""
    changes = [c for c in ctx.plan.other_changes if c.kind == ACCOUNT][-ACCOUNT_CHANGES:]
    if not changes or not shown:
        return ""
    words = "; ".join(_dated(change, ctx, compact=False) for change in changes)
    return f" Since the last review: {words}."


def _dated(change: OtherChange, ctx: Context, compact: bool, text: str | None = None) -> str:
    """'new influence line from A (strong) on 3 Mar' (no date on a compact card)."""
    words = change.text if text is None else text
    day = day_text(change.when, ctx.plan.today).replace(" ", NO_BREAK)  # "23 Sep" stays whole
    return words if compact else f"{words} on {day}"
