"""People from vCard files (2.1, 3.0, 4.0; one card or many) through ``vobject``.

``vobject`` unfolds long lines and decodes quoted-printable values; this module only picks the
properties a stakeholder needs. A work telephone or address is preferred to another one, and
the manager comes from the properties mail programs write for it (Outlook's ``X-MS-MANAGER``,
Apple's labelled related names).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from keyplan.exchange.contacts import Contact, ImportRefused, contact_from

_MANAGER_PROPERTIES = ("x-ms-manager", "x-manager", "x-assistant-manager")


def looks_like_vcard(text: str) -> bool:
    """True when the text begins (after blank lines) with a vCard."""
    return text.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD"


def read_vcards(text: str) -> list[Contact]:
    """Every card of a vCard text as a contact ("card 1", "card 2", …).

    Raises:
        ImportRefused: the text is not a readable vCard file, with the line that is wrong.
    """
    import vobject  # loaded only for vCard files

    contacts = []
    try:
        for number, card in enumerate(vobject.readComponents(text, allowQP=True), start=1):
            if card.name.upper() != "VCARD":
                continue
            contacts.append(contact_from(f"card {number}", _card_parts(card)))
    except ImportRefused:
        raise
    except Exception as error:
        # vobject raises ParseError for bad syntax but also ValueError, TypeError and others
        # for bad values deep inside its decoders; every one of them means "unreadable file".
        raise ImportRefused(f"The vCard file cannot be read: {_reason(error)}") from None
    if not contacts:
        raise ImportRefused("The vCard file holds no cards.")
    return contacts


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "…"


def _card_parts(card: Any) -> dict[str, str]:
    lines = card.contents
    parts: dict[str, str] = {}
    parts["full_name"] = _text(_first(lines.get("fn")))
    name = _first(lines.get("n"))
    if name is not None and not isinstance(name.value, str):
        parts["first_name"] = _text(name.value.given)
        parts["middle_name"] = _text(name.value.additional)
        parts["last_name"] = _text(name.value.family)
    parts["job_title"] = _text(_first(lines.get("title")))
    organisation = _first(lines.get("org"))
    if organisation is not None and isinstance(organisation.value, list):
        # The first unit is the company: the account being imported into.
        parts["company"] = organisation.value[0]
        parts["department"] = " / ".join(v for v in organisation.value[1:] if v)
    parts["email"] = _text(_preferred(lines.get("email", []), "work"))
    parts["phone"] = _phone(lines.get("tel", []))
    parts.update(_address(lines.get("adr", [])))
    parts["reports_to"] = _manager(card)
    return parts


def _first(lines: list[Any] | None) -> Any:
    return lines[0] if lines else None


def _text(line_or_value: Any) -> str:
    value = getattr(line_or_value, "value", line_or_value)
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(part) for part in value if part)
    return str(value)


def _types(line: Any) -> set[str]:
    words = [*line.params.get("TYPE", []), *getattr(line, "singletonparams", [])]
    return {part.strip().casefold() for word in words for part in str(word).split(",")}


def _preferred(lines: Iterable[Any], kind: str) -> Any:
    """The line of a kind ("work"), else the preferred one, else the first."""
    lines = list(lines)
    for wanted in (kind, "pref"):
        for line in lines:
            if wanted in _types(line):
                return line
    return lines[0] if lines else None


def _phone(lines: list[Any]) -> str:
    """A work or other landline first; a mobile number when it is all there is."""
    landlines = [line for line in lines if not _types(line) & {"cell", "fax", "pager"}]
    mobiles = [line for line in lines if "cell" in _types(line)]
    line = _preferred(landlines, "work") or _first(mobiles)
    number = _text(line)
    return number[4:] if number.lower().startswith("tel:") else number


def _address(lines: list[Any]) -> dict[str, str]:
    line = _preferred(lines, "work")
    if line is None or isinstance(line.value, str):
        return {}
    return {"city": _text(line.value.city), "country": _text(line.value.country)}


def _manager(card: Any) -> str:
    for name in _MANAGER_PROPERTIES:
        line = _first(card.contents.get(name))
        if line is not None and _text(line).strip():
            return _text(line)
    # Apple: "item1.X-ABRELATEDNAMES:Ingrid" with "item1.X-ABLabel:_$!<Manager>!$_".
    labels = {
        line.group
        for line in card.contents.get("x-ablabel", [])
        if line.group and "manager" in _text(line).casefold()
    }
    for line in card.contents.get("x-abrelatednames", []):
        if line.group in labels or "manager" in _types(line):
            return _text(line)
    return ""
