"""Keeping data safe: backups, integrity checks, recovery of a damaged file, the one-writer
lock, atomic files.
"""
