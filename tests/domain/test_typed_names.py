"""The one rule for a name someone types to say whom they mean (forgetting a person)."""

from __future__ import annotations

import unicodedata

from keyplan.domain.plain_text import typed_name_key


def test_case_spacing_and_unicode_form_do_not_count() -> None:
    decomposed = unicodedata.normalize("NFD", "Zoë Åkesson")  # as some keyboards send it
    assert typed_name_key("  zoë   ÅKESSON ") == typed_name_key(decomposed)


def test_accents_still_count() -> None:
    assert typed_name_key("Sofia Jönsson") != typed_name_key("Sofia Jonsson")
