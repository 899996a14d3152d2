"""Politics and uncertain ratings in the insights, named person by person."""

from datetime import date, timedelta

from keyplan.domain.evidence import EvidenceFacts
from keyplan.domain.insights import AccountFacts, InteractionFacts, PersonFacts, analyse_account
from keyplan.domain.insights.facts import LineFacts
from keyplan.domain.insights.politics import PoliticsKind, politics_findings
from keyplan.domain.plan_vocabulary import Confidence, EvidenceSource, RatedField
from keyplan.domain.vocabulary import BuyingRole, Influence, Stance, Strength

TODAY = date(2026, 12, 7)

CEO = PersonFacts(1, "Henrik Dahlgren", title="CEO", buying_role=BuyingRole.DECISION_MAKER,
                  influence=Influence.HIGH, stance=Stance.NEUTRAL)  # fmt: skip
LARS = PersonFacts(2, "Lars Berg", title="CIO", stance=Stance.CHAMPION, strength=Strength.TRUSTED,
                   owner_ids=(7,))  # fmt: skip
ZOE = PersonFacts(3, "Zoë Åkesson", title="CFO", buying_role=BuyingRole.DECISION_MAKER,
                  stance=Stance.SKEPTIC, strength=Strength.WORKING, owner_ids=(7,))  # fmt: skip
SEB = PersonFacts(4, "Sebastian Wallin", title="VP Procurement", stance=Stance.BLOCKER)


def account(*lines: LineFacts, **more) -> AccountFacts:
    return AccountFacts(1, "Aldermark", people=(CEO, LARS, ZOE, SEB), lines=lines, **more)


def test_our_champion_who_influences_an_uncovered_decision_maker_is_the_route_to_them():
    [route] = politics_findings(account(LineFacts(2, 1, "influences")), TODAY)
    assert route.kind is PoliticsKind.ROUTE
    assert route.person_ids == (1, 2)
    assert route.reason == ("Route to Henrik Dahlgren (CEO), a decision maker we do not cover: "
                            "Lars Berg (champion) influences Henrik")  # fmt: skip


def test_a_line_into_a_covered_decision_maker_or_from_a_blocker_is_no_route():
    assert politics_findings(account(LineFacts(2, 3, "influences")), TODAY) == ()
    assert politics_findings(account(LineFacts(4, 1, "influences")), TODAY) == ()
    # An alliance works both ways: the CEO's ally Lars is a route too.
    [route] = politics_findings(account(LineFacts(1, 2, "ally")), TODAY)
    assert route.person_ids == (1, 2)


def test_our_champions_rival_who_decides_is_named():
    [rivalry] = politics_findings(account(LineFacts(3, 2, "rival")), TODAY)
    assert rivalry.kind is PoliticsKind.CHAMPION_RIVAL
    assert "Our champion Lars Berg's rival Zoë Åkesson (CFO) is a decision maker" in rivalry.reason


def test_every_recent_contact_through_one_person_is_single_threaded():
    meetings = tuple(InteractionFacts(n, TODAY - timedelta(days=10 * n), (2, n % 2 + 3))
                     for n in range(1, 5))  # fmt: skip
    [thread] = politics_findings(account(interactions=meetings), TODAY)
    assert thread.kind is PoliticsKind.SINGLE_THREADED
    assert thread.reason == ("Single-threaded: every contact in 90 days (4 interactions) went "
                             "through Lars Berg (CIO)")  # fmt: skip
    spread = (*meetings, InteractionFacts(9, TODAY - timedelta(days=3), (3,)))
    assert politics_findings(account(interactions=spread), TODAY) == ()


def test_the_analysis_lists_uncertain_ratings_of_people_who_matter_blockers_first():
    hearsay = EvidenceFacts(4, RatedField.STANCE, "blocker", "heard", TODAY - timedelta(days=425),
                            EvidenceSource.SECOND_HAND, Confidence.GUESS)  # fmt: skip
    fresh = EvidenceFacts(2, RatedField.STANCE, "champion", "seen", TODAY - timedelta(days=5),
                          EvidenceSource.MEETING, Confidence.CONFIRMED)  # fmt: skip
    insights = analyse_account(account(evidence=(hearsay, fresh), review_cadence_days=90), TODAY)
    reasons = [finding.reason for finding in insights.doubts]
    assert reasons[0] == ("Sebastian Wallin (VP Procurement): Blocker? — last evidence 14 months "
                          "ago, second hand, guess")  # fmt: skip
    assert [f.who for f in insights.doubts] == ["Sebastian Wallin", "Henrik Dahlgren",
                                                "Zoë Åkesson"]  # fmt: skip
