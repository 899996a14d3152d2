"""An uncertain rating in the one drawing of the map: a dashed dark outline and "?" marks.

The stance letter of the band takes the "?" ("B?"), so the doubt reads in grey print as well
as the letter does; the buying role and influence badges take theirs ("DM?", "H?"). A
customer-safe drawing shows neither.
"""

from __future__ import annotations

from keyplan.domain.map import looks
from keyplan.domain.map.drawing import PersonFacts, draw_map
from keyplan.domain.map.shapes import BadgeShape


def _people() -> list[PersonFacts]:
    rated = {"stance": "blocker", "buying_role": "decision_maker", "influence": "high"}
    return [
        PersonFacts(1, None, "Sure", "CEO", "Board", **rated),
        PersonFacts(
            2,
            1,
            "Doubted",
            "CFO",
            "Finance",
            **rated,
            uncertain=("stance", "buying_role", "influence"),
        ),
        PersonFacts(3, 1, "Role only", "CPO", "Procurement", **rated, uncertain=("buying_role",)),
        PersonFacts(4, 1, "Unknown", "COO", "Ops", uncertain=("strength",)),
    ]


def _cards(internal: bool = True) -> dict[int, object]:
    return {card.person_id: card for card in draw_map(_people(), internal=internal).cards}


def _badges(card) -> list[str]:
    return [part.label.text for part in card.parts if isinstance(part, BadgeShape)]


def test_a_doubted_card_is_dashed_and_dark_and_its_letter_and_badges_ask():
    cards = _cards()
    sure, doubted = cards[1], cards[2]
    assert (sure.edge_dashes, sure.uncertain, sure.band.letter.text) == ((), False, "B")
    assert sure.edge == looks.STANCE_EDGE["blocker"]
    assert doubted.uncertain and doubted.edge == looks.INK
    assert doubted.edge_dash_lengths == tuple(
        d * looks.UNCERTAIN_EDGE_WIDTH for d in looks.UNCERTAIN_DASH
    )
    assert doubted.band.letter.text == "B?"
    # The pair fits the band it is centred in (the letter alone is set larger).
    letter = doubted.band.letter
    assert looks.text_width(letter.text, letter.size, bold=True) <= doubted.band.width
    assert _badges(sure)[:2] == ["DM", "H"] and _badges(doubted)[:2] == ["DM?", "H?"]


def test_only_the_doubted_rating_asks_and_an_unknown_stance_stays_a_plain_question_mark():
    cards = _cards()
    assert cards[3].band.letter.text == "B" and _badges(cards[3])[:2] == ["DM?", "H"]
    assert cards[3].uncertain  # any doubted rating dashes the card
    assert cards[4].band.letter.text == "?" and cards[4].uncertain  # no "??"


def test_the_legend_explains_it_and_a_customer_safe_drawing_shows_none_of_it():
    assert any("Dashed dark card" in note for note in draw_map(_people()).legend.notes)
    for card in _cards(internal=False).values():
        assert not card.uncertain and card.edge_dashes == () and card.band.letter is None
        assert not any("?" in text for text in _badges(card))
