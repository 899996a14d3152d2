"""A director's contact files hold many companies: each person goes to the right account.

And the people already there are found the way a director would find them: by profile or
e-mail first, then by their name letter for letter, then by a name spelled differently,
and only then by a close name, which the preview shows with both spellings.
"""

from __future__ import annotations

from pathlib import Path

from keyplan.domain.companies import AccountNames, company_key
from keyplan.exchange.transfer.contacts import Contact, contact_from
from keyplan.exchange.transfer.import_plan import Action, Match, plan_import
from keyplan.exchange.transfer.import_preview_text import placement_lines, preview_lines
from keyplan.store.transfer import import_reads
from keyplan.store.transfer.import_reads import ImportTarget, KnownPerson

CASTELLANI, ALDERMARK, ALDERMARK_FRANCE = "Castellani Foods S.p.A.", "Aldermark Group", 3


def row(number: int, company: str = "", reports_to: str = "", **values: str) -> Contact:
    parts = {**values, "company": company, "reports_to": reports_to}
    return contact_from(f"row {number}", parts)


def demo_target(demo, name: str | None, *, portfolio: bool = False) -> ImportTarget:
    account_id = None if portfolio else import_reads.account_id_by_name(demo, name or "")
    return import_reads.import_target(demo, account_id, name or "", portfolio=portfolio)


# ---- company names ------------------------------------------------------------------------


def test_a_company_is_the_same_whatever_its_legal_form_case_or_punctuation():
    assert company_key("Castellani Foods S.p.A.") == company_key("CASTELLANI FOODS SPA")
    assert company_key("Nordvik Logistics ASA") == company_key("Nordvik-Logistics")
    assert company_key("Cedar Ridge Power & Light") == company_key("Cedar Ridge Power and Light")
    assert company_key("Aldermark do Brasil Ltda.") == company_key("Aldermark do Brasil")
    assert company_key("Société Générale SA") == company_key("Societe Generale")
    assert company_key("AB") == "ab"  # a name that is only a legal form keeps it
    assert company_key("Nordvik Logistics") != company_key("Nordvik Shipping")


# ---- into one account ---------------------------------------------------------------------


def test_a_linkedin_export_into_one_account_takes_its_people_and_counts_the_others(demo):
    contacts = [
        row(2, "CASTELLANI FOODS SPA", full_name="Giulia Ferraro", job_title="Buyer"),
        row(3, "Acme Corp", full_name="John Doe"),
        row(4, "Acme Corp.", full_name="Jane Roe"),
        row(5, "Globex", full_name="Hank Scorpio"),
        row(6, "", full_name="Paolo Neri"),
    ]
    plan = plan_import(contacts, demo_target(demo, CASTELLANI))
    giulia, john, jane, hank, paolo = plan.rows
    assert giulia.action is Action.NEW and giulia.account_name == CASTELLANI
    assert paolo.action is Action.NEW  # no company: the account chosen
    assert [r.action for r in (john, jane, hank)] == [Action.SKIP] * 3
    assert john.reason == "of another company, Acme Corp (not imported)"
    assert plan.summary() == "2 new, 0 updates, 3 skipped (3 of 2 other companies)"
    assert placement_lines(plan) == [
        "Other companies, not imported (--all-companies takes them): "
        "3 rows of 2 companies: Acme Corp (2), Globex (1)."
    ]
    # Thousands of other companies' rows are counted, not listed one by one.
    assert not any("John Doe" in line for line in preview_lines(plan))
    everyone = plan_import(contacts, demo_target(demo, CASTELLANI), all_companies=True)
    assert everyone.new_count == 5


def test_into_an_umbrella_a_row_of_an_affiliate_goes_to_the_affiliate(demo):
    contacts = [
        row(2, "Aldermark France", full_name="Claire Martin"),
        row(3, "Aldermark Group AB", full_name="Sven Ek"),
        row(4, "", full_name="Lena Holm", email="lena.holm@aldermark.example"),
    ]
    plan = plan_import(contacts, demo_target(demo, ALDERMARK))
    claire, sven, lena = plan.rows
    assert (claire.account_id, claire.account_name) == (3, "Aldermark France SAS")
    assert sven.account_name == lena.account_name == ALDERMARK
    assert "Into Aldermark France SAS: 1 new person." in placement_lines(plan)
    write = plan.to_write()
    assert sorted(w.account_id for w in write.new) == [1, 1, 3]


