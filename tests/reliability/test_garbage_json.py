"""`keyplan import-json` fed garbage: only our own one-line refusals, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keyplan.cli import main
from keyplan.domain.errors import KeyplanError
from keyplan.exchange.transfer.json_exchange import FORMAT_VERSION, import_json
from keyplan.store.database import open_database

GOLDEN = json.loads(
    (Path(__file__).parents[1] / "data" / "json" / "golden-account.json").read_text("utf-8")
)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
ROW_KEYS = st.sampled_from(["id", "name", "full_name", "stance", "account_id", "strength",
                            "annual_revenue", "reports_to_id", "tier", "parent_id"])  # fmt: skip
rows = st.dictionaries(ROW_KEYS, values, max_size=6)
documents = st.fixed_dictionaries(
    {
        "format": st.sampled_from([GOLDEN["format"], "other"]),
        "format_version": st.sampled_from([FORMAT_VERSION, 0]),
        "schema_revision": st.just(GOLDEN["schema_revision"]),
        "tables": st.dictionaries(
            st.sampled_from(["accounts", "stakeholders", "opportunities", "gadgets"]),
            st.lists(rows, max_size=3),
            max_size=3,
        ),
    }
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=documents | values, raw=st.binary(max_size=60))
def test_garbage_is_refused_by_our_own_errors(tmp_path: Path, document: Any, raw: bytes) -> None:
    target = open_database(tmp_path / "target.db")
    try:
        for content in (json.dumps(document).encode(), raw):
            source = tmp_path / "garbage.json"
            source.write_bytes(content)
            try:
                import_json(target, source)
            except KeyplanError as error:
                assert "\n" not in str(error)
    finally:
        target.close()


@pytest.mark.parametrize("content", [b"\xff\xfe", b'{"tables": {"accounts": [1e999]}}'])
def test_the_command_says_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    source = tmp_path / "garbage.json"
    source.write_bytes(content)
    assert main(["--db", str(tmp_path / "t.db"), "import-json", str(source)]) != 0
    assert capsys.readouterr().err.count("\n") == 1
