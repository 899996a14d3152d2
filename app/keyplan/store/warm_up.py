"""Loading the store's editing side ahead of need.

The first window is read without SQLAlchemy (see ``quick_reads``). Its ORM, the models and the
editing modules are loaded by ``load_editing_modules`` on a background thread just after the
window shows, so the user's first edit does not wait for them.
"""

from __future__ import annotations

from importlib import import_module

EDITING_MODULES = (
    "keyplan.store.models",
    "keyplan.store.edits",
    "keyplan.store.queries",
    "keyplan.store.plan_edits",
    "keyplan.store.snapshots",
)


def load_editing_modules() -> None:
    """Import the ORM side of the store and configure its mappers (safe to call twice)."""
    for name in EDITING_MODULES:
        import_module(name)
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
