"""Which account each row of a contacts file goes to, by the company it names.

Importing into one account takes the rows of its company (or an affiliate's: those go to
the affiliate) and the rows that name no company; rows of other companies are left out and
counted, unless the user takes them all. A file in which no row names a company of the
portfolio is a list the user made for this account: every row goes in. Importing into the
portfolio sends each row to the account its company is, and lists the companies that are
none of the user's accounts (no account is created for them). A row without a company
company is placed by its e-mail's domain against the accounts' websites, when it can be.
"""

from __future__ import annotations

from dataclasses import dataclass

from keyplan.domain.companies import CompanyMatcher, company_key, most_specific
from keyplan.exchange.transfer.contacts import Contact
from keyplan.store.transfer.import_reads import ImportTarget


@dataclass(frozen=True, slots=True)
class Destination:
    """Where one row goes: an account (None: the chosen account the import creates), or not.

    ``other_company`` is set (with the company as written) when the row is left out as a
    company the import does not take.
    """

    account_id: int | None
    skip_reason: str = ""
    other_company: str = ""


@dataclass(frozen=True)
class Routing:
    destinations: list[Destination]
    note: str = ""  # what the summary says about how rows were placed


def route_contacts(
    contacts: list[Contact], target: ImportTarget, all_companies: bool = False
) -> Routing:
    """Each contact's account, and a line for the summary on how they were placed."""
    matcher = CompanyMatcher(target.accounts)
    found = [_accounts_of(contact, matcher) for contact in contacts]
    if target.portfolio:
        return Routing(
            [_in_portfolio(c, ids, target) for c, ids in zip(contacts, found, strict=True)]
        )
    chosen = target.account_id
    if not any(found):
        return Routing([Destination(chosen)] * len(contacts), _everyone_note(contacts, target))
    writable = target.writable_account_ids()
    own_key = company_key(target.account_name)
    destinations = []
    for contact, ids in zip(contacts, found, strict=True):
        mine = ids & writable
        if mine:
            destinations.append(Destination(most_specific(mine, target.accounts) or chosen))
        elif not contact.company or company_key(contact.company) == own_key or all_companies:
            destinations.append(Destination(chosen))
        else:
            reason = f"of another company, {contact.company} (not imported)"
            destinations.append(Destination(None, reason, contact.company))
    return Routing(destinations)


def _accounts_of(contact: Contact, matcher: CompanyMatcher) -> set[int]:
    # The company a row names is where the person works now; the e-mail may be an old
    # employer's (LinkedIn keeps the address people signed up with): it only speaks for rows
    # that name no company.
    if contact.company:
        return matcher.by_company(contact.company)
    return matcher.by_email(contact.values.get("email", ""))


def _in_portfolio(contact: Contact, ids: set[int], target: ImportTarget) -> Destination:
    account = most_specific(ids, target.accounts) if ids else None
    if account is not None:
        return Destination(account)
    if len(ids) > 1:
        names = ", ".join(sorted(target.account_name_of(i) for i in ids))
        return Destination(None, f"its company fits several accounts ({names}); not imported")
    if not contact.company:
        return Destination(None, "no company in this row: not imported into any account")
    reason = f"{contact.company} is none of your accounts (not imported)"
    return Destination(None, reason, contact.company)


def _everyone_note(contacts: list[Contact], target: ImportTarget) -> str:
    """Said only when the file names companies: a file without them is simply imported."""
    if not any(contact.company for contact in contacts):
        return ""
    name = target.account_name
    return f"No company in the file is one of your accounts: every row goes into {name}."
