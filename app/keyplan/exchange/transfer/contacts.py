"""People read from a contacts file, before anything is matched or written.

Every reader (CSV of any kind, vCard) ends in the same ``Contact``: the handful of stakeholder
fields a contacts file can fill, plus the manager's name as written in the file. Matching and
writing never need to know where a contact came from, except to name its row.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from keyplan.domain.errors import KeyplanError, RuleViolation
from keyplan.domain.fields import STAKEHOLDER_FIELDS
from keyplan.domain.plain_text import without_controls


class ImportRefused(KeyplanError):
    """A contacts file Keyplan cannot read, or an import it will not make; nothing was written."""


class MappingNeeded(ImportRefused):
    """A CSV whose columns are not of a known kind: the user must say which column is what.

    ``contact_file`` is the file as read so far (its ``table`` holds the header and rows), so
    a caller that asks the user for the mapping need not read the file again.
    """

    def __init__(self, message: str, columns: list[str], contact_file: object = None) -> None:
        super().__init__(message)
        self.columns = columns
        self.contact_file = contact_file


# What a column of a contacts file can be, by name, with the label the mapping step shows.
# Names, phones and places come in parts in most files and are put together in ``contact_from``.
IMPORT_FIELDS: dict[str, str] = {
    "full_name": "Full name",
    "first_name": "First name",
    "middle_name": "Middle name",
    "last_name": "Last name",
    "job_title": "Job title",
    "department": "Department",
    "email": "E-mail",
    "phone": "Phone",
    "mobile": "Mobile phone",
    "location": "Location",
    "city": "City",
    "country": "Country",
    "reports_to": "Reports to (manager's name)",
    "company": "Company",
    "profile_url": "Profile URL (LinkedIn)",
    "record_id": "Id of the row (CRM record id)",
    "reports_to_id": "Reports to (manager's record id)",
    "dotted_line_to": "Dotted line to (a second manager's name)",
}

# The stakeholder fields an import fills (see domain/fields.py STAKEHOLDER_FIELDS).
# The profile URL (LinkedIn) identifies a person across files and job changes.
CONTACT_FIELDS = (
    "full_name",
    "job_title",
    "department",
    "email",
    "phone",
    "location",
    "profile_url",
)

# Google Contacts puts several e-mail addresses into one cell, joined like this.
_GOOGLE_VALUE_SEPARATOR = " ::: "


@dataclass(frozen=True, slots=True)
class Contact:
    """One person as a contacts file describes them.

    Attributes:
        where: how the user finds this person in the file ("row 7", "card 3").
        values: the stakeholder fields the file gives (``CONTACT_FIELDS``), empty ones left out.
        reports_to: the manager's name as the file writes it, or None.
        problem: why the row cannot be right (cells run together, a stray quote), or "";
            such a row is skipped with this reason, never imported as a person.
        company: the company the file says the person works for ("" when it says none);
            it decides which account of the portfolio the person goes to.
        record_id: the row's own id in the system that wrote the file (a CRM's record id),
            which other rows may name as their manager.
        reports_to_id: the manager's record id, when the file names the manager so.
        notes: what the reader had to leave out of this contact and why (a vCard property
            that could not be read), shown beside the row in the preview.
    """

    where: str
    values: dict[str, str]
    reports_to: str | None = None
    problem: str = ""
    company: str = ""
    record_id: str = ""
    reports_to_id: str = ""
    notes: tuple[str, ...] = ()
    dotted_line_to: str = ""  # a secondary (matrix) manager's name, found like the manager

    @property
    def full_name(self) -> str:
        return self.values.get("full_name", "")


def contact_from(where: str, parts: Mapping[str, str]) -> Contact:
    """Put a contact together from the parts a file gives (``IMPORT_FIELDS`` names).

    The full name is used when there is one, otherwise first, middle and last name are joined;
    a mobile number stands in when there is no other phone; city and country make a location
    when there is no location of its own.
    """
    clean: dict[str, str] = {}
    for name, value in parts.items():
        tidy = _tidy(value)
        if tidy:
            clean[name] = tidy
    values: dict[str, str] = {}
    full_name = clean.get("full_name") or _name_from_parts(clean)
    if full_name:
        values["full_name"] = full_name
    for name in ("job_title", "department"):
        if name in clean:
            values[name] = clean[name]
    email = clean.get("email", "").split(_GOOGLE_VALUE_SEPARATOR)[0].strip()
    if email:
        values["email"] = email
    phone = clean.get("phone") or clean.get("mobile")
    if phone:
        values["phone"] = phone.split(_GOOGLE_VALUE_SEPARATOR)[0].strip()
    location = clean.get("location") or _joined(clean, ("city", "country"), ", ")
    if location:
        values["location"] = location
    notes: tuple[str, ...] = ()
    if clean.get("profile_url"):
        profile, notes = _profile_url(clean["profile_url"])
        if profile:
            values["profile_url"] = profile
    return Contact(
        where,
        values,
        clean.get("reports_to"),
        company=clean.get("company", ""),
        record_id=clean.get("record_id", ""),
        reports_to_id=clean.get("reports_to_id", ""),
        notes=notes,
        dotted_line_to=clean.get("dotted_line_to", ""),
    )


def _profile_url(text: str) -> tuple[str, tuple[str, ...]]:
    """The profile URL as the person's dialog would store it ("https://…"), or a note why not."""
    try:
        return STAKEHOLDER_FIELDS["profile_url"].parse(text) or "", ()
    except RuleViolation:
        shown = text if len(text) <= 60 else text[:57] + "…"
        return "", (f"profile URL '{shown}' left out: it is no web address",)


