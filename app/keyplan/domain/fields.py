"""The fields a user edits, declared once: name, label, kind and vocabulary.

Forms, table columns, the store's validation, imports and reports all read these, so a field
is added in one place. ``parse_value`` turns what a person typed into the stored value, or
raises a ``RuleViolation`` that says what is wrong.
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): a named tuple's
# field types given as strings are each compiled by ``typing`` when the class is made, and
# every start of the window makes this module's.

import re
from datetime import date
from enum import Enum
from typing import Any, NamedTuple

from keyplan.domain.account_names import ALIASES_HINT
from keyplan.domain.errors import RuleViolation
from keyplan.domain.patterns import LazyPattern
from keyplan.domain.plain_text import quoted, require_plain_text
from keyplan.domain.typed_values import parse_date, parse_money
from keyplan.domain.vocabulary import (
    AccountStatus,
    BuyingRole,
    Channel,
    Influence,
    Interest,
    Level,
    Stance,
    Strength,
    Tier,
    Vocabulary,
)


class Kind(Enum):
    TEXT = "text"  # one line
    NOTE = "note"  # several lines
    CHOICE = "choice"  # one of a vocabulary
    INTEGER = "integer"
    MONEY = "money"
    DATE = "date"
    FLAG = "flag"
    REFERENCE = "reference"  # the id of another row, chosen from a list
    LINK = "link"  # a web address, stored with its scheme


class FieldSpec(NamedTuple):
    """One field a user edits: how it is labelled, typed, checked and shown.

    A named tuple, not a dataclass: the first window reads the accounts' fields, and
    ``dataclasses`` (with ``inspect``, which it imports) would load only for this.
    """

    name: str
    label: str
    kind: Kind = Kind.TEXT
    # The two kinds of vocabulary: words (Vocabulary) and the ordinal scale (Strength). Both
    # give a member its ``label``; only words are read back from a label (``from_text``).
    choices: type[Vocabulary] | type[Strength] | None = None
    required: bool = False
    minimum: int | None = None
    maximum: int | None = None
    #: The most characters a text may have; None: the kind's own limit (``text_limit``).
    max_length: int | None = None
    help: str = ""  # what the field is for and how to type it (a tooltip, a placeholder)

    def parse(self, value: Any) -> Any:
        """Turn an edited value into what is stored; raise RuleViolation when it cannot be."""
        return parse_value(self, value)

    def display(self, value: Any) -> str:
        """How a stored value reads for a person."""
        if value is None:
            return ""
        if self.choices is not None:
            try:
                return self.choices(value).label
            except ValueError:
                return str(value)
        if self.kind is Kind.MONEY:
            return f"{value:,.0f}"
        if self.kind is Kind.FLAG:
            return "Yes" if value else "No"
        if isinstance(value, date):
            return value.isoformat()
        return str(value)


def parse_value(spec: FieldSpec, value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip() if spec.kind is not Kind.NOTE else value.rstrip()
        if value == "":
            value = None
        else:
            require_plain_text(spec.label, value, text_limit(spec))
    if value is None:
        if spec.required:
            raise RuleViolation(f"{spec.label} cannot be empty.")
        return None if spec.kind is not Kind.FLAG else False
    parser = _PARSERS.get(spec.kind)
    return parser(spec, value) if parser else value


#: The longest one-line text and note kept unless a field says otherwise.
MAX_TEXT_LENGTH = 1_000
MAX_NOTE_LENGTH = 50_000
MAX_NAME_LENGTH = 200  # the name columns' size
_OTHER_TEXT_LENGTH = 100  # a typed number, date or choice


def text_limit(spec: FieldSpec) -> int:
    """The most characters the field's text may have."""
    if spec.max_length is not None:
        return spec.max_length
    if spec.kind is Kind.TEXT:
        return MAX_TEXT_LENGTH
    if spec.kind is Kind.NOTE:
        return MAX_NOTE_LENGTH
    if spec.kind is Kind.LINK:
        return MAX_LINK_LENGTH
    return _OTHER_TEXT_LENGTH


