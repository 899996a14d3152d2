"""Finding anything in the portfolio: every word, in any order, accents and case ignored."""

from keyplan.domain.portfolio_search import PortfolioIndex, RecordKind, SearchRecord


def person(id_: int, name: str, title: str = "", notes: str = "") -> SearchRecord:
    fields = tuple(
        (label, text) for label, text in (("Job title", title), ("Priorities", notes)) if text
    )
    return SearchRecord(RecordKind.PERSON, id_, 1, "Nordwind", name, fields)


INDEX = PortfolioIndex(
    [
        person(1, "François Müller", "Chief Financial Officer"),
        person(2, "Ingrid Olsen", "CEO", "Wants the SAP migration finished before the audit"),
        SearchRecord(RecordKind.ACCOUNT, 1, 1, "Nordwind", "Nordwind Logistik"),
        SearchRecord(RecordKind.PROMISE, 7, 1, "Nordwind", "Send the SAP migration plan"),
    ]
)


def names(query: str) -> list[str]:
    return [hit.record.name for hit in INDEX.search(query)]


def test_every_word_must_match_in_any_order_without_accents_or_case():
    assert names("muller francois") == ["François Müller"]
    assert names("MÜLLER cfo") == ["François Müller"], "an abbreviation finds the title"


def test_name_matches_come_first_then_the_records_that_mention_it():
    assert names("sap migration") == ["Send the SAP migration plan", "Ingrid Olsen"]


def test_a_match_in_a_note_says_where_it_was_found_with_an_excerpt():
    (hit,) = [hit for hit in INDEX.search("audit")]
    assert hit.found_in == "Priorities"
    assert "audit" in hit.excerpt


def test_an_empty_query_finds_nothing_and_a_missing_word_excludes():
    assert names("   ") == []
    assert names("ingrid salesforce") == []
