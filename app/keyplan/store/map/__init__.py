"""The stakeholder map: reporting and influence lines, hand-placed cards, and what the map
reads (also straight from SQLite, for a fast export).
"""
