"""The ``keyplan`` command: every sub-command in one package, one way to name the database.

``program.py`` parses the command line and runs the window or a sub-command; each other module
is one sub-command (``add_arguments(parser)`` and ``run(args)``), loaded only when used.
``database_option.py`` declares ``--db`` for all of them.
"""

from keyplan.cli.program import main

__all__ = ["main"]
