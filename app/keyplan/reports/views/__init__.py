"""The other views of an account's people on paper: power / interest, buying centre, team matrix."""
