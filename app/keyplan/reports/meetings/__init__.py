"""The one-page meeting brief: the attendees, the politics between them, open work."""
