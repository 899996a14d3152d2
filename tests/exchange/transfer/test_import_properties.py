"""Properties: any text survives a CSV round trip through our reader; garbage is refused."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keyplan.exchange.transfer.contact_files import read_contacts
from keyplan.exchange.transfer.contacts import ImportRefused
from keyplan.exchange.transfer.csv_formats import recognise
from keyplan.exchange.transfer.csv_table import read_table
from keyplan.exchange.transfer.text_files import decode_contacts_file

HEADER = ["First Name", "Last Name", "Title", "Department", "Email", "Reports To"]
ENCODINGS = {"utf-8": b"", "utf-8-sig": b"", "utf-16": b""}  # utf-16 writes its own mark

cells = st.text(max_size=40)  # any characters: quotes, separators, line breaks, non-Latin
rows = st.lists(
    st.lists(cells, min_size=len(HEADER), max_size=len(HEADER)).filter(
        lambda row: any(cell.strip() for cell in row)  # a blank row is not a row
    ),
    min_size=1,
    max_size=8,
)


def write_csv(data: list[list[str]], separator: str, line_end: str) -> str:
    buffer = io.StringIO(newline="")
    # Python's writer quotes a lone "\r" only when it is part of the line end it writes;
    # Excel and every other writer quote it always, so with "\n" ends every cell is quoted.
    quoting = csv.QUOTE_MINIMAL if line_end == "\r\n" else csv.QUOTE_ALL
    writer = csv.writer(buffer, delimiter=separator, lineterminator=line_end, quoting=quoting)
    writer.writerow(HEADER)
    writer.writerows(data)
    return buffer.getvalue()


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    data=rows,
    separator=st.sampled_from([",", ";", "\t"]),
    line_end=st.sampled_from(["\r\n", "\n"]),
    encoding=st.sampled_from(list(ENCODINGS)),
)
def test_every_cell_comes_back_exactly(data, separator, line_end, encoding):
    text = write_csv(data, separator, line_end)
    decoded = decode_contacts_file(text.encode(encoding))
    table = read_table(decoded.text, lambda record: recognise(record) is not None)
    assert table.header == HEADER
    assert table.separator == separator
    padded = [cells + [""] * (len(HEADER) - len(cells)) for _number, cells in table.rows]
    assert padded == data


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_garbage_bytes_give_contacts_or_our_own_clear_refusal(data):
    try:
        contact_file = read_contacts(data, "garbage.csv")
    except ImportRefused as refused:
        assert str(refused).strip()
        return
    assert all(isinstance(contact.full_name, str) for contact in contact_file.contacts)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_vcard_like_text_gives_cards_or_our_own_clear_refusal(body):
    data = f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}\r\nEND:VCARD\r\n".encode()
    try:
        read_contacts(data, "cards.vcf")
    except ImportRefused as refused:
        assert str(refused).strip()