def _name_from_parts(parts: Mapping[str, str]) -> str:
    """First, middle and last name joined; Chinese, Japanese and Korean names family first."""
    given, family = parts.get("first_name", ""), parts.get("last_name", "")
    if given and family and _is_east_asian(given + family):
        return family + given if _has_han_or_kana(given + family) else f"{family} {given}"
    if _holds_its_prefix(family, parts.get("middle_name", "")):
        # Dutch exports give "van der" its own column, and some write it in the surname too.
        return _joined(parts, ("first_name", "last_name"))
    return _joined(parts, ("first_name", "middle_name", "last_name"))


def _holds_its_prefix(family: str, middle: str) -> bool:
    """Whether the surname begins with the words of the middle column ("de" of "de Vries")."""
    return bool(middle) and family.casefold().startswith(middle.casefold() + " ")


def _is_east_asian(text: str) -> bool:
    return not text.isascii() and _EAST_ASIAN_NAME.fullmatch(text) is not None


def _has_han_or_kana(text: str) -> bool:
    # Korean puts a space between family and given name; Chinese and Japanese do not.
    return _HAN_OR_KANA.search(text) is not None


_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_HAN_AND_KANA = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_EAST_ASIAN_NAME = re.compile(f"[{_HANGUL}{_HAN_AND_KANA}\\s]+")
_HAN_OR_KANA = re.compile(f"[{_HAN_AND_KANA}]")


def _tidy(value: str | None) -> str:
    """One line, single spaces: cells often carry stray line breaks and padding, and a file
    may carry control characters (an ESC sequence that would retitle a terminal, a NUL that
    breaks an SVG and PostgreSQL): they are taken out."""
    if not value:
        return ""
    if value.isprintable():  # no control, line break or tab to take out: most cells
        return " ".join(value.split())
    return " ".join(without_controls(value).split())


def _joined(parts: Mapping[str, str], names: tuple[str, ...], separator: str = " ") -> str:
    return separator.join(parts[name] for name in names if parts.get(name))


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A person's name as compared: case, accents, punctuation and spacing do not count.

    "Zoë Müller-Łukasiewicz" and "zoe muller lukasiewicz" give the same key; scripts without
    accents (Greek, Chinese, Arabic) keep their letters. Cached: an import of ten thousand
    rows asks for the same names several times.
    """
    folded = name.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = _ACCENTS.sub("", decomposed).translate(_FOLDED)
    return " ".join(_NOT_A_LETTER.sub(" ", folded).split())


_NOT_A_LETTER = re.compile(r"[\W_]+")
# The combining accents NFKD splits off Latin, Greek and Cyrillic letters (and Arabic's
# short-vowel marks, which names are written with or without).
_ACCENTS = re.compile("[\u0300-\u036f\u0483-\u0489\u064b-\u065f\u1ab0-\u1aff\u1dc0-\u1dff]")
# Letters that NFKD does not split into a base letter and an accent.
_FOLDED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})
