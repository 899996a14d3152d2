"""Small widgets and models the feature folders share: field editors, tables, notes."""
