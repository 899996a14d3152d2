"""Next best contacts: the few people who would most widen our coverage, and the weekly nudge.

Every current person is judged on five gaps, in this order of weight (a strict ranking: one
higher gap beats any number of lower ones):
1. a decision maker or high-influence person with no owner or only a weak relationship;
2. their department has nobody engaged (an open-opportunity department where we know nobody at
   all is suggested as an empty cell, right after the key people);
3. their level has nobody engaged anywhere in the account;
4. they are more senior than anyone engaged in their department;
5. the relationship has gone stale.
Ties go to the more senior, the more influential, and those we already know a little.
The short list avoids suggesting two people for the same department gap while other gaps wait.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from keyplan.domain.insights.contacts import ContactLog, contact_log
from keyplan.domain.insights.coverage import NO_DEPARTMENT, Coverage, coverage_grid
from keyplan.domain.insights.facts import AccountFacts, PersonFacts
from keyplan.domain.insights.health import is_stale, stale_finding
from keyplan.domain.insights.people import (
    ENGAGED_STRENGTH,
    LEVEL_RANK,
    LEVEL_WORDS,
    appositive,
    is_key_person_uncovered,
    key_person_gap,
)
from keyplan.domain.vocabulary import Influence, Level, Strength

#: How many suggestions the dashboard shows.
DEFAULT_LIMIT = 5

_INFLUENCE_ORDER = {Influence.HIGH: 0, Influence.MEDIUM: 1, Influence.LOW: 2, None: 3}
_UNKNOWN_RANK = len(Level)  # an unknown level sorts below every known one


@dataclass(frozen=True, slots=True)
class ContactSuggestion:
    """One person to contact, or one empty cell of the grid to fill (``person_id`` None).

    Attributes:
        reason: the sentence shown to the user, gap first, then the person.
        new_contact: True when we have no working relationship with the person yet.
        opens_department: True when the suggestion's value is a department nobody covers.
    """

    reason: str
    department: str
    level: Level | None = None
    person_id: int | None = None
    person_name: str | None = None
    new_contact: bool = True
    opens_department: bool = False


@dataclass(frozen=True, slots=True)
class WeeklyNudge:
    """This week's one new contact, and the one big challenge to learn from them."""

    person_id: int
    person_name: str
    reason: str
    challenge: str | None = None

    @property
    def ask(self) -> str:
        """What to talk about: their recorded challenge, or the question that finds it."""
        if self.challenge:
            return f"Talk with {self.person_name} about: {self.challenge}"
        return f"Ask {self.person_name} what the biggest challenge on their desk is right now"


def rank_contacts(
    account: AccountFacts,
    today: date,
    *,
    grid: Coverage | None = None,
    log: ContactLog | None = None,
) -> tuple[ContactSuggestion, ...]:
    """Rank every useful contact of an account, best first (see the module docstring).

    Args:
        account: the account to read.
        today: the date of the analysis.
        grid: the account's coverage, when the caller already has it.
        log: the account's contact log, when the caller already has it.

    Returns:
        Every person or empty cell worth contacting, best first; people with no gap are left out.
    """
    log = log or contact_log(account, today)
    grid = grid or coverage_grid(account, today, log=log)
    return tuple(_suggest(gaps, log, today) for gaps in _ranked(account, grid, log, today))


def next_best_contacts(
    account: AccountFacts,
    today: date,
    *,
    limit: int = DEFAULT_LIMIT,
    grid: Coverage | None = None,
    log: ContactLog | None = None,
) -> tuple[ContactSuggestion, ...]:
    """A short list of the contacts that would most widen coverage.

    Args:
        account: the account to read.
        today: the date of the analysis.
        limit: how many suggestions at most.
        grid: the account's coverage, when the caller already has it.
        log: the account's contact log, when the caller already has it.

    Returns:
        Up to ``limit`` suggestions; a second person for the same uncovered department only
        comes after every other gap has had its turn.
    """
    return plan_contacts(account, today, limit=limit, grid=grid, log=log)[0]


def weekly_nudge(
    account: AccountFacts,
    today: date,
    *,
    grid: Coverage | None = None,
    log: ContactLog | None = None,
) -> WeeklyNudge | None:
    """Pick one person to contact this week and the challenge to learn from them.

    A new contact (no working relationship yet) is preferred over reviving an old one, because
    the nudge is there to get us out of the ruts.

    Args:
        account: the account to read.
        today: the date of the analysis.
        grid: the account's coverage, when the caller already has it.
        log: the account's contact log, when the caller already has it.

    Returns:
        The nudge, or None when nobody in the account needs contacting.
    """
    return plan_contacts(account, today, limit=0, grid=grid, log=log)[1]


def plan_contacts(
    account: AccountFacts,
    today: date,
    *,
    limit: int = DEFAULT_LIMIT,
    grid: Coverage | None = None,
    log: ContactLog | None = None,
) -> tuple[tuple[ContactSuggestion, ...], WeeklyNudge | None]:
    """The short list and the weekly nudge from one ranking (what ``analyse_account`` uses).

    Reasons are written only for the people shown, not for every candidate.
    """
    log = log or contact_log(account, today)
    grid = grid or coverage_grid(account, today, log=log)
    ranked = _ranked(account, grid, log, today)
    shortlist = tuple(_suggest(gaps, log, today) for gaps in _shortlist(ranked, limit))
    pick = next((gaps for gaps in ranked if gaps.person and gaps.new_contact), None)
    pick = pick or next((gaps for gaps in ranked if gaps.person), None)
    if pick is None or pick.person is None:
        return shortlist, None
    person = pick.person
    reason = _suggest(pick, log, today).reason
    return shortlist, WeeklyNudge(person.id, person.name, reason, person.major_challenge)