def test_a_list_made_for_this_account_goes_in_whole_and_the_summary_says_so(demo):
    contacts = [row(2, "Bistro Luigi", full_name="Luigi Verdi"), row(3, full_name="Anna Blu")]
    plan = plan_import(contacts, demo_target(demo, CASTELLANI))
    assert plan.new_count == 2
    assert plan.routing_note == (
        f"No company in the file is one of your accounts: every row goes into {CASTELLANI}."
    )


def test_an_account_is_found_by_its_also_known_as_name_and_by_its_website():
    accounts = [
        AccountNames(1, "Nordvik Logistics ASA", ("Nordvik Shipping",), "https://www.nordvik.no"),
        AccountNames(2, "Brightwater Logistics B.V."),
    ]
    target = ImportTarget(None, "", [], [], accounts, portfolio=True)
    contacts = [
        row(2, "Nordvik Shipping AS", full_name="Eirik Solberg"),
        row(3, "", full_name="Kari Nordmann", email="kari@oslo.nordvik.no"),
        row(4, "", full_name="Per Hansen", email="per@gmail.com"),
        row(5, "Unknown Ltd", full_name="Ola Dunk"),
    ]
    plan = plan_import(contacts, target)
    eirik, kari, per, ola = plan.rows
    assert eirik.account_id == kari.account_id == 1
    assert per.action is Action.SKIP and "no company" in per.reason
    assert ola.reason == "Unknown Ltd is none of your accounts (not imported)"


# ---- into the whole portfolio -------------------------------------------------------------


def test_one_export_updates_every_account_of_the_portfolio(demo):
    contacts = [
        row(2, "Castellani Foods", full_name="Giulia Ferraro"),
        row(3, "Meridian Health Partners Ltd", full_name="Tom Baker"),
        row(4, "Brightwater Logistics", full_name="Daan de Vries"),
        row(5, "Initech", full_name="Peter Gibbons"),
        row(6, "Initech", full_name="Milton Waddams"),
    ]
    plan = plan_import(contacts, demo_target(demo, None, portfolio=True))
    assert [r.account_name for r in plan.rows[:3]] == [
        CASTELLANI,
        "Meridian Health Partners",
        "Brightwater Logistics B.V.",
    ]
    lines = placement_lines(plan)
    assert "Into Castellani Foods S.p.A.: 1 new person." in lines
    assert lines[-1] == (
        "Companies that are none of your accounts, not imported: 2 rows of 1 company: Initech (2)."
    )
    assert plan.to_write().account_id is None and not plan.to_write().needs_own_account()


# ---- who is who ---------------------------------------------------------------------------


def person(person_id: int, name: str, account_id: int = 1, **values) -> KnownPerson:
    return KnownPerson(person_id, account_id, {"full_name": name, **values}, None)


def nordic_target(*people: KnownPerson) -> ImportTarget:
    accounts = [AccountNames(1, "Nordvik Logistics ASA")]
    return ImportTarget(1, "Nordvik Logistics ASA", list(people), list(people), accounts)


def test_an_exact_name_wins_over_a_folded_one_for_people_and_managers():
    target = nordic_target(person(1, "Sofia Jönsson"), person(2, "Sofia Jonsson"))
    contacts = [
        row(2, full_name="Sofia Jönsson", job_title="CFO"),
        row(3, full_name="Anna Berg", reports_to="Sofia Jönsson"),
        row(4, full_name="Nils Berg", reports_to="Sofia Jonsson"),
    ]
    plan = plan_import(contacts, target)
    sofia, anna, nils = plan.rows
    assert (sofia.action, sofia.person_id, sofia.match) == (Action.UPDATE, 1, Match.EXACT)
    assert anna.manager == ("person", 1) and not anna.notes
    assert nils.manager == ("person", 2) and not nils.notes


def test_a_true_tie_names_both_candidates():
    target = nordic_target(person(1, "Sofia Jonsson"), person(2, "Sofia Jonsson"))
    plan = plan_import([row(2, full_name="Anna Berg", reports_to="Sofia Jonsson")], target)
    (note,) = plan.rows[0].notes
    assert note == (
        "Reports to 'Sofia Jonsson' fits 2 people: Sofia Jonsson (in Nordvik Logistics ASA), "
        "Sofia Jonsson (in Nordvik Logistics ASA) (no manager set)"
    )


