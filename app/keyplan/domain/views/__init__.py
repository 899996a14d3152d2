"""Other views of an account's people, as pure functions of plain data and a date.

The power / interest grid (``power_interest``), the buying centre of each open opportunity
(``buying_centre``) and the team × stakeholder matrix (``team_matrix``). Each takes the plain
``ViewPerson`` and ``ViewContact`` records of ``people`` and ``today`` explicitly, so the app
and the internal plan show the same answer.
"""
