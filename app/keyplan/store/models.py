"""The tables of a Keyplan database, as typed SQLAlchemy 2.0 models.

Enum columns store the vocabulary's ``value`` strings (see ``domain/vocabulary.py``) in plain
VARCHAR columns, so the file reads well in other SQLite tools and new words need no migration.
Every table has an integer ``id``, ``created_at`` and ``updated_at``, and (for team mode) a
``version`` counter and ``updated_by``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    literal_column,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from keyplan.domain.fields import MAX_LINK_LENGTH
from keyplan.domain.plan_vocabulary import OpportunityStatus, RiskStatus
from keyplan.domain.vocabulary import CommitmentStatus

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine.default import DefaultExecutionContext

#: Where a connection keeps the name of the user whose changes it writes (``updated_by``).
USER_INFO_KEY = "keyplan_user"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {str: String(200), datetime: DateTime(), date: Date()}

    if TYPE_CHECKING:
        # For the type checker only: every model is Timestamped and names its __tablename__,
        # so code that takes any model (``type[Base]``) may read its id, version and Table.
        # DeclarativeBase types __table__ as any FromClause, as a class may map a join.
        __table__: ClassVar[Table]
        id: Mapped[int]
        version: Mapped[int]


def current_user(context: DefaultExecutionContext) -> str | None:
    """Who makes this change: the name the opened ``Database`` gave its connections."""
    return context.connection.info.get(USER_INFO_KEY)


class Timestamped:
    """Columns every table carries: who cares when a row came and last changed, and who."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        default=utc_now, onupdate=utc_now, server_default=func.now()
    )
    # Team mode (revision 0002): the ORM puts "AND version = <the version read>" on every
    # UPDATE and counts up, so a save based on an old read fails instead of overwriting a
    # teammate's change. Core UPDATEs (which bypass the ORM) count up through ``onupdate``.
    version: Mapped[int] = mapped_column(
        default=1, server_default="1", onupdate=literal_column("version") + 1
    )
    updated_by: Mapped[str | None] = mapped_column(
        String(100), default=current_user, onupdate=current_user
    )

    # ``cls: type[Base]``: the mixin only ever runs inside a model, which has a __table__.
    @declared_attr.directive
    def __mapper_args__(cls: type[Base]) -> dict[str, Any]:  # noqa: N805 (a class attribute)
        return {"version_id_col": cls.__table__.c.version}


def _account_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)


def _stakeholder_fk(nullable: bool = True, ondelete: str = "SET NULL") -> Mapped[int | None]:
    return mapped_column(
        ForeignKey("stakeholders.id", ondelete=ondelete), index=True, nullable=nullable
    )


def _team_member_fk() -> Mapped[int | None]:
    return mapped_column(ForeignKey("team_members.id", ondelete="SET NULL"), index=True)


class Account(Timestamped, Base):
    __tablename__ = "accounts"

    name: Mapped[str]
    # Former names, trading names, abbreviations (revision 0003): what a contacts file's
    # company column may say instead of the name. See ``domain/account_names.py``.
    aliases: Mapped[str | None] = mapped_column(Text)
    # No ON DELETE action: an umbrella with affiliates cannot be deleted by accident.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    industry: Mapped[str | None]
    region: Mapped[str | None]
    country: Mapped[str | None]
    tier: Mapped[str] = mapped_column(String(20), default="key")
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    annual_revenue: Mapped[float | None] = mapped_column(Float)
    potential: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20), default="active")
    website: Mapped[str | None]
    notes: Mapped[str | None] = mapped_column(Text)
    # The plan's narrative: what we know of the customer's business.
    mission: Mapped[str | None] = mapped_column(Text)
    vision: Mapped[str | None] = mapped_column(Text)
    values: Mapped[str | None] = mapped_column(Text)
    history: Mapped[str | None] = mapped_column(Text)
    current_objectives: Mapped[str | None] = mapped_column(Text)
    strategy: Mapped[str | None] = mapped_column(Text)
    resources: Mapped[str | None] = mapped_column(Text)
    structures: Mapped[str | None] = mapped_column(Text)
    systems: Mapped[str | None] = mapped_column(Text)
    skills: Mapped[str | None] = mapped_column(Text)
    business_drivers: Mapped[str | None] = mapped_column(Text)
    cost_quality_issues: Mapped[str | None] = mapped_column(Text)
    value_proposition: Mapped[str | None] = mapped_column(Text)
    review_cadence_days: Mapped[int | None]
    last_review_on: Mapped[date | None]


