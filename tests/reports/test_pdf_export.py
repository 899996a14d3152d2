"""Writing the file: atomic, recorded, with clear errors; and the command line."""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pdf_sample import ACCOUNT, TODAY, ZOE
from sqlalchemy import select

from keyplan.cli import export_pdf as cli_command
from keyplan.domain.errors import KeyplanError, NotFound
from keyplan.reports.document import KeyplanDocument
from keyplan.reports.export import ExportFailed, export_pdf
from keyplan.store.models import ExportRecord


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_an_export_is_recorded(sample, tmp_path):
    out = tmp_path / "out" / "plan.pdf"
    out.parent.mkdir()
    export_pdf(sample.db, sample.account_id, "customer", out, today=TODAY)
    with sample.db.read() as session:
        records = session.scalars(select(ExportRecord)).all()
    assert [(r.account_id, r.variant, r.file_name) for r in records] == [
        (sample.account_id, "customer", str(out))
    ]
    assert _leftovers(out.parent) == ["plan.pdf"]


def test_a_missing_folder_is_a_clear_error(sample, tmp_path):
    with pytest.raises(ExportFailed, match="does not exist"):
        export_pdf(sample.db, sample.account_id, "internal", tmp_path / "nowhere" / "p.pdf")


def test_a_read_only_folder_is_a_clear_error_and_leaves_nothing(sample, tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root may write anyway: make the folder refuse as it would a user
        monkeypatch.setattr(os, "access", lambda path, mode: False)
    try:
        with pytest.raises(ExportFailed, match="read-only"):
            export_pdf(sample.db, sample.account_id, "internal", folder / "plan.pdf")
        assert _leftovers(folder) == []
    finally:
        folder.chmod(0o755)


def test_a_failure_while_building_leaves_no_partial_file(sample, tmp_path, monkeypatch):
    old = tmp_path / "plan.pdf"
    old.write_bytes(b"%PDF- the previous export")

    def fail_half_way(self, story, contents=()):
        Path(self.filename).write_bytes(b"%PDF-1.4 half a document")
        raise RuntimeError("disk went away")

    monkeypatch.setattr(KeyplanDocument, "build_story", fail_half_way)
    with pytest.raises(RuntimeError):
        export_pdf(sample.db, sample.account_id, "internal", old, today=TODAY)
    others = [name for name in _leftovers(tmp_path) if not name.startswith("own.keyplan")]
    assert others == ["plan.pdf"]  # no temporary file left beside it
    assert old.read_bytes() == b"%PDF- the previous export"
    assert gc.isenabled()  # the cycle collector, held off while building, is back


def test_the_cycle_collector_is_back_after_an_export(sample, tmp_path):
    gc.enable()
    export_pdf(sample.db, sample.account_id, "internal", tmp_path / "plan.pdf", today=TODAY)
    assert gc.isenabled()


def test_a_brief_reads_its_attendees_interactions_not_the_plans_year(sample, tmp_path, monkeypatch):
    from keyplan.reports import export as export_module
    from keyplan.reports.meetings import brief

    read_with, printed = [], []
    load_plan = export_module.load_plan
    monkeypatch.setattr(
        export_module,
        "load_plan",
        lambda *args: read_with.append(args[-1]) or load_plan(*args),
    )
    meeting_brief = brief.meeting_brief
    monkeypatch.setattr(
        brief,
        "meeting_brief",
        lambda plan, people, interactions, size: (
            printed.append((plan, interactions)) or meeting_brief(plan, people, interactions, size)
        ),
    )
    export_pdf(sample.db, sample.account_id, "brief", tmp_path / "b.pdf", people=[ZOE])
    assert read_with == [False]
    plan, interactions = printed[0]
    assert plan.interactions == () and interactions  # Zoë's meeting, read for the brief


def test_a_brief_for_someone_unknown_names_them(sample, tmp_path):
    with pytest.raises(NotFound, match=r"'Zoe Akeson' \(did you mean Zoë Åkesson\?\)"):
        export_pdf(sample.db, sample.account_id, "brief", tmp_path / "b.pdf", people=["Zoe Akeson"])
    with pytest.raises(NotFound, match=r"^Nobody at .* is named 'Nemo'\.$"):
        export_pdf(sample.db, sample.account_id, "brief", tmp_path / "b.pdf", people=[ZOE, "Nemo"])
    assert not (tmp_path / "b.pdf").exists()


def test_a_brief_without_attendees_is_refused(sample, tmp_path):
    with pytest.raises(KeyplanError, match="at least one person"):
        export_pdf(sample.db, sample.account_id, "brief", tmp_path / "b.pdf", people=[])


def test_unknown_variant_and_page_size(sample, tmp_path):
    with pytest.raises(KeyplanError, match="internal, customer or brief"):
        export_pdf(sample.db, sample.account_id, "poster", tmp_path / "x.pdf")
    with pytest.raises(KeyplanError, match="A4 or Letter"):
        export_pdf(sample.db, sample.account_id, "internal", tmp_path / "x.pdf", page_size="A3")


def test_progress_runs_from_zero_to_one(sample, tmp_path):
    seen: list[float] = []
    export_pdf(sample.db, sample.account_id, "internal", tmp_path / "p.pdf", progress=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
    assert len(seen) > 3


@pytest.mark.parametrize("variant", ["internal", "customer", "brief", "internal-letter"])
def test_qpdf_check_passes(pdfs, variant):
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed (apt-get install qpdf)")
    result = subprocess.run(
        ["qpdf", "--check", str(pdfs[variant])], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _cli(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli_command.add_arguments(parser)
    return parser.parse_args(argv)


def test_the_command_line_writes_a_brief(sample_db_path, tmp_path, capsys):
    out = tmp_path / "brief.pdf"
    args = _cli(
        "--db",
        str(sample_db_path),
        "--account",
        ACCOUNT.upper(),
        "--variant",
        "brief",
        "--out",
        str(out),
        "--page-size",
        "letter",
        "--people",
        f"{ZOE}, Дмитрий Смирнов",
    )
    assert cli_command.run(args) == 0
    assert out.exists()
    assert str(out) in capsys.readouterr().out


def test_the_command_line_reports_user_errors_on_one_line(sample_db_path, tmp_path, capsys):
    args = _cli(
        "--db",
        str(sample_db_path),
        "--account",
        "Nobody Inc",
        "--variant",
        "internal",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert cli_command.run(args) == 1
    error = capsys.readouterr().err
    assert error.startswith("keyplan: There is no account named 'Nobody Inc'")
    assert error.count("\n") == 1
