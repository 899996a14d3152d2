"""When the guess of a file's encoding reads the names wrong, the user names the encoding."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from keyplan.exchange.transfer import text_files
from keyplan.exchange.transfer.contact_files import read_contacts, read_contacts_file
from keyplan.exchange.transfer.contacts import ImportRefused

DATA = Path(__file__).parents[2] / "data" / "import"
GERMAN = DATA / "german_crm_cp1252.csv"


def names(contact_file) -> list[str]:
    return [c.full_name for c in contact_file.contacts]


def mac_roman_copy(tmp_path: Path) -> Path:
    """The German export as an old Mac's Excel writes it."""
    path = tmp_path / "kontakte_mac.csv"
    path.write_bytes(GERMAN.read_bytes().decode("cp1252").encode("mac_roman"))
    return path


def test_a_mac_file_guessed_wrong_reads_right_in_the_encoding_chosen(tmp_path):
    path = mac_roman_copy(tmp_path)
    guessed = read_contacts_file(path)
    assert guessed.encoding == "Windows-1252"
    assert names(guessed)[0] == "JŸrgen Wei§"  # what the guess makes of "Jürgen Weiß"
    chosen = read_contacts_file(path, encoding="Mac Roman")
    assert chosen.encoding == "Mac Roman"
    assert names(chosen) == [
        "Jürgen Weiß", "Björk Größer", "Ömer Çelik", "Änne Schäfer", "Klaus Häberle"
    ]  # fmt: skip
    assert chosen.kind == "german"


def test_german_windows_1252_is_called_western_not_central_european():
    # Umlauts are the same bytes in Windows-1250 and -1252: the text decides nothing.
    assert read_contacts_file(GERMAN).encoding == "Windows-1252"


def test_an_encoding_the_file_is_not_in_is_refused_with_the_line():
    with pytest.raises(ImportRefused, match=r"cannot be read as UTF-8: line 1 holds a byte"):
        read_contacts_file(GERMAN, encoding="UTF-8")
    utf16 = "Vorname;Nachname\nJürgen;Weiß\n".encode("utf-16-le")
    with pytest.raises(ImportRefused, match="zero bytes, as UTF-16"):
        read_contacts(utf16, "k.csv", encoding="Windows-1252")


def test_the_byte_order_mark_of_the_encoding_chosen_is_not_text():
    data = codecs.BOM_UTF16_LE + "Vorname;Nachname\nJürgen;Weiß\n".encode("utf-16-le")
    contact_file = read_contacts(data, "k.csv", encoding="UTF-16 LE")
    assert contact_file.table.header == ["Vorname", "Nachname"]
    assert names(contact_file) == ["Jürgen Weiß"]
    with_bom = codecs.BOM_UTF8 + "Vorname;Nachname\nJürgen;Weiß\n".encode()
    assert read_contacts(with_bom, "k.csv", encoding="utf-8").table.header[0] == "Vorname"


def test_encodings_go_by_our_names_or_pythons_and_unknown_ones_are_listed():
    assert text_files.text_encoding("windows-1252").name == "Windows-1252"
    assert text_files.text_encoding("cp1252").name == "Windows-1252"
    assert text_files.text_encoding("latin-1").name == "ISO-8859-1"
    assert text_files.text_encoding("macroman").name == "Mac Roman"
    with pytest.raises(ImportRefused, match="Unknown encoding 'klingon'; use one of UTF-8, "):
        text_files.text_encoding("klingon")


def test_whatever_the_guess_says_can_be_chosen_again():
    for label in set(text_files._BELIEVABLE_GUESSES.values()):
        assert text_files.text_encoding(label).name == label