class Stakeholder(Timestamped, Base):
    """A person at the customer."""

    __tablename__ = "stakeholders"
    __table_args__ = (
        CheckConstraint("reports_to_id IS NULL OR reports_to_id <> id", name="not_own_manager"),
        CheckConstraint("strength BETWEEN 0 AND 4", name="strength_range"),
        # Every column the dashboard's people count reads, in its grouping order: that count
        # reads this index alone (migration 0011_dashboard_indexes).
        Index(
            "ix_stakeholders_dashboard_counts",
            "account_id",
            "department",
            "level",
            "has_left",
            "is_vacancy",
            "strength",
            "buying_role",
            "influence",
            "contact_frequency_days",
            "stance",
        ),
    )

    account_id: Mapped[int] = _account_fk()
    full_name: Mapped[str]
    job_title: Mapped[str | None]
    department: Mapped[str | None] = mapped_column(String(200), index=True)
    level: Mapped[str | None] = mapped_column(String(20))
    location: Mapped[str | None]
    email: Mapped[str | None] = mapped_column(String(200), index=True)
    phone: Mapped[str | None] = mapped_column(String(60))
    # A public profile (LinkedIn, revision 0003): it names the person across files and jobs.
    profile_url: Mapped[str | None] = mapped_column(String(MAX_LINK_LENGTH))
    reports_to_id: Mapped[int | None] = _stakeholder_fk()
    buying_role: Mapped[str] = mapped_column(String(30), default="none")
    influence: Mapped[str | None] = mapped_column(String(10))
    # Their interest in what we do (revision 0008): with influence, the power / interest grid.
    interest: Mapped[str | None] = mapped_column(String(10))
    stance: Mapped[str] = mapped_column(String(20), default="unknown")
    strength: Mapped[int] = mapped_column(default=0)
    contact_frequency_days: Mapped[int | None]
    preferred_channel: Mapped[str | None] = mapped_column(String(20))
    preferred_team_member_id: Mapped[int | None] = _team_member_fk()
    personality_notes: Mapped[str | None] = mapped_column(Text)
    personal_interests: Mapped[str | None] = mapped_column(Text)
    major_challenge: Mapped[str | None] = mapped_column(Text)
    priorities: Mapped[str | None] = mapped_column(Text)
    has_left: Mapped[bool] = mapped_column(default=False)
    # Open positions and people who move (revision 0009). A vacancy is a seat on the map
    # without a person: its title, manager and reports are the seat's; ``vacancy_note`` says
    # when a hire is expected. Counts of people leave vacancies out (``domain/positions.py``).
    is_vacancy: Mapped[bool] = mapped_column(default=False, server_default=false())
    vacancy_note: Mapped[str | None] = mapped_column(Text)
    # Where a person who left went: free text, or the name of another account of ours.
    left_for: Mapped[str | None]
    # The record this person had at another account before they moved here ("was our
    # champion at Aldermark"). No database constraint (see revision 0009): a link to a record
    # since deleted leads nowhere. ``refers_to`` lets the JSON exchange renumber it.
    previous_record_id: Mapped[int | None] = mapped_column(
        Integer, index=True, info={"refers_to": "stakeholders"}
    )
    map_x: Mapped[float | None] = mapped_column(Float)
    map_y: Mapped[float | None] = mapped_column(Float)


class InfluenceLine(Timestamped, Base):
    """An informal line: who influences, allies with or opposes whom."""

    __tablename__ = "influence_lines"
    __table_args__ = (
        CheckConstraint("from_stakeholder_id <> to_stakeholder_id", name="not_to_self"),
        CheckConstraint("strength BETWEEN 1 AND 3", name="strength_range"),
    )

    from_stakeholder_id: Mapped[int] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="CASCADE"), index=True
    )
    to_stakeholder_id: Mapped[int] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="influences")
    strength: Mapped[int] = mapped_column(default=2)
    note: Mapped[str | None] = mapped_column(Text)


class DottedLine(Timestamped, Base):
    """A secondary (dotted-line, matrix) manager of a person: drawn, never laid out."""

    __tablename__ = "dotted_lines"
    __table_args__ = (
        UniqueConstraint("stakeholder_id", "manager_id"),
        CheckConstraint("stakeholder_id <> manager_id", name="not_own_manager"),
    )

    stakeholder_id: Mapped[int] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="CASCADE"), index=True
    )
    manager_id: Mapped[int] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="CASCADE"), index=True
    )


class TeamMember(Timestamped, Base):
    """Someone on our side who works the accounts."""

    __tablename__ = "team_members"

    name: Mapped[str]
    role: Mapped[str] = mapped_column(String(30), default="specialist")
    email: Mapped[str | None]
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )


