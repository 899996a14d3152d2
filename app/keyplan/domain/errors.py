"""Errors a user can cause, each with a message written for a person.

The UI shows ``str(error)`` in a dialog; the command line prints it on one line and exits
non-zero. Anything that is not a ``KeyplanError`` is a bug and keeps its traceback.
"""


class KeyplanError(Exception):
    """Base class of every error whose message is meant for the user."""


class RuleViolation(KeyplanError):
    """An edit that would break a rule of the data (a reporting cycle, a duplicate name)."""


class NotFound(KeyplanError):
    """Something the user named does not exist (an account, a person)."""


class DatabaseRefused(KeyplanError):
    """A file Keyplan will not open: not a Keyplan database, damaged, or from a newer version."""
