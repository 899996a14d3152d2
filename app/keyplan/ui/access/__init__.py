"""Per-account access on a team database: the viewer's read-only window, Account › Access…."""
