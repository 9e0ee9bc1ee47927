"""Asset writing and rendering, with no database: same facts, same text; safe HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tandem.outbound.assets import engine

HOUSE = engine.HouseFacts("Core", "Rotas that run themselves", (
    engine.PillarFacts("Payroll in minutes", "Hours flow to payroll.", (
        engine.Point(7, "Payroll takes ten minutes now.", "quote, Harbor"),)),
    engine.PillarFacts("Cover found fast", "", ()),
))
RIVAL = engine.CompetitorFacts("RotaBoard", strengths="Cheap\n- Well known",
                               weaknesses="No payroll export. One account per site.")


def test_battlecard_has_every_section_and_is_deterministic() -> None:
    first = engine.battlecard(RIVAL, HOUSE, "Shiftwell", wins=("Won: payroll export",),
                              losses=("Lost on price",))
    assert first == engine.battlecard(RIVAL, HOUSE, "Shiftwell", wins=("Won: payroll export",),
                                      losses=("Lost on price",))
    text = first.markdown
    for heading in ("# Battlecard: Shiftwell vs RotaBoard", "## Why we win", "## Why we lose",
                    "## Objection handling", "## Landmines to set", "## Pricing comparison",
                    "## Win/loss facts"):
        assert heading in text
    assert "  - Payroll takes ten minutes now. _(quote, Harbor)_" in text
    assert "- Where RotaBoard falls short: No payroll export." in text
    assert "- Where RotaBoard falls short: One account per site." in text
    assert "- Cheap" in text and "- Well known" in text
    assert "**They say: “Cheap”** Acknowledge it, then bring it back to: Payroll in" in text
    assert "How does RotaBoard handle payroll in minutes?" in text
    assert "- Win: “Won: payroll export”" in text and "- Loss: “Lost on price”" in text
    assert first.point_ids == (7,)


@pytest.mark.parametrize(("house", "expected"), [
    (None, "No messaging house yet"),
    (engine.HouseFacts("Empty", "x"), "No messaging house yet"),
])
def test_battlecard_says_what_is_missing(house: engine.HouseFacts | None,
                                         expected: str) -> None:
    made = engine.battlecard(engine.CompetitorFacts("Deputy"), house, "Shiftwell")
    assert expected in made.markdown and "No strengths on record" in made.markdown
    assert "No win/loss records mention Deputy yet." in made.markdown


def test_release_notes() -> None:
    made = engine.release_notes(engine.ReleaseFacts(
        "Swap Center", "2.4", "Swap shifts from the app.", "2026-10-06",
        ("Shift swaps run through group chats",)), HOUSE, "Shiftwell")
    assert made.title == "Release notes: Shiftwell Swap Center (2.4)"
    assert "Released 2026-10-06." in made.markdown
    assert "- **Payroll in minutes**: Hours flow to payroll." in made.markdown
    assert "## Problems this solves\n\n- Shift swaps run through group chats" in made.markdown
    assert "## Why it matters\n\n- Payroll takes ten minutes now." in made.markdown


@pytest.mark.parametrize(("body", "used"), [
    ("We say: payroll takes ten   minutes now. And more.", (7,)),
    ("Payroll is fast.", ()),
])
def test_used_points_follow_the_edited_text(body: str, used: tuple[int, ...]) -> None:
    assert engine.used_points(body, {7: "Payroll takes ten minutes now."}) == used


class _Tags(HTMLParser):
    """Every element and attribute the browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))", '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil.example></iframe>", "![x](data:text/html;base64,PHNjcmlwdD4=)",
    "[ok](JaVaScRiPt:alert(1))", "<svg onload=alert(1)>",
])
def test_html_never_carries_script(payload: str) -> None:
    html = engine.to_html(f"# Title\n\n{payload}\n")
    tags = _Tags()
    tags.feed(html)
    assert tags.found[0] == ("h1", [])
    for tag, attrs in tags.found:
        assert tag not in ("script", "iframe", "svg", "object", "embed"), html
        for name, value in attrs:
            assert not name.startswith("on"), html
            assert not (value or "").strip().lower().startswith(("javascript:", "data:")), html


RELEASE = engine.ReleaseFacts("Swap Center", "2.4", "Swaps without a manager.", "2026-10-06",
                              ("Shift swaps run through group chats",))
ROWS = (engine.PersonaRow("Ops Olivia", "Swaps eat my Mondays", "Swaps settle themselves",
                          engine.Point(7, "Payroll takes ten minutes now.", "quote, Harbor"),
                          "Book a demo"),
        engine.PersonaRow("Owner Omar", "", "Labour cost before it is spent"))


@pytest.mark.parametrize(("written", "expected", "points"), [
    (engine.changelog(RELEASE, HOUSE, "Shiftwell"),
     ["# Shiftwell Swap Center (2.4)", "_2026-10-06_", "### Added", "- Payroll in minutes",
      "### Improved", "- Shift swaps run through group chats"], ()),
    (engine.changelog(RELEASE, None, "Shiftwell"),
     ["- Swap Center: Swaps without a manager."], ()),
    (engine.launch_email(RELEASE, HOUSE, "Shiftwell"),
     ["**Subject:** Introducing Swap Center: rotas that run themselves",
      "Hi {{first_name}},", "- **Payroll in minutes**: Hours flow to payroll.",
      "> Payroll takes ten minutes now."], (7,)),
    (engine.one_pager(HOUSE, "Shiftwell", "For clinics who ...", ("Swaps by text",)),
     ["# Shiftwell", "**Rotas that run themselves**", "For clinics who ...",
      "## The problem", "- Swaps by text", "### Payroll in minutes",
      "- Payroll takes ten minutes now. _(quote, Harbor)_", "## Next step"], (7,)),
    (engine.one_pager(None, "Shiftwell"), ["has no messaging house yet"], ()),
    (engine.faq(HOUSE, "Shiftwell", ("RotaBoard",)),
     ["## How does Shiftwell help with payroll in minutes?",
      "## How is Shiftwell different from RotaBoard?",
      "Teams pick Shiftwell for payroll in minutes.", "## What does it cost?"], (7,)),
    (engine.pitch_outline(HOUSE, "Shiftwell", ROWS),
     ["## 2. The problem", "- Ops Olivia: Swaps eat my Mondays", "## 4. Payroll in minutes",
      "## 5. Cover found fast", "## 6. Talk track by persona",
      "- **Owner Omar**: Labour cost before it is spent.", "## 7. Close", "- Book a demo"],
     (7,)),
])
def test_other_assets(written: engine.Written, expected: list[str],
                      points: tuple[int, ...]) -> None:
    for line in expected:
        assert line in written.markdown, line
    assert written.point_ids == points


def test_compare_marks_changed_lines() -> None:
    lines = engine.compare("a\nb\nc", "a\nB\nc\nd")
    assert [(x.change, x.text) for x in lines] == [
        ("same", "a"), ("removed", "b"), ("added", "B"), ("same", "c"), ("added", "d")]
