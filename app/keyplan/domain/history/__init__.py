"""The map through time: the change log read as plain data (no SQL, no Qt).

``entries``: one logged change and its values; ``timeline``: the map at a date, rebuilt from
today's state and the log; ``compare``: what changed between two states; ``wording``: the
lines people read ("Head of IT → CIO on 3 Mar").
"""
