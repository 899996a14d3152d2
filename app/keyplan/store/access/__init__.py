"""Per-account access on a team database: grants, and what the session's login may do.

The server enforces it (revision ``0010_account_access``: row-level security keyed on the
account, see that migration's docstring); this package reads and writes the grants.

Switching the policies on for an existing team database: open it once with this Keyplan as a
login that is a member of ``keyplan_admin`` (or a superuser). The migration to
``0010_account_access`` runs at open (``store/migrate.upgrade_to_head``), creates the roles
when missing, hands the tables to ``keyplan_admin`` and enables the policies. Then give each
login ``keyplan_member`` and grants: ``grant_access(connection, account_id, "alice", "editor")``
(or ``keyplan access --grant``). A database migrated without any grant shows its members no
account at all: only admins (and superusers) see everything.
"""
