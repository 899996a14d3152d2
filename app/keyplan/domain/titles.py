"""Job titles as people search for them: "CFO" finds the Chief Financial Officer, and back.

Directors think in abbreviations (CFO, CIO, VP); titles are written either way, in full
("Group Chief Financial Officer") or short ("CFO"). A search matches a title through the text
``searchable_title`` gives: the title itself, plus its abbreviation or its spelled-out form.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Abbreviations used in titles, spelled out (lower case).
SPELLED_OUT = {
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "coo": "chief operating officer",
    "cio": "chief information officer",
    "cto": "chief technology officer",
    "cmo": "chief marketing officer",
    "cdo": "chief digital officer",
    "ciso": "chief information security officer",
    "chro": "chief human resources officer",
    "cpo": "chief procurement officer",
    "cco": "chief commercial officer",
    "cso": "chief strategy officer",
    "vp": "vice president",
    "svp": "senior vice president",
    "evp": "executive vice president",
    "md": "managing director",
    "gm": "general manager",
}

# "Chief <one to four words> Officer": its initials make the usual abbreviation.
_CHIEF = re.compile(r"\bchief\s+((?:[a-z&]+\s+){1,4}?)officer\b")
_PHRASES = {
    "senior vice president": "svp",
    "executive vice president": "evp",
    "vice president": "vp",
    "managing director": "md",
    "general manager": "gm",
}
_SKIPPED = {"and", "&", "of"}


# Cached: a filter asks for every row on each key typed, a sort on every comparison.
@lru_cache(maxsize=8192)
def searchable_title(title: str | None) -> str:
    """The title in lower case, with its abbreviations and spelled-out forms after it."""
    if not title:
        return ""
    text = title.casefold()
    extra = [
        "c" + "".join(word[0] for word in found.split() if word not in _SKIPPED) + "o"
        for found in _CHIEF.findall(text)
    ]
    extra += [short for phrase, short in _PHRASES.items() if phrase in text]
    extra += [SPELLED_OUT[word] for word in re.findall(r"[a-z]+", text) if word in SPELLED_OUT]
    return " ".join([text, *extra])


# Honorifics before a name, which a list of people does not sort by ("Dr. Katharina Weiß").
_HONORIFIC = re.compile(r"^(?:(?:dr|prof|mr|mrs|ms|mx|sir|dame|ing|dipl)\.?\s+)+", re.I)


@lru_cache(maxsize=8192)
def sort_text(text: str | None) -> str:
    """Text as a list sorts it: accents ignored (Élodie with Elodie, before Zoë), case too.

    ``sorted(names, key=sort_text)`` puts "Élodie" before "Zoë" and "Céline" before
    "Charlotte", where a plain sort puts every accented capital after Z.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("ß", "ss")


@lru_cache(maxsize=8192)
def sort_name(name: str | None) -> str:
    """A person's name as a list sorts it: like ``sort_text``, leading honorifics left out."""
    return sort_text(_HONORIFIC.sub("", name or ""))


def with_article(noun: str) -> str:
    """ "an opportunity", "an action", "a risk": the indefinite article a noun takes."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
