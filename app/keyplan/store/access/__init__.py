"""Per-account access on a team database: grants, and what the session's login may do.

The server enforces it (revision ``0010_account_access``: row-level security keyed on the
account, see that migration's docstring); this package reads and writes the grants.

Switching the policies on for an existing team database: open it once with this Keyplan as a
login that is a member of ``keyplan_admin`` (or a superuser). The migration to
``0010_account_access`` runs at open (``store/migrate.upgrade_to_head``), creates the roles
when missing, hands the tables to ``keyplan_admin`` and enables the policies. Then give each
login ``keyplan_member`` and grants: ``grants.grant_access(connection_or_session, account_id,
"alice", "editor")`` from a script holding an admin's connection (plain: it checks nothing and
announces nothing), ``grants.grant(database, …)`` with the owner check, or ``keyplan access
--grant``. A database migrated without any grant shows its members no account at all: only
admins (and superusers) see everything.

Timing without the policies: run the same reads as a ``keyplan_admin`` login (owners pass the
policies) with the granted accounts named by hand, as ``tests/benchmarks/bench_access.py``
does; or, on a throw-away copy, ``ALTER TABLE … DISABLE ROW LEVEL SECURITY`` on each table
that ``SELECT tablename FROM pg_policies`` lists.
"""
