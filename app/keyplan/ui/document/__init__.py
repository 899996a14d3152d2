"""The open database as the UI sees it: ``PortfolioDocument``, the hub (``hub.py``).

Kept cheap: the first window needs the hub, and nothing the editors load (the store's editing
modules, SQLAlchemy's ORM); those load with the first edit.
"""

from keyplan.ui.document.hub import PortfolioDocument

__all__ = ["PortfolioDocument"]
