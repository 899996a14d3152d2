"""Benchmark: reading big contacts files grows linearly with their size (issue 18).

Run: ``.venv/bin/python tests/benchmarks/bench_parsing.py [--quick]``.
Prints figures only (no asserts): for each input, the time to read it into contacts
(``read_contacts``, in this process) at a quarter, half and the full size, with the ratio
time(full) / time(quarter) — about 4 for linear parsing, about 16 for quadratic — and the
peak memory (maximum resident set) of a fresh process reading the full size.

Inputs: a vCard whose one field is folded over 100,000 lines; a LinkedIn-style CSV of about
50 MB (about 370,000 rows, read with the caps raised, as ``--max-rows`` would). Last, the same
50 MB CSV under the default caps (100,000 rows): how long until it is refused, and the memory.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
sys.path.insert(0, str(APP))

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def folded_vcard(lines: int) -> bytes:
    """One card whose NOTE is folded over ``lines`` physical lines."""
    fold = "".join(f" part {n} of a very long note that goes on\r\n" for n in range(lines))
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nNOTE:start\r\n"
        f"{fold}EMAIL:ann@example.com\r\nEND:VCARD\r\n"
    ).encode()


def linkedin_csv(megabytes: float) -> bytes:
    """A LinkedIn connections export of about ``megabytes`` MB."""
    rows = []
    size = len(LINKEDIN_HEADER)
    number = 0
    while size < megabytes * 1_000_000:
        row = (
            f"Anna{number},Berg-Costa {number},https://www.linkedin.com/in/anna-{number},"
            f"anna{number}@example.com,Company {number % 977},Head of Procurement,"
            f"0{number % 28 + 1} Mar 2025\r\n"
        )
        rows.append(row)
        size += len(row)
        number += 1
    return (LINKEDIN_HEADER + "".join(rows)).encode()


def time_reading(data: bytes, name: str, max_rows: int = 10_000_000) -> float:
    """Seconds to read the data into contacts, or until it is refused."""
    from keyplan.exchange.transfer.contact_files import read_contacts
    from keyplan.exchange.transfer.contacts import ImportRefused
    from keyplan.exchange.transfer.import_limits import ImportLimits

    started = time.perf_counter()
    try:
        read_contacts(data, name, limits=ImportLimits(max_rows))
    except ImportRefused as refused:
        print(f"  refused: {refused}")
    return time.perf_counter() - started


def peak_memory_mb(data: bytes, name: str, max_rows: int = 10_000_000) -> float:
    """Maximum resident set of a fresh process that reads the input from a file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        code = (
            f"import resource, sys; sys.path.insert(0, {str(APP)!r}); "
            "from keyplan.exchange.transfer.contact_files import read_contacts_file; "
            "from keyplan.exchange.transfer.import_limits import ImportLimits; "
            "from keyplan.exchange.transfer.contacts import ImportRefused\n"
            f"try: read_contacts_file({str(path)!r}, limits=ImportLimits({max_rows!r}))\n"
            "except ImportRefused: pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
    return int(result.stdout.strip().splitlines()[-1]) / 1024


def scaling(kind: str, full: float) -> None:
    make = (lambda n: folded_vcard(int(n))) if kind == "vcard" else linkedin_csv
    name = "big.vcf" if kind == "vcard" else "Connections.csv"
    times = []
    data = b""
    for share in (0.25, 0.5, 1.0):
        data = make(full * share)
        times.append(time_reading(data, name))
        unit = "lines" if kind == "vcard" else "MB"
        print(f"  {kind:5}  {full * share:>10,.0f} {unit:5}  {len(data) / 1e6:6.1f} MB  "
              f"{times[-1]:7.2f} s")  # fmt: skip
    print(
        f"  {kind:5}  ratio full/quarter: {times[-1] / times[0]:.1f} (linear ≈ 4, "
        f"quadratic ≈ 16); peak memory at full size: {peak_memory_mb(data, name):,.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    args = parser.parse_args()
    share = 0.1 if args.quick else 1.0
    print(f"Reading contacts files (python {sys.version.split()[0]}):")
    scaling("vcard", 100_000 * share)
    scaling("csv", 50 * share)
    from keyplan.exchange.transfer.import_limits import DEFAULT_MAX_ROWS

    data = linkedin_csv(50 * share)
    seconds = time_reading(data, "Connections.csv", DEFAULT_MAX_ROWS)
    memory = peak_memory_mb(data, "Connections.csv", DEFAULT_MAX_ROWS)
    print(
        f"  csv    {len(data) / 1e6:.1f} MB under the default caps: {seconds:.2f} s, "
        f"peak memory {memory:,.0f} MB"
    )


if __name__ == "__main__":
    main()
