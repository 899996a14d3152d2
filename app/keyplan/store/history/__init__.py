"""The change log: every change to people, lines, assessments and accounts, kept for ever.

``log`` records (one generic mechanism over the tables ``tracked`` registers); ``queries``
reads the history back as plain data for the domain's ``history`` functions.
"""
