"""Contacts files from German, French and Spanish systems map themselves, as English ones do."""

from __future__ import annotations

from pathlib import Path

import pytest

from keyplan.exchange.transfer.contact_files import read_contacts, read_contacts_file
from keyplan.exchange.transfer.csv_formats import guess_mapping, header_key

DATA = Path(__file__).parents[2] / "data" / "import"


def by_name(contact_file) -> dict[str, dict]:
    return {c.full_name: {**c.values, "reports_to": c.reports_to} for c in contact_file.contacts}


def test_a_german_crm_export_in_windows_1252_maps_itself():
    contact_file = read_contacts_file(DATA / "german_crm_cp1252.csv")
    assert (contact_file.kind, contact_file.encoding) == ("german", "Windows-1252")
    assert contact_file.description() == (
        "German contacts export, Windows-1252, semicolon-separated, 5 rows"
    )
    assert contact_file.mapping_by_column() == {
        "Vorname": "first_name",
        "Nachname": "last_name",
        "Position": "job_title",
        "Abteilung": "department",
        "Firma": "company",
        "E-Mail-Adresse": "email",
        "Telefon geschäftlich": "phone",
        "Mobiltelefon": "mobile",
        "Ort": "city",
        "Land": "country",
        "Vorgesetzter": "reports_to",
    }
    found = by_name(contact_file)
    assert set(found) == {
        "Jürgen Weiß",
        "Björk Größer",
        "Ömer Çelik",
        "Änne Schäfer",
        "Klaus Häberle",
    }
    assert found["Jürgen Weiß"]["job_title"] == "Geschäftsführer"
    assert found["Jürgen Weiß"]["location"] == "München, Deutschland"
    assert found["Ömer Çelik"]["phone"] == "+49 160 5550303"  # the mobile, for want of a phone
    assert found["Klaus Häberle"]["reports_to"] == "Björk Größer"
    # The company goes with the person; the salutation and notes are not read.
    assert {c.company for c in contact_file.contacts} >= {"Müller & Söhne GmbH"}
    assert "GmbH" not in str(found) and "Herr" not in str(found) and "Entscheider" not in str(found)


