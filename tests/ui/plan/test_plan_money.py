"""The Plan tab and the printed plan total the open pipeline alike: per currency, never mixed."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from keyplan.domain.plan_fields import PlanTable
from keyplan.reports.export import export_pdf
from keyplan.store.people import edits
from keyplan.ui.plan.plan_tab import PlanTab
from keyplan.ui.shell.main_window import MainWindow

PIPELINE = "EUR 750,000 + BRL 350,000 + USD 90,000"
WEIGHTED = "EUR 300,000 + BRL 175,000 + USD 18,000"


@pytest.fixture
def acme_brasil(db, small_portfolio) -> int:
    """Acme Group (EUR) has a Brazilian affiliate that counts in reais."""
    return edits.add_account(db, "Acme Brasil", parent_id=small_portfolio.acme, currency="BRL")


def _read(text: str) -> str:
    """As a person reads it: no-break spaces are spaces, lines run on."""
    return " ".join(text.replace("\u00a0", " ").split())


def add_deal(plan: PlanTab, account_id: int, name: str, **values: object) -> None:
    plan.document.add_plan_row(PlanTable.OPPORTUNITIES, account_id, {"name": name, **values})


def test_three_currencies_in_the_plan_tab_and_in_the_printed_plan(
    acme_brasil, window: MainWindow, db, small_portfolio, tmp_path
):
    plan = window.show_tab("Plan")
    assert isinstance(plan, PlanTab)
    acme = small_portfolio.acme
    add_deal(plan, acme, "Cloud migration", value=750_000, probability=40)
    add_deal(plan, acme_brasil, "São Paulo plant", value=350_000, probability=50)
    add_deal(plan, acme, "Ohio pilot", value=90_000, currency="USD", probability=20)
    add_deal(plan, acme, "Renewal 2026", value=2_000_000, status="won")

    summary = _read(plan.table_box(PlanTable.OPPORTUNITIES).summary.text())
    assert summary == (
        f"3 open · pipeline {PIPELINE} · weighted {WEIGHTED} · grey rows: from affiliates"
    )

    path = export_pdf(db, acme, "internal", tmp_path / "acme.pdf", today=date(2026, 11, 23))
    printed = _read(" ".join(page.extract_text() for page in PdfReader(path).pages))
    assert f"3 open, worth {PIPELINE} (weighted {WEIGHTED})." in printed
    assert f"Open pipeline {PIPELINE}" in printed


def test_the_share_of_wallet_counts_only_deals_in_the_accounts_own_currency(
    acme_brasil, window: MainWindow, small_portfolio
):
    plan = window.show_tab("Plan")
    acme = small_portfolio.acme
    plan.document.set_account_field(acme, "potential", 4_000_000)  # revenue 2,000,000: 50 %
    add_deal(plan, acme_brasil, "São Paulo plant", value=4_000_000, probability=50)
    assert "weighted pipeline" not in plan.sections[1].hint.text()  # reais don't fill euros

    add_deal(plan, acme, "Cloud migration", value=1_000_000, probability=40)
    assert "weighted pipeline would take it to 60%" in plan.sections[1].hint.text()
