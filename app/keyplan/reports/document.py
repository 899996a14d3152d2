"""The page machinery shared by every Keyplan PDF: page templates, footer, outline, contents.

A document is built in a single pass, which keeps a 500-person plan fast: numbers that are
only known at the end (the total in "Page X of Y", the page of each section in the table of
contents) are drawn as named PDF form XObjects that every page references at once and that
are defined just before the file is saved. Section headings become PDF bookmarks (the outline
a viewer shows in its side bar) as they are laid out.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from keyplan.reports.fonts import SANS, SANS_BOLD, draw_text
from keyplan.reports.styles import ACCENT, FOOTER_HEIGHT, INK, MARGIN, MUTED, RULE, styles
from keyplan.reports.text import escape

TOTAL_PAGES_FORM = "keyplan-total-pages"
FOOTER_SIZE = 7.5
PORTRAIT, LANDSCAPE = "portrait", "landscape"


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What a document says about itself: metadata and the footer of every page."""

    title: str
    subject: str
    author: str
    account_name: str
    label: str  # the confidentiality line, e.g. "Internal — confidential"
    printed_on: date
    page_size: tuple[float, float]


class SectionHeading(Paragraph):
    """A section title that becomes a bookmark and an entry in the table of contents."""

    def __init__(self, title: str, key: str, level: int = 0) -> None:
        style = styles().h1 if level == 0 else styles().h2
        super().__init__(escape(title), style)
        self.title = title
        self.key = key
        self.level = level


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    title: str
    key: str
    level: int = 0


class ContentsPage(Flowable):
    """The table of contents: known titles, page numbers filled in when the file is saved."""

    LINE = 17.0

    def __init__(self, entries: Sequence[ContentsEntry]) -> None:
        super().__init__()
        self.entries = tuple(entries)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.LINE * (len(self.entries) + 2)

    def draw(self) -> None:
        canvas = self.canv
        y = self.LINE * (len(self.entries) + 2) - 16
        canvas.setFillColor(ACCENT)
        canvas.setFont(SANS_BOLD, 16)
        canvas.drawString(0, y, "Contents")
        y -= self.LINE * 1.6
        for entry in self.entries:
            indent = 14 * entry.level
            size = 10.5 if entry.level == 0 else 9.5
            font = SANS_BOLD if entry.level == 0 else SANS
            canvas.setFillColor(INK)
            canvas.setFont(font, size)
            canvas.drawString(indent, y, entry.title)
            title_end = indent + stringWidth(entry.title, font, size) + 4
            canvas.setStrokeColor(RULE)
            canvas.setDash(1, 2)
            canvas.line(title_end, y + 1, self.width - 28, y + 1)
            canvas.setDash()
            canvas.saveState()
            canvas.translate(self.width, y)
            canvas.doForm(_contents_form(entry.key))
            canvas.restoreState()
            canvas.linkRect("", entry.key, (0, y - 3, self.width, y + size), relative=1)
            y -= self.LINE


class LaidOutDocument:
    """A story already laid out, in memory, for a writer that had to lay it out to decide
    (the meeting brief tries its limits until it fits a page): ``pdf_bytes`` finishes it, so
    the story need not be laid out a second time to be written."""

    def __init__(self, info: DocumentInfo, story: list[Flowable]) -> None:
        self._buffer = io.BytesIO()
        self._document = KeyplanDocument(self._buffer, info)
        self.pages = self._document.lay_out(story)

    def pdf_bytes(self) -> bytes:
        """The finished PDF (once: the document is saved by the first call)."""
        self._document.finish()
        return self._buffer.getvalue()


def _contents_form(key: str) -> str:
    return f"keyplan-toc-{key}"


