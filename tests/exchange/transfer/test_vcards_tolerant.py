"""A director's vCards from phones and mail programs: one bad line never costs the file.

Each story is a file as a real program writes it (Outlook, iPhone, Android, a Japanese phone),
or such a file with the damage it picks up on the way: a photo cut short, a hand-edited line,
a fold through the middle of a character. The good cards always come through, and the card
that was damaged says what was left out of it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keyplan.cli import main
from keyplan.exchange.transfer.contact_files import read_contacts, read_contacts_file
from keyplan.exchange.transfer.contacts import Contact, ImportRefused
from keyplan.exchange.transfer.vcards import looks_like_vcard, read_vcards
from keyplan.store.database import open_database
from keyplan.store.people import edits

DATA = Path(__file__).parents[2] / "data" / "import"


def by_name(contacts: list[Contact]) -> dict[str, Contact]:
    return {contact.full_name: contact for contact in contacts}


def card(*lines: str, version: str = "3.0") -> bytes:
    """One card as a program writes it: CRLF line ends, UTF-8."""
    body = ["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]
    return "".join(line + "\r\n" for line in body).encode("utf-8")


ANNA = ("FN:Anna Berg", "N:Berg;Anna;;;", "EMAIL;TYPE=work:anna.berg@acme.example")


# --- Files as the programs write them ---------------------------------------------------------


def test_outlook_21_export_in_windows_1252_without_charset_keeps_its_umlauts():
    contact_file = read_contacts_file(DATA / "outlook_v21_cp1252.vcf")
    assert contact_file.description() == "vCard, Windows-1252, 2 cards"
    people = by_name(contact_file.contacts)
    juergen = people["Jürgen Müller"]
    assert juergen.values["job_title"] == "Leiter Vertrieb Süd"
    assert juergen.values["location"] == "München, Deutschland"
    assert juergen.reports_to == "Françoise Lefèvre"
    # The quoted-printable address label (=DF is ß in Windows-1252) is read, not refused.
    assert juergen.notes == ()
    assert people["Françoise Lefèvre"].values["department"] == "Geschäftsführung"


def test_iphone_export_keeps_the_card_whose_photo_was_cut_short():
    contact_file = read_contacts_file(DATA / "iphone_v30_broken_photo.vcf")
    people = by_name(contact_file.contacts)
    asa = people["Åsa Lindqvist"]
    assert asa.notes == ("the photo (PHOTO) left out: not readable as base64",)
    assert asa.values["email"] == "asa.lindqvist@nordlys.example"
    assert asa.reports_to == "Bjørn Haugen"
    assert people["Bjørn Haugen"].notes == ()


def test_a_fold_through_the_middle_of_a_character_is_joined_before_decoding():
    raw = (DATA / "iphone_v30_broken_photo.vcf").read_bytes()
    assert "ø".encode()[:1] + b"\r\n " + "ø".encode()[1:] in raw  # the fold cuts an ø in two
    asa = by_name(read_contacts(raw, "iphone.vcf").contacts)["Åsa Lindqvist"]
    assert asa.values["job_title"] == (
        "Innkjøpsdirektør for Norden og Baltikum, strategiske leverandører og øvrige"
    )
    # The same fold in a file with nothing else wrong: still Bjørn, not mojibake.
    folded = card("FN:Bjørn Haugen", "TITLE:Administrerende direktør").replace(
        "ø".encode() + b"r\r\n", "ø".encode()[:1] + b"\r\n " + "ø".encode()[1:] + b"r\r\n"
    )
    bjorn = read_contacts(folded, "folded.vcf").contacts[0]
    assert bjorn.full_name == "Bjørn Haugen"
    assert bjorn.values["job_title"] == "Administrerende direktør"


def test_a_japanese_phone_export_in_shift_jis_without_charset():
    contact_file = read_contacts_file(DATA / "keitai_v21_shift_jis.vcf")
    assert contact_file.description() == "vCard, Shift JIS, 2 cards"
    people = by_name(contact_file.contacts)
    assert people["山田太郎"].values["job_title"] == "営業本部長"
    assert people["佐藤花子"].values["department"] == "購買部"
    assert all(contact.notes == () for contact in contact_file.contacts)


def test_android_quoted_printable_soft_breaks_even_inside_a_character():
    contact_file = read_contacts_file(DATA / "android_v21_quoted_printable.vcf")
    assert contact_file.description() == "vCard, UTF-8, 2 cards"
    zofia = by_name(contact_file.contacts)["Zofia Łukasiewicz"]
    assert zofia.values["job_title"] == (
        "Dyrektor ds. zakupów na Europę Środkowo-Wschodnią i kraje bałtyckie"
    )
    assert zofia.values["department"] == "Zarząd"
    assert "Paweł Wójcik" in by_name(contact_file.contacts)


def test_a_file_merged_from_a_phone_and_outlook_reads_each_card_in_its_own_charset():
    phone = card("FN:Zoë Müller-Łukasiewicz", "TITLE:CFO")
    outlook = "\r\n".join(
        ["BEGIN:VCARD", "VERSION:2.1", "N;CHARSET=ISO-8859-1:Lefèvre;Françoise",
         "FN;CHARSET=ISO-8859-1:Françoise Lefèvre", "END:VCARD", ""]
    ).encode("latin-1")  # fmt: skip
    people = by_name(read_contacts(phone + outlook, "merged.vcf").contacts)
    assert set(people) == {"Zoë Müller-Łukasiewicz", "Françoise Lefèvre"}


def test_an_8bit_card_between_utf8_cards_is_detected_on_its_own():
    western = "\r\n".join(
        ["BEGIN:VCARD", "VERSION:2.1", "FN:Jürgen Weiß", "TITLE:Geschäftsführer", "END:VCARD", ""]
    ).encode("cp1252")
    data = card("FN:Ελένη Παπαδοπούλου") + western + card("FN:山田太郎")
    assert set(by_name(read_contacts(data, "mixed.vcf").contacts)) == {
        "Ελένη Παπαδοπούλου",
        "Jürgen Weiß",
        "山田太郎",
    }


def test_the_encoding_the_user_chooses_wins():
    data = (DATA / "outlook_v21_cp1252.vcf").read_bytes()
    as_latin1 = read_contacts(data, "outlook.vcf", encoding="ISO-8859-1")
    assert as_latin1.encoding == "ISO-8859-1"
    assert "Jürgen Müller" in by_name(as_latin1.contacts)
    as_mac = read_contacts(data, "outlook.vcf", encoding="Mac Roman")
    assert "Jürgen Müller" not in by_name(as_mac.contacts)  # what the user asked for


def test_a_utf16_vcard_with_its_byte_order_mark_is_recognised():
    data = codecs.BOM_UTF16_LE + card("FN:Ελένη Παπαδοπούλου", *ANNA[2:]).decode().encode(
        "utf-16-le"
    )
    assert looks_like_vcard(data)
    contact_file = read_contacts(data, "unicode.vcf")
    assert contact_file.kind == "vcard"
    assert contact_file.encoding == "UTF-16 LE"
    assert [c.full_name for c in contact_file.contacts] == ["Ελένη Παπαδοπούλου"]


# --- One bad line costs that line -------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad_line", "note"),
    [
        ("PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ",
         "the photo (PHOTO) left out: not readable as base64"),
        ("TEL;TYPE=work;;=x:+47 22 00 00 01",
         "a phone number (TEL) left out: its parameters cannot be read"),
        ('EMAIL;TYPE="unterminated:anna@acme.example',
         "an e-mail address (EMAIL) left out: its parameters cannot be read"),
        ("Unter den Linden 1, Berlin",
         "a line that is no vCard property left out ('Unter den Linden 1, Berlin')"),
        ("Müller Straße: 5",
         "a line that is no vCard property left out ('Müller Straße: 5')"),
        ("TITLE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Direkt=C3",
         "the job title (TITLE) left out: not readable as UTF-8 text"),
        ("NOTE;ENCODING=BASE64:QUJD!",
         "NOTE left out: not readable as base64"),
        ("BEGIN:X-GARBAGE",
         "a BEGIN:X-GARBAGE block left out: it never ends"),
        ("END:VCALENDAR",
         "a stray END:VCALENDAR line left out"),
    ],
)  # fmt: skip
def test_a_broken_property_costs_that_property_not_the_card(bad_line, note):
    data = card(*ANNA, bad_line) + card("FN:Ingrid Olsen")
    people = by_name(read_contacts(data, "damaged.vcf").contacts)
    assert set(people) == {"Anna Berg", "Ingrid Olsen"}
    assert people["Anna Berg"].values["email"] == "anna.berg@acme.example"
    assert people["Anna Berg"].notes == (note,)
    assert people["Ingrid Olsen"].notes == ()


@pytest.mark.parametrize("charset", ["base64", "zlib", "idna", "klingon", "\x00TF-8"])
def test_a_charset_parameter_that_names_no_charset_is_not_believed(charset):
    anna = read_contacts(card(f"FN;CHARSET={charset}:Anna Berg"), "charset.vcf").contacts[0]
    assert (anna.full_name, anna.notes) == ("Anna Berg", ())


def test_a_block_of_another_kind_inside_a_card_is_left_out_whole():
    data = card("FN:Anna Berg", "BEGIN:VCALENDAR", "SUMMARY:Lunch", "END:VCALENDAR", ANNA[2])
    anna = read_contacts(data, "nested.vcf").contacts[0]
    assert anna.values == {"full_name": "Anna Berg", "email": "anna.berg@acme.example"}
    assert anna.notes == ("a VCALENDAR block inside the card left out",)


@pytest.mark.parametrize(
    "odd_line",
    ["N:Berg;Anna;;;;;;;;;", "N:Berg", "ADR;TYPE=work:;;Main St;Oslo;;;Norway;x;y", "ADR:Oslo",
     "ORG:Acme Group", "TEL;TYPE=work:", "X-MS-MANAGER:"],
)  # fmt: skip
def test_structured_values_of_an_odd_shape_are_read_as_far_as_they_go(odd_line):
    anna = read_contacts(card(*ANNA, odd_line), "odd.vcf").contacts[0]
    assert anna.full_name == "Anna Berg"
    assert anna.values["email"] == "anna.berg@acme.example"


def test_stray_lines_between_cards_are_ignored():
    data = (
        b"X-Exported-By: Old CRM\r\n" + card(*ANNA) + b"garbage\r\n\r\n" + card("FN:Ingrid Olsen")
    )
    assert looks_like_vcard(data)
    assert set(by_name(read_contacts(data, "stray.vcf").contacts)) == {"Anna Berg", "Ingrid Olsen"}


def test_a_card_that_lost_its_end_line_is_read_up_to_the_next_card():
    data = card(*ANNA).replace(b"END:VCARD\r\n", b"") + card("FN:Ingrid Olsen")
    people = by_name(read_contacts(data, "no_end.vcf").contacts)
    assert set(people) == {"Anna Berg", "Ingrid Olsen"}
    assert people["Anna Berg"].notes == (
        "the card has no END:VCARD line; read up to the next card",
    )


def test_an_indented_line_after_a_card_does_not_fold_into_its_end():
    data = card(*ANNA) + b"\tBEGIN:VCARD\r\n"
    assert [c.full_name for c in read_contacts(data, "indented.vcf").contacts] == ["Anna Berg", ""]


def test_a_card_cut_off_by_the_end_of_the_file_is_skipped_as_broken():
    data = card(*ANNA) + card("FN:Ingrid Olsen", "TITLE:CEO")[:-20]
    cut = read_contacts(data, "cut.vcf").contacts[1]
    assert cut.full_name == "Ingrid Olsen"
    assert cut.problem == "the file ends inside this card (no END:VCARD)"


def test_a_card_without_a_name_is_a_contact_without_a_name():
    data = card("FN;;:Anna Berg", ANNA[2]) + card("FN:Ingrid Olsen")
    nameless = read_contacts(data, "nameless.vcf").contacts[0]
    assert nameless.full_name == ""
    assert nameless.values["email"] == "anna.berg@acme.example"
    assert nameless.notes == ("the full name (FN) left out: its parameters cannot be read",)


def test_a_card_with_many_broken_lines_names_a_few_and_counts_the_rest():
    broken = [f"TEL;;=x{n}:+47 {n}" for n in range(6)]
    notes = read_contacts(card(*ANNA, *broken), "many.vcf").contacts[0].notes
    assert len(notes) == 4
    assert notes[-1] == "and 3 more lines left out"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\n", "ends inside its first card"),
        (b"END:VCARD\r\nFN:Anna\r\n", "holds no cards"),
        (b" \r\n\r\n", "empty"),
    ],
)
def test_only_a_file_without_a_whole_card_is_refused(data, message):
    with pytest.raises(ImportRefused, match=message):
        read_contacts(data, "cards.vcf", kind="vcard")


def test_text_already_decoded_still_reads():
    contacts = read_vcards(card(*ANNA, "TEL;;=x:1").decode())
    assert [(c.full_name, c.notes) for c in contacts] == [
        ("Anna Berg", ("a phone number (TEL) left out: its parameters cannot be read",))
    ]


# --- The notes reach the director -------------------------------------------------------------


def test_the_dry_run_names_what_was_left_out_of_each_card(tmp_path, capsys):
    db_path = tmp_path / "acme.db"
    db = open_database(db_path)
    edits.add_account(db, "Nordlys AS")
    db.close()
    assert main(["import", str(DATA / "iphone_v30_broken_photo.vcf"), "--db", str(db_path),
                 "--account", "Nordlys AS", "--dry-run"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "  card 1 Åsa Lindqvist: new — the photo (PHOTO) left out: not readable as base64" in out


# --- Whatever happens to a file on the way ----------------------------------------------------


def cards_of(path: Path) -> list[bytes]:
    data = path.read_bytes()
    return re.findall(rb"BEGIN:VCARD\r\n.*?END:VCARD\r\n", data, re.DOTALL)


ALL_CARDS = [c for path in sorted(DATA.glob("*.vcf")) for c in cards_of(path)]
# Good cards in UTF-8: an 8-bit card's charset is guessed with its damaged neighbours, and
# the guess may rightly change when random bytes join it.
GOOD_CARDS = [c for c in ALL_CARDS if c.decode("utf-8", "replace").encode() == c]
INTERESTING_LINES = [
    b"BEGIN:VCARD", b"END:VCARD", b"BEGIN:X-THING", b"END:X-THING", b"no colon here",
    b"TEL;;=x:1", b'EMAIL;TYPE="open:a@b', b"PHOTO;ENCODING=b:!!!x", b"N:a;b;c;d;e;f;g",
    b"ORG:Solo", b"ADR:x", b"FN;ENCODING=QUOTED-PRINTABLE:=C3=", b" folded tail", b"=",
    b"NOTE;CHARSET=klingon:x", b"VERSION:", b"item1.X-ABLabel:_$!<Manager>!$_", b"\x00\xff\xfe",
]  # fmt: skip


@st.composite
def damaged(draw: st.DrawFn, card_bytes: bytes) -> bytes:
    """The card after one to three accidents: lines lost, doubled, added, bytes changed."""
    data = card_bytes
    for _ in range(draw(st.integers(1, 3))):
        lines = data.split(b"\r\n")
        at = draw(st.integers(0, len(lines) - 1))
        accident = draw(st.sampled_from(["delete", "duplicate", "insert", "flip", "truncate",
                                         "random bytes", "parameter"]))  # fmt: skip
        if accident == "delete":
            del lines[at]
        elif accident == "duplicate":
            lines.insert(at, lines[at])
        elif accident == "insert":
            new = draw(st.sampled_from(INTERESTING_LINES) | st.binary(max_size=30))
            lines.insert(at, new)
        elif accident == "parameter":
            name, colon, value = lines[at].partition(b":")
            extra = draw(st.text(';=,":"\'aZ-é', max_size=12)).encode()
            lines[at] = name + b";" + extra + colon + value
        data = b"\r\n".join(lines)
        if accident == "flip" and data:
            position = draw(st.integers(0, len(data) - 1))
            data = data[:position] + bytes([draw(st.integers(0, 255))]) + data[position + 1 :]
        elif accident == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
        elif accident == "random bytes":
            position = draw(st.integers(0, len(data)))
            data = data[:position] + draw(st.binary(min_size=1, max_size=20)) + data[position:]
    return data + b"\r\n"  # the next card still begins on a line of its own


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    good=st.sampled_from(GOOD_CARDS),
    broken=st.sampled_from(ALL_CARDS).flatmap(damaged),
    good_first=st.booleans(),
)
def test_a_damaged_card_never_costs_the_file_or_the_good_card(good, broken, good_first):
    good_name = read_contacts(good, "good.vcf").contacts[0].full_name
    data = good + broken if good_first else broken + good
    try:
        contact_file = read_contacts(data, "damaged.vcf")
    except ImportRefused as refused:  # ours, with a reason; but the good card is whole
        pytest.fail(f"refused a file with a good card in it: {refused}")
    assert good_name in {contact.full_name for contact in contact_file.contacts}
    for contact in contact_file.contacts:
        assert all(isinstance(note, str) and note for note in contact.notes)


def test_outlooks_unescaped_commas_stay_in_the_title_and_the_company():
    card = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Berg;Anna\r\nFN:Anna Berg\r\n"
        b"TITLE:Director, Sales\r\nORG:Nordvik ASA;Sales, Nordics\r\nEND:VCARD\r\n"
    )
    (anna,) = read_contacts(card, "outlook.vcf").contacts
    assert anna.values["job_title"] == "Director, Sales"
    assert anna.values["department"] == "Sales, Nordics"
    assert anna.company == "Nordvik ASA" and not anna.notes
