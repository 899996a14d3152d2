"""The hand-shaped demo portfolio: five customers, one of them an umbrella with affiliates.

Everything is fictional and deterministic (one seeded random generator); dates are relative to
``today`` so the demo never goes stale. The data itself lives in the sibling modules; this one
turns it into rows.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from keyplan.domain.vocabulary import Level
from keyplan.store.database import Database
from keyplan.store.demo import accounts, aldermark, customers, matrix, stories
from keyplan.store.demo import evidence as demo_evidence
from keyplan.store.demo.history import add_demo_history, add_demo_line_and_account_history
from keyplan.store.demo.interest import demo_buying_role, demo_interest
from keyplan.store.demo.names import COUNTRY_BY_NAME, email_address, phone_number
from keyplan.store.demo.plan_rows import DemoPlanRows
from keyplan.store.demo.roster import PersonSpec, parse_people
from keyplan.store.demo.rows import WRITE_ORDER, RowBatch, require_empty
from keyplan.store.history.marks import not_recorded
from keyplan.store.id_sequences import move_id_sequences_past_rows
from keyplan.store.models import (
    Account,
    Evidence,
    InfluenceLine,
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Offering,
    RelationshipOwner,
    Stakeholder,
    TeamMember,
)

DEMO_SEED = 7

# How often we met someone in the past year, by relationship strength: the friendly few get
# most of the attention (the "ruts" the insights look for); strangers get none.
_CONTACTS_BY_STRENGTH = {4: 20, 3: 6, 2: 2, 1: 1, 0: 0}
# Days ago the meetings fall in, by strength: weak relationships were last touched long ago.
_DAYS_AGO_BY_STRENGTH = {4: (1, 365), 3: (1, 365), 2: (30, 365), 1: (120, 330), 0: (1, 365)}
# Channel and contact rhythm when a person's notes say nothing: seniors prefer to be met.
# Nobody agreed a rhythm with people we hardly know (strength below 2): theirs stays empty.
_RHYTHM_BY_LEVEL = {
    Level.C_LEVEL.value: ("in_person", 90),
    Level.VP.value: ("video", 60),
    Level.DIRECTOR.value: ("video", 60),
    Level.MANAGER.value: ("email", 90),
    Level.INDIVIDUAL.value: ("email", 90),
}
_CHANNELS = ("in_person", "video", "phone", "email")


def create_demo_portfolio(db: Database, today: date | None = None) -> None:
    """Fill an empty database with the demo portfolio.

    Args:
        db: an open, empty Keyplan database.
        today: the day the demo's dates are relative to; defaults to the real today.

    Raises:
        RuleViolation: the database already holds accounts.
    """
    today = today or date.today()
    # The demo logs its own, dated year of history (store/demo/history.py), not today's inserts.
    with not_recorded(), db.transaction() as session:
        require_empty(session)
        batch = RowBatch(session)
        builder = _DemoBuilder(batch, random.Random(DEMO_SEED), today)
        builder.build()
        batch.write()
        move_id_sequences_past_rows(session, [model.__table__ for model in WRITE_ORDER])
        accounts = {builder.person_ids[k]: r["account_id"] for k, r in builder.person_rows.items()}
        add_demo_history(session, builder.person_ids, builder.team_ids, accounts, today)
        add_demo_line_and_account_history(
            session, builder.line_ids, builder.account_ids, accounts, builder.person_ids, today
        )


class _DemoBuilder:
    """Turns the demo tables into rows, keeping the ids of what later rows refer to."""

    def __init__(self, batch: RowBatch, rng: random.Random, today: date) -> None:
        self.batch, self.rng, self.today = batch, rng, today
        self.account_ids: dict[str, int] = {}
        self.account_info: dict[str, dict[str, Any]] = {}
        self.team_ids: dict[str, int] = {}
        self.offering_ids: dict[str, int] = {}
        self.person_ids: dict[str, int] = {}
        self.person_specs: dict[str, PersonSpec] = {}
        self.person_account: dict[str, str] = {}
        self.person_rows: dict[str, dict[str, Any]] = {}
        self.line_ids: dict[tuple[str, str], int] = {}  # (from, to) person keys -> line id
        self.owners: dict[str, list[str]] = {}
        self.meetings: dict[tuple[int, str], int] = {}  # (day offset, person key) -> id

    def build(self) -> None:
        self._add_offerings()
        self._add_accounts()
        self._add_team()
        self._add_people()
        matrix.add_org_changes(
            self.batch,
            self.person_ids,
            self.person_rows,
            self.account_ids,
            lambda key: next(a["name"] for a in accounts.ACCOUNTS if a["key"] == key),
        )
        self._add_influence_lines()
        self._add_owners()
        self._add_scripted_interactions()
        self._add_routine_interactions()
        self._add_evidence()
        DemoPlanRows(
            self.batch,
            self.day,
            account_ids=self.account_ids,
            currencies={key: info["currency"] for key, info in self.account_info.items()},
            team_ids=self.team_ids,
            offering_ids=self.offering_ids,
            person_ids=self.person_ids,
        ).add_all()

    def day(self, offset: int | None) -> date | None:
        """The date ``offset`` days from today (negative: in the past)."""
        return None if offset is None else self.today + timedelta(days=offset)

    # ---- our side and the accounts ---------------------------------------------------------

    def _add_offerings(self) -> None:
        for key, name, description in stories.OFFERINGS:
            self.offering_ids[key] = self.batch.add(Offering, name=name, description=description)

    def _add_accounts(self) -> None:
        for spec in accounts.ACCOUNTS:
            fields = dict(spec)
            key, parent = fields.pop("key"), fields.pop("parent")
            info = {name: fields.pop(name) for name in ("city", "domain")}
            info["country"] = COUNTRY_BY_NAME[fields["country"]]
            info["currency"] = fields["currency"]
            days_ago = fields.pop("review_days_ago")
            fields["last_review_on"] = None if days_ago is None else self.day(-days_ago)
            parent_id = self.account_ids[parent] if parent else None
            self.account_ids[key] = self.batch.add(Account, parent_id=parent_id, **fields)
            self.account_info[key] = info

    def _add_team(self) -> None:
        for key, name, role, account, email in stories.TEAM:
            account_id = self.account_ids[account] if account else None
            self.team_ids[key] = self.batch.add(
                TeamMember, name=name, role=role, email=email, account_id=account_id
            )

    # ---- people ----------------------------------------------------------------------------

    def _add_people(self) -> None:
        tables = {**aldermark.PEOPLE, **customers.PEOPLE}
        notes = {**aldermark.NOTES, **customers.NOTES}
        for account_key, table in tables.items():
            for spec in parse_people(table):
                if spec.key in self.person_ids:
                    raise ValueError(f"Demo person key {spec.key!r} is used twice.")
                row = self._person_row(account_key, spec, notes.get(spec.key, {}))
                self.person_ids[spec.key] = self.batch.add_row(Stakeholder, row)
                self.person_specs[spec.key] = spec
                self.person_account[spec.key] = account_key
                self.person_rows[spec.key] = row
        # Managers are linked once everyone has an id: lines may point across affiliates.
        for key, spec in self.person_specs.items():
            if spec.manager is not None:
                self.person_rows[key]["reports_to_id"] = self.person_ids[spec.manager]

    def _person_row(self, account_key: str, spec: PersonSpec, note: dict) -> dict[str, Any]:
        info = self.account_info[account_key]
        country = info["country"]
        channel, rhythm = _RHYTHM_BY_LEVEL[spec.level]
        every = rhythm if spec.strength >= 2 else None
        prefers = note.get("prefers")
        return dict(
            account_id=self.account_ids[account_key],
            full_name=spec.name,
            job_title=spec.title,
            department=spec.department,
            level=spec.level,
            location=f"{info['city']}, {country.name}",
            email=note.get("email") or email_address(spec.name, info["domain"]),
            phone=phone_number(self.rng, country),
            reports_to_id=None,
            buying_role=demo_buying_role(spec.key, spec.buying_role),
            influence=spec.influence,
            interest=demo_interest(
                spec.key, demo_buying_role(spec.key, spec.buying_role), spec.stance
            ),
            stance=spec.stance,
            strength=spec.strength,
            contact_frequency_days=note.get("every", every),
            preferred_channel=note.get("channel", channel),
            preferred_team_member_id=self.team_ids[prefers] if prefers else None,
            personality_notes=note.get("personality"),
            personal_interests=note.get("interests"),
            major_challenge=note.get("challenge"),
            priorities=note.get("priorities"),
            has_left="left" in note,
        )

    def _add_influence_lines(self) -> None:
        for source, target, kind, strength, note in _chain(
            aldermark.INFLUENCE_LINES, customers.INFLUENCE_LINES
        ):
            self.line_ids[source, target] = self.batch.add(
                InfluenceLine,
                from_stakeholder_id=self.person_ids[source],
                to_stakeholder_id=self.person_ids[target],
                kind=kind,
                strength=strength,
                note=note,
            )

    def _add_owners(self) -> None:
        for person, member, rule in _chain(aldermark.OWNERS, customers.OWNERS):
            self.owners.setdefault(person, []).append(member)
            self.batch.add(
                RelationshipOwner,
                stakeholder_id=self.person_ids[person],
                team_member_id=self.team_ids[member],
                rule=rule,
            )

    # ---- a year of interactions ------------------------------------------------------------

    def _add_evidence(self) -> None:
        for (
            person,
            rating,
            rated_as,
            days_ago,
            observed,
            member,
            source,
            sure,
        ) in demo_evidence.EVIDENCE:
            meeting = self.meetings.get((-days_ago, person)) if source == "meeting" else None
            self.batch.add(
                Evidence,
                stakeholder_id=self.person_ids[person],
                rating=rating,
                rated_as=rated_as,
                observed=observed,
                observed_on=self.day(-days_ago),
                team_member_id=self.team_ids[member],
                source=source,
                interaction_id=meeting,
                confidence=sure,
            )

    def _add_scripted_interactions(self) -> None:
        for days_ago, channel, people, team, summary, next_step in stories.SCRIPTED_INTERACTIONS:
            self._add_interaction(-days_ago, channel, people, team, summary, next_step)

    def _add_routine_interactions(self) -> None:
        notes = {**aldermark.NOTES, **customers.NOTES}
        for key, spec in self.person_specs.items():
            left = notes.get(key, {}).get("left")
            low, high = _DAYS_AGO_BY_STRENGTH[spec.strength]
            if left is not None:  # only meetings from before they left
                low = max(low, left + 5)
            for _ in range(_CONTACTS_BY_STRENGTH[spec.strength]):
                days_ago = self.rng.randint(low, high)
                if spec.strength == 4:  # the favourites: more often the closer to today
                    days_ago = low + int((high - low) * self.rng.random() ** 1.5)
                self._add_routine_interaction(key, spec, days_ago)

    def _add_routine_interaction(self, key: str, spec: PersonSpec, days_ago: int) -> None:
        people = [key]
        colleague = self._colleague_of(key, spec)
        if colleague is not None and self.rng.random() < 0.2:
            people.append(colleague)
        summary, next_step = self.rng.choice(
            stories.TOPICS.get(spec.department, (stories.DEFAULT_TOPIC,))
        )
        first = _first_name(spec.name)
        channel = self.person_rows[key]["preferred_channel"]
        if self.rng.random() < 0.4:
            channel = self.rng.choice(_CHANNELS)
        self._add_interaction(
            -days_ago,
            channel,
            people,
            self._team_for(key, spec),
            summary.format(first=first),
            next_step,
        )

    def _colleague_of(self, key: str, spec: PersonSpec) -> str | None:
        account = self.person_account[key]
        candidates = [
            other
            for other, other_spec in self.person_specs.items()
            if other != key
            and self.person_account[other] == account
            and other_spec.department == spec.department
            and other_spec.strength >= 1
            and not self.person_rows[other]["has_left"]
        ]
        return self.rng.choice(candidates) if candidates else None

    def _team_for(self, key: str, spec: PersonSpec) -> list[str]:
        team: list[str] = []
        owners = self.owners.get(key, [])
        if owners and self.rng.random() < 0.85:
            team.append(owners[0])
        if "you" not in team and (not team or self.rng.random() < 0.6):
            team.append("you")
        if spec.department == "IT" and self.rng.random() < 0.2 and "architect" not in team:
            team.append("architect")
        return team

    def _add_interaction(
        self,
        offset: int,
        channel: str,
        people: Iterable[str],
        team: Iterable[str],
        summary: str,
        next_step: str | None,
    ) -> None:
        people = list(dict.fromkeys(people))
        interaction_id = self.batch.add(
            Interaction,
            account_id=self.account_ids[self.person_account[people[0]]],
            occurred_on=self.day(offset),
            channel=channel,
            summary=summary,
            next_step=next_step,
        )
        for key in people:
            self.meetings.setdefault((offset, key), interaction_id)
            self.batch.add(
                InteractionStakeholder,
                interaction_id=interaction_id,
                stakeholder_id=self.person_ids[key],
            )
        for member in dict.fromkeys(team):
            self.batch.add(
                InteractionTeamMember,
                interaction_id=interaction_id,
                team_member_id=self.team_ids[member],
            )


def _chain(*groups: Iterable[tuple]) -> Iterable[tuple]:
    for group in groups:
        yield from group


def _first_name(full_name: str) -> str:
    words = [word for word in full_name.split() if word not in {"Dr.", "Dr"}]
    return words[0] if words else full_name
