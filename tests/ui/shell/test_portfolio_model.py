"""The portfolio tree's numbers are Qt's, and its header shows the columns' titles."""

from __future__ import annotations

from PySide6.QtCore import Qt

from keyplan.ui.shell import portfolio_model
from keyplan.ui.shell.portfolio_model import PortfolioColumn


def test_the_roles_and_alignment_are_qts_numbers():
    # Written as numbers so that the first window never touches PySide6's `Qt` (20 ms).
    assert Qt.ItemDataRole.DisplayRole.value == portfolio_model._DISPLAY_ROLE
    assert Qt.ItemDataRole.ToolTipRole.value == portfolio_model._TOOLTIP_ROLE
    assert Qt.ItemDataRole.TextAlignmentRole.value == portfolio_model._ALIGNMENT_ROLE
    assert portfolio_model.AccountIdRole == Qt.ItemDataRole.UserRole.value + 1
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert right.value == portfolio_model._RIGHT_ALIGNED


def test_the_tree_header_shows_the_titles_and_the_people_count_is_right_aligned(window):
    header = window.tree.header()
    titles = [
        header.model().headerData(column, Qt.Orientation.Horizontal)
        for column in range(header.count())
    ]
    assert titles == list(PortfolioColumn.TITLES)
    first = window.portfolio_model.index(0, PortfolioColumn.PEOPLE)
    alignment = first.data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment == (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
    assert isinstance(first.data(portfolio_model.AccountIdRole), int)
