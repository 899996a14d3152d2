"""Data in and out of Keyplan (no Qt): CSV, vCard, JSON."""