def test_the_mapping_step_guesses_the_same_columns_for_a_german_header():
    header = read_contacts_file(DATA / "german_crm_cp1252.csv").table.header
    guessed = {header[position]: field for position, field in guess_mapping(header).items()}
    assert guessed == read_contacts_file(DATA / "german_crm_cp1252.csv").mapping_by_column()


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (  # French, shouted and without accents, as some CRMs write headers
            "PRENOM;NOM;FONCTION;SERVICE;COURRIEL;TELEPHONE;SOCIETE;RESPONSABLE\n"
            "Hélène;Lefèvre;Directrice achats;Achats;h.lefevre@x.example;+33 1 00 00 00 01;"
            "Fromagerie SA;Paul Martin\n",
            "french",
            {"full_name": "Hélène Lefèvre", "job_title": "Directrice achats",
             "department": "Achats", "email": "h.lefevre@x.example",
             "phone": "+33 1 00 00 00 01", "reports_to": "Paul Martin"},
        ),
        (  # French with its accents and Outlook's longer names
            "Prénom,Nom,Fonction,Service,Adresse e-mail,Téléphone professionnel,Portable,"
            "Ville,Pays\n"
            "Hélène,Lefèvre,DAF,Finance,h@x.example,,+33 6 00 00 00 02,Lyon,France\n",
            "french",
            {"full_name": "Hélène Lefèvre", "job_title": "DAF", "department": "Finance",
             "email": "h@x.example", "phone": "+33 6 00 00 00 02", "location": "Lyon, France",
             "reports_to": None},
        ),
        (  # Spanish
            "Nombre,Apellidos,Cargo,Departamento,Correo electrónico,Teléfono,Empresa,Jefe\n"
            "Núria,Ñúñez García,Directora de compras,Compras,n@x.example,+34 91 000 00 00,"
            "Ibérica SL,José Pérez\n",
            "spanish",
            {"full_name": "Núria Ñúñez García", "job_title": "Directora de compras",
             "department": "Compras", "email": "n@x.example", "phone": "+34 91 000 00 00",
             "reports_to": "José Pérez"},
        ),
        (  # Spanish, written without accents
            "NOMBRE;APELLIDOS;CARGO;CORREO ELECTRONICO;TELEFONO;MOVIL;EMPRESA\n"
            "Jose;Perez;CFO;j@x.example;;+34 600 000 000;Iberica SL\n",
            "spanish",
            {"full_name": "Jose Perez", "job_title": "CFO", "email": "j@x.example",
             "phone": "+34 600 000 000", "reports_to": None},
        ),
        (  # German, other words: "Name" beside "Vorname" is the surname
            "Vorname;Name;Funktion;E-Mail;Telefon;Handy;Unternehmen;Berichtet an\n"
            "Anna;Müller;Einkaufsleiterin;a@x.example;;+49 171 000;Acme GmbH;Jürgen Weiß\n",
            "german",
            {"full_name": "Anna Müller", "job_title": "Einkaufsleiterin", "email": "a@x.example",
             "phone": "+49 171 000", "reports_to": "Jürgen Weiß"},
        ),
        (  # German, one "Name" column holding the whole name; "Titel" as the job
            "Name;Titel;Abteilung;E-Mail;Telefon;Firma\n"
            "Dr. Anna Müller;Leiterin Einkauf;Einkauf;a@x.example;089 000;Acme GmbH\n",
            "german",
            {"full_name": "Dr. Anna Müller", "job_title": "Leiterin Einkauf",
             "department": "Einkauf", "email": "a@x.example", "phone": "089 000",
             "reports_to": None},
        ),
    ],
)  # fmt: skip
def test_french_spanish_and_german_headers_in_any_case_with_or_without_accents(
    text, kind, expected
):
    contact_file = read_contacts(text.encode("utf-8"), "contacts.csv")
    assert contact_file.kind == kind
    (contact,) = contact_file.contacts
    assert {**contact.values, "reports_to": contact.reports_to} == expected


def test_beside_a_position_column_a_german_titel_is_not_the_job():
    text = "Titel;Vorname;Nachname;Position\nDr.;Anna;Müller;\nProf.;Ben;Kurz;CTO\n"
    contact_file = read_contacts(text.encode("utf-8"), "titel.csv")
    assert [c.values.get("job_title") for c in contact_file.contacts] == [None, "CTO"]
    header = contact_file.table.header
    assert guess_mapping(header) == {1: "first_name", 2: "last_name", 3: "job_title"}


def test_column_names_compare_without_case_accents_or_hyphens():
    assert header_key("Téléphone") == header_key("TELEPHONE") == "telephone"
    assert header_key(" E-Mail-Adresse ") == header_key("e-mail   adresse") == "emailadresse"
    # API names and spreadsheet names of one column meet: Salesforce, Dynamics, HubSpot.
    assert header_key("FirstName") == header_key("first_name") == header_key("First Name")
    assert header_key("Account.Name") == header_key("Account Name")
    assert header_key("address1_city") == header_key("Address 1: City")
    assert header_key("Straße") == "strasse"
    assert header_key("\ufeffVorname") == "vorname"
    assert header_key("山田") == "山田"


def test_english_files_keep_their_kinds():
    kinds = {
        name: read_contacts_file(DATA / name).kind
        for name in ("crm_contacts.csv", "outlook_contacts.csv", "google_contacts.csv",
                     "linkedin_connections.csv", "excel_semicolon_cp1252.csv")
    }  # fmt: skip
    assert kinds == {
        "crm_contacts.csv": "crm",
        "outlook_contacts.csv": "outlook",
        "google_contacts.csv": "google",
        "linkedin_connections.csv": "linkedin",
        "excel_semicolon_cp1252.csv": "crm",
    }
