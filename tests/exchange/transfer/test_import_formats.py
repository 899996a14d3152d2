"""A director's contacts files, each in its real format, read into people on the first try."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from keyplan.exchange.transfer import mapping_memory
from keyplan.exchange.transfer.contact_files import (
    parse_mapping_option,
    read_contacts,
    read_contacts_file,
)
from keyplan.exchange.transfer.contacts import ImportRefused, MappingNeeded, name_key

DATA = Path(__file__).parents[2] / "data" / "import"
ZOE = "Zoë Müller-Łukasiewicz"
ELENI = "Ελένη Παπαδοπούλου"


def people(path: Path | str, **options) -> dict[str, dict]:
    contact_file = read_contacts_file(DATA / path, **options)
    return {c.full_name: {**c.values, "reports_to": c.reports_to} for c in contact_file.contacts}


def test_crm_export_with_bom_multiline_cell_quotes_and_markup():
    contact_file = read_contacts_file(DATA / "crm_contacts.csv")
    assert contact_file.kind == "crm"
    assert contact_file.encoding == "UTF-8 with BOM"
    assert [c.where for c in contact_file.contacts][:2] == ["row 2", "row 3"]
    found = people("crm_contacts.csv")
    assert found[ZOE]["job_title"] == "Chief Financial Officer"
    assert found[ZOE]["phone"] == "+49 170 555 0101"  # the mobile, for want of a phone
    assert found[ZOE]["location"] == "Berlin, Germany"
    assert found[ZOE]["reports_to"] == "Ingrid Olsen"
    assert found[ELENI]["reports_to"] == ZOE
    assert found["山田太郎"]["job_title"] == "VP Sales Asia Pacific"  # the two lines of one cell
    assert found["Sam O'Brien <b>&"]["job_title"] == 'Director, "Special" Projects'
    assert "محمد العلي" in found
    assert "Account Name" not in str(found)


def test_linkedin_export_is_found_below_its_notes():
    contact_file = read_contacts_file(DATA / "linkedin_connections.csv")
    assert contact_file.kind == "linkedin"
    found = people("linkedin_connections.csv")
    assert set(found) == {ZOE, ELENI, "محمد العلي", "Liam Byrne"}
    assert found["محمد العلي"]["job_title"] == "IT Director, Middle East"
    assert "email" not in found[ZOE]  # LinkedIn leaves it out when the person hides it
    # The company and the profile are read; "Connected On" is not kept.
    assert all(
        set(values) <= {"full_name", "job_title", "email", "reports_to", "profile_url"}
        for values in found.values()
    )
    assert found[ZOE]["profile_url"] == "https://www.linkedin.com/in/zoe-muller"
    assert {c.company for c in contact_file.contacts} == {"Acme Group"}
    assert contact_file.columns_read() == (
        "Read as: First Name → first name, Last Name → last name, URL → profile URL "
        "(LinkedIn), Email Address → e-mail, Company → company, Position → job title; "
        "not read: Connected On"
    )
    assert read_contacts_file(DATA / "linkedin_connections.csv").contacts[0].where == "row 5"


def test_google_contacts_first_address_of_several_and_manager_relation():
    found = people("google_contacts.csv")
    assert read_contacts_file(DATA / "google_contacts.csv").kind == "google"
    assert found["Ingrid Olsen"]["email"] == "ingrid.olsen@acme.example"
    assert found["Ingrid Olsen"]["location"] == "Oslo, Norway"
    assert found["Zoë Anna Müller-Łukasiewicz"]["reports_to"] == "Ingrid Olsen"
    assert found["山田太郎"]["department"] == "Sales"


def test_outlook_reads_the_job_title_not_the_salutation():
    found = people("outlook_contacts.csv")
    assert read_contacts_file(DATA / "outlook_contacts.csv").kind == "outlook"
    assert found["Ingrid Olsen"]["job_title"] == "Chief Executive Officer"
    assert found[ZOE]["phone"] == "+49 170 555 0101"
    assert found["محمد العلي"]["reports_to"] == ZOE


def test_semicolon_excel_file_in_windows_1252():
    contact_file = read_contacts_file(DATA / "excel_semicolon_cp1252.csv")
    assert (contact_file.kind, contact_file.encoding) == ("crm", "Windows-1252")
    assert contact_file.table is not None and contact_file.table.separator == ";"
    found = people("excel_semicolon_cp1252.csv")
    assert set(found) == {"François Lefèvre", "Zoë Müller", "Jürgen Weiß", "Núria Ñúñez"}
    assert found["Jürgen Weiß"]["job_title"] == "Controller; Budget > 5 000 €"
    assert "semicolon-separated" in contact_file.description()


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("excel_unicode_utf16.txt", "UTF-16 LE"), ("crm_utf16_be.csv", "UTF-16 BE")],
)
def test_utf16_files_with_their_byte_order_mark(name, encoding):
    contact_file = read_contacts_file(DATA / name)
    assert contact_file.encoding == encoding
    assert ELENI in {c.full_name for c in contact_file.contacts}


def test_vcard_21_quoted_printable_and_folded_lines():
    contact_file = read_contacts_file(DATA / "phone_v21.vcf")
    assert contact_file.kind == "vcard"
    assert contact_file.description() == "vCard, UTF-8, 3 cards"
    found = people("phone_v21.vcf")
    assert found[ZOE]["job_title"] == (
        "Chief Financial Officer and Head of Shared Services for Central and Eastern Europe"
    )
    assert found[ZOE]["reports_to"] == "Ingrid Olsen"
    assert found[ZOE]["department"] == "Finance"
    assert found["Ingrid Olsen"]["phone"] == "+47 22 00 00 01"  # the work line, not the mobile
    assert found[ELENI]["reports_to"] == ZOE


def test_vcard_30_apple_manager_label_and_markup_in_a_name():
    found = people("mail_v30.vcf")
    assert found["山田太郎"]["reports_to"] == "Ingrid Olsen"
    assert found["山田太郎"]["location"] == "Tokyo, Japan"
    assert found["Sam O'Brien <b>&"]["job_title"].endswith("Group Executive Committee")


def test_vcard_40_telephone_uris():
    found = people("contacts_v40.vcf")
    assert found["محمد العلي"]["phone"] == "+971-4-000-0004"
    assert found[ELENI]["phone"] == "+30-69-0000-0003"


def test_a_csv_of_another_system_asks_for_its_columns_then_remembers_them():
    with pytest.raises(MappingNeeded) as refused:
        read_contacts_file(DATA / "other_system.csv")
    assert refused.value.columns == ["Person", "Role", "Unit", "Mail", "Tel", "Boss", "Since"]
    assert "'Boss'" in str(refused.value)
    # What the column names did tell is said, and handed to the mapping step.
    assert "Read so far: Mail → e-mail, Tel → phone." in str(refused.value)
    assert refused.value.contact_file.mapping == {3: "email", 4: "phone"}
    mapping = parse_mapping_option("Person=full_name, Role=job_title, Mail=email, Boss=reports_to")
    contact_file = read_contacts_file(DATA / "other_system.csv", "mapped", mapping)
    assert contact_file.kind_label == "CSV with your column mapping"
    zoe = next(c for c in contact_file.contacts if c.full_name == ZOE)
    assert (zoe.values["job_title"], zoe.reports_to) == ("CFO", "Ingrid Olsen")
    assert contact_file.table is not None
    mapping_memory.remember(contact_file.table.header, contact_file.mapping_by_column())
    again = read_contacts_file(DATA / "other_system.csv")
    assert [c.values for c in again.contacts] == [c.values for c in contact_file.contacts]
    assert mapping_memory.memory_path().is_file()


def test_a_mapping_must_say_where_the_names_are():
    with pytest.raises(ImportRefused, match="holds the names"):
        read_contacts_file(DATA / "other_system.csv", "mapped", {"Mail": "email"})
    with pytest.raises(ImportRefused, match="no column 'Nom'"):
        read_contacts_file(DATA / "other_system.csv", "mapped", {"Nom": "full_name"})
    with pytest.raises(ImportRefused, match="'salary' is not a field"):
        read_contacts_file(DATA / "other_system.csv", "mapped", {"Person": "salary"})


def test_excel_separator_hint_line_and_crlf():
    text = "sep=;\r\nFirst Name;Last Name;Title;Email\r\nAnna;Berg;CTO;anna@x.example\r\n"
    contact_file = read_contacts(text.encode("utf-8"), "hint.csv")
    assert [c.values for c in contact_file.contacts] == [
        {"full_name": "Anna Berg", "job_title": "CTO", "email": "anna@x.example"}
    ]


def test_utf16_without_byte_order_mark_is_recognised():
    text = "First Name,Last Name,Title,Email\nΑννα,Βεργ,CTO,anna@x.example\n"
    contact_file = read_contacts(text.encode("utf-16-le"), "nobom.csv")
    assert contact_file.encoding == "UTF-16 LE"
    assert contact_file.contacts[0].full_name == "Αννα Βεργ"


def test_utf8_bom_is_not_part_of_the_first_column_name():
    data = codecs.BOM_UTF8 + b"Email,First Name,Last Name,Title\na@x.example,A,B,C\n"
    assert read_contacts(data, "bom.csv").contacts[0].values["email"] == "a@x.example"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03\xff\xfe\x00\x00\x89PNG" * 20, "not a text file|cannot be read"),
        (b"First Name,Last Name,Title\n", "no rows"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:Anna\n", "vCard file cannot be read"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_reason(data, message):
    with pytest.raises(ImportRefused, match=message):
        read_contacts(data, "bad.csv")


def test_a_missing_file_or_a_folder_is_refused(tmp_path):
    with pytest.raises(ImportRefused, match="There is no file"):
        read_contacts_file(tmp_path / "nothing.csv")
    with pytest.raises(ImportRefused, match="is a folder"):
        read_contacts_file(tmp_path)


def test_forced_format_that_does_not_fit_is_refused():
    with pytest.raises(ImportRefused, match="does not look like a LinkedIn"):
        read_contacts_file(DATA / "other_system.csv", "linkedin")
    with pytest.raises(ImportRefused, match="vCard"):
        read_contacts_file(DATA / "crm_contacts.csv", "vcard")


def test_name_keys_ignore_case_accents_and_punctuation_but_keep_scripts():
    assert name_key("Zoë Müller-Łukasiewicz") == name_key("zoe muller lukasiewicz")
    assert name_key("Ελένη  Παπαδοπούλου") == name_key("ελενη παπαδοπουλου")
    assert name_key("山田太郎") == "山田太郎"
    assert name_key("Jürgen Weiß") == "jurgen weiss"


def test_an_unclosed_quote_is_refused_with_its_line_not_read_as_one_person(tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_text(
        "First Name,Last Name,Title,Email\n"
        'Anna,"Broken,Quote Title,a@x.example\n'
        "Ben,Ok,CTO,b@x.example\n"
        "Cid,Three,CFO,c@x.example\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused, match=r"Line 2 opens a quote .* never closed"):
        read_contacts_file(broken)


def test_western_excel_wins_a_tie_with_central_european_but_not_a_clear_loss(tmp_path):
    western = tmp_path / "western.csv"
    western.write_bytes(
        "First Name;Last Name;Title;Email\nFrançois;Lefèvre;Directeur ventes;fl@x.example\n".encode(
            "cp1252"
        )
    )
    contact_file = read_contacts_file(western)
    assert contact_file.encoding == "Windows-1252"
    assert [c.full_name for c in contact_file.contacts] == ["François Lefèvre"]
    czech = tmp_path / "czech.csv"
    rows = (
        "First Name;Last Name;Title;Email\n"
        "Jiří;Dvořák;CEO;jd@x.example\n"
        "Řehoř;Černý Žluťoučký;CFO;r@x.example\n"
    )
    czech.write_bytes(rows.encode("cp1250"))
    names = [c.full_name for c in read_contacts_file(czech).contacts]
    assert names == ["Jiří Dvořák", "Řehoř Černý Žluťoučký"]
