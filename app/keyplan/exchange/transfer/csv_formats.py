"""The kinds of contacts CSV people have: a label, how to tell them, and a few preferences.

Every column of every file is read by the shared table of column names (``column_names``),
one column at a time, so a kind no longer lists its columns. A kind names the file in the
summary, is what ``--format`` forces, and is recognised by a few columns only it has
(``signatures``: any one set of them is enough). It may read a column otherwise than the
table (LinkedIn's "URL" is the person's profile), and Google keeps the manager among its
"Relation" columns. A file of no such kind is named by the language of its column names
("German contacts export"); an English one is a "CRM contact export".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from keyplan.exchange.transfer.broken_rows import row_problem
from keyplan.exchange.transfer.column_names import (
    LANGUAGES,
    has_a_name,
    header_key,
    language_of,
    read_columns,
)
from keyplan.exchange.transfer.contacts import Contact, contact_from

__all__ = ["CsvFormat", "contacts_from_rows", "guess_mapping", "header_key", "recognise"]


@dataclass(frozen=True, slots=True)
class CsvFormat:
    """One kind of contacts CSV.

    Attributes:
        name: the ``--format`` word.
        label: how the summary names it.
        signatures: sets of column keys; a header holding every column of one set is this kind.
        language: for a kind named by its language ("de"), the language; its files are those
            whose column names are mostly in it.
        preferences: column key -> import field (None: not read) where this kind reads a
            column otherwise than the shared table.
        relations: (label column, value column) pairs where a label of "Manager" makes the
            value the manager's name: Google Contacts keeps a person's relations that way.
    """

    name: str
    label: str
    signatures: tuple[frozenset[str], ...] = ()
    language: str = ""
    preferences: Mapping[str, str | None] = field(default_factory=dict)
    relations: tuple[tuple[str, str], ...] = ()

    def recognises(self, header: list[str]) -> bool:
        """Whether a file with this header is of this kind."""
        if self.language:
            # Named by its language only when nothing more particular fits: forced, any
            # header with names will do.
            return has_a_name(set(read_columns(header).values()))
        keys = {header_key(column) for column in header}
        return any(signature <= keys for signature in self.signatures)

    def mapping(self, header: list[str]) -> dict[int, str]:
        """Column position -> import field, for the columns of this header that are read."""
        return read_columns(header, self.preferences)

    def manager_columns(self, header: list[str]) -> list[tuple[int, int]]:
        """(label position, value position) of the relation columns this header has."""
        positions = {header_key(column): position for position, column in enumerate(header)}
        return [
            (positions[label], positions[value])
            for label, value in self.relations
            if label in positions and value in positions
        ]


def _signatures(*sets: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(header_key(column) for column in group.split("|")) for group in sets)


def _keys(**fields: str | None) -> dict[str, str | None]:
    """Preferences written as ``column="field"``, the column name as the file writes it."""
    return {header_key(column): field for column, field in fields.items()}


LINKEDIN = CsvFormat(
    "linkedin",
    "LinkedIn connections",
    _signatures("First Name|Last Name|Connected On", "First Name|Last Name|URL|Position"),
    # LinkedIn's "URL" is the connection's profile; elsewhere a URL is a company's web site.
    preferences=_keys(URL="profile_url"),
)

GOOGLE = CsvFormat(
    "google",
    "Google Contacts",
    _signatures(
        "E-mail 1 - Value",
        "Phone 1 - Value",
        "Organization 1 - Name",
        "Given Name|Family Name",
        "First Name|Last Name|Organization Name",
    ),
    relations=tuple(
        (header_key(f"Relation {n} - {word}"), header_key(f"Relation {n} - Value"))
        for n in (1, 2, 3)
        for word in ("Label", "Type")
    ),
)

SALESFORCE = CsvFormat(
    "salesforce",
    "Salesforce contacts",
    _signatures("ReportsToId", "AccountId", "Id|MailingCity", "Id|Account.Name", "Id|OwnerId"),
    # Salesforce calls the job "Title" (and the Mr or Dr "Salutation") even beside a
    # renamed "Job Title" column of the director's own.
    preferences=_keys(Title="job_title"),
)

DYNAMICS = CsvFormat(
    "dynamics",
    "Dynamics 365 contacts",
    _signatures("contactid", "emailaddress1", "parentcustomerid", "parentcustomeridname"),
)

HUBSPOT = CsvFormat(
    "hubspot",
    "HubSpot contacts",
    _signatures("Record ID", "Associated Company", "Contact owner|Lifecycle Stage"),
)

THUNDERBIRD = CsvFormat(
    "thunderbird",
    "Thunderbird address book",
    _signatures(
        "Primary Email|Display Name",
        "Display Name|Nickname|Screen Name",
        "Primäre E-Mail-Adresse|Anzeigename",
        "Anzeigename|Spitzname",
        "表示名|ニックネーム",
    ),
)

OUTLOOK = CsvFormat(
    "outlook",
    "Outlook contacts",
    _signatures(
        "First Name|Last Name|E-mail Address|Business Phone",
        "First Name|Last Name|E-mail Address|Job Title",
    ),
)

CRM = CsvFormat("crm", "CRM contact export", language="en")

_LANGUAGE_LABELS = {
    "de": ("german", "German"),
    "fr": ("french", "French"),
    "es": ("spanish", "Spanish"),
    "it": ("italian", "Italian"),
    "nl": ("dutch", "Dutch"),
    "sv": ("swedish", "Swedish"),
    "no": ("norwegian", "Norwegian"),
    "da": ("danish", "Danish"),
    "pt": ("portuguese", "Portuguese"),
    "ja": ("japanese", "Japanese"),
}
_BY_LANGUAGE = {
    "en": CRM,
    **{
        language: CsvFormat(name, f"{label} contacts export", language=language)
        for language, (name, label) in _LANGUAGE_LABELS.items()
    },
}
assert set(_BY_LANGUAGE) == set(LANGUAGES)

# Most particular first: a Salesforce export would also have an English CRM's columns.
SYSTEM_FORMATS: tuple[CsvFormat, ...] = (
    LINKEDIN,
    GOOGLE,
    SALESFORCE,
    DYNAMICS,
    HUBSPOT,
    THUNDERBIRD,
    OUTLOOK,
)
KNOWN_FORMATS: tuple[CsvFormat, ...] = SYSTEM_FORMATS + tuple(_BY_LANGUAGE.values())
FORMATS_BY_NAME = {csv_format.name: csv_format for csv_format in KNOWN_FORMATS}


def recognise(header: list[str]) -> CsvFormat | None:
    """The kind of contacts file this header belongs to, or None when no names can be read.

    A kind recognised by its own columns comes first; any other header whose names can be
    read is named by the language of its column names.
    """
    system = next((f for f in SYSTEM_FORMATS if f.recognises(header)), None)
    if system is not None:
        return system
    if not has_a_name(set(read_columns(header).values())):
        return None
    return _BY_LANGUAGE[language_of(header)]


def looks_like_a_header(record: list[str]) -> bool:
    """Whether this row of a CSV is a contacts header: names and one more column understood.

    Two columns at least, so that a separator that cuts "Nom, prénom;Fonction" into "Nom"
    and the rest does not pass for a header.
    """
    mapping = read_columns(record)
    return len(mapping) >= 2 and has_a_name(set(mapping.values()))


def guess_mapping(header: list[str]) -> dict[int, str]:
    """The first guess the mapping step shows: every column the shared table understands."""
    return dict(sorted(read_columns(header).items()))


def contacts_from_rows(
    rows: list[tuple[int, list[str]]],
    mapping: Mapping[int, str],
    manager_columns: list[tuple[int, int]] | None = None,
    *,
    header_width: int | None = None,
    separator: str = ",",
) -> list[Contact]:
    """Read every row through a mapping (column position -> import field).

    Args:
        rows: (row number, cells) as ``CsvTable`` gives them.
        mapping: column position -> import field; several columns may feed one field, the
            first with a value wins.
        manager_columns: (label position, value position) of relation columns.
        header_width: how many columns the header has, to tell a broken row by its cells.
        separator: the character between cells, to tell a name that swallowed a cell.
    """
    contacts = []
    columns = list(mapping.items())  # read once: the loop below runs for every cell
    for number, cells in rows:
        problem = row_problem(cells, mapping, header_width, separator)
        parts: dict[str, str] = {}
        width = len(cells)
        for position, field_name in columns:
            if position < width and field_name not in parts:
                value = cells[position]
                if value and not value.isspace():
                    parts[field_name] = value
        for label, value in manager_columns or ():
            if _cell(cells, label).strip().casefold() == "manager" and "reports_to" not in parts:
                parts["reports_to"] = _cell(cells, value)
        contact = contact_from(f"row {number}", parts)
        contacts.append(replace(contact, problem=problem) if problem else contact)
    return contacts


def _cell(cells: list[str], position: int) -> str:
    return cells[position] if position < len(cells) else ""


def mapping_has_a_name(fields: set[str]) -> bool:
    """A mapping must say where the people's names are."""
    return has_a_name(fields)
