"""The names contacts files give their columns, read one column at a time.

One table says, for every import field, the column names that hold it: in English, German,
French, Spanish, Italian, Dutch, Swedish, Norwegian, Danish, Portuguese and Japanese, and as
the API names Salesforce, Dynamics 365 and HubSpot export. Any header is read column by
column through it, so an export with a few renamed or added columns is still understood;
a kind of file (``csv_formats``) only adds a label and a few preferences.

Names are compared by ``header_key``: case, accents, spacing and the punctuation exports put
between words do not count, so "E-Mail-Adresse", "email adresse", "FirstName", "first_name"
and "First Name" each give one key. A few words mean different things in different files and
are read by context (see ``read_columns``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from keyplan.exchange.transfer.contacts import IMPORT_FIELDS

# Exports write "First Name", "FirstName", "first_name", "Account.Name" and "Address 1: City"
# for the same column: none of these characters tells two columns apart.
_NOT_COMPARED = str.maketrans(
    dict.fromkeys(" \t\r\n\u00a0-_.:'\u2019\u2010\u2011\ufeff\u3000\u30fb", "")
)


def header_key(column: str) -> str:
    """A column name as compared: case, accents, spacing, hyphens, underscores, dots and
    colons do not count.

    "E-Mail-Adresse" and "e-mail adresse", "Téléphone" and "TELEPHONE", "FirstName" and
    "First Name" each give one key.
    """
    folded = column.casefold()
    if not folded.isascii():
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
        )
    return folded.translate(_NOT_COMPARED)


# The languages whose words make a file "a German contacts export" and so on; the API names
# of the CRMs ("api") name no language.
LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "sv", "no", "da", "pt", "ja")

# For each import field, its column names by language, best first. A name marked "~" is weak:
# it is read only when the file has no other column for that field, because it means something
# else beside one ("Title" is Mr or Dr beside "Job Title"; a German "Titel" is Dr beside
# "Position"). Where one file may hold two columns of a field, the one listed first wins.
COLUMN_NAMES: dict[str, dict[str, str]] = {
    "full_name": {
        "en": "Full Name|Name|Contact Name|Display Name",
        "de": "Vollständiger Name|Name|Anzeigename|Kontaktname",
        "fr": "Nom complet|Nom et prénom|Prénom et nom",
        "es": "Nombre completo|Nombre y apellidos",
        "it": "Nome completo|Nome e cognome|Nominativo",
        "nl": "Volledige naam|Naam|Weergavenaam",
        "sv": "Fullständigt namn|Namn|Visningsnamn",
        "no": "Fullt navn|Navn|Visningsnavn",
        "da": "Fulde navn|Navn|Vist navn",
        "pt": "Nome completo",
        "ja": "氏名|名前|表示名|フルネーム",
    },
    "first_name": {
        "en": "First Name|Given Name|Forename",
        "de": "Vorname",
        "fr": "Prénom",
        "es": "Nombre",
        "it": "Nome",
        "nl": "Voornaam",
        "sv": "Förnamn",
        "no": "Fornavn",
        "da": "Fornavn",
        "pt": "Nome|Primeiro nome",
        "ja": "名",
    },
    "middle_name": {
        "en": "Middle Name|Additional Name|Middle Names",
        "de": "Weitere Vornamen|Zweiter Vorname",
        "fr": "Deuxième prénom|Autres prénoms",
        "es": "Segundo nombre",
        "it": "Secondo nome",
        # Dutch files keep "van der" apart; it goes between the first and the last name.
        "nl": "Tussenvoegsel|Tussenvoegsels|Middelste naam",
        "sv": "Mellannamn",
        "no": "Mellomnavn",
        "da": "Mellemnavn",
        "pt": "Nome do meio|Segundo nome",
        "ja": "ミドルネーム",
    },
    "last_name": {
        "en": "Last Name|Family Name|Surname",
        "de": "Nachname|Familienname",
        "fr": "Nom|Nom de famille",
        "es": "Apellidos|Apellido|Primer apellido",
        "it": "Cognome",
        "nl": "Achternaam",
        "sv": "Efternamn",
        "no": "Etternavn",
        "da": "Efternavn",
        "pt": "Sobrenome|Apelido|Último nome",
        "ja": "姓",
    },
    "job_title": {
        "en": "Job Title|Position|Organization Title|Organization 1 - Title|~Title",
        "de": "Position|Funktion|Berufsbezeichnung|Stellenbezeichnung|Jobtitel|Arbeitstitel|~Titel",
        "fr": "Fonction|Poste|Intitulé du poste|~Titre",
        "es": "Cargo|Puesto|Título del puesto",
        "it": "Posizione|Ruolo|Qualifica|Mansione|~Titolo",
        "nl": "Functie|Functietitel",
        "sv": "Befattning|Yrkestitel|~Titel",
        "no": "Stillingstittel|Stilling|~Tittel",
        "da": "Stilling|Jobtitel|Funktion|~Titel",
        "pt": "Cargo|Função|Título do cargo",
        "ja": "役職|肩書き|職位",
    },
    "department": {
        "en": "Department|Organization Department|Organization 1 - Department",
        "de": "Abteilung",
        "fr": "Service|Département",
        "es": "Departamento|Área",
        "it": "Reparto|Dipartimento|Ufficio",
        "nl": "Afdeling",
        "sv": "Avdelning",
        "no": "Avdeling",
        "da": "Afdeling",
        "pt": "Departamento|Setor",
        "ja": "部署|部門",
    },
    "email": {
        "en": "Email|E-mail|Email Address|E-mail Address|Primary Email|Work Email"
        "|Business Email|E-mail 1 - Value|E-mail 2 Address|Secondary Email|E-mail 2 - Value"
        "|E-mail 3 Address|E-mail 3 - Value|Mail",
        "de": "E-Mail-Adresse|E-Mail|E-Mail geschäftlich|Primäre E-Mail-Adresse"
        "|E-Mail 2: Adresse|Sekundäre E-Mail-Adresse",
        "fr": "Adresse e-mail|Courriel|E-mail|Adresse électronique|Adresse de messagerie",
        "es": "Correo electrónico|Correo|Email|Dirección de correo electrónico",
        "it": "Indirizzo e-mail|E-mail|Posta elettronica",
        "nl": "E-mailadres|E-mail",
        "sv": "E-postadress|E-post",
        "no": "E-postadresse|E-post",
        "da": "E-mailadresse|E-mail",
        "pt": "Endereço de e-mail|E-mail|Correio eletrónico|Correio eletrônico",
        "ja": "電子メールアドレス|メールアドレス|メール|Eメール|第2電子メールアドレス",
    },
    "phone": {
        "en": "Business Phone|Work Phone|Phone|Phone Number|Primary Phone|Company Main Phone"
        "|Company Main Telephone|Office Phone|Telephone|Business Phone 2|Phone 1 - Value"
        "|Phone 2 - Value|Phone 3 - Value|Tel",
        "de": "Telefon geschäftlich|Telefon|Telefonnummer|Telefon Firma|Haupttelefon"
        "|Tel. dienstlich|Telefon geschäftlich 2",
        "fr": "Téléphone professionnel|Téléphone|Téléphone bureau|Tél. professionnel",
        "es": "Teléfono del trabajo|Teléfono|Teléfono de la oficina",
        "it": "Telefono ufficio|Telefono lavoro|Telefono",
        "nl": "Telefoon werk|Zakelijke telefoon|Telefoonnummer|Telefoon",
        "sv": "Telefon arbete|Arbetstelefon|Telefon",
        "no": "Telefon arbeid|Arbeidstelefon|Telefon",
        "da": "Arbejdstelefon|Telefon arbejde|Telefon",
        "pt": "Telefone comercial|Telefone do trabalho|Telefone",
        "ja": "勤務先電話番号|電話番号|電話",
    },
    "mobile": {
        "en": "Mobile|Mobile Phone|Mobile Number|Mobile Phone Number|Cell Phone|Cell",
        "de": "Mobiltelefon|Handy|Mobil|Mobilnummer|Handynummer|Mobil-Tel.-Nr.",
        "fr": "Téléphone mobile|Mobile|Portable|Téléphone portable",
        "es": "Móvil|Teléfono móvil|Celular",
        "it": "Cellulare|Telefono cellulare",
        "nl": "Mobiel|Mobiele telefoon|Mobiel nummer",
        "sv": "Mobiltelefon|Mobil|Mobilnummer",
        "no": "Mobiltelefon|Mobil|Mobilnummer",
        "da": "Mobiltelefon|Mobil|Mobilnummer",
        "pt": "Telemóvel|Celular|Telefone celular|Telefone móvel",
        "ja": "携帯電話番号|携帯電話|携帯",
    },
    "location": {
        "en": "Location",
        "de": "Standort",
        "fr": "Emplacement",
        "es": "Ubicación",
        "it": "Sede",
        "nl": "Locatie|Vestiging",
        "sv": "Plats",
        "no": "Sted",
        "da": "Lokation",
        "pt": "Localização",
        "ja": "所在地",
    },
    "city": {
        "en": "City|Mailing City|Business City|Work City|Address 1 - City",
        "de": "Ort geschäftlich|Ort|Stadt|Dienstlich: Ort",
        "fr": "Ville",
        "es": "Ciudad|Localidad",
        "it": "Città|Località",
        "nl": "Plaats|Stad",
        "sv": "Ort|Stad|Postort",
        "no": "By|Poststed",
        "da": "By|Postdistrikt",
        "pt": "Cidade|Localidade",
        "ja": "勤務先の市区町村|市区町村|都市",
    },
    "country": {
        "en": "Country|Mailing Country|Business Country/Region|Business Country"
        "|Work Country|Country/Region|Address 1 - Country",
        "de": "Land/Region geschäftlich|Land/Region|Land|Dienstlich: Land",
        "fr": "Pays|Pays/Région",
        "es": "País",
        "it": "Paese|Nazione",
        "nl": "Land",
        "sv": "Land",
        "no": "Land",
        "da": "Land",
        "pt": "País",
        "ja": "勤務先の国|国",
    },
    "reports_to": {
        "en": "Reports To|Reports To Name|Manager|Manager's Name|Manager Name",
        "de": "Vorgesetzter|Vorgesetzte|Berichtet an|Name des/der Vorgesetzten"
        "|Name des Vorgesetzten|Führungskraft",
        "fr": "Responsable|Supérieur hiérarchique|Nom du responsable|Manager",
        "es": "Responsable|Jefe|Jefe directo|Superior|Reporta a",
        "it": "Responsabile|Superiore|Riporta a",
        "nl": "Leidinggevende|Manager|Rapporteert aan",
        "sv": "Chef|Närmaste chef|Rapporterar till",
        "no": "Leder|Nærmeste leder|Rapporterer til",
        "da": "Leder|Nærmeste leder|Chef|Rapporterer til",
        "pt": "Responsável|Gestor|Gerente|Superior",
        "ja": "上司|上長",
    },
    "company": {
        "en": "Company|Company Name|Organization|Organisation|Organization Name"
        "|Organization 1 - Name|Account Name|Associated Company|Employer",
        "de": "Firma|Unternehmen|Firmenname|Organisation",
        "fr": "Société|Entreprise|Organisation",
        "es": "Empresa|Compañía|Organización",
        "it": "Azienda|Società|Ditta",
        "nl": "Bedrijf|Organisatie|Bedrijfsnaam",
        "sv": "Företag|Organisation",
        "no": "Firma|Selskap|Bedrift|Organisasjon",
        "da": "Virksomhed|Firma|Organisation",
        "pt": "Empresa|Organização|Companhia",
        "ja": "会社名|会社|所属|勤務先",
    },
    "profile_url": {
        "en": "Profile URL|LinkedIn URL|LinkedIn Profile|LinkedIn Profile URL|LinkedIn",
    },
    "record_id": {
        "en": "Id|Record ID|Contact ID",
        "de": "Kontakt-ID|Datensatz-ID",
    },
    "reports_to_id": {
        "en": "Reports To ID|Manager ID",
    },
    "dotted_line_to": {
        "en": "Dotted line to|Dotted Line Manager|Dotted-line manager|Matrix manager"
        "|Secondary manager|Also reports to",
        "de": "Fachlich berichtet an|Fachvorgesetzter|Fachliche Führungskraft",
        "fr": "Rattachement fonctionnel|Responsable fonctionnel",
    },
}

# The API names CRMs export with, where the key differs from every human column name above:
# Salesforce (Data Loader, Data Export), Dynamics 365 and HubSpot. "FirstName", "jobtitle",
# "Account.Name" and "Record ID" need no entry: their keys are "First Name"'s and so on.
API_NAMES: dict[str, str] = {
    "email": "emailaddress1|emailaddress2",
    "phone": "telephone1|telephone2",
    "city": "address1_city",
    "country": "address1_country",
    "reports_to": "ReportsTo.Name|managername",
    "company": "parentcustomeridname|parentcustomerid",
    "record_id": "contactid",
    "reports_to_id": "ReportsToId|managerid",
}


@dataclass(frozen=True, slots=True)
class ColumnName:
    """What one column key says: its field, its rank among that field's names, if it is weak."""

    field: str
    rank: int
    weak: bool


