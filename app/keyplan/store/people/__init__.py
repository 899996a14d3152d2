"""People and accounts: the everyday edits (one short transaction each) and what the screens
read.
"""