def _parse_choice(spec: FieldSpec, value: Any) -> Any:
    assert spec.choices is not None
    if isinstance(value, spec.choices):
        return value.value
    try:
        if issubclass(spec.choices, int):
            return spec.choices(int(value)).value
        return spec.choices.from_text(str(value)).value
    except (ValueError, OverflowError) as error:
        choices = ", ".join(member.label for member in spec.choices)
        raise RuleViolation(f"{spec.label}: {quoted(value)} is not one of: {choices}") from error


def _parse_integer(spec: FieldSpec, value: Any) -> int:
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise RuleViolation(f"{spec.label} must be a whole number, not {quoted(value)}.")
    try:
        number = (
            int(value)
            if isinstance(value, int | float)
            else int(str(value).replace(",", "").strip())
        )
    except (ValueError, OverflowError) as error:
        raise RuleViolation(f"{spec.label} must be a whole number, not {quoted(value)}.") from error
    if spec.minimum is not None and number < spec.minimum:
        raise RuleViolation(f"{spec.label} must be at least {spec.minimum}.")
    maximum = spec.maximum if spec.maximum is not None else MAX_WHOLE_NUMBER
    if number > maximum or number < -MAX_WHOLE_NUMBER:
        raise RuleViolation(f"{spec.label} must be at most {maximum:,}.")
    return number


#: The largest whole number a field holds unless it says otherwise (a century of days).
MAX_WHOLE_NUMBER = 36_500


def _parse_flag(spec: FieldSpec, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"yes", "y", "true", "1"}:
        return True
    if text in {"no", "n", "false", "0"}:
        return False
    raise RuleViolation(f"{spec.label} must be yes or no, not {quoted(value)}.")


def _parse_text(spec: FieldSpec, value: Any) -> str:
    return str(value)


#: The longest web address kept (the column's size).
MAX_LINK_LENGTH = 500
_SCHEME = LazyPattern(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$", re.IGNORECASE)
# Typed without a scheme, as browsers and profile pages show them: "www.…", "linkedin.com/…"
# (or a country's "de.linkedin.com/…"). Anything else is more likely a name or a slip than a
# link, so it is refused rather than guessed into one.
_NO_SCHEME = LazyPattern(
    r"^(?:www\.[^\s/?#]+\.[^\s/?#]+|(?:[a-z]{2,3}\.)?linkedin\.com)(?:[/?#]\S*)?$", re.IGNORECASE
)


def _parse_link(spec: FieldSpec, value: Any) -> str:
    """A web address: ``http(s)://…`` kept as typed; ``www.…`` and ``linkedin.com/…`` get
    ``https://`` in front, so every stored link opens in a browser as it is."""
    text = str(value).strip()
    if _NO_SCHEME.match(text):
        text = "https://" + text
    elif not _SCHEME.match(text):
        raise RuleViolation(
            f"{spec.label} must be a web address like https://www.linkedin.com/in/name, "
            f"not {quoted(value)}."
        )
    if len(text) > MAX_LINK_LENGTH:
        raise RuleViolation(f"{spec.label} is longer than {MAX_LINK_LENGTH} characters.")
    return text


def short_link(url: str) -> str:
    """A web address as people say it: without ``https://``, ``www.`` or a closing slash."""
    text = url.split("://", 1)[-1]
    return text.removeprefix("www.").rstrip("/")


_PARSERS = {
    Kind.TEXT: _parse_text,
    Kind.NOTE: _parse_text,
    Kind.CHOICE: _parse_choice,
    Kind.INTEGER: _parse_integer,
    Kind.MONEY: lambda spec, value: parse_money(spec.label, value),
    Kind.DATE: lambda spec, value: parse_date(spec.label, value),
    Kind.FLAG: _parse_flag,
    Kind.LINK: _parse_link,
    Kind.REFERENCE: lambda spec, value: None if value is None else int(value),
}


def _by_name(*specs: FieldSpec) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in specs}


