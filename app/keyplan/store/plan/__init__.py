"""The account plan: its tables and whitespace grid, edited and read as plain frozen data."""
