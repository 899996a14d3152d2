"""Meetings and promises: logging interactions, and who met whom and when."""
