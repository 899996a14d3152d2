"""Where Keyplan finds the files it ships: fonts and their licences, icons, templates.

From a source tree (and an editable install) the files live in the repository's top-level
``resources/`` folder, next to ``app/``. A frozen bundle or a wheel cannot reach that folder,
so they may carry a copy inside the package as ``keyplan/_resources``; it is used when the
repository folder is not there.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATE_ROOTS = (
    _PACKAGE_DIR.parents[1] / "resources",  # <repo>/resources, beside <repo>/app
    _PACKAGE_DIR / "_resources",  # a copy inside the package, for bundles
)


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``.

    Args:
        *parts: the path below the resources folder, one part per argument.

    Returns:
        The first existing match among the candidate folders.

    Raises:
        FileNotFoundError: no candidate folder holds the file; the message lists where
            Keyplan looked, because that means a broken installation, not a user error.
    """
    for root in _CANDIDATE_ROOTS:
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    looked = ", ".join(str(root.joinpath(*parts)) for root in _CANDIDATE_ROOTS)
    raise FileNotFoundError(f"Keyplan's installation is missing a file; looked in: {looked}")
