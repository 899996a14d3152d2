"""The map's printed pieces: one team page (a caption, then its cards) and a whole drawing at
a fixed scale (the overview, or a map that fits one page)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from keyplan.domain.map.shapes import MapDrawing
from keyplan.reports.fonts import SANS_BOLD, draw_text
from keyplan.reports.map.drawing import draw_map_page
from keyplan.reports.map.pages import ChartPage
from keyplan.reports.styles import INK

if TYPE_CHECKING:
    from keyplan.reports.map.stakeholder_map import MapModel

CAPTION_HEIGHT = 20.0  # "Team of … · reports to …" above a continuation page
CAPTION_SIZE = 10.0


def _caption_width(caption: str) -> float:
    return stringWidth(caption, SANS_BOLD, CAPTION_SIZE) if caption else 0.0


def _continues_note(team: int, page_number: int) -> str:
    return f"Team of {team} → page {page_number}"


class MapPageFlowable(Flowable):
    """One printed team page of the map: a caption line, then the page's cards.

    The chart is drawn at the page's planned scale, or smaller if the frame offers less room
    than planned, so a card is never cut. The page numbers in the notes are worked out when
    the page is drawn: every map page starts a PDF page of its own, so page ``index + k`` of
    the map is ``k`` PDF pages after this one.
    """

    def __init__(self, model: MapModel, page: ChartPage, index: int, caption: str) -> None:
        super().__init__()
        self.model, self.page, self.index, self.caption = model, page, index, caption
        self.scale = page.scale
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        bounds = self.page.layout.bounds
        room_height = available_height - CAPTION_HEIGHT
        self.scale = min(
            self.page.scale, available_width / bounds.width, max(room_height, 1) / bounds.height
        )
        self.width = max(bounds.width * self.scale, _caption_width(self.caption))
        self.height = bounds.height * self.scale + CAPTION_HEIGHT
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        chart_height = self.height - CAPTION_HEIGHT
        canvas.setFillColor(INK)
        draw_text(canvas, 0, chart_height + 6, self.caption, CAPTION_SIZE, bold=True)
        this_page = canvas.getPageNumber()
        notes = {
            person: _continues_note(self.page.team_size[person], this_page + target - self.index)
            for person, target in self.page.continued.items()
        }
        draw_map_page(canvas, self.model.drawing(self.page.layout, notes), self.scale)


class MapTile(Flowable):
    """A whole drawing on one page at a fixed scale, with an optional caption above it."""

    def __init__(
        self, drawing: MapDrawing, scale: float, *, caption: str = "", detail: bool = True
    ) -> None:
        super().__init__()
        self.drawing, self.scale, self.caption, self.detail = drawing, scale, caption, detail
        bounds = drawing.bounds
        self.caption_height = CAPTION_HEIGHT if caption else 0.0
        self.width = bounds.width * scale
        self.height = bounds.height * scale + self.caption_height
        self.hAlign = "CENTER"
        self.caption_room = self.width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # The caption may be wider than a narrow chart centred under it: it keeps to the frame.
        self.caption_room = (available_width + self.width) / 2
        return self.width, self.height

    def draw(self) -> None:
        if self.caption:
            self.canv.setFillColor(INK)
            draw_text(self.canv, 0, self.height - self.caption_height + 6, self.caption,
                      CAPTION_SIZE - 1, bold=True, max_width=self.caption_room)  # fmt: skip
        draw_map_page(self.canv, self.drawing, self.scale, detail=self.detail)
