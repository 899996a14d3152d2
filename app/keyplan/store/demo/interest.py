"""The demo people's interest in what we do, and the economic buyers of the demo accounts.

Kept apart from the people tables (``aldermark.py``, ``customers.py``) so that those stay one
line per person in the map's own words. Interest follows a simple reading of each person's
buying role (those who evaluate or use what we sell care most), with stories of their own for
the people a director would argue about. People whose stance we do not know have no rating
either: the power / interest grid lists them as "not rated".
"""

from __future__ import annotations

from keyplan.domain.vocabulary import BuyingRole, Interest, Stance

#: People whose interest is not what their buying role suggests.
INTEREST_BY_KEY: dict[str, Interest] = {
    "ceo": Interest.LOW,  # Henrik leaves IT suppliers to Ingrid and Zoë
    "cfo": Interest.HIGH,  # Zoë signs off the budget and reads every line of the case
    "cpo": Interest.HIGH,  # Sebastian wants the framework contract re-tendered
    "coo": Interest.MEDIUM,
    "opex": Interest.HIGH,  # Tobias's programme needs plant data we could bring
    "cio": Interest.HIGH,
    "arch": Interest.HIGH,
    "chro": Interest.LOW,
    "de-plant": Interest.HIGH,
    "fr-dg": Interest.LOW,
    "integ": Interest.HIGH,  # Jonas would run the integration platform every day
    "desk": Interest.LOW,  # Linnea's service desk is not in scope
    "plm": Interest.LOW,
}

#: Who signs the budget, by person key: shown as the economic buyer of the account. Meridian
#: names none yet, so its buying centre shows that red flag.
ECONOMIC_BUYERS = frozenset({"cfo", "cf-cfo"})

_INTEREST_BY_ROLE = {
    BuyingRole.ECONOMIC_BUYER.value: Interest.HIGH,
    BuyingRole.DECISION_MAKER.value: Interest.MEDIUM,
    BuyingRole.TECHNICAL_EVALUATOR.value: Interest.HIGH,
    BuyingRole.USER.value: Interest.MEDIUM,
    BuyingRole.CHAMPION_COACH.value: Interest.HIGH,
    BuyingRole.GATEKEEPER.value: Interest.MEDIUM,
    BuyingRole.INFLUENCER.value: Interest.MEDIUM,
    BuyingRole.NONE.value: Interest.LOW,
}


def demo_buying_role(key: str, table_role: str) -> str:
    """The stored buying role: the table's, or "economic buyer" for the budget holders."""
    return BuyingRole.ECONOMIC_BUYER.value if key in ECONOMIC_BUYERS else table_role


def demo_interest(key: str, buying_role: str, stance: str) -> str | None:
    """The stored interest of a demo person; None for people we know too little of."""
    if key in INTEREST_BY_KEY:
        return INTEREST_BY_KEY[key].value
    if stance == Stance.UNKNOWN.value:
        return None
    return _INTEREST_BY_ROLE[buying_role].value
