"""Reading a contacts file of any kind into ``Contact``s: the one entry point for the CLI and UI.

``read_contacts_file`` decodes the bytes, tells vCard from CSV, recognises the kind of CSV by
its header and reads every column by its name (``column_names``), or through a mapping the
user gave (or gave before, for the same header). A CSV whose names no column holds, without
a mapping, raises ``MappingNeeded`` with the columns and what was understood of them, so the
caller can ask which is which.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from keyplan.exchange.transfer import csv_formats, mapping_memory
from keyplan.exchange.transfer.contacts import IMPORT_FIELDS, Contact, ImportRefused, MappingNeeded
from keyplan.exchange.transfer.csv_table import SEPARATOR_NAMES, CsvTable, read_table
from keyplan.exchange.transfer.import_limits import DEFAULT_LIMITS, ImportLimits, count_vcards
from keyplan.exchange.transfer.text_files import decode_contacts_file, text_encoding
from keyplan.exchange.transfer.vcards import looks_like_vcard, read_vcards_bytes

FORMATS = (
    "auto",
    "crm",
    "linkedin",
    "google",
    "outlook",
    "german",
    "french",
    "spanish",
    "vcard",
    "mapped",
    "salesforce",
    "dynamics",
    "hubspot",
    "thunderbird",
    "italian",
    "dutch",
    "swedish",
    "norwegian",
    "danish",
    "portuguese",
    "japanese",
)
MAPPED_LABEL = "CSV with your column mapping"


@dataclass(frozen=True)
class ContactFile:
    """What a contacts file holds, and how it was read (for the summary and the wizard).

    Attributes:
        name: the file's name.
        kind: the ``--format`` word it was read as ("crm", …, "vcard", "mapped").
        kind_label: how the summary names that kind.
        encoding: the text encoding it was read in.
        contacts: the people, in file order.
        table: the CSV's header and rows (None for vCard), for the mapping step.
        mapping: column position -> import field, as the rows were read.
        relations: positions of relation columns read as the manager when so labelled.
    """

    name: str
    kind: str
    kind_label: str
    encoding: str
    contacts: list[Contact]
    table: CsvTable | None = None
    mapping: dict[int, str] = field(default_factory=dict)
    # Google's "Relation n - Value" columns, read as the manager when labelled "Manager".
    relations: tuple[int, ...] = ()

    def description(self) -> str:
        """ "CRM contact export, UTF-8 with BOM, semicolons, 12 rows"."""
        parts = [self.kind_label, self.encoding]
        if self.table is not None and self.table.separator != ",":
            parts.append(f"{SEPARATOR_NAMES[self.table.separator]}-separated")
        unit = "card" if self.kind == "vcard" else "row"
        count = len(self.table.rows) if self.table is not None else len(self.contacts)
        parts.append(f"{count} {unit}{'' if count == 1 else 's'}")
        return ", ".join(parts)

    def mapping_by_column(self) -> dict[str, str]:
        """The mapping as column name -> import field (what is remembered and shown)."""
        if self.table is None:
            return {}
        return {self.table.header[position]: name for position, name in self.mapping.items()}

    def columns_read(self) -> str:
        """Which column was read as what, and which were not read, in one line for the user.

        "Read as: First Name → first name, Company → company; not read: Connected On"; ""
        for a vCard, which has no columns.
        """
        if self.table is None:
            return ""
        header = self.table.header
        read = [
            f"{header[position]} → {field_label(name)}"
            for position, name in sorted(self.mapping.items())
        ]
        read += [f"{header[position]} → manager (when labelled so)" for position in self.relations]
        skipped = [
            column
            for position, column in enumerate(header)
            if column and position not in self.mapping and position not in self.relations
        ]
        line = f"Read as: {', '.join(read) or 'nothing'}"
        return line + (f"; not read: {_names(skipped)}" if skipped else "")


def read_contacts_file(
    path: str | os.PathLike[str],
    kind: str = "auto",
    mapping: Mapping[str, str] | None = None,
    encoding: str | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ContactFile:
    """Read the people of a CSV or vCard file.

    Args:
        path: the file.
        kind: one of ``FORMATS``; "auto" recognises the file by its content.
        mapping: column name -> import field, for a CSV of no known kind (or to override the
            kind); None uses a mapping remembered for the same header.
        encoding: the name of one of ``TEXT_ENCODINGS`` when the guess is wrong; None guesses.
        limits: the caps on the file's size and rows (``import_limits``).

    Raises:
        MappingNeeded: a CSV of no known kind and no mapping for it.
        ImportRefused: the file cannot be read, is not of the kind asked for, or is over a cap.
    """
    data = _read_bytes(Path(path), limits)
    return read_contacts(data, Path(path).name, kind, mapping, encoding, limits)


def read_contacts(
    data: bytes,
    name: str,
    kind: str = "auto",
    mapping: Mapping[str, str] | None = None,
    encoding: str | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ContactFile:
    """``read_contacts_file`` for bytes already read (``name`` is for the messages)."""
    if kind not in FORMATS:
        raise ImportRefused(f"Unknown format '{kind}'; use one of {', '.join(FORMATS)}.")
    limits.check_size(name, len(data))
    chosen = text_encoding(encoding) if encoding is not None else None
    if kind == "vcard" or (kind == "auto" and mapping is None and looks_like_vcard(data)):
        limits.check_rows(name, count_vcards(data), "cards")
        # From the bytes: a fold may cut a character in two, and cards differ in encoding.
        cards = read_vcards_bytes(data, chosen)
        return ContactFile(name, "vcard", "vCard", cards.encoding, cards.contacts)
    decoded = decode_contacts_file(data, chosen)
    known = csv_formats.FORMATS_BY_NAME.get(kind)
    table = read_table(
        decoded.text,
        _header_test(known if mapping is None else None),
        lambda rows: limits.check_rows(name, rows),  # before the rows are held
    )
    limits.check_rows(name, len(table.rows))
    base = ContactFile(name, kind, "", decoded.encoding, [], table)
    if mapping is not None:
        return with_mapping(base, mapping_positions(table.header, mapping))
    if known is not None:
        return _read_as(base, known)
    # The user's own mapping for this very header wins over reading it by the column names:
    # it may correct one of them.
    remembered = mapping_memory.recall(table.header)
    if remembered is not None:
        return with_mapping(base, mapping_positions(table.header, remembered))
    recognised = csv_formats.recognise(table.header) if kind == "auto" else None
    if recognised is not None:
        return _read_as(base, recognised)
    found = csv_formats.guess_mapping(table.header)
    read_so_far = ", ".join(
        f"{table.header[position]} → {field_label(name)}" for position, name in found.items()
    )
    raise MappingNeeded(
        f"{name}: no column of this CSV file holds the names. Say which column is what "
        f'(--map "Column=field,…"; fields: {", ".join(IMPORT_FIELDS)}). '
        + (f"Read so far: {read_so_far}. " if read_so_far else "")
        + f"Its columns: {_column_list(table.header)}.",
        table.header,
        replace(base, kind="mapped", kind_label=MAPPED_LABEL, mapping=found),
    )


def field_label(name: str) -> str:
    """An import field as a sentence names it: "first name", "e-mail", "profile URL (LinkedIn)"."""
    label = IMPORT_FIELDS[name]
    return label[0].lower() + label[1:]


def with_mapping(contact_file: ContactFile, mapping: Mapping[int, str]) -> ContactFile:
    """The same CSV read again through a mapping (column position -> import field)."""
    table = contact_file.table
    if table is None:
        raise ImportRefused("Only a CSV file has columns to map.")
    if not csv_formats.mapping_has_a_name(set(mapping.values())):
        raise ImportRefused(
            "Say which column holds the names: map a column to the full name, "
            "or to the first and last name."
        )
    contacts = csv_formats.contacts_from_rows(
        table.rows,
        dict(mapping),
        header_width=_named_width(table.header),
        separator=table.separator,
    )
    return replace(
        contact_file,
        kind="mapped",
        kind_label=MAPPED_LABEL,
        contacts=contacts,
        mapping=dict(mapping),
    )


def mapping_positions(header: list[str], mapping: Mapping[str, str]) -> dict[int, str]:
    """Turn column name -> field into column position -> field, refusing unknown names."""
    positions = {csv_formats.header_key(column): i for i, column in enumerate(header)}
    result: dict[int, str] = {}
    for column, field_name in mapping.items():
        position = positions.get(csv_formats.header_key(column))
        if position is None:
            raise ImportRefused(
                f"The file has no column '{column}'. Its columns: {_column_list(header)}."
            )
        if field_name in ("", "ignore"):
            continue
        if field_name not in IMPORT_FIELDS:
            raise ImportRefused(
                f"'{field_name}' is not a field people can be imported into; "
                f"use one of {', '.join(IMPORT_FIELDS)}."
            )
        result[position] = field_name
    return result


def parse_mapping_option(text: str) -> dict[str, str]:
    """``"Name=full_name, Mail=email"`` (the ``--map`` option) as column -> field."""
    mapping: dict[str, str] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        column, equals, field_name = item.rpartition("=")
        if not equals or not column.strip():
            raise ImportRefused(
                f"--map wants Column=field pairs separated by commas, not '{item.strip()}'."
            )
        mapping[column.strip()] = field_name.strip()
    return mapping


def _read_as(base: ContactFile, csv_format: csv_formats.CsvFormat) -> ContactFile:
    assert base.table is not None
    table = base.table
    if not csv_format.recognises(table.header):
        raise ImportRefused(
            f"{base.name} does not look like a {csv_format.label} file. "
            f"Its columns: {_column_list(table.header)}."
        )
    mapping = csv_format.mapping(table.header)
    if not csv_formats.mapping_has_a_name(set(mapping.values())):
        raise ImportRefused(
            f"{base.name} does not look like a {csv_format.label} file: it has no name "
            f"columns. Its columns: {_column_list(table.header)}."
        )
    relations = csv_format.manager_columns(table.header)
    contacts = csv_formats.contacts_from_rows(
        table.rows,
        mapping,
        relations,
        header_width=_named_width(table.header),
        separator=table.separator,
    )
    return replace(
        base,
        kind=csv_format.name,
        kind_label=csv_format.label,
        contacts=contacts,
        mapping=mapping,
        relations=tuple(value for _label, value in relations),
    )


def _named_width(header: list[str]) -> int:
    """The columns up to the last one with a name (Excel may pad a header with empty ones)."""
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    return width


def _header_test(known: csv_formats.CsvFormat | None):
    if known is not None:
        return known.recognises
    return csv_formats.looks_like_a_header


def _column_list(header: list[str]) -> str:
    return _names([f"'{column}'" for column in header])


def _names(names: list[str]) -> str:
    """Up to thirty names, and how many more: Outlook's header has ninety columns."""
    shown = ", ".join(names[:30])
    return shown + (f" and {len(names) - 30} more" if len(names) > 30 else "")


def _read_bytes(path: Path, limits: ImportLimits) -> bytes:
    try:
        if path.is_file():  # a pipe or a device has no size to check before reading
            limits.check_size(path.name, path.stat().st_size)
        return path.read_bytes()
    except IsADirectoryError:
        raise ImportRefused(f"{path} is a folder, not a contacts file.") from None
    except FileNotFoundError:
        raise ImportRefused(f"There is no file {path}.") from None
    except OSError as error:
        raise ImportRefused(f"Cannot read {path}: {error.strerror or error}.") from None
