"""An import's preview in words: the summaries, and what happens to each row.

The command line prints ``preview_lines``; the wizard shows ``row_details`` in its table and
the summaries above it. Nothing is decided here: ``import_plan.py`` has done that.
"""

from __future__ import annotations

from collections import Counter

from keyplan.domain.vocabulary import Level
from keyplan.exchange.transfer.import_plan import (
    Action,
    ImportPlan,
    PlannedRow,
    count_of,
    departments_of,
    is_empty,
)

_COMPANIES_SHOWN = 10

NEW_PEOPLE_LISTED = 50  # a long file's new people are cut here, with "and N more"
_DEPARTMENTS_SHOWN = 12


def update_summary(plan: ImportPlan) -> str:
    """What the updates do to the people already there, or "" when there is nothing to say.

    "Updates fill 3 empty fields; 5 values in the file differ from yours and are kept."
    (With ``overwrite``: "Updates fill 3 empty fields; updates overwrite 5 values of yours.")
    """
    fills, overwrites, kept = plan.fill_count, plan.overwrite_count, plan.kept_count
    parts = []
    if fills:
        parts.append(f"updates fill {count_of(fills, 'empty field')}")
    if overwrites:
        parts.append(f"updates overwrite {count_of(overwrites, 'value')} of yours")
    if kept:
        differ, are = ("differs", "is") if kept == 1 else ("differ", "are")
        parts.append(f"{count_of(kept, 'value')} in the file {differ} from yours and {are} kept")
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def placement_lines(
    plan: ImportPlan, *, all_companies_option: str = "--all-companies"
) -> list[str]:
    """Where the rows go when the file names companies: per account, and the ones left out.

    "Into Nordvik Logistics: 3 new people, 1 update." per account, and "Other companies, not
    imported (--all-companies takes them): 12 rows of 5 companies: Acme (4), …".
    """
    lines = [plan.routing_note] if plan.routing_note else []
    per_account = plan.per_account()
    if plan.target.portfolio or len(per_account) > 1:
        for name in sorted(per_account, key=str.casefold):
            new, updates = per_account[name]
            parts = [_people(new)] if new else []
            parts += [count_of(updates, "update")] if updates else []
            lines.append(f"Into {name}: {', '.join(parts)}.")
    others = plan.other_companies()
    if others:
        ranked = sorted(others.items(), key=lambda item: (-item[1], item[0].casefold()))
        shown = ", ".join(f"{name} ({count})" for name, count in ranked[:_COMPANIES_SHOWN])
        if len(ranked) > _COMPANIES_SHOWN:
            shown += f" and {len(ranked) - _COMPANIES_SHOWN} more"
        if plan.target.portfolio:
            head = "Companies that are none of your accounts, not imported"
        else:
            head = f"Other companies, not imported ({all_companies_option} takes them)"
        companies = "1 company" if len(ranked) == 1 else f"{len(ranked)} companies"
        rows = count_of(sum(others.values()), "row")
        lines.append(f"{head}: {rows} of {companies}: {shown}.")
    return lines


def _people(count: int) -> str:
    return f"{count} new {'person' if count == 1 else 'people'}"


def departments_summary(plan: ImportPlan) -> str:
    """ "Departments new to Acme: Finanzen, Einkauf (it has Executive, Finance)." or ""."""
    new = plan.new_departments()
    if not new:
        return ""
    known = sorted(set(departments_of(plan.target)), key=str.casefold)
    shown = ", ".join(known[:_DEPARTMENTS_SHOWN])
    if len(known) > _DEPARTMENTS_SHOWN:
        shown += f" and {len(known) - _DEPARTMENTS_SHOWN} more"
    noun = "Department" if len(new) == 1 else "Departments"
    return f"{noun} new to {plan.target.account_name}: {', '.join(new)} (it has {shown})."


