"""An account's dashboard tally as plain JSON and back, exactly (for the kept tallies).

The kept tallies (``kept_tallies``) live in a table of a server other people write to, so a
tally is stored as plain typed data that only ever becomes the values it names: numbers,
strings, dates as ISO text, the vocabulary's enums by value. Never pickle: reading a pickle
runs whatever it names. A document of another ``VERSION`` (an older or newer app) or of the
wrong shape is no tally: ``decode`` raises ``ValueError`` and the account is counted again.

The recent window's meetings, the bulk of a tally (one entry per person met), are three
parallel arrays of integers, which ``json`` reads at C speed.
"""

from __future__ import annotations

import json
from datetime import date
from types import MappingProxyType
from typing import Any

from keyplan.domain.insights.concentration import ContactSpread
from keyplan.domain.insights.facts import CommitmentFacts
from keyplan.domain.insights.health import FindingKind, HealthFinding
from keyplan.domain.insights.tally import (
    AccountTally,
    FindingTally,
    PeopleCell,
    tally_concentration,
)
from keyplan.domain.vocabulary import CommitmentStatus, Level

__all__ = ["VERSION", "decode", "encode"]

#: Bump whenever the shape of a tally or of this encoding changes: older rows are ignored.
VERSION = 1

# The vocabulary by value: a dictionary's lookup, where calling the enum costs ten times more
# (a tally has a few dozen of them, a whole team some 30,000).
_LEVELS = {level.value: level for level in Level}
_STATUSES = {status.value: status for status in CommitmentStatus}
_KINDS = {kind.value: kind for kind in FindingKind}


def encode(tally: AccountTally) -> str:
    """The tally as a JSON document.

    Of the names of the people met, only the best-served person's is kept: the one name the
    dashboard reads (``tally_concentration``), and the same person for the same meetings.
    """
    spread = tally.recent_contact
    keys = list(spread.meetings)
    top = tally_concentration(tally).top_person_id
    name = None if top is None else tally.names.get(top)
    names = {} if name is None else {str(top): name}
    return json.dumps(
        {
            "v": VERSION,
            "id": tally.id,
            "name": tally.name,
            "cadence": tally.review_cadence_days,
            "reviewed": _day(tally.last_review_on),
            "cells": [
                [c.department, None if c.level is None else c.level.value, c.known, c.engaged,
                 c.first_id]
                for c in tally.cells
            ],
            "window": [
                spread.interactions,
                [pid for pid, _size in keys],
                [size for _pid, size in keys],
                list(spread.meetings.values()),
            ],
            "names": names,
            "team": sorted(tally.team_member_ids),
            "findings": _findings(tally.findings),
            "commitments": [_commitment(c) for c in tally.commitments],
            "offerings": list(tally.offerings_discussed),
            "departments": list(tally.opportunity_departments),
            "months": list(tally.interactions_by_month),
            "last": _day(tally.last_interaction_on),
            "seats": list(tally.vacant_seats),
            "assigned": [list(pair) for pair in tally.assigned_team],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )  # fmt: skip


def decode(document: str | bytes | dict[str, Any]) -> AccountTally:
    """The tally a document of this ``VERSION`` holds; ``ValueError`` for anything else."""
    data = json.loads(document) if isinstance(document, str | bytes) else document
    try:
        if data["v"] != VERSION:
            raise ValueError(f"a kept tally of version {data['v']!r}")
        interactions, people, sizes, counts = data["window"]
        return AccountTally(
            id=_int(data["id"]),
            name=_str(data["name"]),
            review_cadence_days=_optional_int(data["cadence"]),
            last_review_on=_date(data["reviewed"]),
            cells=tuple(
                PeopleCell(None if d is None else _str(d), None if lv is None else _LEVELS[lv],
                           _int(k), _int(e), _int(f))
                for d, lv, k, e, f in data["cells"]
            ),
            recent_contact=ContactSpread(
                _int(interactions), dict(zip(zip(people, sizes, strict=True), counts, strict=True))
            ),
            names=MappingProxyType({int(pid): _str(n) for pid, n in data["names"].items()}),
            team_member_ids=frozenset(map(_int, data["team"])),
            findings=_finding_tally(data["findings"]),
            commitments=tuple(_commitment_of(c) for c in data["commitments"]),
            offerings_discussed=tuple(map(_str, data["offerings"])),
            opportunity_departments=tuple(map(_str, data["departments"])),
            interactions_by_month=tuple(map(_int, data["months"])),
            last_interaction_on=_date(data["last"]),
            vacant_seats=tuple(map(_str, data["seats"])),
            assigned_team=tuple((_int(i), _str(n)) for i, n in data["assigned"]),
        )  # fmt: skip
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise ValueError(f"not a kept tally: {error!r}") from error


def _findings(found: FindingTally) -> dict[str, Any]:
    return {
        "key": found.key_people,
        "deciders": found.decision_makers,
        "warm": found.warm_people,
        "blockers": found.blockers,
        "counts": {kind.value: n for kind, n in found.counts.items()},
        "uncovered": found.uncovered_decision_makers,
        "key_blockers": found.key_blockers,
        "singles": {kind.value: _finding(f) for kind, f in found.singles.items()},
    }


def _finding_tally(data: dict[str, Any]) -> FindingTally:
    return FindingTally(
        key_people=_int(data["key"]),
        decision_makers=_int(data["deciders"]),
        warm_people=_int(data["warm"]),
        blockers=_int(data["blockers"]),
        counts=MappingProxyType({_KINDS[k]: _int(n) for k, n in data["counts"].items()}),
        uncovered_decision_makers=_int(data["uncovered"]),
        key_blockers=_int(data["key_blockers"]),
        singles=MappingProxyType({_KINDS[k]: _finding_of(f) for k, f in data["singles"].items()}),
    )


def _finding(finding: HealthFinding) -> list[Any]:
    return [finding.kind.value, finding.person_id, finding.reason, finding.days_since_contact,
            finding.days_overdue, finding.who]  # fmt: skip


def _finding_of(data: list[Any]) -> HealthFinding:
    kind, person_id, reason, since, overdue, who = data
    return HealthFinding(_KINDS[kind], _int(person_id), _str(reason),
                         _optional_int(since), _optional_int(overdue), _str(who))  # fmt: skip


def _commitment(c: CommitmentFacts) -> list[Any]:
    return [c.id, c.promise, c.status.value, c.to_person_id, c.by_team_member_id,
            _day(c.made_on), _day(c.due_on), _day(c.delivered_on)]  # fmt: skip


def _commitment_of(data: list[Any]) -> CommitmentFacts:
    id_, promise, status, to_id, by_id, made, due, delivered = data
    return CommitmentFacts(_int(id_), _str(promise), _STATUSES[status],
                           _optional_int(to_id), _optional_int(by_id), _date(made), _date(due),
                           _date(delivered))  # fmt: skip


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(_str(text))


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError(f"not an integer: {value!r}")
    return value


def _optional_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _str(value: Any) -> str:
    if type(value) is not str:
        raise ValueError(f"not a string: {value!r}")
    return value
