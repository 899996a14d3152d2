"""The org-chart layout, a pure function shared by the chart scene and the PDF export.

Use ``layout_org_chart(cards, options)``; see ``org_chart`` for the steps, ``tidy_tree`` for the
algorithm, ``stacking`` for large teams and ``connectors`` for the reporting lines.
"""

from keyplan.domain.layout.model import Box, CardSpec, Connector, LayoutOptions, OrgChartLayout
from keyplan.domain.layout.org_chart import layout_org_chart

__all__ = ["Box", "CardSpec", "Connector", "LayoutOptions", "OrgChartLayout", "layout_org_chart"]