def levels_summary(plan: ImportPlan) -> str:
    """ "Levels guessed from job titles for 7 new people: 2 C-level, 5 Manager." or ""."""
    guessed = Counter(
        str(row.values["level"]) for row in plan.rows if row.written and row.level_guessed
    )
    if not guessed:
        return ""
    order = {level.value: level.rank for level in Level}
    parts = [
        f"{count} {Level(value).label}"
        for value, count in sorted(guessed.items(), key=lambda item: order[item[0]])
    ]
    people = count_of(sum(guessed.values()), "new person")
    return f"Levels guessed from job titles for {people}: {', '.join(parts)}."


def row_details(row: PlannedRow) -> str:
    """What happens to a row, in a few words: the reason, the changes, the notes."""
    parts: list[str] = []
    if row.action is Action.SKIP:
        parts.append(row.reason)
    elif not row.included:
        parts.append("left out by you")
    if row.action is Action.UPDATE:
        parts.append(row.reason)
    parts.extend(_changes_text(row))
    parts.extend(row.notes)
    return "; ".join(part for part in parts if part)


def _changes_text(row: PlannedRow) -> list[str]:
    """ "fills 1: phone '…'", "overwrites 1: department 'A' → 'B'", "2 differ, yours kept: …"."""
    fills = [(name, new) for name, (old, new) in row.changes.items() if is_empty(old)]
    replaced = [(name, old, new) for name, (old, new) in row.changes.items() if not is_empty(old)]
    parts = []
    if fills:
        shown = ", ".join(f"{_label(name)} '{new}'" for name, new in fills)
        parts.append(f"fills {len(fills)}: {shown}")
    if replaced:
        shown = ", ".join(f"{_label(name)} '{old}' → '{new}'" for name, old, new in replaced)
        parts.append(f"overwrites {len(replaced)}: {shown}")
    if row.kept:
        shown = ", ".join(
            f"{_label(name)} '{old}' (file: '{new}')" for name, (old, new) in row.kept.items()
        )
        differ = "differs" if len(row.kept) == 1 else "differ"
        parts.append(f"{len(row.kept)} {differ}, yours kept: {shown}")
    return parts


def _label(name: str) -> str:
    from keyplan.domain.fields import STAKEHOLDER_FIELDS

    label = STAKEHOLDER_FIELDS[name].label
    # "Job title" → "job title", but "Profile URL" → "profile URL": acronyms keep their case.
    return " ".join(word if word.isupper() else word.lower() for word in label.split())


def preview_lines(plan: ImportPlan, *, overwrite_option: str = "--overwrite") -> list[str]:
    """The summaries, then one line per row: every skip, update and note, new people by name.

    New people without a note are listed up to ``NEW_PEOPLE_LISTED``, then counted.
    ``overwrite_option`` is how the hint names the way to take the file's differing values.
    """
    lines = [plan.summary()]
    updates = update_summary(plan)
    if updates:
        hint = f" ({overwrite_option} takes the file's)" if plan.kept_count else ""
        lines.append(updates[:-1] + hint + ".")
    lines += [text for text in (departments_summary(plan), levels_summary(plan)) if text]
    lines.extend(placement_lines(plan))
    unlisted = 0
    for row in plan.rows:
        if row.other_company:
            continue  # counted per company above: a LinkedIn file has thousands
        word = {"new": "new", "update": "update", "skip": "skipped"}[row.action.value]
        if not row.included:
            word = "skipped"
        who = f" {row.name}" if row.name else ""
        details = row_details(row)
        if word == "new" and not details:
            unlisted += 1
            if unlisted > NEW_PEOPLE_LISTED:
                continue
        lines.append(f"  {row.where}{who}: {word}" + (f" — {details}" if details else ""))
    if unlisted > NEW_PEOPLE_LISTED:
        more = unlisted - NEW_PEOPLE_LISTED
        lines.append(f"  … and {more:,} more new {'person' if more == 1 else 'people'}")
    return lines
