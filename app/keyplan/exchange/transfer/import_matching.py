"""Which stored person a row of a contacts file is: surest evidence first, guesses shown.

A profile URL or an e-mail address identifies a person; then the name, letter for letter
(case aside), then the same name but for accents and punctuation ("Jonsson" for
"Jönsson"), and last a close name found by ``rapidfuzz`` ("Eirik" for "Erik"). A sure
match wins over a folded one, a folded one over a close one: "Sofia Jönsson" is the Sofia
Jönsson of the account even when a Sofia Jonsson works there too. Several people at the
same level are a true tie: a new person, never a guess. Every match that is not letter for
letter is marked, so the preview can show both spellings.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from keyplan.exchange.transfer.contacts import Contact, name_key
from keyplan.exchange.transfer.import_rows import Action, Match, PlannedRow, is_empty
from keyplan.store.transfer.import_data import IMPORTED_FIELDS
from keyplan.store.transfer.import_reads import KnownPerson

# token_sort_ratio at or above this finds "Jon Smith" for "John Smith" but not "Anna Borg"
# for "Anna Berg"; a fuzzy match is always an update the user sees and may untick.
FUZZY_NAME_SCORE = 90.0

_NOT_A_LETTER = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=1 << 16)
def exact_name_key(name: str) -> str:
    """A name as written, but for case and spacing: "Sofia Jönsson" is not "Sofia Jonsson"."""
    folded = unicodedata.normalize("NFC", name.casefold())
    return " ".join(_NOT_A_LETTER.sub(" ", folded).split())


def profile_key(url: str | None) -> str:
    """A profile URL as compared: scheme, "www.", query and a trailing slash do not count."""
    if not url:
        return ""
    text = _SCHEME.sub("", url.strip().casefold()).removeprefix("www.")
    return _QUERY.split(text, maxsplit=1)[0].rstrip("/")


_SCHEME = re.compile(r"^[a-z]+://")
_QUERY = re.compile(r"[?#]")


class IdentityIndex:
    """People found by what identifies them whatever their name: profile URL, e-mail."""

    def __init__(self, people: list[KnownPerson]) -> None:
        self.by_profile: dict[str, KnownPerson] = {}
        self.by_email: dict[str, KnownPerson] = {}
        for person in people:
            profile = profile_key(person.values.get("profile_url"))
            if profile:
                self.by_profile.setdefault(profile, person)
            email = (person.values.get("email") or "").casefold()
            if email:
                self.by_email.setdefault(email, person)

    def find(self, contact: Contact) -> tuple[KnownPerson | None, Match | None]:
        profile = profile_key(contact.values.get("profile_url"))
        if profile and profile in self.by_profile:
            return self.by_profile[profile], Match.PROFILE
        email = contact.values.get("email", "").casefold()
        if email and email in self.by_email:
            return self.by_email[email], Match.EMAIL
        return None, None


class PersonMatcher:
    """Finds the stored person a contact is, and the earlier row that already brought them."""

    def __init__(
        self, people: list[KnownPerson], overwrite: bool = False, exact_only: bool = False
    ) -> None:
        self.overwrite, self.exact_only = overwrite, exact_only
        self.identities = IdentityIndex(people)
        self.by_exact: dict[str, list[KnownPerson]] = {}
        self.by_folded: dict[str, list[KnownPerson]] = {}
        for person in people:
            name = person.values.get("full_name") or ""
            self.by_exact.setdefault(exact_name_key(name), []).append(person)
            self.by_folded.setdefault(name_key(name), []).append(person)
        self.fuzzy_keys = [key for key in self.by_folded if key]
        self.seen_emails: dict[str, int] = {}
        self.seen_names: dict[str, list[tuple[int, str]]] = {}
        self.claimed: dict[int, int] = {}  # person id -> row position
        self.rows: list[PlannedRow] = []
        # The umbrella's other accounts: someone there is not added again here (nor updated).
        self.elsewhere: PersonMatcher | None = None

    def plan_row(self, contact: Contact, *, as_new: bool = False) -> PlannedRow:
        """What to do with a contact; ``as_new``: the user said it is nobody already there."""
        row = self._decide(contact, as_new)
        row.file_name = contact.full_name
        row.company = contact.company
        position = len(self.rows)
        self.rows.append(row)
        if row.action is not Action.SKIP:
            email = contact.values.get("email", "").casefold()
            if email:
                self.seen_emails.setdefault(email, position)
            key = exact_name_key(contact.full_name)
            self.seen_names.setdefault(key, []).append((position, email))
            if row.person_id is not None:
                self.claimed[row.person_id] = position
        return row

    def _decide(self, contact: Contact, as_new: bool) -> PlannedRow:
        name = contact.full_name
        if contact.problem:
            reason = f"looks broken: {contact.problem}"
            return PlannedRow(contact.where, name, Action.SKIP, reason, broken=True)
        if not name:
            return PlannedRow(contact.where, "", Action.SKIP, "no name in this row")
        too_long = _too_long(contact.values)
        if too_long:
            return PlannedRow(contact.where, name, Action.SKIP, too_long)
        earlier = self._earlier_row(contact)
        if earlier is not None:
            reason = f"same person as {self.rows[earlier].where}"
            return PlannedRow(contact.where, name, Action.SKIP, reason)
        person, match = (None, None) if as_new else self._stored_person(contact)
        if person is None or match is None:
            affiliate = None if as_new else self._in_another_account(contact)
            if affiliate is not None:
                reason = (
                    f"already works in another account of this umbrella, as "
                    f"{affiliate.values.get('full_name')}; not added twice"
                )
                return PlannedRow(contact.where, name, Action.SKIP, reason)
            values = dict(contact.values)
            return PlannedRow(contact.where, name, Action.NEW, values=values)
        if person.id in self.claimed:
            reason = f"same person as {self.rows[self.claimed[person.id]].where}"
            return PlannedRow(contact.where, name, Action.SKIP, reason)
        return self._update(contact, person, match)

    def _update(self, contact: Contact, person: KnownPerson, match: Match) -> PlannedRow:
        changes: dict[str, tuple[Any, Any]] = {}
        kept: dict[str, tuple[Any, Any]] = {}
        for key, value in contact.values.items():
            stored = person.values.get(key)
            if key == "full_name" or _same_value(key, stored, value):
                continue
            # A profile is what the person says of themselves today: a new title there is a
            # promotion or a move, taken. A CRM's or address book's title may only be
            # another wording ("Geschäftsführerin" for "Managing Director"): the user's kept.
            news = match is Match.PROFILE and key == "job_title"
            taken = self.overwrite or is_empty(stored) or news
            (changes if taken else kept)[key] = (stored, value)
        return PlannedRow(
            contact.where,
            person.values.get("full_name") or contact.full_name,
            Action.UPDATE,
            _how(match, contact, person),
            person_id=person.id,
            values={key: new for key, (_old, new) in changes.items()},
            changes=changes,
            kept=kept,
            match=match,
        )

    def _in_another_account(self, contact: Contact) -> KnownPerson | None:
        """The same e-mail or the same name in another account of the family (no fuzzy guess)."""
        if self.elsewhere is None:
            return None
        email = contact.values.get("email", "").casefold()
        if email and email in self.elsewhere.identities.by_email:
            return self.elsewhere.identities.by_email[email]
        namesakes = self.elsewhere.by_exact.get(exact_name_key(contact.full_name), [])
        agreeing = [person for person in namesakes if _emails_agree(email, person)]
        return agreeing[0] if len(agreeing) == 1 else None

    def _earlier_row(self, contact: Contact) -> int | None:
        email = contact.values.get("email", "").casefold()
        if email and email in self.seen_emails:
            return self.seen_emails[email]
        # Letter for letter: one file spells one person one way, so "Jonsson" and
        # "Jönsson" in the same file are two people.
        for position, other_email in self.seen_names.get(exact_name_key(contact.full_name), []):
            if not email or not other_email or email == other_email:
                return position
        return None

    def _stored_person(self, contact: Contact) -> tuple[KnownPerson | None, Match | None]:
        if not self.fuzzy_keys:
            return None, None  # an account with nobody in it yet: every row is new
        person, match = self.identities.find(contact)
        if person is not None:
            return person, match
        email = contact.values.get("email", "").casefold()
        for index, level in ((self.by_exact, Match.EXACT), (self.by_folded, Match.FOLDED)):
            key = (exact_name_key if level is Match.EXACT else name_key)(contact.full_name)
            namesakes = [p for p in index.get(key, []) if _emails_agree(email, p)]
            if len(namesakes) == 1:
                return namesakes[0], level
            if namesakes:
                return None, None  # a true tie: a new person, not a guess
        key = name_key(contact.full_name)
        if self.exact_only or not self.fuzzy_keys or not key:
            return None, None
        return self._close_name(key, email)

    def _close_name(self, key: str, email: str) -> tuple[KnownPerson | None, Match | None]:
        from rapidfuzz import fuzz, process  # loaded when there are people to compare with

        found = process.extractOne(
            key, self.fuzzy_keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_NAME_SCORE
        )
        if found is None:
            return None, None
        candidates = [p for p in self.by_folded[found[0]] if _emails_agree(email, p)]
        if len(candidates) != 1:
            return None, None
        return candidates[0], Match.CLOSE


def _how(match: Match, contact: Contact, person: KnownPerson) -> str:
    stored = person.values.get("full_name") or ""
    if match is Match.PROFILE:
        return "same profile URL as the person in the account"
    if match is Match.EMAIL:
        return "same e-mail as the person in the account"
    if match is Match.EXACT:
        return "same name as the person in the account"
    alike = "spelled differently" if match is Match.FOLDED else "a close name"
    return f"file: {contact.full_name} ≈ account: {stored} ({alike})"


def _same_value(name: str, stored: Any, value: str) -> bool:
    stored_text = " ".join(str(stored or "").split())
    if name == "email":  # the case of an address is not news
        return stored_text.casefold() == value.casefold()
    if name == "phone" and stored_text:  # "+46 31 5551619" is "+46 31 555 16 19"
        return _dialled(stored_text) == _dialled(value)
    if name == "profile_url":
        return profile_key(stored_text) == profile_key(value)
    return stored_text == value


def _dialled(phone: str) -> str:
    """A phone number as it is dialled: its digits, and a leading + (spacing is style)."""
    digits = "".join(character for character in phone if character.isdigit())
    return ("+" if phone.lstrip().startswith("+") else "") + digits


def _emails_agree(email: str, person: KnownPerson) -> bool:
    stored = (person.values.get("email") or "").casefold()
    return not email or not stored or email == stored


def _too_long(values: dict[str, str]) -> str:
    for name, value in values.items():
        limit = IMPORTED_FIELDS.get(name)
        if limit is not None and len(value) > limit:
            from keyplan.domain.fields import STAKEHOLDER_FIELDS

            return f"{STAKEHOLDER_FIELDS[name].label} is longer than {limit} characters"
    return ""
