"""What a card says in a diagram editor (yEd, draw.io): its text as a few plain lines.

Those editors draw one label per box, so the card's texts become lines of one label; on an
internal map the stance is spelled out with its letter ("[C] Champion"), with the buying role
and influence badges, so the assessment reads without colour there too.
"""

from __future__ import annotations

from keyplan.domain.map import looks
from keyplan.domain.map.shapes import BadgeShape, CardShape, MapDrawing


def card_label(card: CardShape, drawing: MapDrawing) -> str:
    """The card's lines: name, title, department (and the stance and badges, internal)."""
    lines = [run.text for run in card.texts]
    if drawing.internal and card.band.letter is not None:
        letter = card.band.letter.text
        # "C?": a stance without recent evidence reads "[C?] Champion?" (the unknown's "?" alone
        # is a letter of its own).
        doubtful = len(letter) > 1 and letter.endswith(looks.DOUBT_MARK)
        base = letter[:-1] if doubtful else letter
        stance = next((s.label for s in drawing.legend.stances if s.letter == base), "")
        stance += looks.DOUBT_MARK if doubtful and stance else ""
        badges = [p.label.text for p in card.parts if isinstance(p, BadgeShape)]
        lines.append(" · ".join([f"[{letter}] {stance}", *badges]))
    return "\n".join(line for line in lines if line)
