"""Loading the store's editing side ahead of need.

The first window is read without SQLAlchemy (see ``quick_reads``). Its ORM, the models and the
editing modules are loaded by ``load_editing_modules`` on a background thread just after the
window shows, so the user's first edit does not wait for them. A command that waits for
something else before it writes (``import-calendar`` for its worker's reading) loads them,
and what its first write to a file loads, with ``load_writing_modules`` meanwhile.
"""

from __future__ import annotations

import gc
from importlib import import_module

EDITING_MODULES = (
    "keyplan.store.models",
    "keyplan.store.people.edits",
    "keyplan.store.people.queries",
    "keyplan.store.plan.edits",
    "keyplan.store.snapshots",
)


#: What the first write to a file loads on its way: the file's SQLAlchemy dialect, the change
#: log's hooks, the writer's lock.
WRITING_MODULES = (
    "sqlalchemy.dialects.sqlite.pysqlite",
    "keyplan.store.history.log",
    "keyplan.store.safety.lock",
)


def load_writing_modules() -> None:
    """``load_editing_modules``, and the modules of ``WRITING_MODULES``."""
    for name in WRITING_MODULES:
        import_module(name)
    load_editing_modules()


def load_editing_modules() -> None:
    """Import the ORM side of the store and configure its mappers (safe to call twice); then
    set the long-lived objects aside from the garbage collector."""
    for name in EDITING_MODULES:
        import_module(name)
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
    settle_long_lived_objects()


def settle_long_lived_objects() -> None:
    """Move every object alive now out of the cyclic garbage collector's sight.

    After start-up, nearly all of the process's objects (modules, the ORM's mappings, Qt's
    wrappers) live until it exits. A full collection walks all of them, about 50 ms on our
    laptops, landing wherever an allocation happens to trigger it: in the middle of the
    dashboard's fill or a drag on the map. Frozen, they are skipped; what is made later is
    collected as before.
    """
    gc.collect()
    gc.freeze()
