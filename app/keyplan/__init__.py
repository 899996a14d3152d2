"""Keyplan: offline account planning for strategic account directors."""

from functools import cache


@cache
def version() -> str:
    """The installed version, from the package metadata (the one place it is set)."""
    # importlib.metadata costs ~60 ms: read it only when someone asks, never at start-up.
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("keyplan")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'keyplan' has no attribute {name!r}")
