"""Finding the person to forget by name, refusing a name that is unknown or ambiguous."""

from __future__ import annotations

from sqlalchemy import select

from keyplan.domain.errors import NotFound
from keyplan.domain.plain_text import typed_name_key
from keyplan.store.database import Database
from keyplan.store.models import Account, Stakeholder

_SHOWN = 10  # candidates a refusal lists


def find_person(db: Database, account_id: int, name: str) -> int:
    """The id of the one person of the account with this full name (case does not matter).

    Raises:
        NotFound: nobody, or several people, have that name; the message lists candidates.
    """
    with db.read() as session:
        rows = session.execute(
            select(Stakeholder.id, Stakeholder.full_name).where(
                Stakeholder.account_id == account_id, Stakeholder.is_vacancy.is_(False)
            )
        ).all()
    wanted = typed_name_key(name)
    exact = [row for row in rows if typed_name_key(row.full_name) == wanted]
    if len(exact) == 1:
        return exact[0].id
    if exact:
        raise NotFound(
            f"{len(exact)} people are named '{name}' at that account; nothing was forgotten. "
            f"Rename one of them first to tell them apart."
        )
    close = [row.full_name for row in rows if wanted and wanted in typed_name_key(row.full_name)]
    choices = close or sorted(row.full_name for row in rows)
    more = len(choices) - _SHOWN
    shown = ", ".join(choices[:_SHOWN]) + (f" and {more} more" if more > 0 else "")
    label = "Did you mean" if close else "People there"
    raise NotFound(f"There is nobody named '{name}' at that account. {label}: {shown or 'none'}.")


def names_of(db: Database, account_id: int, person_id: int) -> tuple[str, str]:
    """(account name, person's full name), for saying whom the forgetting is about."""
    with db.read() as session:
        account = session.execute(select(Account.name).where(Account.id == account_id))
        person = session.execute(select(Stakeholder.full_name).where(Stakeholder.id == person_id))
        return str(account.scalar_one()), str(person.scalar_one())
