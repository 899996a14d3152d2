"""Moving a person on the power / interest grid: both ratings in one edit, one undo step.

The command keeps the note the user gave for the move ("met her at the QBR: wants the pilot")
and shows it in the Edit menu's undo text; when evidence behind ratings exists, the note is
where it will come from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from keyplan.domain.fields import STAKEHOLDER_FIELDS
from keyplan.domain.views.power_interest import quadrant_of
from keyplan.store.people import edits
from keyplan.ui.people.edits import SetPersonFields

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument

#: How much of a note the undo text shows.
NOTE_IN_TEXT = 60


class PlaceOnGrid(SetPersonFields):
    """Influence and interest changed together by a drag on the grid, with a reason."""

    def __init__(
        self,
        document: PortfolioDocument,
        person_id: int,
        name: str,
        old: dict[str, str | None],
        new: dict[str, str | None],
        note: str = "",
    ) -> None:
        super().__init__(document, person_id, name, old, new)
        self.note = note
        where = quadrant_of(new["influence"] or "", new["interest"] or "").value
        text = f"Move {name} to {where}"
        if note:
            short = note if len(note) <= NOTE_IN_TEXT else note[: NOTE_IN_TEXT - 1] + "…"
            text += f" ({short})"
        self.setText(text)


def place_on_grid(
    document: PortfolioDocument,
    person_id: int,
    influence: str,
    interest: str,
    note: str = "",
) -> bool:
    """Give a person the influence and interest of a grid cell: one transaction, one step.

    Returns:
        True when something changed (a drop on the person's own cell changes nothing).

    Raises:
        KeyplanError: the store refused the edit (nothing changed).
    """
    wanted = {
        "influence": STAKEHOLDER_FIELDS["influence"].parse(influence),
        "interest": STAKEHOLDER_FIELDS["interest"].parse(interest),
    }
    old = edits.set_stakeholder_fields(document.database, person_id, wanted)
    if all(old[field] == wanted[field] for field in wanted):
        return False
    name = document.person(person_id)["full_name"]
    document.push(
        PlaceOnGrid(
            document,
            person_id,
            name,
            {field: old[field] for field in wanted},
            wanted,
            note.strip(),
        )
    )
    return True
