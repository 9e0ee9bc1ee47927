"""The requirements document's pure rules: the status flow, quote citations, tracker links."""

from __future__ import annotations

import pytest

from tandem.inbound.requirements.engine import (
    CitationState,
    FlowError,
    Status,
    as_who,
    check_citation,
    check_transition,
    check_url,
    quote_span,
)

D, R, A, H = Status.draft, Status.in_review, Status.approved, Status.handed_off


@pytest.mark.parametrize(("current", "target", "allowed"), [
    (D, R, True), (D, A, False), (D, H, False), (D, D, False),
    (R, D, True), (R, A, True), (R, H, False), (R, R, False),
    (A, D, True), (A, H, True), (A, R, False), (A, A, False),
    (H, D, False), (H, R, False), (H, A, False), (H, H, False),
])
def test_status_flow(current: Status, target: Status, allowed: bool) -> None:
    if allowed:
        check_transition(current, target)
    else:
        with pytest.raises(FlowError):
            check_transition(current, target)


def test_flow_errors_say_what_is_allowed() -> None:
    with pytest.raises(FlowError, match="can go to in review, not approved"):
        check_transition(D, A)
    with pytest.raises(FlowError, match="handed to development"):
        check_transition(H, D)


TEXT = "We export the rota to payroll by hand — it takes “two hours” every Friday."


@pytest.mark.parametrize(("quote", "found"), [
    ("export the rota to payroll", True),
    ("EXPORT   the rota\nto payroll", True),  # case and spacing aside
    ('it takes "two hours"', True),  # straight quotes match curly ones
    ("by hand - it takes", True),  # dashes too
    ("every Friday.", True),
    ("export the rota to the payroll", False),  # a word added
    ("three hours", False),
    ("", False), ("   ", False),  # a citation must quote words
])
def test_quote_span(quote: str, found: bool) -> None:
    assert (quote_span(TEXT, quote) is not None) is found


@pytest.mark.parametrize(("evidence_id", "quote", "state"), [
    (1, "two hours", CitationState.ok),
    (1, "four hours", CitationState.changed),  # reworded since it was cited
    (2, "two hours", CitationState.missing),  # deleted: shown as missing, never an error
])
def test_check_citation(evidence_id: int, quote: str, state: CitationState) -> None:
    assert check_citation(evidence_id, quote, {1: TEXT}).state is state


@pytest.mark.parametrize(("raw", "ok"), [
    ("https://tracker.example/PROJ-12", True), ("http://jira.local:8080/browse/A-1", True),
    ("", True), ("  https://x.example/1  ", True),
    ("javascript:alert(1)", False), ("ftp://x.example/1", False), ("tracker/PROJ-12", False),
    ("https://", False), ("https://x.example/a b", False),
    ("https://x.example/" + "a" * 2000, False),
])
def test_tracker_url(raw: str, ok: bool) -> None:
    if ok:
        assert check_url(raw) == raw.strip()
    else:
        with pytest.raises(ValueError):
            check_url(raw)


@pytest.mark.parametrize(("typed", "shown"), [
    ("manager", "As a manager"), ("admin", "As an admin"),
    ("a payroll lead", "As a payroll lead"), ("the owner", "As the owner"),
    ("as an owner", "As an owner"), ("", ""),
])
def test_as_who(typed: str, shown: str) -> None:
    assert as_who(typed) == shown
