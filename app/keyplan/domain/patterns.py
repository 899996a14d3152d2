"""Regular expressions compiled the first time they are used, not when their module loads.

The first window imports the domain's field rules (``fields``, ``plain_text``,
``typed_values``) but checks no typed text until the user edits: compiling their patterns at
import cost the start-up ~4 ms of the 2-core machines' CPU for nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_METHODS = ("search", "match", "fullmatch", "sub")


class LazyPattern:
    """``re.compile(source, flags)``, done on the first ``search``/``match``/``fullmatch``/``sub``.

    The first use puts the compiled pattern's own bound methods on the instance, so every
    later call goes straight to them: no wrapper on the hot path (imports check every cell).
    """

    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    sub: Callable[..., str]

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes the instance does not have yet: before the first use.
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = re.compile(self.source, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)