@dataclass(frozen=True, slots=True)
class _Gaps:
    """What one person (or one empty department, ``person`` None) would open up for us."""

    row: str
    person: PersonFacts | None = None
    best: Level | None = None
    key: bool = False
    department: bool = False
    level: bool = False
    ceiling: bool = False
    stale: bool = False

    @property
    def new_contact(self) -> bool:
        return self.person is None or self.person.strength < ENGAGED_STRENGTH


def _ranked(account: AccountFacts, grid: Coverage, log: ContactLog, today: date) -> list[_Gaps]:
    """Every person with a gap, and every empty opportunity department, best first."""
    engaged_rows = set(grid.breadth.engaged_departments)
    engaged_levels = set(grid.breadth.engaged_levels)
    best_by_row: dict[str, Level] = {}
    for (row, level), cell in grid.cells.items():
        if cell.engaged and level is not None:
            known = best_by_row.get(row)
            if known is None or LEVEL_RANK[level] < LEVEL_RANK[known]:
                best_by_row[row] = level
    ranked: list[tuple[tuple, _Gaps]] = []
    for person in account.people:
        if person.has_left:
            continue
        row = grid.row_for(person.department)
        level = person.level
        best = best_by_row.get(row)
        gaps = _Gaps(
            row=row,
            person=person,
            best=best,
            key=is_key_person_uncovered(person),
            department=row != NO_DEPARTMENT and row not in engaged_rows,
            level=level is not None and level not in engaged_levels,
            ceiling=level is not None and best is not None and LEVEL_RANK[level] < LEVEL_RANK[best],
            stale=is_stale(person, log, today),
        )
        if gaps.key or gaps.department or gaps.level or gaps.ceiling or gaps.stale:
            ranked.append((_person_sort_key(gaps, person), gaps))
    known_rows = {row for row, _ in grid.cells}
    for row in grid.departments:
        # Only opportunity departments can be rows without people: nobody to name, so the
        # suggestion is the empty cell itself, ranked right after the key people.
        if row not in known_rows:
            ranked.append(((True, False, row), _Gaps(row=row, department=True)))
    ranked.sort(key=lambda item: item[0])
    return [gaps for _, gaps in ranked]


def _person_sort_key(gaps: _Gaps, person: PersonFacts) -> tuple:
    """Strict order of the gaps, then the more senior, more influential, better known."""
    return (
        not gaps.key,
        True,  # not an empty cell
        not gaps.department,
        not gaps.level,
        not gaps.ceiling,
        not gaps.stale,
        LEVEL_RANK[person.level] if person.level is not None else _UNKNOWN_RANK,
        _INFLUENCE_ORDER.get(person.influence, 3),
        -int(person.strength),
        person.name,
        person.id,
    )


def _shortlist(ranked: list[_Gaps], limit: int) -> list[_Gaps]:
    """The first ``limit``, holding back a second pick for a department already being opened."""
    chosen: list[_Gaps] = []
    waiting: list[_Gaps] = []
    opened: set[str] = set()
    for gaps in ranked:
        if len(chosen) >= limit:
            break
        if gaps.department and gaps.row in opened:
            waiting.append(gaps)
            continue
        if gaps.department:
            opened.add(gaps.row)
        chosen.append(gaps)
    return chosen + waiting[: max(0, limit - len(chosen))]


def _suggest(gaps: _Gaps, log: ContactLog, today: date) -> ContactSuggestion:
    """Write the suggestion, reason and all, for one ranked person or empty department."""
    person = gaps.person
    if person is None:
        reason = f"Nobody known in {gaps.row}, where we have an open opportunity"
        return ContactSuggestion(reason, gaps.row, opens_department=True)
    return ContactSuggestion(
        reason=_reason(person, gaps, log, today),
        department=gaps.row,
        level=person.level,
        person_id=person.id,
        person_name=person.name,
        new_contact=gaps.new_contact,
        opens_department=gaps.department,
    )


def _reason(person: PersonFacts, gaps: _Gaps, log: ContactLog, today: date) -> str:
    """The gap first, then what stands out about the person, then how long since contact."""
    gap = _gap_phrase(gaps, person.level)
    stale = stale_finding(person, log, today) if gaps.stale else None
    if stale is not None and not gap and not gaps.key:
        return stale.reason  # staleness is the whole story
    if gaps.key:
        about = f"{appositive(person)} {key_person_gap(person)}"
    else:
        about = f"{appositive(person)} {_relationship_phrase(person.strength)}"
    if stale is not None and stale.never_contacted:
        about += "; never contacted"
    elif stale is not None:
        about += f"; last contacted {stale.days_since_contact} days ago"
    return f"{gap} — {about}" if gap else about


def _gap_phrase(gaps: _Gaps, level: Level | None) -> str:
    """The coverage gap a person would close, as the opening of the reason ("" if none)."""
    if gaps.department:
        return f"Nobody engaged in {gaps.row}"
    if gaps.ceiling and gaps.best is not None:
        return f"No working relationship in {gaps.row} above {LEVEL_WORDS[gaps.best]} level"
    if gaps.level and level is not None:
        return f"Nobody engaged at {LEVEL_WORDS[level]} level"
    return ""


def _relationship_phrase(strength: Strength) -> str:
    """How far we are from a working relationship with the person."""
    if strength == Strength.NONE:
        return "has no relationship with us yet"
    if strength < ENGAGED_STRENGTH:
        return "is only an acquaintance so far"
    return "is engaged but overdue for contact"
