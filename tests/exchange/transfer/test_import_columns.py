"""Exports of every system and language a director meets are read column by column.

Thunderbird in three languages and encodings, Salesforce's Data Loader, Dynamics 365,
HubSpot, and contact lists in Italian, Dutch, Swedish, Norwegian, Danish and Portuguese,
each with a middle-name column: every one imports on the first try, the company, the
profile and the record ids included, and the user is told which column was read as what.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keyplan.exchange.transfer.contact_files import read_contacts, read_contacts_file
from keyplan.exchange.transfer.contacts import MappingNeeded
from keyplan.exchange.transfer.csv_formats import guess_mapping

DATA = Path(__file__).parents[2] / "data" / "import"


def by_name(contact_file) -> dict[str, dict]:
    return {
        c.full_name: {**c.values, "reports_to": c.reports_to, "company": c.company}
        for c in contact_file.contacts
    }


# ---- Thunderbird, in the languages and encodings it writes -------------------------------


def test_an_english_thunderbird_address_book_reads_with_its_organisation():
    contact_file = read_contacts_file(DATA / "thunderbird_en.csv")
    assert contact_file.description() == "Thunderbird address book, UTF-8, 3 rows"
    found = by_name(contact_file)
    assert found["Ingrid Olsen"] == {
        "full_name": "Ingrid Olsen", "job_title": "Chief Executive Officer",
        "department": "Executive", "email": "ingrid.olsen@acme.example",
        "phone": "+47 22 00 00 01", "location": "Oslo, Norway", "reports_to": None,
        "company": "Acme Group",
    }  # fmt: skip
    # No primary address: the secondary one; no work phone: the mobile.
    zoe = found["Zoë Müller-Łukasiewicz"]
    assert (zoe["email"], zoe["phone"]) == ("zoe@private.example", "+49 170 555 0101")
    # A collected address has only a display name: that is the name.
    assert found["Liam Byrne"]["email"] == "liam.byrne@acme.example"
    assert "not read: Nickname, Screen Name, Home Phone" in contact_file.columns_read()


def test_a_german_thunderbird_unicode_export_in_utf16_reads_its_german_columns():
    contact_file = read_contacts_file(DATA / "thunderbird_de_utf16.csv")
    assert (contact_file.kind, contact_file.encoding) == ("thunderbird", "UTF-16 LE")
    found = by_name(contact_file)
    assert found["Jürgen Weiß"]["job_title"] == "Geschäftsführer"  # "Arbeitstitel"
    assert found["Jürgen Weiß"]["phone"] == "+49 89 1234-0"  # "Tel. dienstlich"
    assert found["Björk Größer"]["phone"] == "+49 171 5550202"  # "Mobil-Tel.-Nr."
    assert found["Björk Größer"]["location"] == "München, Deutschland"  # "Dienstlich: Ort"
    assert found["Björk Größer"]["company"] == "Müller & Söhne GmbH"


def test_a_japanese_thunderbird_in_shift_jis_puts_the_family_name_first():
    contact_file = read_contacts_file(DATA / "thunderbird_ja_sjis.csv")
    assert (contact_file.kind, contact_file.encoding) == ("thunderbird", "Shift JIS")
    found = by_name(contact_file)
    assert set(found) == {"山田太郎", "佐藤花子"}
    assert found["山田太郎"]["job_title"] == "営業本部長"
    assert found["山田太郎"]["company"] == "アクメ株式会社"
    assert found["佐藤花子"]["phone"] == "080-0000-0002"  # the mobile, for want of a phone
    assert contact_file.columns_read().startswith("Read as: 姓 → last name, 名 → first name")


# ---- CRMs, with their API column names --------------------------------------------------


def test_a_salesforce_data_loader_export_keeps_the_ids_and_reads_title_as_the_job():
    contact_file = read_contacts_file(DATA / "salesforce_dataloader.csv")
    assert contact_file.kind == "salesforce"
    assert contact_file.kind_label == "Salesforce contacts"
    contacts = {c.full_name: c for c in contact_file.contacts}
    zoe = contacts["Zoë Anna Müller-Łukasiewicz"]
    assert zoe.values["job_title"] == "Chief Financial Officer"  # "Title", not "Salutation"
    assert (zoe.record_id, zoe.reports_to_id) == ("0035g00000AbCdFAAV", "0035g00000AbCdEAAV")
    assert zoe.company == "Acme Group"  # "Account.Name", not the "AccountId"
    assert contacts["Ελένη Παπαδοπούλου"].company == "Acme Hellas S.A."
    assert contacts["Ingrid Olsen"].reports_to_id == ""
    read = contact_file.columns_read()
    assert "ReportsToId → reports to (manager's record id)" in read
    assert read.endswith("not read: AccountId, Salutation, OwnerId, Buying_Role__c, Region__c")


def test_a_dynamics_365_export_reads_the_company_by_name_and_the_manager():
    contact_file = read_contacts_file(DATA / "dynamics365_contacts.csv")
    assert contact_file.kind == "dynamics"
    zoe = next(c for c in contact_file.contacts if c.full_name.startswith("Zoë"))
    assert zoe.full_name == "Zoë Anna Müller-Łukasiewicz"  # "fullname"
    assert (zoe.company, zoe.reports_to) == ("Acme Group", "Ingrid Olsen")
    assert zoe.record_id == "8e5b2c3d-4f60-4b7c-9d0e-1f2a3b4c5d6e"
    assert zoe.values["location"] == "Berlin, Germany"  # "address1_city", "address1_country"


def test_a_hubspot_export_reads_the_record_id_the_company_and_the_linkedin_profile():
    contact_file = read_contacts_file(DATA / "hubspot_contacts.csv")
    assert contact_file.kind == "hubspot"
    ingrid, liam = contact_file.contacts
    assert ingrid.record_id == "51234567801"
    assert ingrid.values["profile_url"] == "https://www.linkedin.com/in/ingrid-olsen"
    assert ingrid.company == "Acme Group"
    # No "Company Name" on Liam's row: the company associated with him.
    assert liam.company == "Acme Ireland Ltd"
    assert liam.values["phone"] == "+353 87 000 0004"  # "Mobile Phone Number"


def test_a_salesforce_export_with_renamed_columns_still_reads():
    text = (
        '"Id","First Name","Last Name","Title","Account Name","Email","Reports To ID"\n'
        '"0035g00000AbCdEAAV","Ingrid","Olsen","CEO","Acme Group","io@acme.example",""\n'
    )
    (contact,) = read_contacts(text.encode(), "report.csv").contacts
    assert (contact.full_name, contact.values["job_title"]) == ("Ingrid Olsen", "CEO")
    assert (contact.record_id, contact.company) == ("0035g00000AbCdEAAV", "Acme Group")


# ---- Lists in other languages, with a middle name ---------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "person", "expected"),
    [
        ("italian_contacts_cp1252.csv", "italian", "Giulia Maria Rossi",
         {"job_title": "Direttrice acquisti", "company": "Fonderia Lombarda S.p.A.",
          "location": "Milano, Italia"}),
        ("dutch_contacts.csv", "dutch", "Jan van der Berg",
         {"job_title": "Directeur inkoop", "company": "Hollandse Staal B.V.",
          "location": "Amsterdam, Nederland"}),
        ("swedish_contacts.csv", "swedish", "Karin Sofia Lindström",
         {"job_title": "Inköpschef", "company": "Norrlands Trä AB", "location": "Umeå, Sverige"}),
        ("norwegian_contacts.csv", "norwegian", "Ingrid Marie Solberg",
         {"job_title": "Innkjøpssjef", "company": "Fjordkraft ASA", "location": "Bergen, Norge"}),
        ("danish_contacts.csv", "danish", "Mette Louise Søndergaard",
         {"job_title": "Indkøbschef", "company": "Østjysk Energi A/S",
          "location": "Aarhus, Danmark"}),
        ("portuguese_contacts_cp1252.csv", "portuguese", "João Pedro Gonçalves",
         {"job_title": "Diretor de compras", "company": "Cortiça Lusitana, S.A.",
          "location": "Lisboa, Portugal"}),
    ],
)  # fmt: skip
def test_a_list_in_another_language_puts_the_middle_name_between(name, kind, person, expected):
    contact_file = read_contacts_file(DATA / name)
    assert contact_file.kind == kind
    found = by_name(contact_file)
    assert person in found
    assert {key: found[person][key] for key in expected} == expected


def test_the_managers_of_other_language_lists_are_named_with_their_middle_names():
    for name, manager in (
        ("italian_contacts_cp1252.csv", "Giulia Maria Rossi"),
        ("swedish_contacts.csv", "Karin Sofia Lindström"),
        ("norwegian_contacts.csv", "Ingrid Marie Solberg"),
        ("danish_contacts.csv", "Mette Louise Søndergaard"),
        ("dutch_contacts.csv", "Jan van der Berg"),
    ):
        contact_file = read_contacts_file(DATA / name)
        people = {c.full_name for c in contact_file.contacts}
        reports_to = {c.reports_to for c in contact_file.contacts if c.reports_to}
        assert reports_to == {manager} and manager in people, name


def test_a_dutch_prefix_written_in_the_surname_too_is_not_doubled():
    found = by_name(read_contacts_file(DATA / "dutch_contacts.csv"))
    assert "Anouk de Vries" in found  # Tussenvoegsel "de", Achternaam "de Vries"
    assert "Pieter Jansen" in found  # no prefix at all


def test_a_japanese_list_in_kanji_gives_family_then_given_name_without_a_space():
    text = (
        "姓,名,ミドルネーム,会社名,役職,メールアドレス\n"
        "鈴木,一郎,,アクメ株式会社,部長,i@x.example\n"
    )
    (contact,) = read_contacts(text.encode("cp932"), "名簿.csv").contacts
    assert (contact.full_name, contact.company) == ("鈴木一郎", "アクメ株式会社")
    assert contact.values["job_title"] == "部長"


# ---- Words that mean two things are read by their neighbours ----------------------------


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        # Beside "Job Title", Outlook's "Title" is Mr or Dr.
        ("Title,First Name,Last Name,Job Title", "Dr.,Anna,Berg,CTO",
         {"full_name": "Anna Berg", "job_title": "CTO"}),
        # Alone, a CRM's "Title" is the job.
        ("First Name,Last Name,Title", "Anna,Berg,CTO",
         {"full_name": "Anna Berg", "job_title": "CTO"}),
        # "Name" alone is the whole name; beside a first name it is the surname.
        ("Name,Email", "Anna Berg,a@x.example", {"full_name": "Anna Berg", "email": "a@x.example"}),
        ("Vorname;Name;Position;Titel", "Anna;Berg;CTO;Dr.",
         {"full_name": "Anna Berg", "job_title": "CTO"}),
        # An Italian or Portuguese "Nome" alone is the whole name.
        ("Nome;Azienda;Ruolo", "Giulia Rossi;Fonderia;CFO",
         {"full_name": "Giulia Rossi", "job_title": "CFO"}),
        # Swedish "Titel" beside "Befattning" is not the job.
        ("Titel;Förnamn;Efternamn;Befattning", "Dr;Karin;Lind;Inköpschef",
         {"full_name": "Karin Lind", "job_title": "Inköpschef"}),
    ],
)  # fmt: skip
def test_ambiguous_column_names_are_read_by_context(header, row, expected):
    (contact,) = read_contacts(f"{header}\n{row}\n".encode(), "contacts.csv").contacts
    assert contact.values == expected


def test_a_file_whose_names_no_column_holds_asks_with_what_was_recognised():
    text = "Who;Rolle;Firma;E-Mail\nAnna Berg;CTO;Acme;a@x.example\n"
    with pytest.raises(MappingNeeded) as needed:
        read_contacts(text.encode(), "liste.csv")
    assert "Read so far: Firma → company, E-Mail → e-mail." in str(needed.value)
    assert needed.value.contact_file.mapping == {2: "company", 3: "email"}


def test_the_mapping_step_guesses_the_new_fields_too():
    header = ["Record ID", "Full Name", "Company", "LinkedIn Profile", "Manager ID"]
    assert guess_mapping(header) == {
        0: "record_id", 1: "full_name", 2: "company", 3: "profile_url", 4: "reports_to_id"
    }  # fmt: skip


def test_the_old_format_words_still_force_a_kind_and_the_new_ones_too():
    assert read_contacts_file(DATA / "crm_contacts.csv", "crm").kind == "crm"
    assert read_contacts_file(DATA / "german_crm_cp1252.csv", "german").kind == "german"
    salesforce = read_contacts_file(DATA / "salesforce_dataloader.csv", "salesforce")
    assert salesforce.kind == "salesforce"
    assert read_contacts_file(DATA / "thunderbird_en.csv", "thunderbird").kind == "thunderbird"
