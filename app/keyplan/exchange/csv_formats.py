"""The kinds of contacts CSV people have, each recognised by its header.

A kind says which columns it must have (``signatures``: any one set of them is enough) and,
for each import field, the columns that may hold it, best first. A file of no known kind is
read through a ``ColumnMapping`` the user gives (column name -> import field). Besides the
English exports there are kinds for German, French and Spanish column names (Outlook and the
CRMs translate their headers), and column names are compared without case or accents.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace

from keyplan.exchange.broken_rows import row_problem
from keyplan.exchange.contacts import IMPORT_FIELDS, Contact, contact_from

_HYPHENS = str.maketrans({"-": " ", "_": " ", "\u2010": " ", "\u2011": " ", "\ufeff": ""})


def header_key(column: str) -> str:
    """A column name as compared: case, accents, hyphens, padding and spacing do not count.

    "E-Mail-Adresse", "e-mail adresse" and "Téléphone"/"TELEPHONE" each give one key.
    """
    folded = column.casefold()
    if not folded.isascii():
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
        )
    return " ".join(folded.translate(_HYPHENS).split())


@dataclass(frozen=True, slots=True)
class CsvFormat:
    """One kind of contacts CSV.

    Attributes:
        name: the ``--format`` word.
        label: how the summary names it.
        signatures: sets of column keys; a header holding every column of one set is this kind.
        columns: for each import field, the column keys that may hold it, best first.
    """

    name: str
    label: str
    signatures: tuple[frozenset[str], ...]
    columns: Mapping[str, tuple[str, ...]]
    # (label column, value column) pairs where a label of "Manager" makes the value the
    # manager's name: Google Contacts keeps a person's relations that way.
    relations: tuple[tuple[str, str], ...] = ()
    # Column keys read only when the file has no better column for their field: beside
    # "Position", a German "Titel" is the doctor's title, not a fallback for the job.
    last_resort: frozenset[str] = frozenset()

    def recognises(self, header_keys: set[str]) -> bool:
        return any(signature <= header_keys for signature in self.signatures)

    def mapping(self, header: list[str]) -> dict[int, str]:
        """Column position -> import field, for the columns of this header this kind reads."""
        positions: dict[str, int] = {}
        for position, column in enumerate(header):
            positions.setdefault(header_key(column), position)
        mapping: dict[int, str] = {}
        for field, candidates in self.columns.items():
            for candidate in candidates:
                if candidate in self.last_resort and field in mapping.values():
                    continue
                if candidate in positions and positions[candidate] not in mapping:
                    mapping[positions[candidate]] = field
        return _surname_beside_a_first_name(header, mapping)

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


def _columns(**fields: str) -> dict[str, tuple[str, ...]]:
    return {name: tuple(header_key(c) for c in names.split("|")) for name, names in fields.items()}


LINKEDIN = CsvFormat(
    "linkedin",
    "LinkedIn connections",
    _signatures("First Name|Last Name|Connected On", "First Name|Last Name|URL|Position"),
    # Company is the account the user imports into; "Connected On" is not a stakeholder fact.
    _columns(
        first_name="First Name",
        last_name="Last Name",
        job_title="Position",
        email="Email Address",
    ),
)

GOOGLE = CsvFormat(
    "google",
    "Google Contacts",
    _signatures(
        "First Name|Last Name|E-mail 1 - Value",
        "Given Name|Family Name|E-mail 1 - Value",
        "First Name|Last Name|Phone 1 - Value",
        "Given Name|Family Name|Phone 1 - Value",
        "Given Name|Family Name|Organization 1 - Name",
        "First Name|Last Name|Organization Name",
    ),
    _columns(
        full_name="Name",
        first_name="First Name|Given Name",
        middle_name="Middle Name|Additional Name",
        last_name="Last Name|Family Name",
        job_title="Organization Title|Organization 1 - Title",
        department="Organization Department|Organization 1 - Department",
        email="E-mail 1 - Value|E-mail 2 - Value|E-mail 3 - Value",
        phone="Phone 1 - Value|Phone 2 - Value|Phone 3 - Value",
        city="Address 1 - City",
        country="Address 1 - Country",
    ),
    tuple(
        (header_key(f"Relation {n} - {word}"), header_key(f"Relation {n} - Value"))
        for n in (1, 2, 3)
        for word in ("Label", "Type")
    ),
)

OUTLOOK = CsvFormat(
    "outlook",
    "Outlook contacts",
    _signatures(
        "First Name|Last Name|E-mail Address|Business Phone",
        "First Name|Last Name|E-mail Address|Job Title",
    ),
    # Outlook's "Title" is Mr or Dr; the job is "Job Title".
    _columns(
        first_name="First Name",
        middle_name="Middle Name",
        last_name="Last Name",
        job_title="Job Title",
        department="Department",
        email="E-mail Address|E-mail 2 Address|E-mail 3 Address",
        phone="Business Phone|Primary Phone|Company Main Telephone|Business Phone 2",
        mobile="Mobile Phone",
        city="Business City",
        country="Business Country/Region|Business Country",
        reports_to="Manager's Name",
    ),
)

CRM = CsvFormat(
    "crm",
    "CRM contact export",
    _signatures(
        "First Name|Last Name|Reports To",
        "First Name|Last Name|Account Name",
        "First Name|Last Name|Title|Email",
        "Full Name|Title|Email",
    ),
    # "Account Name" is not read: the user chose the account to import into.
    _columns(
        full_name="Full Name|Contact Name",
        first_name="First Name",
        middle_name="Middle Name",
        last_name="Last Name",
        job_title="Title|Job Title",
        department="Department",
        email="Email|Email Address|E-mail",
        phone="Phone|Business Phone|Work Phone|Phone Number",
        mobile="Mobile|Mobile Phone|Cell Phone",
        location="Location",
        city="Mailing City|City",
        country="Mailing Country|Country",
        reports_to="Reports To|Reports To Name|Manager",
    ),
)

# The kinds below read headers in other languages: German, French and Spanish Outlook and
# CRM exports. Each signature holds a word only that language uses ("Name|E-Mail" could be
# English). As with "Account Name", the company (Firma, Société, Empresa) is the account the
# user imports into, and notes (Notizen) have no field of a stakeholder to go to: recognised,
# not read.
GERMAN = CsvFormat(
    "german",
    "German contacts export",
    _signatures(
        "Vorname|Nachname",
        "Vorname|Name",
        "Name|Abteilung",
        "Name|Funktion",
        "Name|Firma",
        "Name|Unternehmen",
        "Name|E-Mail-Adresse",
        "Name|Telefon",
        "Name|Mobiltelefon",
        "Name|Vorgesetzter",
    ),
    _columns(
        # "Name" beside "Vorname" is the surname (see _surname_beside_a_first_name).
        full_name="Vollständiger Name|Name|Anzeigename|Kontaktname",
        first_name="Vorname",
        middle_name="Weitere Vornamen|Zweiter Vorname",
        last_name="Nachname|Familienname",
        # "Titel" (Salesforce's word for the job) only when there is no other job column.
        job_title="Position|Funktion|Berufsbezeichnung|Stellenbezeichnung|Jobtitel|Titel",
        department="Abteilung",
        email="E-Mail-Adresse|E-Mail|Email|E-Mail geschäftlich|E-Mail 2: Adresse",
        phone="Telefon geschäftlich|Telefon|Telefonnummer|Telefon Firma|Haupttelefon"
        "|Telefon geschäftlich 2",
        mobile="Mobiltelefon|Handy|Mobil|Mobilnummer|Handynummer",
        location="Standort",
        city="Ort geschäftlich|Ort|Stadt",
        country="Land/Region geschäftlich|Land/Region|Land",
        reports_to="Vorgesetzter|Vorgesetzte|Berichtet an|Name des/der Vorgesetzten"
        "|Name des Vorgesetzten|Führungskraft",
    ),
    last_resort=frozenset({header_key("Titel")}),
)

FRENCH = CsvFormat(
    "french",
    "French contacts export",
    _signatures(
        "Prénom|Nom",
        "Nom complet|Fonction",
        "Nom|Fonction",
        "Nom|Courriel",
        "Nom|Téléphone",
        "Nom|Société",
        "Nom|Service",
        "Nom|Responsable",
        "Nom|Adresse e-mail",
    ),
    _columns(
        full_name="Nom complet|Nom et prénom|Prénom et nom",
        first_name="Prénom",
        middle_name="Deuxième prénom",
        last_name="Nom|Nom de famille",
        job_title="Fonction|Poste|Intitulé du poste",
        department="Service|Département",
        email="Adresse e-mail|Courriel|E-mail|Email|Adresse électronique|Adresse de messagerie",
        phone="Téléphone professionnel|Téléphone|Téléphone bureau|Tél. professionnel|Tél.",
        mobile="Téléphone mobile|Mobile|Portable|Téléphone portable",
        city="Ville",
        country="Pays|Pays/Région",
        reports_to="Responsable|Supérieur hiérarchique|Nom du responsable|Manager",
    ),
)

SPANISH = CsvFormat(
    "spanish",
    "Spanish contacts export",
    _signatures(
        "Nombre|Apellidos",
        "Nombre|Apellido",
        "Nombre|Cargo",
        "Nombre|Correo electrónico",
        "Nombre|Teléfono",
        "Nombre|Empresa",
        "Nombre|Departamento",
        "Nombre completo|Cargo",
    ),
    _columns(
        full_name="Nombre completo|Nombre y apellidos",
        first_name="Nombre",
        middle_name="Segundo nombre",
        last_name="Apellidos|Apellido|Primer apellido",
        job_title="Cargo|Puesto",
        department="Departamento|Área",
        email="Correo electrónico|Correo|Email|E-mail|Dirección de correo electrónico",
        phone="Teléfono del trabajo|Teléfono|Teléfono de la oficina",
        mobile="Móvil|Teléfono móvil|Celular",
        city="Ciudad|Localidad",
        country="País",
        reports_to="Responsable|Jefe|Jefe directo|Superior|Reporta a",
    ),
)

# Most particular first: a CRM export's signature would also fit Outlook's wider header.
KNOWN_FORMATS: tuple[CsvFormat, ...] = (
    LINKEDIN,
    GOOGLE,
    OUTLOOK,
    CRM,
    GERMAN,
    FRENCH,
    SPANISH,
)
FORMATS_BY_NAME = {csv_format.name: csv_format for csv_format in KNOWN_FORMATS}


def recognise(header: list[str]) -> CsvFormat | None:
    """The known kind of contacts file this header belongs to, or None."""
    keys = {header_key(column) for column in header}
    return next((f for f in KNOWN_FORMATS if f.recognises(keys)), None)


def guess_mapping(header: list[str]) -> dict[int, str]:
    """A first guess for the mapping step: columns whose names any known kind would read.

    Each field takes the column a kind ranks best for it ("Position" before "Titel"), not
    merely the first in the file; a column name two kinds read differently goes to the
    first kind's field.
    """
    guesses = _column_guesses()
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, position)
    for position, column in enumerate(header):
        guess = guesses.get(header_key(column))
        if guess is None:
            continue
        field, rank = guess
        if field not in best or (rank, position) < best[field]:
            best[field] = (rank, position)
    mapping = {position: field for field, (_rank, position) in best.items()}
    return _surname_beside_a_first_name(header, dict(sorted(mapping.items())))


_LABEL_RANK = 100  # the field's own label ("Job title") after every kind's column names


def _column_guesses() -> dict[str, tuple[str, int]]:
    """Column key -> (import field, rank among that field's columns)."""
    guesses: dict[str, tuple[str, int]] = {}
    for csv_format in KNOWN_FORMATS:
        for field, candidates in csv_format.columns.items():
            for rank, candidate in enumerate(candidates):
                guesses.setdefault(candidate, (field, rank))
    for field, label in IMPORT_FIELDS.items():
        guesses.setdefault(header_key(label), (field, _LABEL_RANK))
        guesses.setdefault(header_key(field.replace("_", " ")), (field, _LABEL_RANK))
    return guesses


# A column called just "Name" beside a first-name column holds the surname: German lists
# write "Vorname; Name", and an English "First Name, Name" means the same.
_PLAIN_NAMES = frozenset({"name"})


def _surname_beside_a_first_name(header: list[str], mapping: dict[int, str]) -> dict[int, str]:
    fields = set(mapping.values())
    if "first_name" not in fields or "last_name" in fields:
        return mapping
    for position, field in mapping.items():
        if field == "full_name" and header_key(header[position]) in _PLAIN_NAMES:
            mapping[position] = "last_name"
            break
    return mapping


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
    for number, cells in rows:
        problem = row_problem(cells, mapping, header_width, separator)
        parts: dict[str, str] = {}
        for position, field in mapping.items():
            if position < len(cells) and cells[position].strip() and field not in parts:
                parts[field] = cells[position]
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
    return "full_name" in fields or bool(fields & {"first_name", "last_name"})
