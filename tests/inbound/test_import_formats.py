"""The pure parts of evidence imports, table-driven: presets, column detection, overrides,
formats, dates, rows and keys, and every preset's sample file read end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tandem.errors import Invalid
from tandem.inbound.evidence import formats
from tandem.inbound.evidence.importer import Request, check, layout_of
from tandem.inbound.evidence.models import Source
from tandem.inbound.evidence.reading import Problem, Record
from tandem.inbound.evidence.rows import Plan, Row, import_key, make_row, normalised, parse_date
from tests.inbound import make_samples


@pytest.mark.parametrize(("columns", "expected"), [
    (["Body", "Date", "Email"], {"text": "Body", "received_on": "Date", "email": "Email"}),
    (["comment", "Company", "rating"],
     {"text": "comment", "customer_company": "Company", "rating": "rating"}),
    (["Review", "ID", "URL", "Source"],
     {"text": "Review", "external_id": "ID", "url": "URL", "source": "Source"}),
    (["description", "created_at", "labels"],
     {"text": "description", "received_on": "created_at", "tags": "labels"}),
    (["text", "body"], {"text": "text"}),  # the first name in the list wins
    (["colour"], {}),
])
def test_common_names_are_detected(columns: list[str], expected: dict[str, str]) -> None:
    assert formats.detect(columns) == expected


@pytest.mark.parametrize(("preset", "columns", "field", "column"), [
    ("zendesk", ["subject", "description", "requester.email"], "email", "requester.email"),
    ("canny", ["Title", "Details", "Author Name"], "text", "Details"),
    ("fider", ["number", "title", "description"], "external_id", "number"),
    ("google_play", ["Star Rating", "Review Text"], "rating", "Star Rating"),
    ("intercom", ["message_body", "conversation_id"], "external_id", "conversation_id"),
    ("productboard", ["Note text", "Company name"], "customer_company", "Company name"),
    ("app_store", ["Review", "Nickname"], "customer_contact", "Nickname"),
])
def test_presets_name_their_tools_columns(preset: str, columns: list[str], field: str,
                                          column: str) -> None:
    assert formats.detect(columns, formats.preset(preset))[field] == column


@pytest.mark.parametrize(("name", "ok"), [
    ("zendesk", True), ("Google-Play", True), ("CANNY", True), ("", True),
    ("jira", False), ("zen desk", False)])
def test_unknown_presets_are_named(name: str, ok: bool) -> None:
    if ok:
        formats.preset(name)
    else:
        with pytest.raises(Invalid, match=r"Unknown preset .* \(known: zendesk, intercom"):
            formats.preset(name)


@pytest.mark.parametrize(("name", "head", "chosen", "expected"), [
    ("a.csv", b"text\n", None, "csv"), ("a.json", b"[", None, "json"),
    ("a.jsonl", b"{", None, "json"), ("notes.txt", b"hi", None, "text"),
    ("upload", b"  [{", None, "json"), ("upload", b"text,source", None, "csv"),
    ("a.csv", b"", "text", "text"), ("a.txt", b"", "jsonl", "json"),
])
def test_formats_come_from_choice_name_or_first_bytes(name: str, head: bytes,
                                                      chosen: str | None,
                                                      expected: str) -> None:
    assert formats.format_of(name, head, chosen) == expected


def test_unknown_format_is_refused() -> None:
    with pytest.raises(Invalid, match="Unknown format 'xlsx'"):
        formats.format_of("a.xlsx", b"", "xlsx")


@pytest.mark.parametrize(("pairs", "expected", "error"), [
    (["text=Body"], {"text": "Body"}, None),
    (["email="], {"email": ""}, None),
    (["received_on = Submitted at"], {"received_on": "Submitted at"}, None),
    (["Body"], None, "is not FIELD=COLUMN"),
    (["colour=Body"], None, "Unknown field 'colour'"),
])
def test_overrides_parse(pairs: list[str], expected: dict[str, str] | None,
                         error: str | None) -> None:
    if error:
        with pytest.raises(Invalid, match=error):
            formats.parse_overrides(pairs)
    else:
        assert formats.parse_overrides(pairs) == expected


def test_overrides_win_and_must_name_a_column() -> None:
    columns = ["Body", "Summary", "Mail"]
    detected = formats.detect(columns)
    assert detected == {"text": "Body", "title": "Summary"}
    mapping = formats.apply_overrides(detected, {"text": "summary", "email": "Mail"},
                                      columns, "f.csv")
    assert mapping == {"text": "Summary", "email": "Mail"}  # Summary moved from title
    with pytest.raises(Invalid, match=r"f.csv has no column 'Answer' for text \(its "
                       r"columns: Body, Summary, Mail\)"):
        formats.apply_overrides(detected, {"text": "Answer"}, columns, "f.csv")
    with pytest.raises(Invalid, match=r"f.csv: no text column found \(its columns: Mail\)"):
        formats.require_text({}, ["Mail"], "f.csv")


@pytest.mark.parametrize(("raw", "expected"), [
    ("2025-03-04", date(2025, 3, 4)), ("2025-03-04T23:30:00Z", date(2025, 3, 4)),
    ("2025-03-04 10:00:08", date(2025, 3, 4)), ("2025-03-04T10:00:00.000+02:00",
                                                date(2025, 3, 4)),
    ("04/03/2025", None), ("yesterday", None), ("2025-13-01", None), ("86400", None),
])
def test_dates(raw: str, expected: date | None) -> None:
    if expected is None:
        with pytest.raises(ValueError, match="is not a date"):
            parse_date(raw)
    else:
        assert parse_date(raw) == expected


PLAN = Plan({"text": "Body", "title": "Title", "received_on": "Date", "email": "Email",
             "customer_contact": "Name", "customer_company": "Company", "rating": "Stars",
             "source": "Channel", "tags": "Tags", "external_id": "Id"}, Source.support, "")


@pytest.mark.parametrize(("values", "check_row"), [
    ({"Body": "Too slow", "Title": "Speed"},
     lambda r: r.body.text == "Speed\n\nToo slow" and r.body.source == Source.support),
    ({"Body": "Speed is bad", "Title": "Speed"}, lambda r: r.body.text == "Speed is bad"),
    ({"Title": "Only a title"}, lambda r: r.body.text == "Only a title"),
    ({"Body": "x", "Name": "Ann", "Email": "ann@a.example"},
     lambda r: r.body.customer_contact == "Ann <ann@a.example>"),
    ({"Body": "x", "Email": "ann@a.example"},
     lambda r: r.body.customer_contact == "ann@a.example"),
    ({"Body": "x", "Stars": "1", "Tags": "a, b"}, lambda r: r.body.tags == ["a", "b",
                                                                             "1-star"]),
    ({"Body": "x", "Stars": "4.0"}, lambda r: r.body.tags == ["4-stars"]),
    ({"Body": "x", "Channel": "Sales Call"}, lambda r: r.body.source == Source.sales_call),
    ({"Body": "x", "Date": "2025-01-02T00:00:00Z"},
     lambda r: r.body.received_on == date(2025, 1, 2)),
])
def test_rows_become_evidence(values: dict[str, str], check_row: object) -> None:
    row = make_row(Record(2, values), PLAN)
    assert isinstance(row, Row), row
    assert check_row(row)  # type: ignore[operator]


@pytest.mark.parametrize(("values", "column", "reason"), [
    ({"Body": "  "}, "Body", "the text is empty"),
    ({"Body": "é" * 50_001}, "Body", "the text is over 100 kB"),
    ({"Body": "x" * 20_001}, "Body", "at most 20000 characters"),
    ({"Body": "x", "Date": "31/12/2025"}, "Date", "'31/12/2025' is not a date"),
    ({"Body": "x", "Date": "2099-01-01"}, "Date", "is in the future"),
    ({"Body": "x", "Stars": "six"}, "Stars", "not a rating from 1 to 5"),
    ({"Body": "x", "Stars": "9"}, "Stars", "not a rating from 1 to 5"),
    ({"Body": "x", "Channel": "pigeon"}, "Channel", "'pigeon' is not a source"),
    ({"Body": "x", "Company": "C" * 201}, "Company", "at most 200 characters"),
])
def test_bad_rows_name_line_column_and_reason(values: dict[str, str], column: str,
                                              reason: str) -> None:
    problem = make_row(Record(7, values), PLAN)
    assert isinstance(problem, Problem)
    assert (problem.line, problem.column) == (7, column)
    assert reason in problem.message
    assert str(problem).startswith(f"line 7, column '{column}': ")


def test_keys_are_ids_per_origin_else_normalised_text() -> None:
    by_id = make_row(Record(2, {"Body": "x", "Id": "42"}), PLAN)
    same_id = make_row(Record(9, {"Body": "changed since", "Id": "42"}), PLAN)
    other_tool = make_row(Record(2, {"Body": "x", "Id": "42"}),
                          Plan(PLAN.mapping, Source.support, "canny"))
    assert isinstance(by_id, Row) and isinstance(same_id, Row) and isinstance(other_tool, Row)
    assert by_id.key == same_id.key != other_tool.key
    a = make_row(Record(2, {"Body": "Exports  are SLOW", "Company": "Acme"}), PLAN)
    b = make_row(Record(3, {"Body": "exports are slow", "Company": "ACME "}), PLAN)
    c = make_row(Record(3, {"Body": "exports are slow", "Company": "Initech"}), PLAN)
    assert isinstance(a, Row) and isinstance(b, Row) and isinstance(c, Row)
    assert a.key == b.key != c.key
    assert len(a.key) == 32 and a.key == import_key("text", normalised(a.body.text),
                                                    "support", "acme", "")


@pytest.mark.parametrize("preset", list(make_samples.SAMPLES))
def test_every_preset_reads_its_sample(preset: str) -> None:
    path = make_samples.path(preset)
    assert path.read_bytes() == make_samples.content(preset), \
        "run python -m tests.inbound.make_samples"
    request = Request(path.name, None, preset)
    layout = layout_of(path, request)
    report = check(path, request, layout)
    assert (report.rows, report.rejected) == (len(make_samples.ITEMS), 0)
    assert "text" in layout.plan.mapping and "received_on" in layout.plan.mapping


def test_every_preset_has_a_sample() -> None:
    assert set(make_samples.SAMPLES) == set(formats.PRESETS)


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("name", "data", "preset", "message"), [
    ("a.csv", "text\nCaf\xe9\n".encode("latin-1"), None,
     r"^a.csv: line 2: not UTF-8 text \(byte 0xe9 at character 4\)"),
    ("a.csv", b"words,when\nhi,now\n", None,
     r"^a.csv: no text column found \(its columns: words, when\)"),
    ("a.csv", b"", None, r"^a.csv is empty"),
    ("a.json", b'[{"text": "a"},\n {"text": "b",,}]', None,
     r"^a.json: line 2: malformed JSON"),
    ("a.jsonl", b'{"text": "a"}\n{"text": "b"\n', None, r"^a.jsonl: line 2: malformed JSON"),
    ("a.json", b"hello", None, r"^a.json: line 1: malformed JSON: it must start with"),
    ("a.csv", b"text\nx\n", "jira", r"^Unknown preset 'jira'"),
    ("a.csv", b"text\nx\n", "zendesk", r"Zendesk tickets \(JSON\) preset reads JSON"),
])
def test_files_that_cannot_be_read_say_where(tmp_path: Path, name: str, data: bytes,
                                             preset: str | None, message: str) -> None:
    path = _file(tmp_path, name, data)
    with pytest.raises(Invalid, match=message):
        request = Request(name, None, preset)
        check(path, request, layout_of(path, request))


@pytest.mark.parametrize(("name", "data", "texts"), [
    ("a.json", b'[{"text": "one"}, {"text": "two", "tags": ["x", "y"]}]', ["one", "two"]),
    ("a.json", b'{"tickets": [{"description": "one"}], "count": 1}', ["one"]),
    ("a.json", b'{\n  "next_page": null,\n  "results": [\n {"comment": "one"}\n]\n}', ["one"]),
    ("a.jsonl", b'{"review": "one"}\n\n{"review": "two"}\n', ["one", "two"]),
    ("notes.txt", b"First idea\non two lines\n\n\nSecond idea\n", ["First idea\non two lines",
                                                                   "Second idea"]),
    ("a.tsv", b"id\ttext\n1\tone\n2\ttwo\n", ["one", "two"]),
    ("a.csv", b"\xef\xbb\xbftext\r\none\r\n", ["one"]),
    ("g.csv", "Review Text\nuno\n".encode("utf-16"), ["uno"]),
])
def test_formats_yield_their_records(tmp_path: Path, name: str, data: bytes,
                                     texts: list[str]) -> None:
    from tandem.inbound.evidence.reading import open_reader

    path = _file(tmp_path, name, data)
    request = Request(name)
    layout = layout_of(path, request)
    with open_reader(path, name, layout.format) as reader:
        rows = [make_row(r, layout.plan) if isinstance(r, Record) else r
                for r in reader.records()]
    assert [r.body.text for r in rows if isinstance(r, Row)] == texts


def test_record_level_problems_do_not_stop_reading(tmp_path: Path) -> None:
    path = _file(tmp_path, "a.csv", b"text,source\nok,email\nhello, world,email\nfine,\n")
    request = Request("a.csv")
    report = check(path, request, layout_of(path, request))
    assert (report.rows, report.rejected) == (3, 1)
    assert str(report.problems[0]).startswith("line 3: more values than the header")
    arr = _file(tmp_path, "b.json", b'[{"text": "a"}, 3]')
    report = check(arr, Request("b.json"), layout_of(arr, Request("b.json")))
    assert str(report.problems[0]) == "record 2: is not a JSON object"