ACCOUNT_FIELDS = _by_name(
    FieldSpec("name", "Name", required=True, max_length=MAX_NAME_LENGTH),
    FieldSpec(
        "aliases",
        "Also known as",
        Kind.NOTE,
        help=f"Former names, trading names and abbreviations. {ALIASES_HINT} (commas belong "
        "to names like 'Nordwind, Inc.'). A contacts file's company matches the account by its "
        "name or any of these.",
    ),
    FieldSpec("industry", "Industry", max_length=MAX_NAME_LENGTH),
    FieldSpec("region", "Region", max_length=MAX_NAME_LENGTH),
    FieldSpec("country", "Country", max_length=MAX_NAME_LENGTH),
    FieldSpec("tier", "Tier", Kind.CHOICE, Tier, required=True),
    FieldSpec("status", "Status", Kind.CHOICE, AccountStatus, required=True),
    FieldSpec("currency", "Currency", required=True, max_length=3),
    FieldSpec("annual_revenue", "Annual revenue with us", Kind.MONEY),
    FieldSpec("potential", "Potential (wallet)", Kind.MONEY),
    FieldSpec("website", "Website", max_length=MAX_NAME_LENGTH),
    FieldSpec("review_cadence_days", "Review cadence (days)", Kind.INTEGER, minimum=1),
    FieldSpec("last_review_on", "Last plan review", Kind.DATE),
    FieldSpec("notes", "Notes", Kind.NOTE),
    FieldSpec("mission", "Mission", Kind.NOTE),
    FieldSpec("vision", "Vision", Kind.NOTE),
    FieldSpec("values", "Values", Kind.NOTE),
    FieldSpec("history", "History", Kind.NOTE),
    FieldSpec("current_objectives", "Current objectives", Kind.NOTE),
    FieldSpec("strategy", "Strategy", Kind.NOTE),
    FieldSpec("resources", "Resources", Kind.NOTE),
    FieldSpec("structures", "Structures", Kind.NOTE),
    FieldSpec("systems", "Systems", Kind.NOTE),
    FieldSpec("skills", "Skills", Kind.NOTE),
    FieldSpec("business_drivers", "Business plans that change their needs", Kind.NOTE),
    FieldSpec("cost_quality_issues", "Cost and quality issues", Kind.NOTE),
    FieldSpec("value_proposition", "Our value proposition", Kind.NOTE),
)

STAKEHOLDER_FIELDS = _by_name(
    FieldSpec("full_name", "Name", required=True, max_length=MAX_NAME_LENGTH),
    FieldSpec("job_title", "Job title", max_length=MAX_NAME_LENGTH),
    FieldSpec("department", "Department", max_length=MAX_NAME_LENGTH),
    FieldSpec("level", "Level", Kind.CHOICE, Level),
    FieldSpec("location", "Location", max_length=MAX_NAME_LENGTH),
    FieldSpec("email", "E-mail", max_length=MAX_NAME_LENGTH),
    FieldSpec("phone", "Phone", max_length=60),
    FieldSpec(
        "profile_url",
        "Profile URL",
        Kind.LINK,
        help="Their public profile, e.g. https://www.linkedin.com/in/name",
    ),
    FieldSpec("reports_to_id", "Reports to", Kind.REFERENCE),
    FieldSpec("buying_role", "Buying role", Kind.CHOICE, BuyingRole, required=True),
    FieldSpec("influence", "Influence", Kind.CHOICE, Influence),
    FieldSpec("stance", "Stance", Kind.CHOICE, Stance, required=True),
    FieldSpec(
        "interest",
        "Interest in what we do",
        Kind.CHOICE,
        Interest,
        help="How much they care about what we do: with influence, the power / interest grid",
    ),
    FieldSpec("strength", "Relationship", Kind.CHOICE, Strength, required=True),
    FieldSpec("contact_frequency_days", "Contact every (days)", Kind.INTEGER, minimum=1),
    FieldSpec("preferred_channel", "Preferred channel", Kind.CHOICE, Channel),
    FieldSpec("preferred_team_member_id", "Prefers to deal with", Kind.REFERENCE),
    FieldSpec("personality_notes", "Personality and communication", Kind.NOTE),
    FieldSpec("personal_interests", "Personal interests", Kind.NOTE),
    FieldSpec("major_challenge", "Major challenge now", Kind.NOTE),
    FieldSpec("priorities", "Priorities", Kind.NOTE),
    FieldSpec("has_left", "Has left the company", Kind.FLAG),
)


# What we know of the customer's business, in the groups a director thinks in.
BUSINESS_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Who they are", ("mission", "vision", "values", "history")),
    ("Where they are going", ("current_objectives", "strategy", "business_drivers")),
    ("What they work with", ("resources", "structures", "systems", "skills")),
    ("Where it hurts", ("cost_quality_issues",)),
)
