"""Data in and out: contact imports, JSON export and import, copying a whole database."""
