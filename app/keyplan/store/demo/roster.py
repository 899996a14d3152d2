"""The people tables of the demo, written as text so that an org chart reads like one.

A table has ``[Department]`` headings and one line per person::

    key | full name | job title | level | reports to (key or -) | role influence stance strength

Level: C (board / C-level), VP, D (director), M (manager), I (individual contributor).
Role: a map badge (``vocabulary.ROLE_BADGES``: DM decision maker, TE technical evaluator, U user,
CH champion / coach, GK gatekeeper, INF influencer), - none. Influence: H, M or L.
Stance: a ``Stance`` value. Strength: 0-4.
Keys are unique across the whole demo: reporting lines may cross accounts within an umbrella.
"""

from __future__ import annotations

from dataclasses import dataclass

from keyplan.domain.vocabulary import ROLE_BADGES, BuyingRole, Influence, Level, Stance, Strength

_LEVELS = {
    "C": Level.C_LEVEL,
    "VP": Level.VP,
    "D": Level.DIRECTOR,
    "M": Level.MANAGER,
    "I": Level.INDIVIDUAL,
}
# The roles are written as the map's badges, so a table reads like the cards it becomes.
_ROLES = {badge: role for role, badge in ROLE_BADGES.items()} | {"-": BuyingRole.NONE}
_INFLUENCE = {"H": Influence.HIGH, "M": Influence.MEDIUM, "L": Influence.LOW}


@dataclass(frozen=True, slots=True)
class PersonSpec:
    """One line of a people table, with vocabulary values ready to store."""

    key: str
    name: str
    title: str
    department: str
    level: str
    manager: str | None
    buying_role: str
    influence: str
    stance: str
    strength: int


def parse_people(table: str) -> list[PersonSpec]:
    """Read a people table (see the module docstring) into specs, in table order.

    Raises:
        ValueError: a line does not follow the format; names the line.
    """
    department = ""
    people: list[PersonSpec] = []
    for line in table.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            department = line.strip("[]")
            continue
        try:
            people.append(_parse_line(line, department))
        except (KeyError, ValueError) as error:
            raise ValueError(f"Bad people line {line!r}: {error}") from error
    return people


def _parse_line(line: str, department: str) -> PersonSpec:
    key, name, title, level, manager, traits = (cell.strip() for cell in line.split("|"))
    role, influence, stance, strength = traits.split()
    return PersonSpec(
        key=key,
        name=name,
        title=title,
        department=department,
        level=_LEVELS[level].value,
        manager=None if manager == "-" else manager,
        buying_role=_ROLES[role].value,
        influence=_INFLUENCE[influence].value,
        stance=Stance(stance).value,
        strength=int(Strength(int(strength))),
    )
