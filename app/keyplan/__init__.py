"""Keyplan: offline account planning for strategic account directors."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("keyplan")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
