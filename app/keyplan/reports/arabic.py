"""Best-effort Arabic for PDFs: joined letter forms, right-to-left runs in visual order.

ReportLab without ``uharfbuzz``/``rlbidi`` draws Arabic letters in their isolated forms and
left to right, which no one can read. Names are short, so we do the two essential steps
ourselves: each letter becomes its contextual presentation form (isolated, final, initial,
medial; lam-alef ligatures) and each right-to-left run is reversed into visual order, keeping
digit groups and combining marks in place. Because the letters are already in presentation
forms, no later shaping step can undo the reordering (see STACK-NOTES). Long Arabic paragraphs
that wrap over several lines would still need a real bidi engine.
"""

from __future__ import annotations

import re

# letter -> (isolated, final, initial, medial); two forms = joins only to the preceding letter.
_FORMS: dict[str, tuple[str, ...]] = {
    "\u0621": ("\ufe80",),
    "\u0622": ("\ufe81", "\ufe82"),
    "\u0623": ("\ufe83", "\ufe84"),
    "\u0624": ("\ufe85", "\ufe86"),
    "\u0625": ("\ufe87", "\ufe88"),
    "\u0626": ("\ufe89", "\ufe8a", "\ufe8b", "\ufe8c"),
    "\u0627": ("\ufe8d", "\ufe8e"),
    "\u0628": ("\ufe8f", "\ufe90", "\ufe91", "\ufe92"),
    "\u0629": ("\ufe93", "\ufe94"),
    "\u062a": ("\ufe95", "\ufe96", "\ufe97", "\ufe98"),
    "\u062b": ("\ufe99", "\ufe9a", "\ufe9b", "\ufe9c"),
    "\u062c": ("\ufe9d", "\ufe9e", "\ufe9f", "\ufea0"),
    "\u062d": ("\ufea1", "\ufea2", "\ufea3", "\ufea4"),
    "\u062e": ("\ufea5", "\ufea6", "\ufea7", "\ufea8"),
    "\u062f": ("\ufea9", "\ufeaa"),
    "\u0630": ("\ufeab", "\ufeac"),
    "\u0631": ("\ufead", "\ufeae"),
    "\u0632": ("\ufeaf", "\ufeb0"),
    "\u0633": ("\ufeb1", "\ufeb2", "\ufeb3", "\ufeb4"),
    "\u0634": ("\ufeb5", "\ufeb6", "\ufeb7", "\ufeb8"),
    "\u0635": ("\ufeb9", "\ufeba", "\ufebb", "\ufebc"),
    "\u0636": ("\ufebd", "\ufebe", "\ufebf", "\ufec0"),
    "\u0637": ("\ufec1", "\ufec2", "\ufec3", "\ufec4"),
    "\u0638": ("\ufec5", "\ufec6", "\ufec7", "\ufec8"),
    "\u0639": ("\ufec9", "\ufeca", "\ufecb", "\ufecc"),
    "\u063a": ("\ufecd", "\ufece", "\ufecf", "\ufed0"),
    "\u0640": ("\u0640", "\u0640", "\u0640", "\u0640"),
    "\u0641": ("\ufed1", "\ufed2", "\ufed3", "\ufed4"),
    "\u0642": ("\ufed5", "\ufed6", "\ufed7", "\ufed8"),
    "\u0643": ("\ufed9", "\ufeda", "\ufedb", "\ufedc"),
    "\u0644": ("\ufedd", "\ufede", "\ufedf", "\ufee0"),
    "\u0645": ("\ufee1", "\ufee2", "\ufee3", "\ufee4"),
    "\u0646": ("\ufee5", "\ufee6", "\ufee7", "\ufee8"),
    "\u0647": ("\ufee9", "\ufeea", "\ufeeb", "\ufeec"),
    "\u0648": ("\ufeed", "\ufeee"),
    "\u0649": ("\ufeef", "\ufef0"),
    "\u064a": ("\ufef1", "\ufef2", "\ufef3", "\ufef4"),
    # Persian and Urdu letters (presentation forms A).
    "\u067e": ("\ufb56", "\ufb57", "\ufb58", "\ufb59"),
    "\u0686": ("\ufb7a", "\ufb7b", "\ufb7c", "\ufb7d"),
    "\u0698": ("\ufb8a", "\ufb8b"),
    "\u06a9": ("\ufb8e", "\ufb8f", "\ufb90", "\ufb91"),
    "\u06af": ("\ufb92", "\ufb93", "\ufb94", "\ufb95"),
    "\u06cc": ("\ufbfc", "\ufbfd", "\ufbfe", "\ufbff"),
}

# lam + alef variant -> (isolated, final) ligature
_LAM = "\u0644"
_LAM_ALEF = {
    "\u0622": ("\ufef5", "\ufef6"),
    "\u0623": ("\ufef7", "\ufef8"),
    "\u0625": ("\ufef9", "\ufefa"),
    "\u0627": ("\ufefb", "\ufefc"),
}

_RTL = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
# An RTL run: RTL letters, possibly with spaces, digits and light punctuation between them.
_RTL_RUN = re.compile(f"[{_RTL}](?:[{_RTL}0-9\\s.,\\-]*[{_RTL}])?")
_HAS_RTL = re.compile(f"[{_RTL}]")
_CLUSTER = re.compile(r"[0-9]+(?:[.,][0-9]+)*|.[\u064b-\u065f\u0670]*", re.DOTALL)


def _is_mark(char: str) -> bool:
    return "\u064b" <= char <= "\u065f" or char == "\u0670"


def _joins_forward(char: str | None) -> bool:
    """Whether a letter connects to the letter after it (dual-joining)."""
    return char is not None and len(_FORMS.get(char, ())) == 4


def _joins_back(char: str | None) -> bool:
    """Whether a letter connects to the letter before it."""
    return char is not None and len(_FORMS.get(char, ())) >= 2


def _neighbour(text: str, index: int, step: int) -> str | None:
    """The nearest letter before (step -1) or after (step 1) index, skipping marks."""
    index += step
    while 0 <= index < len(text) and _is_mark(text[index]):
        index += step
    return text[index] if 0 <= index < len(text) else None


def shape(text: str) -> str:
    """Replace Arabic letters with their contextual presentation forms (logical order kept)."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        after = _neighbour(text, index, 1)
        joined_before = _joins_forward(_neighbour(text, index, -1)) and _joins_back(char)
        if char == _LAM and after in _LAM_ALEF:
            out.append(_LAM_ALEF[after][1 if joined_before else 0])
            index = text.index(after, index + 1) + 1
            continue
        forms = _FORMS.get(char)
        if forms is None:
            out.append(char)
        else:
            joined_after = _joins_forward(char) and _joins_back(after)
            position = (2 if joined_after else 0) + (1 if joined_before else 0)
            out.append(forms[position] if len(forms) == 4 else forms[min(position, len(forms) - 1)])
        index += 1
    return "".join(out)


def _visual(run: str) -> str:
    """A shaped RTL run reversed for left-to-right drawing; digits and marks stay in order."""
    clusters = _CLUSTER.findall(shape(run))
    return "".join(reversed(clusters))


def shape_rtl_runs(text: str) -> str:
    """Text with every right-to-left run shaped and put in visual order; other text as is."""
    if not _HAS_RTL.search(text):
        return text
    return _RTL_RUN.sub(lambda match: _visual(match.group(0)), text)
