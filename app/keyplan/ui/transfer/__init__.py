"""Data in and out from the window: the contact import wizard, CSV and JSON export and import."""