class RelationshipOwner(Timestamped, Base):
    """Which team member owns the relationship with a person, and who else may call them."""

    __tablename__ = "relationship_owners"
    __table_args__ = (UniqueConstraint("stakeholder_id", "team_member_id"),)

    stakeholder_id: Mapped[int] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="CASCADE"), index=True
    )
    team_member_id: Mapped[int] = mapped_column(
        ForeignKey("team_members.id", ondelete="CASCADE"), index=True
    )
    rule: Mapped[str] = mapped_column(String(20), default="coordinate")


class Interaction(Timestamped, Base):
    """A meeting, call or message with the customer."""

    __tablename__ = "interactions"
    # Each account's dates in order, from the index alone: the dashboard's trend.
    __table_args__ = (Index("ix_interactions_account_occurred", "account_id", "occurred_on"),)

    account_id: Mapped[int] = _account_fk()
    occurred_on: Mapped[date] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(20), default="in_person")
    summary: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)


class InteractionStakeholder(Timestamped, Base):
    __tablename__ = "interaction_stakeholders"
    __table_args__ = (
        UniqueConstraint("interaction_id", "stakeholder_id"),
        # A person's meetings from the index alone: the "last contact" read (revision 0012).
        Index("ix_interaction_stakeholders_person_meeting", "stakeholder_id", "interaction_id"),
    )

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    stakeholder_id: Mapped[int] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="CASCADE"), index=True
    )


class InteractionTeamMember(Timestamped, Base):
    __tablename__ = "interaction_team_members"
    __table_args__ = (UniqueConstraint("interaction_id", "team_member_id"),)

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    team_member_id: Mapped[int] = mapped_column(
        ForeignKey("team_members.id", ondelete="CASCADE"), index=True
    )


class CalendarEvent(Timestamped, Base):
    """A calendar meeting that was imported, and the interaction it became (revision 0006).

    ``uid`` and ``occurrence`` name the meeting as every export of the calendar names it, so
    a re-import skips it; deleting the interaction deletes this row with it. An index, not a
    unique constraint: a JSON export of an account imported as a copy brings its rows along.
    """

    __tablename__ = "calendar_events"
    __table_args__ = (Index("ix_calendar_events_uid_occurrence", "uid", "occurrence"),)

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    uid: Mapped[str] = mapped_column(String(1000))
    occurrence: Mapped[str] = mapped_column(String(20))


class Evidence(Timestamped, Base):
    """What stands behind one rating of a person: seen or said, when, by whom, how sure.

    Revision 0007. ``rating`` names the rated column (``RatedField``) and ``rated_as`` the
    value it supported then, as text (see ``domain/evidence.py``).
    """

    __tablename__ = "evidence"

    stakeholder_id: Mapped[int] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="CASCADE"), index=True
    )
    rating: Mapped[str] = mapped_column(String(20))
    rated_as: Mapped[str] = mapped_column(String(30))
    observed: Mapped[str] = mapped_column(Text)
    observed_on: Mapped[date]
    team_member_id: Mapped[int | None] = _team_member_fk()
    source: Mapped[str] = mapped_column(String(20), default="meeting")
    # The logged meeting it was seen in; the evidence stays when the meeting is deleted.
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )
    confidence: Mapped[str] = mapped_column(String(20), default="likely")


class Opportunity(Timestamped, Base):
    __tablename__ = "opportunities"

    account_id: Mapped[int] = _account_fk()
    name: Mapped[str]
    department: Mapped[str | None]
    offering_id: Mapped[int | None] = mapped_column(
        ForeignKey("offerings.id", ondelete="SET NULL"), index=True
    )
    value: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    stage: Mapped[str] = mapped_column(String(20), default="identified")
    probability: Mapped[int | None]
    expected_close_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=OpportunityStatus.OPEN.value)


class Offering(Timestamped, Base):
    """One of our product or service areas."""

    __tablename__ = "offerings"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)