class KeyplanDocument(BaseDocTemplate):
    """A document with our footer on every page, bookmarks per section and late page numbers."""

    def __init__(
        self,
        path: Path | io.BytesIO,
        info: DocumentInfo,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        super().__init__(
            path if isinstance(path, io.BytesIO) else str(path),  # a buffer: written in memory
            pagesize=info.page_size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + FOOTER_HEIGHT,
            title=info.title,
            author=info.author,
            subject=info.subject,
            creator="Keyplan",
            keywords=["account plan", info.account_name],
        )
        self.info = info
        self.section_pages: dict[str, int] = {}
        self.contents_keys: set[str] = set()
        self._progress = progress
        self.addPageTemplates(
            [
                self._template(PORTRAIT, info.page_size),
                self._template(LANDSCAPE, landscape(info.page_size)),
            ]
        )
        if progress is not None:
            self.setProgressCallBack(self._report_progress)
        self._flowables_total = 1
        self._done = 0.0

    def _template(self, name: str, size: tuple[float, float]) -> PageTemplate:
        width, height = size
        frame = Frame(
            MARGIN,
            MARGIN + FOOTER_HEIGHT,
            width - 2 * MARGIN,
            height - 2 * MARGIN - FOOTER_HEIGHT,
            id=f"{name}-frame",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        return PageTemplate(id=name, frames=[frame], onPage=self._draw_footer, pagesize=size)

    def _report_progress(self, kind: str, value: int) -> None:
        assert self._progress is not None
        if kind == "SIZE_EST":
            self._flowables_total = max(1, value)
        elif kind == "PROGRESS":
            # Split flowables go back on the queue, so the count can step back: never report
            # going backwards.
            self._done = max(self._done, min(1.0, value / self._flowables_total))
            self._progress(self._done)

    def _draw_footer(self, canvas, _doc) -> None:
        width, _height = canvas._pagesize
        info = self.info
        y = MARGIN
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, y + FOOTER_HEIGHT - 3, width - MARGIN, y + FOOTER_HEIGHT - 3)
        canvas.setFillColor(MUTED)
        left = f"{info.account_name} · {info.printed_on.isoformat()}"
        draw_text(canvas, MARGIN, y, left, FOOTER_SIZE, max_width=(width - 2 * MARGIN) * 0.38)
        canvas.setFont(SANS_BOLD, FOOTER_SIZE)
        canvas.drawCentredString(width / 2, y, info.label)
        canvas.setFont(SANS, FOOTER_SIZE)
        total_room = stringWidth("000", SANS, FOOTER_SIZE)
        page_text = f"Page {canvas.getPageNumber()} of "
        x = width - MARGIN - total_room - stringWidth(page_text, SANS, FOOTER_SIZE)
        canvas.drawString(x, y, page_text)
        canvas.translate(width - MARGIN - total_room, y)
        canvas.doForm(TOTAL_PAGES_FORM)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        """Bookmark each section heading where it lands, for the outline and the contents."""
        if isinstance(flowable, SectionHeading):
            top = self.frame._y + flowable.height + 12
            self.canv.bookmarkPage(flowable.key, fit="XYZ", top=top)
            self.canv.addOutlineEntry(flowable.title, flowable.key, level=flowable.level)
            self.section_pages[flowable.key] = self.page

    def build_story(self, story: list[Flowable], contents: Sequence[ContentsEntry] = ()) -> None:
        """Lay out the story, then fill in the late numbers and save the file."""
        self.lay_out(story, contents)
        self.finish()

    def lay_out(self, story: list[Flowable], contents: Sequence[ContentsEntry] = ()) -> int:
        """Lay out and draw the story, not yet saved (``finish`` saves); returns its pages."""
        self.contents_keys = {entry.key for entry in contents}
        self._doSave = 0  # we save ourselves, after defining the late-number forms
        self.build(story)
        return int(self.page)

    def finish(self) -> None:
        """Fill in the late numbers and save the laid-out document."""
        self._define_late_numbers()
        self.canv.showOutline()
        self.canv.save()

    def _define_late_numbers(self) -> None:
        canvas = self.canv
        total = str(canvas.getPageNumber() - 1)
        canvas.beginForm(TOTAL_PAGES_FORM, lowerx=0, lowery=-2, upperx=40, uppery=10)
        canvas.setFont(SANS, FOOTER_SIZE)
        canvas.setFillColor(MUTED)
        canvas.drawString(0, 0, total)
        canvas.endForm()
        for key in self.contents_keys:
            canvas.beginForm(_contents_form(key), lowerx=-60, lowery=-2, upperx=0, uppery=12)
            canvas.setFont(SANS, 10)
            canvas.setFillColor(INK)
            canvas.drawRightString(0, 0, str(self.section_pages.get(key, "")))
            canvas.endForm()
