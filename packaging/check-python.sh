#!/bin/sh
# Make sure the Python that builds .venv is 3.11 or newer and can make virtual environments.
python=${1:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
    echo "Keyplan needs Python 3.11 or newer: '$python' was not found." >&2
    echo "On Debian/Ubuntu: sudo apt-get install python3 python3-venv" >&2
    exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "Keyplan needs Python 3.11 or newer; $python is $("$python" -V 2>&1)." >&2
    echo "Run: make PYTHON=/path/to/python3.11 ..." >&2
    exit 1
fi
if [ ! -x .venv/bin/python ] && ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    echo "$python cannot create virtual environments. On Debian/Ubuntu: sudo apt-get install python3-venv" >&2
    exit 1
fi
