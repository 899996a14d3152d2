"""The printed plan totals the open pipeline per currency: a Brazilian deal stays in reais."""

from __future__ import annotations

from datetime import date

from pdf_sample import TODAY, pdf_text

from keyplan.domain.plan_fields import PlanTable
from keyplan.reports.export import export_pdf
from keyplan.store.people import edits
from keyplan.store.plan import edits as plan_edits


def _open_deals_in_three_currencies(sample) -> None:
    """Nordlicht (EUR) already pursues a EUR 750,000 cloud migration at 40 %. Its new Brazilian
    affiliate brings a BRL deal, a US plant a USD one; a deal already won no longer counts."""
    brazil = edits.add_account(
        sample.db, "Nordlicht do Brasil Ltda", parent_id=sample.account_id, currency="BRL"
    )
    add = plan_edits.add_row
    add(
        sample.db,
        PlanTable.OPPORTUNITIES,
        brazil,
        {"name": "São Paulo plant service", "value": 350_000, "probability": 50},
    )
    add(
        sample.db,
        PlanTable.OPPORTUNITIES,
        sample.account_id,
        {"name": "Ohio uptime pilot", "value": 90_000, "currency": "USD", "probability": 20},
    )
    add(sample.db, PlanTable.OPPORTUNITIES, sample.account_id,
        {"name": "Spare parts 2026", "value": 2_000_000, "status": "won",
         "expected_close_on": date(2026, 1, 31)})  # fmt: skip


def test_the_open_pipeline_is_printed_per_currency_never_added_into_euros(sample, tmp_path):
    _open_deals_in_three_currencies(sample)

    path = export_pdf(sample.db, sample.account_id, "internal", tmp_path / "p.pdf", today=TODAY)

    text = pdf_text(path)
    assert (
        "3 open, worth EUR 750,000 + BRL 350,000 + USD 90,000"
        " (weighted EUR 300,000 + BRL 175,000 + USD 18,000)." in text
    )
    assert "Open pipeline EUR 750,000 + BRL 350,000 + USD 90,000" in text
    # The sum across currencies that the plan used to print, in euros, appears nowhere.
    assert "1,190,000" not in text and "493,000" not in text


def test_a_plan_without_open_deals_is_worth_nothing_in_its_own_currency(sample, tmp_path):
    (cloud,) = plan_edits.rows(sample.db, PlanTable.OPPORTUNITIES, sample.account_id)
    plan_edits.set_field(sample.db, PlanTable.OPPORTUNITIES, cloud["id"], "status", "lost")

    path = export_pdf(sample.db, sample.account_id, "internal", tmp_path / "p.pdf", today=TODAY)

    text = pdf_text(path)
    assert "0 open, worth EUR 0 (weighted EUR 0)." in text
    assert "Open pipeline EUR 0" in text
