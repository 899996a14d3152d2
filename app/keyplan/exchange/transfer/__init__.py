"""People and data in and out, without Qt: contact files of every kind (CSV, vCard) read,
matched and planned; CSV and JSON export and import.
"""
