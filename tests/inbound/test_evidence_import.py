"""Evidence imports through the service and the job, on both engines: all rows or none,
--skip-invalid, idempotent re-imports, batches in their own transactions, the viewer."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User, Workspace
from tandem.errors import Forbidden, Invalid
from tandem.inbound.evidence import importer
from tandem.inbound.evidence.importer import Request, import_file
from tandem.inbound.evidence.jobs import start
from tandem.inbound.evidence.service import evidence
from tandem.inbound.evidence.uploads import Spool
from tandem.platform.jobs import service as jobs
from tandem.runtime import Runtime
from tandem.scope import Scope
from tests.inbound import make_samples
from tests.jobs.support import make_worker

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

Transaction = Callable[[], AbstractContextManager[Scope]]


@pytest.fixture
def tx(runtime: Runtime, owner: User, workspace: Workspace) -> Transaction:
    return lambda: runtime.scope(owner, "acme")


@pytest.fixture(params=["one pass", "two passes"])
def passes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Small files keep their checked rows (one pass); larger ones are read again."""
    if request.param == "two passes":
        monkeypatch.setattr(importer, "IN_MEMORY_BYTES", 0)
    return str(request.param)


def _file(tmp_path: Path, text: str | bytes, name: str = "feedback.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def _texts(tx: Transaction) -> list[str]:
    with tx() as scope:
        return sorted(e.text for e in evidence.all(scope))


def test_valid_file_imports_every_row(passes: str, tx: Transaction, tmp_path: Path) -> None:
    report = import_file(tx, _file(tmp_path, GOOD), Request("feedback.csv"))
    assert (report["new"], report["duplicates"], report["rejected"]) == (2, 0, 0)
    with tx() as scope:
        rows = {e.text: e for e in evidence.all(scope)}
    first = rows["Swapping shifts takes forever, we text all weekend"]
    assert first.tags == ["swaps", "mobile"] and first.customer_company == "Luna Taqueria"
    assert rows["Payroll export misses overtime"].source == "interview"
    assert all(e.import_key and len(e.import_key) == 32 for e in rows.values())


def test_bad_rows_abort_the_whole_import(tx: Transaction, tmp_path: Path) -> None:
    with pytest.raises(Invalid) as failed:
        import_file(tx, _file(tmp_path, BAD), Request("feedback.csv"))
    message = failed.value.message
    assert message.startswith("feedback.csv: 3 invalid row(s), nothing imported")
    assert "line 3, column 'source'" in message
    assert "line 4, column 'text'" in message
    assert "line 5, column 'received_on'" in message
    assert _texts(tx) == []


def test_skip_invalid_keeps_good_rows_and_reports_the_rest(passes: str, tx: Transaction,
                                                           tmp_path: Path) -> None:
    report = import_file(tx, _file(tmp_path, BAD), Request("feedback.csv", skip_invalid=True))
    assert (report["new"], report["rejected"], report["rows"]) == (1, 3, 4)
    assert [p.split(",")[0] for p in report["problems"]] == ["line 3", "line 4", "line 5"]
    assert _texts(tx) == ["fine row"]


def test_the_same_file_twice_adds_nothing(passes: str, tx: Transaction, tmp_path: Path) -> None:
    path = _file(tmp_path, GOOD)
    assert import_file(tx, path, Request("feedback.csv"))["new"] == 2
    again = import_file(tx, path, Request("feedback.csv"))
    assert (again["new"], again["duplicates"]) == (0, 2)
    # The same items with other spacing and case are the same items.
    shouted = _file(tmp_path, GOOD.replace("Payroll export misses overtime",
                                           "PAYROLL  export misses overtime"), "b.csv")
    assert import_file(tx, shouted, Request("b.csv"))["duplicates"] == 2
    assert len(_texts(tx)) == 2


def test_ids_make_items_the_same_even_when_their_text_changed(tx: Transaction,
                                                              tmp_path: Path) -> None:
    path = make_samples.path("canny")
    first = import_file(tx, path, Request(path.name, preset="canny"))
    assert first["new"] == len(make_samples.ITEMS)
    edited = _file(tmp_path, path.read_text().replace("by hand", "manually"), "canny2.csv")
    again = import_file(tx, edited, Request("canny2.csv", preset="canny"))
    assert (again["new"], again["duplicates"]) == (0, len(make_samples.ITEMS))


def test_repeated_rows_in_one_file_count_as_duplicates(
        passes: str, tx: Transaction, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "BATCH", 2)  # repeats inside a batch and across batches
    text = "text\n" + "same\nother\nsame\nthird\nsame\n"
    report = import_file(tx, _file(tmp_path, text), Request("feedback.csv"))
    assert (report["new"], report["duplicates"]) == (3, 2)


def test_an_interrupted_import_run_again_adds_no_duplicates(
        passes: str, tx: Transaction, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "BATCH", 2)
    rows = "text\n" + "".join(f"item {n}\n" for n in range(7))
    calls = 0
    real = importer._write_batch

    def dies_on_third(scope: Scope, batch: list[importer.Row]) -> tuple[int, int]:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("the worker died")
        return real(scope, batch)

    monkeypatch.setattr(importer, "_write_batch", dies_on_third)
    path = _file(tmp_path, rows)
    with pytest.raises(RuntimeError):
        import_file(tx, path, Request("feedback.csv"))
    assert len(_texts(tx)) == 4  # two batches were committed, each on its own
    monkeypatch.setattr(importer, "_write_batch", real)
    report = import_file(tx, path, Request("feedback.csv"))
    assert (report["new"], report["duplicates"]) == (3, 4)
    assert len(_texts(tx)) == 7


def test_progress_is_reported_while_writing(passes: str, tx: Transaction, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "BATCH", 1)
    seen: list[tuple[int, str]] = []
    import_file(tx, _file(tmp_path, GOOD), Request("feedback.csv"),
                lambda percent, message: seen.append((percent, message)))
    assert seen[0] == (0, "Checking feedback.csv")
    assert seen[1] == (importer.CHECKED_SHARE, "Writing 2 rows")
    assert [m for _, m in seen[2:]] == ["1 new, 0 already there", "2 new, 0 already there",
                                        "2 new, 0 already there, 0 rejected"]
    assert [p for p, _ in seen] == sorted(p for p, _ in seen)


def _company_of(scope: Scope, evidence_id: int | None) -> int | None:
    """The company an evidence item was linked to (its id differs between workspaces)."""
    return evidence.get(scope, evidence_id or 0).company_id


def test_one_pass_and_two_passes_write_the_same(
        runtime: Runtime, owner: User, workspace: Workspace, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A small file written from the rows kept by the check, and the same file read again
    (as a large one is), leave the same evidence, tags, search documents and events; only
    the large file is read twice."""
    from sqlalchemy import select

    from tandem.platform.events.models import Event
    from tandem.storage.search_index import SearchDocument

    with runtime.session() as session:
        accounts.create_workspace(session, "Other", owner, "other")
    text = GOOD + "".join(f"Item {n} about exports,email,Co {n % 3},2026-09-0{n % 9 + 1},"
                          f"\"t{n % 4},export\"\n" for n in range(7))
    path = _file(tmp_path, text)
    opened: list[str] = []
    real_open = importer.open_reader

    def counting(*args: object) -> importer.Reader:
        opened.append("read")
        return real_open(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "open_reader", counting)
    monkeypatch.setattr(importer, "BATCH", 3)
    reports, written = [], []
    for slug, limit in (("acme", importer.IN_MEMORY_BYTES), ("other", 0)):
        opened.clear()
        monkeypatch.setattr(importer, "IN_MEMORY_BYTES", limit)
        reports.append(import_file(lambda slug=slug: runtime.scope(owner, slug), path,
                                   Request("feedback.csv")))
        reports[-1]["reads"] = len(opened)
        with runtime.scope(owner, slug) as scope:
            items = evidence.all(scope)
            docs = {d.object_id: (d.title, d.body) for d in scope.session.scalars(
                select(SearchDocument).where(SearchDocument.workspace_id == scope.workspace_id,
                                             SearchDocument.kind == "evidence"))}
            logged = {}
            for e in scope.session.scalars(select(Event).where(
                    Event.workspace_id == scope.workspace_id, Event.kind == "evidence")):
                changes = dict(e.changes or {})
                assert changes.pop("company_id") == [None, _company_of(scope, e.object_id)]
                logged[e.object_id] = (e.verb, e.title, changes)
            written.append(sorted(
                (e.text, e.source, e.tags, e.customer_company, e.received_on, e.import_key,
                 docs[e.id], logged[e.id]) for e in items))
    assert [r.pop("reads") for r in reports] == [2, 3]  # the layout, then one pass or two
    assert reports[0] == reports[1] and reports[0]["new"] == 9
    assert written[0] == written[1] and len(written[0]) == 9


def test_a_small_file_of_many_rows_is_read_twice(
        tx: Transaction, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past IN_MEMORY_ROWS the kept rows are let go and the file is read again."""
    monkeypatch.setattr(importer, "IN_MEMORY_ROWS", 3)
    kept: list[importer.Kept] = []
    real_check = importer.check

    def watching(*args: object, **options: object) -> importer.Report:
        kept.append(args[4])  # type: ignore[arg-type]
        return real_check(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "check", watching)
    text = "text\n" + "".join(f"item {n}\n" for n in range(5))
    assert import_file(tx, _file(tmp_path, text), Request("feedback.csv"))["new"] == 5
    assert kept[0].rows is None and len(_texts(tx)) == 5
    kept.clear()
    assert import_file(tx, _file(tmp_path, "text\na\nb\nc\n", "b.csv"),
                       Request("b.csv"))["new"] == 3
    assert kept[0].rows is not None and len(kept[0].rows) == 3


def test_viewers_cannot_import(runtime: Runtime, owner: User, workspace: Workspace,
                               tmp_path: Path) -> None:
    with runtime.session() as session:
        viewer = accounts.create_user(session, "vera@example.com", "correct-horse-1")
    with runtime.scope(owner, "acme") as scope:
        accounts.add_member(scope, viewer.email, Role.viewer)
    with pytest.raises(Forbidden):
        import_file(lambda: runtime.scope(viewer, "acme"), _file(tmp_path, GOOD),
                    Request("feedback.csv"))


def _upload(runtime: Runtime, workspace: Workspace, data: bytes, name: str) -> Spool:
    spool = Spool(runtime.settings.data_dir, workspace.id, name, 10**6)
    spool.write(data)
    return spool


def test_the_job_imports_reports_and_removes_the_upload(
        runtime: Runtime, owner: User, workspace: Workspace) -> None:
    upload = _upload(runtime, workspace, make_samples.content("zendesk"),
                     "tickets.json").finish()
    with runtime.scope(owner, "acme") as scope:
        job_id = start(scope, upload, Request(upload.name, preset="zendesk")).id
    assert make_worker(runtime).run_once()
    with runtime.scope(owner, "acme") as scope:
        job = jobs.public(jobs.get(scope, job_id), "acme")
        assert evidence.count(scope) == len(make_samples.ITEMS)
    assert job.status == "succeeded" and job.progress == 100
    assert job.result is not None
    assert {k: job.result[k] for k in ("file", "format", "preset", "new", "rejected")} == {
        "file": "tickets.json", "format": "json", "preset": "zendesk",
        "new": len(make_samples.ITEMS), "rejected": 0}
    assert not upload.path.exists() and not upload.meta.exists()


def test_a_file_with_bad_rows_fails_its_job_at_once_with_the_reason(
        runtime: Runtime, owner: User, workspace: Workspace) -> None:
    upload = _upload(runtime, workspace, BAD.encode(), "feedback.csv").finish()
    with runtime.scope(owner, "acme") as scope:
        job_id = start(scope, upload, Request(upload.name)).id
    assert make_worker(runtime).run_once()
    with runtime.scope(owner, "acme") as scope:
        job = jobs.get(scope, job_id)
        assert evidence.count(scope) == 0
    assert (job.status, job.attempts) == ("failed", 1)  # not retried: retrying cannot help
    assert job.error.startswith("feedback.csv: 3 invalid row(s), nothing imported: line 3")
    assert not upload.path.exists()


def test_a_file_that_cannot_be_imported_is_refused_before_it_is_queued(
        runtime: Runtime, owner: User, workspace: Workspace) -> None:
    upload = _upload(runtime, workspace, b"words\nhello\n", "odd.csv").finish()
    with runtime.scope(owner, "acme") as scope, pytest.raises(Invalid, match="no text column"):
        start(scope, upload, Request(upload.name))
    with runtime.scope(owner, "acme") as scope:
        assert jobs.list_jobs(scope).total == 0
    assert not upload.path.exists()
