"""CSV import of evidence: all rows or none, with errors naming line and column."""

from __future__ import annotations

import pytest

from tandem.errors import Invalid
from tandem.inbound.evidence.importer import import_csv
from tandem.inbound.evidence.service import evidence
from tandem.scope import Scope

GOOD = """text,source,customer_company,received_on,tags
"Swapping shifts takes forever, we text all weekend",support,Luna Taqueria,2026-10-01,"swaps,mobile"
Payroll export misses overtime,interview,Harbor Dental,2026-10-02,payroll
"""

BAD = """text,source,received_on
fine row,support,2026-10-01
second row,telepathy,2026-10-02
,support,2026-10-03
fourth,email,yesterday
"""


def test_valid_file_imports_every_row(scope: Scope) -> None:
    result = import_csv(scope, GOOD, "feedback.csv")
    assert result.created == 2 and result.skipped == []
    rows = {e.text: e for e in evidence.all(scope)}
    first = rows["Swapping shifts takes forever, we text all weekend"]
    assert first.tags == ["swaps", "mobile"] and first.customer_company == "Luna Taqueria"
    assert rows["Payroll export misses overtime"].source == "interview"


def test_bad_rows_abort_the_whole_import(scope: Scope) -> None:
    with pytest.raises(Invalid) as failed:
        import_csv(scope, BAD, "feedback.csv")
    message = failed.value.message
    assert message.startswith("feedback.csv: 3 invalid row(s), nothing imported")
    assert "line 3, column 'source'" in message
    assert "line 4, column 'text'" in message
    assert "line 5, column 'received_on'" in message
    assert evidence.count(scope) == 0


def test_skip_invalid_keeps_good_rows_and_reports_the_rest(scope: Scope) -> None:
    result = import_csv(scope, BAD, "feedback.csv", skip_invalid=True)
    assert result.created == 1
    assert [p.line for p in result.skipped] == [3, 4, 5]
    assert [e.text for e in evidence.all(scope)] == ["fine row"]


def test_header_problems_are_named(scope: Scope) -> None:
    with pytest.raises(Invalid, match="'text' column"):
        import_csv(scope, "body,source\nx,support\n", "a.csv")
    with pytest.raises(Invalid, match="unknown column"):
        import_csv(scope, "text,colour\nx,red\n", "a.csv")


def test_progress_reports_each_written_batch(scope: Scope,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from tandem.inbound.evidence import importer

    monkeypatch.setattr(importer, "BATCH", 1)
    seen: list[tuple[int, int]] = []
    import_csv(scope, GOOD, "feedback.csv", progress=lambda done, total: seen.append((done,
                                                                                       total)))
    assert seen == [(1, 2), (2, 2)]
    monkeypatch.setattr(importer, "BATCH", 500)
    seen.clear()
    import_csv(scope, GOOD.replace("Harbor", "Other"), "again.csv",
               progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 2)]


def test_odd_files_are_reported_not_crashed_on(scope: Scope) -> None:
    result = import_csv(scope, "text,source\rold mac line endings,email\r", "mac.csv")
    assert result.created == 1
    with pytest.raises(Invalid, match=r"^huge.csv: line 2: field larger than field limit"):
        import_csv(scope, "text\n" + "x" * 200_000 + "\n", "huge.csv")
    with pytest.raises(Invalid) as extra:
        import_csv(scope, "text,source\nhello, world,email\n", "extra.csv")
    assert "line 2: more values than the header has columns" in extra.value.message
    assert ".." not in extra.value.message
    assert evidence.count(scope) == 1


def test_rows_from_the_future_are_named(scope: Scope) -> None:
    with pytest.raises(Invalid) as bad:
        import_csv(scope, "text,received_on\nok,2026-01-02\nlater,2099-01-01\n", "f.csv")
    assert "line 3, column 'received_on': Received on 2099-01-01 is in the future" in \
        bad.value.message
    assert evidence.count(scope) == 0
