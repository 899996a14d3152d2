"""Meetings and promises on screen: the Interactions and Commitments tabs, the log form, their
undo steps.
"""