def _build_table() -> tuple[dict[str, ColumnName], dict[str, frozenset[str]]]:
    columns: dict[str, ColumnName] = {}
    languages: dict[str, set[str]] = {}
    for field, by_language in COLUMN_NAMES.items():
        names = [(lang, name) for lang, group in by_language.items() for name in group.split("|")]
        names += [("api", name) for name in API_NAMES.get(field, "").split("|") if name]
        names += [("api", IMPORT_FIELDS[field]), ("api", field)]  # "Job title", "job_title"
        for rank, (language, name) in enumerate(names):
            key = header_key(name.lstrip("~"))
            columns.setdefault(key, ColumnName(field, rank, name.startswith("~")))
            if columns[key].field == field:
                languages.setdefault(key, set()).add(language)
    return columns, {key: frozenset(found) for key, found in languages.items()}


_COLUMNS, _LANGUAGES = _build_table()


def column_name(key: str) -> ColumnName | None:
    """What the shared table says a column of this key holds, or None."""
    return _COLUMNS.get(key)


def language_of(header: list[str]) -> str:
    """The language (of ``LANGUAGES``) most of the header's column names are in.

    English wins a tie: "Email" and "Name" are everybody's words.
    """
    counts = dict.fromkeys(LANGUAGES, 0)
    for column in header:
        for language in _LANGUAGES.get(header_key(column), ()):
            if language in counts:
                counts[language] += 1
    return max(LANGUAGES, key=lambda language: counts[language])