def test_a_name_spelled_differently_is_taken_and_shown_with_both_spellings():
    target = nordic_target(person(1, "Sofia Jönsson"), person(2, "Erik Solberg"))
    contacts = [
        row(2, full_name="Sofia Jonsson", phone="+46 8 555 0101"),
        row(3, full_name="Eirik Solberg", phone="+47 22 555 0102"),
        row(4, full_name="Ola Nordmann", reports_to="Sofia Jonson"),
    ]
    plan = plan_import(contacts, target)
    sofia, eirik, ola = plan.rows
    assert sofia.match is Match.FOLDED and sofia.is_a_guess
    assert sofia.reason == "file: Sofia Jonsson ≈ account: Sofia Jönsson (spelled differently)"
    assert eirik.match is Match.CLOSE
    assert eirik.reason == "file: Eirik Solberg ≈ account: Erik Solberg (a close name)"
    assert "row 3 Erik Solberg: update — file: Eirik Solberg ≈ account: Erik Solberg" in "\n".join(
        preview_lines(plan)
    )
    assert ola.notes == ["Reports to 'Sofia Jonson' taken as Sofia Jönsson (a close name)"]
    # --exact-only: accents aside the same name is the same person; a close name is not.
    strict = plan_import(contacts, target, exact_only=True)
    assert [r.action for r in strict.rows] == [Action.UPDATE, Action.NEW, Action.NEW]
    assert "names nobody" in strict.rows[2].notes[0]
    # In the wizard, the user says Eirik is someone new.
    chosen = plan_import(contacts, target, as_new=[1])
    assert chosen.rows[1].action is Action.NEW and chosen.rows[1].name == "Eirik Solberg"


def test_a_manager_given_as_a_record_id_is_found_through_the_files_own_ids():
    contacts = [
        Contact("row 2", {"full_name": "Ingrid Olsen"}, record_id="0035g00000AbCdEAAV"),
        Contact("row 3", {"full_name": "Harald Berg"}, reports_to_id="0035g00000AbCdEAAV"),
        Contact("row 4", {"full_name": "Lars Lie"}, reports_to_id="0035g00000ZZZZZAAA"),
    ]
    plan = plan_import(contacts, nordic_target())
    assert plan.rows[1].manager == ("row", 0)
    assert plan.rows[2].notes == [
        "Reports to record id 0035g00000ZZZZZAAA, which is no row of the file (no manager set)"
    ]


