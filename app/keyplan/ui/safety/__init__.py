"""Backups, restores and the recovery of a damaged file, from the window."""