def read_columns(
    header: list[str], preferences: Mapping[str, str | None] | None = None
) -> dict[int, str]:
    """Column position -> import field for every column of this header that is understood.

    Several columns may feed one field, best first (the reader takes the first with a value).
    Weak names are read only when nothing else holds their field, and plain name words by
    their neighbours (see ``_read_in_context``).

    Args:
        header: the column names as the file writes them.
        preferences: column key -> field (None: not read) where a kind of file reads a column
            otherwise than the shared table.
    """
    found: list[tuple[int, int, str, bool]] = []  # (rank, position, field, weak)
    for position, column in enumerate(header):
        key = header_key(column)
        if preferences is not None and key in preferences:
            preferred = preferences[key]
            if preferred is not None:
                found.append((-1, position, preferred, False))
            continue
        name = _COLUMNS.get(key)
        if name is not None:
            found.append((name.rank, position, name.field, name.weak))
    strong = {field for _rank, _position, field, weak in found if not weak}
    mapping = {
        position: field
        for _rank, position, field, weak in sorted(found)
        if not (weak and field in strong)
    }
    return _read_in_context(header, mapping)


# "Name" (and its Dutch and Scandinavian words) beside a first-name column is the surname:
# German lists write "Vorname; Name". Italian, Portuguese and Spanish "Nome"/"Nombre" is the
# first name beside a surname column, but the whole name when it stands alone.
_NAME_BESIDE_A_FIRST_NAME = frozenset({"name", "naam", "namn", "navn"})
_FIRST_NAME_ALONE = frozenset({"nome", "nombre"})
_OTHER_NAMES = frozenset({"last_name", "full_name"})


def _read_in_context(header: list[str], mapping: dict[int, str]) -> dict[int, str]:
    fields = set(mapping.values())
    for position, field in mapping.items():
        key = header_key(header[position])
        if field == "full_name" and key in _NAME_BESIDE_A_FIRST_NAME:
            if "first_name" in fields and "last_name" not in fields:
                mapping[position] = "last_name"
                fields.add("last_name")
        elif field == "first_name" and key in _FIRST_NAME_ALONE and not fields & _OTHER_NAMES:
            mapping[position] = "full_name"
    return mapping


def has_a_name(fields: set[str]) -> bool:
    """Whether these fields say where the people's names are: a full name, or name parts."""
    return "full_name" in fields or bool(fields & {"first_name", "last_name"})