def test_five_thousand_nordic_names_keep_every_reporting_line():
    firsts = [f"{given}{suffix}" for given in ("Anna", "Erik", "Sofia", "Lars", "Karin",
              "Nils", "Maja", "Olof", "Ebba", "Jonas") for suffix in ("", "-Li", "-Marie",
              "-Sofie", "-Kim")]  # fmt: skip
    lasts = []
    for base in ("Jönsson", "Lindqvist", "Åberg", "Öberg", "Sjöström", "Ekström", "Hägg",
                 "Löfgren", "Sjögren", "Björk"):  # fmt: skip
        folded = base.translate(str.maketrans("öÅÖä", "oAOa"))
        for variant in {base, folded, base.replace("qvist", "quist")}:
            for n in range(5):
                lasts.append(f"{variant}{'' if n == 0 else ' ' + 'ABCDE'[n]}")
    names = [f"{first} {last}" for last in lasts for first in firsts][:5000]
    assert len(set(names)) == 5000
    assert "Anna Jönsson" in names and "Anna Jonsson" in names
    contacts = [
        row(i + 2, full_name=name, reports_to=names[(i - 1) // 5] if i else "")
        for i, name in enumerate(names)
    ]
    plan = plan_import(contacts, nordic_target())
    assert plan.new_count == 5000
    assert sum(1 for r in plan.rows if r.manager is not None) == 4999
    assert not [note for r in plan.rows for note in r.notes]


# ---- job changes --------------------------------------------------------------------------


def test_someone_at_another_company_now_is_marked_as_left_and_a_new_title_is_taken():
    target = nordic_target(
        person(1, "Erik Solberg", email="erik@nordvik.no", job_title="Head of IT"),
        person(2, "Kari Lie", profile_url="https://www.linkedin.com/in/karilie", job_title="CIO"),
    )
    contacts = [
        row(2, "Acme Corp", full_name="Erik Solberg", email="erik@nordvik.no"),
        row(
            3,
            "Nordvik Logistics",
            full_name="Kari Lie",
            job_title="CEO",
            profile_url="linkedin.com/in/karilie/",
        ),
        row(4, "Nordvik", full_name="Ola Berg"),
    ]
    plan = plan_import(contacts, target)
    erik, kari, _ola = plan.rows
    assert (erik.action, erik.person_id, erik.values) == (Action.UPDATE, 1, {"has_left": True})
    assert erik.reason == "moved to Acme Corp: marked as having left Nordvik Logistics ASA"
    assert (kari.action, kari.match) == (Action.UPDATE, Match.PROFILE)
    assert kari.changes == {"job_title": ("CIO", "CEO")}


# ---- the command line ---------------------------------------------------------------------


def test_a_typo_in_the_account_is_refused_with_did_you_mean(demo_path, tmp_path, capsys):
    from keyplan.cli import main as keyplan

    contacts = tmp_path / "contacts.csv"
    contacts.write_text("Full Name,Title,Email\nGiulia Ferraro,Buyer,giulia@example.com\n")
    assert keyplan(["import", str(contacts), "--db", str(demo_path), "--dry-run",
                    "--account", "Castellani Food"]) == 1  # fmt: skip
    error = capsys.readouterr().err
    assert "Did you mean 'Castellani Foods S.p.A.'?" in error
    assert "--create-account" in error
    assert keyplan(["import", str(contacts), "--db", str(demo_path), "--dry-run",
                    "--account", "Castellani Food", "--create-account"]) == 0  # fmt: skip
    assert "There is no account named 'Castellani Food': it would be created." in (
        capsys.readouterr().out
    )


def test_one_linkedin_export_updates_the_right_accounts_of_the_demo(demo_path, tmp_path, capsys):
    from keyplan.cli import main as keyplan
    from keyplan.store.database import open_database
    from keyplan.store.people import queries

    copy = tmp_path / "demo.db"
    copy.write_bytes(demo_path.read_bytes())
    source = Path(__file__).parents[2] / "data" / "import" / "linkedin_portfolio.csv"
    assert keyplan(["import", str(source), "--db", str(copy), "--portfolio"]) == 0
    out = capsys.readouterr().out
    assert "Company → company" in out and "URL → profile URL" in out
    assert "Into Castellani Foods S.p.A.: 1 new person, 2 updates." in out
    assert "Into Meridian Health Partners: 1 new person, 1 update." in out
    assert "Into Aldermark France SAS: 1 new person." in out
    assert (
        "Companies that are none of your accounts, not imported: 3 rows of 2 companies: "
        "Initech (2), Globo Transportes (1)." in out
    )
    assert "Simone Barbieri: update — moved to Initech S.r.l.: marked as having left" in out
    db = open_database(copy, create=False)
    try:
        people = {
            person["full_name"]: person
            for account in ("Castellani Foods S.p.A.", "Aldermark France SAS")
            for person in queries.people(db, queries.find_account(db, account))
        }
    finally:
        db.close()
    assert people["Giulia Ferraro"]["profile_url"] == "https://www.linkedin.com/in/giulia-ferraro"
    assert people["Marco Bellini"]["profile_url"].endswith("/marco-bellini-cfo")
    assert people["Simone Barbieri"]["has_left"]
    assert "Camille Lefèvre" in people


def test_the_help_of_map_names_every_field_a_column_can_be(capsys):
    from keyplan.cli import main as keyplan
    from keyplan.exchange.transfer.contacts import IMPORT_FIELDS

    keyplan(["import", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert [field for field in IMPORT_FIELDS if field not in help_text] == []


def test_a_profile_url_is_stored_as_the_dialog_would_store_it_and_junk_is_left_out():
    plain = contact_from("row 2", {"full_name": "Kari Lie", "profile_url": "linkedin.com/in/kari"})
    assert plain.values["profile_url"] == "https://linkedin.com/in/kari"
    junk = contact_from("row 3", {"full_name": "Ola Dunk", "profile_url": "javascript:alert(1)"})
    assert "profile_url" not in junk.values
    assert junk.notes == ("profile URL 'javascript:alert(1)' left out: it is no web address",)
