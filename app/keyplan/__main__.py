"""``python -m keyplan``: the same as the ``keyplan`` command."""

from keyplan.cli import main

raise SystemExit(main())
