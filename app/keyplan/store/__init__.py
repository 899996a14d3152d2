"""The database: models, opening and migrating, edits and the queries the screens need."""
