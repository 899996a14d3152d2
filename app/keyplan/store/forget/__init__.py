"""Forgetting a person: every trace of them removed from a database and its backups."""
