"""The team × stakeholder matrix: counts in 90 days and 12 months, last contact, gaps, crowds."""

from datetime import date, timedelta

from keyplan.domain.views.people import ViewContact, ViewPerson
from keyplan.domain.views.team_matrix import team_matrix

TODAY = date(2026, 12, 7)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


PEOPLE = [
    ViewPerson(1, "Ingrid Solberg", buying_role="decision_maker"),
    ViewPerson(2, "Zoë Åkesson", buying_role="economic_buyer"),
    ViewPerson(3, "Tobias Engström", influence="high"),
    ViewPerson(4, "Viktor Ahlström", buying_role="user"),
    ViewPerson(5, "Linnea Berglund", buying_role="user"),
]


def test_a_cell_counts_the_last_90_days_and_12_months_and_keeps_the_latest_day():
    contacts = [
        ViewContact(ago(10), (1,), ("Anna",)),
        ViewContact(ago(200), (1, 4), ("Anna", "Lukas")),
        ViewContact(ago(400), (1,), ("Anna",)),  # older than a year: not counted
        ViewContact(ago(-3), (1,), ("Anna",)),  # planned, not happened
    ]
    matrix = team_matrix(PEOPLE, ["Anna", "Lukas", "Mia"], contacts, TODAY)
    anna_ingrid = matrix.cell(1, "Anna")
    assert (anna_ingrid.recent, anna_ingrid.year, anna_ingrid.last) == (1, 2, ago(10))
    assert matrix.cell(4, "Lukas").recent == 0 and matrix.cell(4, "Lukas").year == 1
    assert matrix.cell(1, "Mia") is None
    assert matrix.team == ("Anna", "Lukas", "Mia")
    assert matrix.last_contact(1) == (ago(10), "Anna")


def test_key_people_nobody_met_in_a_year_are_the_gaps_and_stay_in_the_rows():
    contacts = [ViewContact(ago(30), (1,), ("Anna",)), ViewContact(ago(500), (2,), ("Anna",))]
    matrix = team_matrix(PEOPLE, ["Anna"], contacts, TODAY)
    assert [p.name for p in matrix.gaps] == ["Tobias Engström", "Zoë Åkesson"]
    # Linnea is neither covered nor key: not a row; the gaps are.
    assert [p.name for p in matrix.people] == ["Ingrid Solberg", "Tobias Engström", "Zoë Åkesson"]


def test_three_of_us_calling_the_same_person_in_90_days_is_over_coverage():
    contacts = [
        ViewContact(ago(5), (2,), ("Anna", "Lukas")),
        ViewContact(ago(60), (2,), ("Mia",)),
        ViewContact(ago(20), (1,), ("Anna", "Lukas")),
        ViewContact(ago(120), (1,), ("Mia",)),  # too long ago to crowd Ingrid
    ]
    matrix = team_matrix(PEOPLE, ["Anna", "Lukas", "Mia"], contacts, TODAY)
    assert [p.name for p in matrix.crowded] == ["Zoë Åkesson"]


def test_someone_not_on_the_team_list_who_logged_a_contact_gets_a_column_after_the_team():
    contacts = [ViewContact(ago(5), (1,), ("Former colleague",))]
    matrix = team_matrix(PEOPLE, ["Anna"], contacts, TODAY)
    assert matrix.team == ("Anna", "Former colleague")


def test_the_last_contact_is_the_latest_of_anyone_of_us_and_none_for_someone_never_met():
    contacts = [
        ViewContact(ago(40), (2,), ("Anna",)),
        ViewContact(ago(12), (2, 3), ("Lukas",)),
        ViewContact(ago(12), (2,), ("Mia",)),  # the same day: the later name, as max() had it
        ViewContact(ago(300), (3,), ("Anna",)),
    ]
    matrix = team_matrix(PEOPLE, ["Anna", "Lukas", "Mia"], contacts, TODAY)

    assert matrix.last_contact(2) == (ago(12), "Mia")
    assert matrix.last_contact(3) == (ago(12), "Lukas")
    assert matrix.last_contact(5) is None
