"""What the demo's ratings rest on: some seen lately, some long ago, some only heard of.

Aldermark reviews its plan every 90 days, so evidence older than that leaves a rating
uncertain: the group CIO and the architects are confirmed by recent meetings, while the CFO's
scepticism dates from the dinner 98 days ago and the procurement blocker is hearsay from last
year. Ratings without a row here have no evidence at all (most of the demo, as in life).
"""

from __future__ import annotations

# (person, rating, rated as, days ago, what was seen or said, by (team key), source,
#  confidence); a "meeting" row links to the scripted meeting of that day with that person.
EVIDENCE = (
    ("cio", "stance", "champion", 12, "Warned us early that Procurement will tender the "
     "infrastructure contract, and offered to brief us on the criteria.", "you", "meeting",
     "confirmed"),
    ("cio", "buying_role", "decision_maker", 12, "Signs every IT contract above one million.",
     "you", "meeting", "confirmed"),
    ("cio", "influence", "high", 12, "The CEO asked her to chair the 'One Aldermark' "
     "programme.", "sponsor", "meeting", "confirmed"),
    ("cio", "strength", "4", 12, "Quarterly review at her request; candid about internal "
     "politics.", "you", "meeting", "confirmed"),
    ("arch", "stance", "champion", 63, "Pushed for our template design against the "
     "incumbent's.", "architect", "meeting", "confirmed"),
    ("arch", "buying_role", "technical_evaluator", 63, "Owns the technical scoring of the "
     "ERP template.", "architect", "meeting", "confirmed"),
    ("arch", "strength", "4", 63, "Calls Samuel directly when an architecture question comes "
     "up.", "architect", "meeting", "likely"),
    ("data", "stance", "champion", 8, "Presented our predictive models to Lyon as 'the way "
     "we do it'.", "specialist", "meeting", "confirmed"),
    ("data", "buying_role", "champion_coach", 8, "Told us what the steering committee needs "
     "to see.", "specialist", "meeting", "confirmed"),
    ("ceo-ea", "stance", "supporter", 30, "Found a slot for Margaret within a day.", "sponsor",
     "email", "likely"),
    ("cfo", "stance", "skeptic", 98, "'Show me the payback by entity or there is no budget.'",
     "sponsor", "meeting", "confirmed"),
    ("cfo", "buying_role", "economic_buyer", 98, "Holds the budget for the ERP programme.",
     "you", "meeting", "likely"),
    ("ceo", "stance", "neutral", 98, "Wants one partner for 'One Aldermark' but named no "
     "favourite.", "sponsor", "meeting", "likely"),
    ("cpo", "stance", "blocker", 425, "A partner heard him say we are 'too expensive to "
     "keep'.", "you", "second_hand", "guess"),
    ("coo", "stance", "supporter", 200, "Praised the plant pilot at the user group, we were "
     "told.", "service", "second_hand", "likely"),
)  # fmt: skip
