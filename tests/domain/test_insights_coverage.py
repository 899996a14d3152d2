"""Coverage stories: where in Nordwind Logistics do we know people, and where do we really work?"""

from datetime import date, timedelta

from keyplan.domain.insights import (
    NO_DEPARTMENT,
    AccountFacts,
    InteractionFacts,
    PersonFacts,
    coverage_grid,
)
from keyplan.domain.vocabulary import BuyingRole, Level, Strength

TODAY = date(2025, 6, 2)

DANA, ERIK, INGRID, TOM, KAI, LEA, OLAF = range(1, 8)


def nordwind() -> AccountFacts:
    """Finance and IT known, Procurement only through an opportunity, one alumnus."""
    people = (
        PersonFacts(DANA, "Dana Whitfield", title="CFO", department="Finance",
                    level=Level.C_LEVEL, buying_role=BuyingRole.DECISION_MAKER,
                    strength=Strength.ACQUAINTED),
        PersonFacts(ERIK, "Erik Lund", department="Finance", level=Level.MANAGER,
                    strength=Strength.TRUSTED),
        PersonFacts(INGRID, "Ingrid Sato", department="IT", level=Level.DIRECTOR,
                    strength=Strength.WORKING, owner_ids=(7,)),
        PersonFacts(TOM, "Tom Berg", department="IT", level=Level.INDIVIDUAL, owner_ids=(11,)),
        PersonFacts(KAI, "Kai Ito", level=Level.VP, strength=Strength.WORKING),
        PersonFacts(LEA, "Lea Moss", department=" finance ", strength=Strength.NONE),
        PersonFacts(OLAF, "Olaf Dahl", department="Finance", level=Level.DIRECTOR,
                    strength=Strength.TRUSTED_ADVISOR, has_left=True),
    )  # fmt: skip
    interactions = (
        InteractionFacts(1, TODAY - timedelta(days=10), (ERIK,), (7, 8)),
        InteractionFacts(2, TODAY - timedelta(days=120), (DANA,), (9,)),
    )
    return AccountFacts(
        1,
        "Nordwind Logistics",
        people=people,
        interactions=interactions,
        offerings_discussed=("Cloud", "cloud ", "Security"),
        opportunity_departments=("Procurement",),
    )


def test_rows_are_departments_with_the_unknown_last_and_columns_levels_with_unknown_last():
    grid = coverage_grid(nordwind(), TODAY)

    assert grid.departments == ("Finance", "IT", "Procurement", NO_DEPARTMENT)
    assert grid.levels == (*Level, None)


def test_the_cfo_cell_knows_dana_a_decision_maker_but_nobody_engaged():
    cell = coverage_grid(nordwind(), TODAY).cell("Finance", Level.C_LEVEL)

    assert cell.person_ids == (DANA,)
    assert cell.engaged_count == 0
    assert cell.best_strength == Strength.ACQUAINTED
    assert cell.has_decision_maker
    assert not cell.engaged


def test_department_names_match_ignoring_case_and_spaces():
    grid = coverage_grid(nordwind(), TODAY)

    assert grid.cell("FINANCE", Level.MANAGER).person_ids == (ERIK,)
    # Lea typed " finance " and gave no level: she lands in Finance, level unknown.
    assert grid.cell("Finance", None).person_ids == (LEA,)


def test_olaf_has_left_so_the_finance_director_cell_is_empty():
    cell = coverage_grid(nordwind(), TODAY).cell("Finance", Level.DIRECTOR)

    assert cell.person_ids == ()
    assert cell.best_strength == Strength.NONE


def test_kai_without_department_sits_in_the_no_department_row():
    grid = coverage_grid(nordwind(), TODAY)

    assert grid.cell(None, Level.VP).person_ids == (KAI,)
    assert grid.cell(None, Level.VP).engaged_count == 1


def test_breadth_counts_departments_levels_offerings_and_team():
    breadth = coverage_grid(nordwind(), TODAY).breadth

    # Finance (Erik) and IT (Ingrid) are engaged; Procurement is known only as an opportunity;
    # Kai is engaged but his department is unknown, so he adds a level and no department.
    assert breadth.departments_known == 3
    assert breadth.engaged_departments == ("Finance", "IT")
    assert breadth.engaged_levels == (Level.VP, Level.DIRECTOR, Level.MANAGER)
    assert breadth.levels_engaged == 3
    # "Cloud" and "cloud " are one offering area.
    assert breadth.offerings_discussed == 2
    # 7 and 8 met Erik recently, 7 and 11 own relationships; 9's meeting is too old.
    assert breadth.team_member_ids == (7, 8, 11)
    assert breadth.team_members_engaged == 3


def test_the_most_senior_engaged_level_of_a_department():
    grid = coverage_grid(nordwind(), TODAY)

    assert grid.best_engaged_level("Finance") is Level.MANAGER
    assert grid.best_engaged_level("Procurement") is None
    assert grid.department_engaged("it")
    assert not grid.department_engaged("Procurement")


def test_an_account_where_everybody_has_a_level_has_no_unknown_column():
    account = AccountFacts(2, "Small", people=(PersonFacts(1, "Ann", level=Level.VP),))

    grid = coverage_grid(account, TODAY)

    assert grid.levels == tuple(Level)
    assert grid.departments == (NO_DEPARTMENT,)
    assert grid.breadth.departments_known == 0


def test_an_empty_account_has_an_empty_grid():
    grid = coverage_grid(AccountFacts(3, "Empty"), TODAY)

    assert grid.departments == ()
    assert grid.cells == {}
    assert grid.breadth.team_members_engaged == 0
