"""Evidence behind the ratings of people: its edits and reads."""
