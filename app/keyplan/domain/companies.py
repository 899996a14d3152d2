"""Which account of the portfolio a company named in a contacts file is.

Files name a company as their writer knew it: "Nordvik Logistics ASA", "NORDVIK LOGISTICS",
"Nordvik Logistics AS", a trading name, or only an e-mail at ``nordvik.no``. A company is
compared without case, accents, punctuation and legal form (ASA, GmbH, S.p.A., Ltd., …), and
against every name an account goes by: its name and its aliases ("Also known as"). An
e-mail's domain finds the account whose website is on that domain. Pure: plain data in,
account ids out.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

# Legal forms, written as they are compared (lower case, without dots): a name is the same
# company with or without them. Several words form one ("gmbh co kg", "s p a").
LEGAL_FORMS = (
    "ab publ",
    "aktiebolag",
    "aktiengesellschaft",
    "as",
    "asa",
    "ab",
    "ag",
    "aps",
    "a s",
    "bv",
    "b v",
    "co",
    "company",
    "corp",
    "corporation",
    "gmbh",
    "gmbh co kg",
    "inc",
    "incorporated",
    "kg",
    "kk",
    "k k",
    "limited",
    "llc",
    "llp",
    "ltd",
    "ltda",
    "nv",
    "n v",
    "oy",
    "oyj",
    "plc",
    "pty",
    "pty ltd",
    "sa",
    "s a",
    "sarl",
    "s a r l",
    "sas",
    "s a s",
    "se",
    "sl",
    "s l",
    "spa",
    "s p a",
    "srl",
    "s r l",
    "株式会社",
    "有限会社",
)
_LEGAL_FORM_WORDS = frozenset(tuple(form.split()) for form in LEGAL_FORMS)
_LONGEST_FORM = max(len(form) for form in _LEGAL_FORM_WORDS)

# Web mail: an address there says nothing about the employer.
_PERSONAL_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "proton.me",
        "protonmail.com",
        "aol.com",
    }
)

_NOT_A_LETTER = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=1 << 14)
def company_key(name: str) -> str:
    """A company name as compared: "Nordvik Logistics ASA" and "NORDVIK-LOGISTICS" match.

    Case, accents, punctuation, "&"/"and" and a legal form at either end do not count.
    A name that is only a legal form keeps it (a company called "AB" stays "ab"). Cached:
    an export of 20,000 connections names the same few thousand companies again and again.
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = _NOT_A_LETTER.sub(" ", folded.replace("&", " and ")).split()
    words = [word for word in words if word != "and"] or words
    return " ".join(_without_legal_forms(words))


def _without_legal_forms(words: list[str]) -> list[str]:
    """The words without legal forms at the end or the start (longest form first)."""
    trimmed = True
    while trimmed and len(words) > 1:
        trimmed = False
        for size in range(min(_LONGEST_FORM, len(words) - 1), 0, -1):
            if tuple(words[-size:]) in _LEGAL_FORM_WORDS:
                words, trimmed = words[:-size], True
                break
            if tuple(words[:size]) in _LEGAL_FORM_WORDS:
                words, trimmed = words[size:], True
                break
    return words


def is_personal_mail(domain: str) -> bool:
    """Whether an e-mail domain is web mail, which says nothing about the employer."""
    return domain.casefold() in _PERSONAL_MAIL


def web_domain(address: str) -> str:
    """The domain of a website or an e-mail address, without "www." ("" when there is none)."""
    text = address.strip().casefold()
    if "@" in text:
        text = text.rpartition("@")[2]
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    host = re.split(r"[/:?#\s]", text, maxsplit=1)[0].strip(".")
    return host.removeprefix("www.")


@dataclass(frozen=True, slots=True)
class AccountNames:
    """What an account goes by, for matching a file's company column.

    Attributes:
        account_id: the account.
        name: its name.
        aliases: its other names ("Also known as").
        website: its website, whose domain finds people by e-mail.
        parent_id: the umbrella it is an affiliate of, or None.
    """

    account_id: int
    name: str
    aliases: tuple[str, ...] = ()
    website: str = ""
    parent_id: int | None = None


@dataclass
class CompanyMatcher:
    """Finds the account a company (or an e-mail domain) is, among the accounts given."""

    accounts: list[AccountNames]
    _by_key: dict[str, set[int]] = field(default_factory=dict)
    _by_domain: dict[str, set[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for account in self.accounts:
            for name in (account.name, *account.aliases):
                key = company_key(name)
                if key:
                    self._by_key.setdefault(key, set()).add(account.account_id)
            domain = web_domain(account.website or "")
            if domain:
                self._by_domain.setdefault(domain, set()).add(account.account_id)

    def by_company(self, company: str) -> set[int]:
        """The accounts that go by this company name (several when names are shared)."""
        return set(self._by_key.get(company_key(company), ()))

    def by_email(self, email: str) -> set[int]:
        """The accounts whose website is the e-mail's domain or a domain above it."""
        domain = web_domain(email) if "@" in email else ""
        if not domain or domain in _PERSONAL_MAIL:
            return set()
        labels = domain.split(".")
        for start in range(len(labels) - 1):
            found = self._by_domain.get(".".join(labels[start:]))
            if found:
                return set(found)
        return set()


def most_specific(account_ids: Iterable[int], accounts: Iterable[AccountNames]) -> int | None:
    """Of accounts sharing a name (an umbrella and its namesake affiliate), the deepest one.

    None when the names belong to unrelated accounts: the file does not say which is meant.
    """
    ids = set(account_ids)
    if len(ids) == 1:
        return next(iter(ids))
    parents = {account.account_id: account.parent_id for account in accounts}
    deepest = [account for account in ids if not _has_descendant_in(account, ids, parents)]
    if len(deepest) != 1:
        return None
    (candidate,) = deepest
    others = ids - {candidate}
    return candidate if all(_is_above(other, candidate, parents) for other in others) else None


def _is_above(ancestor: int, account: int, parents: dict[int, int | None]) -> bool:
    seen: set[int] = set()
    current = parents.get(account)
    while current is not None and current not in seen:
        if current == ancestor:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def _has_descendant_in(account: int, ids: set[int], parents: dict[int, int | None]) -> bool:
    return any(other != account and _is_above(account, other, parents) for other in ids)
