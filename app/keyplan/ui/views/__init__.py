"""Other views of an account's people: power / interest grid, buying centre, team matrix."""
