"""People of ours an import finds at another company: they changed jobs.

A row of a company the import does not take, naming someone of one of our accounts, marks
them as having left; a new person here who is someone of another account of ours is noted as
having moved from there (the write marks them as having left it).
"""

from __future__ import annotations

from keyplan.exchange.transfer.contacts import Contact
from keyplan.exchange.transfer.import_routing import Destination
from keyplan.exchange.transfer.import_rows import Action, PlannedRow
from keyplan.store.transfer.import_reads import ImportTarget, KnownPerson


def not_taken(
    contact: Contact, destination: Destination, known: KnownPerson | None, target: ImportTarget
) -> PlannedRow:
    """A row of a company the import does not take; a person of ours there has moved."""
    name = contact.full_name
    if known is not None and destination.other_company and not contact.problem:
        return _moved_away(contact, known, destination.other_company, target)
    return PlannedRow(
        contact.where,
        name,
        Action.SKIP,
        destination.skip_reason,
        file_name=name,
        company=contact.company,
        other_company=bool(destination.other_company),
    )


def _moved_away(
    contact: Contact, person: KnownPerson, company: str, target: ImportTarget
) -> PlannedRow:
    """Someone of ours the file places at a company we do not take: they have left us."""
    stored = person.values.get("full_name") or contact.full_name
    account = target.account_name_of(person.account_id)
    row = PlannedRow(
        contact.where,
        stored,
        Action.UPDATE,
        f"moved to {company}: marked as having left {account}",
        person_id=person.id,
        account_id=person.account_id,
        account_name=account,
        file_name=contact.full_name,
        company=company,
    )
    if person.has_left:
        row.action, row.reason = Action.SKIP, f"has left {account}; now at {company}"
    else:
        row.values = {"has_left": True}
    return row


def moved_here(row: PlannedRow, person: KnownPerson, target: ImportTarget) -> None:
    """A new person here who is someone of another account of ours: they changed jobs."""
    account = target.account_name_of(person.account_id)
    if person.has_left:
        row.notes.append(f"moved from {account}, where they are marked as having left")
        return
    row.moved_from = person.id
    row.notes.append(f"moved from {account}: marked as having left there")