class WhitespaceCell(Timestamped, Base):
    """What we sell (or could) to one department of an account, per offering."""

    __tablename__ = "whitespace_cells"
    __table_args__ = (UniqueConstraint("account_id", "department", "offering_id"),)

    account_id: Mapped[int] = _account_fk()
    department: Mapped[str]
    offering_id: Mapped[int] = mapped_column(
        ForeignKey("offerings.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="opportunity")


class CompetitorPresence(Timestamped, Base):
    __tablename__ = "competitor_presences"

    account_id: Mapped[int] = _account_fk()
    competitor: Mapped[str]
    area: Mapped[str | None]
    threat_level: Mapped[str] = mapped_column(String(10), default="medium")
    notes: Mapped[str | None] = mapped_column(Text)


class Risk(Timestamped, Base):
    __tablename__ = "risks"

    account_id: Mapped[int] = _account_fk()
    description: Mapped[str] = mapped_column(Text)
    likelihood: Mapped[str] = mapped_column(String(10), default="medium")
    impact: Mapped[str] = mapped_column(String(10), default="medium")
    mitigation: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = _team_member_fk()
    status: Mapped[str] = mapped_column(String(20), default=RiskStatus.OPEN.value)


class Objective(Timestamped, Base):
    """One of our goals for the account."""

    __tablename__ = "objectives"

    account_id: Mapped[int] = _account_fk()
    description: Mapped[str] = mapped_column(Text)
    measure: Mapped[str | None]
    target: Mapped[str | None]
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="not_started")


class Action(Timestamped, Base):
    __tablename__ = "actions"

    account_id: Mapped[int] = _account_fk()
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = _team_member_fk()
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    stakeholder_id: Mapped[int | None] = _stakeholder_fk()
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), index=True
    )
    objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objectives.id", ondelete="SET NULL"), index=True
    )


class Commitment(Timestamped, Base):
    """A promise made to the customer: what, to whom, by whom, by when."""

    __tablename__ = "commitments"

    account_id: Mapped[int] = _account_fk()
    promise: Mapped[str] = mapped_column(Text)
    to_stakeholder_id: Mapped[int | None] = _stakeholder_fk()
    by_team_member_id: Mapped[int | None] = _team_member_fk()
    made_on: Mapped[date | None]
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=CommitmentStatus.OPEN.value)
    delivered_on: Mapped[date | None]


class ExportRecord(Timestamped, Base):
    """A plan that left the laptop: when, which variant, under which file name."""

    __tablename__ = "export_records"

    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    variant: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(1000))
    exported_at: Mapped[datetime] = mapped_column(default=utc_now)


# Names are unique among siblings; coalesce makes the top-level accounts siblings too.
Index("uq_accounts_sibling_name", func.coalesce(Account.parent_id, 0), Account.name, unique=True)

# Tables whose rows belong to one account (directly): used by cascade checks and JSON export.
ACCOUNT_OWNED = (
    Stakeholder,
    Interaction,
    Opportunity,
    WhitespaceCell,
    CompetitorPresence,
    Risk,
    Objective,
    Action,
    Commitment,
)


class ChangeLogEntry(Base):
    """One change to a tracked field (revision 0004): append-only, never updated or deleted.

    Not ``Timestamped``: an entry is never edited, so it needs no version or ``updated_at``.
    ``entity_id`` has no foreign key: the history of a deleted person stays. Values are text
    (``store/history/log.py`` writes and ``domain/history`` reads them); ``field`` is
    ``"created"`` or ``"deleted"`` for a whole row coming or going (its values as JSON).
    """

    __tablename__ = "change_log"
    # Two indexes only (each costs every import row): a person's history, and an account's
    # history from a date on (what comparing two dates reads).
    __table_args__ = (
        Index("ix_change_log_entity", "entity_kind", "entity_id"),
        Index("ix_change_log_account_time", "account_id", "changed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    changed_at: Mapped[datetime] = mapped_column(default=utc_now)
    changed_by: Mapped[str | None] = mapped_column(String(100))
    account_id: Mapped[int | None] = mapped_column(Integer)
    entity_kind: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int]
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    is_undo: Mapped[bool] = mapped_column(default=False)


class MapSnapshot(Timestamped, Base):
    """A named moment of an account's map ("Before the reorg", revision 0004): read-only.

    It stores no copy of the map: the map at ``taken_at`` is rebuilt from the change log.
    ``automatic`` marks one taken because a plan review date passed.
    """

    __tablename__ = "snapshots"

    account_id: Mapped[int] = _account_fk()
    name: Mapped[str]
    taken_at: Mapped[datetime]
    automatic: Mapped[bool] = mapped_column(default=False)


class AccountAccess(Base):
    """Who may see or change an account on a team database (revision 0010): one grant each.

    ``role_name`` is a PostgreSQL role (a login, or a group its members inherit from);
    ``level`` is owner, editor, viewer or none. A grant on an umbrella covers its affiliates;
    a grant on the affiliate itself overrides it there ("none" shuts the affiliate out). The
    server's policies read this table (``store/access/``); an SQLite file keeps it unused.
    The foreign key is checked at commit: the server grants a new account's owner before the
    account row itself is written.
    """

    __tablename__ = "account_access"
    __table_args__ = (UniqueConstraint("account_id", "role_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"),
        index=True,
    )
    role_name: Mapped[str] = mapped_column(String(63))
    level: Mapped[str] = mapped_column(String(10))
    granted_by: Mapped[str | None] = mapped_column(String(100))
    granted_at: Mapped[datetime] = mapped_column(default=utc_now)
