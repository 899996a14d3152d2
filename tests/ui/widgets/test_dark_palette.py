"""In a dark palette our own colours keep their contrast: text at least 4.5:1 (WCAG AA)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from keyplan.ui.insights import palette as insight_colours
from keyplan.ui.widgets import theme

AA = 4.5
FOREGROUND = Qt.ItemDataRole.ForegroundRole
#: Tones that are backgrounds (text is drawn on them), not text.
FILLS = {"CELL", "CLOSE_SHADE", "GAP_TINT", "CROWD_TINT", "HIGH_TINT", "MEDIUM_TINT",
         "LOW_TINT", "BANNER_FACE", "SCORE_RED", "SCORE_AMBER", "SCORE_GREEN"}  # fmt: skip


@pytest.fixture
def dark(qapp, monkeypatch):
    """The system asks for dark: the app follows; afterwards it is light again."""
    style, before = qapp.style().name(), QPalette(qapp.palette())
    monkeypatch.setenv(theme.SCHEME_VARIABLE, "dark")
    theme.follow_system_colour_scheme(qapp)
    yield qapp.palette()
    qapp.setPalette(before)
    qapp.setStyle(style)


def role(palette: QPalette, name: str) -> QColor:
    return palette.color(getattr(QPalette.ColorRole, name))


def test_the_app_follows_a_dark_system(dark):
    assert theme.is_dark()
    assert theme.contrast_ratio(role(dark, "Text"), role(dark, "Base")) >= 7
    assert theme.contrast_ratio(role(dark, "WindowText"), role(dark, "Window")) >= 7


@pytest.mark.parametrize("name", sorted(set(theme.ALL_TONES) - FILLS))
def test_each_text_colour_reads_on_the_dark_windows_and_tables(dark, name):
    text = theme.colour(theme.ALL_TONES[name])
    for background in ("Base", "Window", "AlternateBase"):
        ratio = theme.contrast_ratio(text, role(dark, background))
        assert ratio >= AA, f"{name} on {background}: {ratio:.1f}:1"


@pytest.mark.parametrize("name", ["CELL", "CLOSE_SHADE", "GAP_TINT", "CROWD_TINT", "HIGH_TINT",
                                  "MEDIUM_TINT", "LOW_TINT"])  # fmt: skip
def test_the_palettes_text_reads_on_each_dark_tint(dark, name):
    fill = theme.colour(theme.ALL_TONES[name])
    assert theme.contrast_ratio(role(dark, "Text"), fill) >= AA


def test_banners_and_score_fills_read_in_both_palettes(dark):
    light = QPalette()  # the style's own (light) palette
    for palette in (dark, light):
        face, text = (theme.colour(theme.BANNER_FACE, palette),
                      theme.colour(theme.BANNER_TEXT, palette))  # fmt: skip
        assert theme.contrast_ratio(text, face) >= AA
    for tone in (theme.SCORE_RED, theme.SCORE_AMBER, theme.SCORE_GREEN):
        assert theme.contrast_ratio(QColor("#ffffff"), theme.colour(tone, dark)) >= AA


def test_the_insights_red_amber_and_muted_are_lightened_to_read(dark):
    base = role(dark, "Base")
    for colour in (insight_colours.RED, insight_colours.MUTED, insight_colours.LINK):
        assert theme.contrast_ratio(colour, base) < AA  # as defined, for a light page
        assert theme.contrast_ratio(theme.readable(colour), base) >= AA
    assert theme.readable(insight_colours.AMBER) == insight_colours.AMBER  # reads already
    assert theme.readable(insight_colours.RED).hue() == insight_colours.RED.hue()


def test_a_light_palette_keeps_the_colours_as_designed(qapp):
    assert not theme.is_dark()
    assert theme.colour(theme.WARNING) == QColor("#c62828")
    assert theme.readable(insight_colours.RED) == insight_colours.RED


def test_the_people_tables_stances_and_the_dashboards_late_reviews_read_in_dark(
    dark, qtbot, db, answers
):
    from keyplan.store.demo import create_demo_portfolio
    from keyplan.ui.document import PortfolioDocument
    from keyplan.ui.insights.dashboard import PortfolioDashboard
    from keyplan.ui.insights.dashboard_model import DashboardColumn
    from keyplan.ui.people.people_model import COLUMN_OF_FIELD, PeopleTableModel

    create_demo_portfolio(db)
    document = PortfolioDocument(db)
    page = PortfolioDashboard(document)
    qtbot.addWidget(page)
    page.load()
    base = role(dark, "Base")
    late = [page.proxy.index(r, DashboardColumn.PLAN_REVIEW) for r in range(page.proxy.rowCount())]
    colours = [i.data(FOREGROUND) for i in late if i.data(FOREGROUND) is not None]
    assert colours and all(theme.contrast_ratio(c, base) >= AA for c in colours)
    assert theme.css(theme.WARNING) in page.headline.text()

    people = PeopleTableModel(document)
    people.show_account(document.portfolio()[0].id)
    stance = COLUMN_OF_FIELD["stance"]
    shown = [people.index(r, stance).data(FOREGROUND) for r in range(people.rowCount())]
    assert all(theme.contrast_ratio(c, base) >= AA for c in shown if c is not None)
