"""A person's level guessed from their job title, in the languages the contact import reads.

Imported people came in with no level, so the coverage grid and the map's rows put them all
under "level unknown". A title says most of it: "Chief …" or "Geschäftsführer" is the board,
"VP" or "Vice-président" a vice president, "Head of" or "Directeur" a director, "Manager" or
"Teamleiter" a manager, "Engineer" or "Analyst" an individual contributor. A guess is only a
guess: the import says which levels it guessed, and never overwrites a level the user set.
"""

from __future__ import annotations

import re
from functools import lru_cache

from keyplan.domain.titles import sort_text
from keyplan.domain.vocabulary import Level

# Checked in this order: the first level with a matching pattern wins, so "Vice President"
# is a VP before "President" makes it the board, and "Director General" the board before
# "Director" makes it a director.
_PATTERNS: tuple[tuple[Level, tuple[str, ...]], ...] = (
    (
        Level.VP,
        (
            r"\b(?:senior |executive |group |regional )?vice[- ]?presid\w*",
            r"\b[se]?vp\b",
            r"\bvicepresident\w*",
        ),
    ),
    (
        Level.C_LEVEL,
        (
            r"\bchief\b.*\bofficer\b",
            r"\bc[a-z]{1,3}o\b",
            r"\bpresident\w*|\bprasident\w*",
            r"\bmanaging director\b|\bdirector general\b|\bdirecteur general\b",
            r"\bdirettore generale\b|\bamministratore delegato\b|\bdirector ejecutivo\b",
            r"\bgeschaftsfuhr\w*|\bvorstand\w*|\bgeneraldirektor\b",
            r"\bverkstallande direktor\b|\badministrerende direktor\b|\bvd\b",
            r"\btoimitusjohtaja\b|\balgemeen directeur\b|\bpdg\b",
            r"\bfounder\b|\bco-?founder\b|\bowner\b|\bchairman\b|\bchairwoman\b|\bchair\b",
            r"\bshachou\b|社長|取締役|代表",
        ),
    ),
    (
        Level.DIRECTOR,
        (
            r"\bdirector\b|\bdirectrice\b|\bdirecteur\b|\bdirektor\w*|\bdirettore\b",
            r"\bdiretor\b|\bdirectora\b|\bdirektor\b",
            r"\bhead of\b|\bhead,|\bglobal head\b|\b\w+ head$",
            r"\bbereichsleit\w*|\bhauptabteilungsleit\w*|\bresponsable de division\b",
            r"\bpartner\b|部長",
        ),
    ),
    (
        Level.MANAGER,
        (
            r"\bmanager\w*|\bmanagerin\b",
            r"leiter\w*|\bleitung\b|\bteamlead\w*|\bteam lead\b|\blead\b",
            r"\bresponsable\b|\bchef de\b|\bchef\b|\bgerente\b|\bjefe\b|\bjefa\b",
            r"\bresponsabile\b|\bcapo\b|\bteamleider\b|\bchef\w*|\bsupervisor\w*",
            r"\bchef d'equipe\b|\bavdelningschef\b|\bkoordinator\b|課長",
        ),
    ),
    (
        Level.INDIVIDUAL,
        (
            r"\bengineer\w*|\bingenieur\w*|\bingeniero\b|\bingegnere\b|\bingenjor\b",
            r"\banalyst\w*|\banalyste\b|\banalista\b|\bspecialist\w*|\bspecialiste\b",
            r"\bconsultant\w*|\bberater\w*|\bconsulente\b|\bconsultor\w*",
            r"\barchitect\w*|\barchitekt\w*|\barchitecte\b|\bdeveloper\w*|\bentwickler\w*",
            r"\bassistant\w*|\bassistent\w*|\bassistente\b|\bcoordinator\b|\bcoordinat\w*",
            r"\bsachbearbeit\w*|\breferent\w*|\bexpert\w*|\bofficer\b|\brepresentative\b",
            r"\badministrator\b|\bbuyer\b|\beinkaufer\w*|\bacheteur\b|\bcomprador\w*",
            r"\bscientist\b|\bplanner\b|\baccountant\b|\bbuchhalt\w*|\btechnician\b",
        ),
    ),
)
_COMPILED = tuple(
    (level, re.compile("|".join(f"(?:{pattern})" for pattern in patterns)))
    for level, patterns in _PATTERNS
)


@lru_cache(maxsize=4096)
def guess_level(title: str | None) -> Level | None:
    """The level a title most likely means, or None when the title says nothing of it.

    Accents and case do not matter ("Geschäftsführerin", "Vice-Président").
    """
    if not title or not title.strip():
        return None
    text = sort_text(title)  # case and accents folded, ß as ss
    for level, pattern in _COMPILED:
        if pattern.search(text):
            return level
    return None
