"""Team mode on a shared PostgreSQL database: who saw what, conflicts refused, changes announced."""
