"""Which schema revisions this version of Keyplan knows.

Kept apart from Alembic so that start-up can compare a file's revision with the head without
importing Alembic. A test checks that this list matches the migration scripts.
"""

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_team_versions",
    "0003_profile_url_aliases",
    "0004_change_log",
    "0006_calendar_events",
    "0008_interest_economic_buyer",
    "0007_evidence",
    "0009_dotted_positions",
    "0010_account_access",
    "0011_dashboard_indexes",
    "0012_last_contact_index",
    "0013_kept_tallies",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]

#: Tables a team server has and a file has not (no model): the dashboard's kept tallies
#: (revision 0013; ``store/insights/kept_tallies.py``).
SERVER_ONLY_TABLES = ("kept_tallies", "dashboard_tally_generations")
