"""Whole-word, any-case matching of competitor names and aliases."""

from __future__ import annotations

import pytest

from tandem.market.competitors.matching import first_match, highlight, pattern

TERMS = ["RotaBoard", "Punchline HR", "C++ Rota", "Deputy.com"]


@pytest.mark.parametrize(("text", "found"), [
    ("We left RotaBoard last year", "RotaBoard"),
    ("rotaboard's export is a mess", "rotaboard"),
    ("ROTABOARD!", "ROTABOARD"),
    ("(RotaBoard)", "RotaBoard"),
    ("We use RotaBoards now", None),  # a longer word is not the name
    ("MyRotaBoard", None),
    ("rota boarding", None),
    ("Our accountant sells Punchline  HR", "Punchline  HR"),  # any whitespace inside
    ("Punchline\nHR works", "Punchline\nHR"),
    ("the punchline is", None),  # "Punchline HR" needs both words
    ("we tried C++ Rota once", "C++ Rota"),
    ("see deputy.com for prices", "deputy.com"),
    ("deputy.company", None),
    ("", None),
])
def test_first_match(text: str, found: str | None) -> None:
    assert first_match(text, pattern(TERMS)) == found


def test_longest_term_wins_and_short_terms_are_ignored() -> None:
    compiled = pattern(["Crew", "CrewCast Lite", "CrewCast", "x"])
    assert first_match("CrewCast Lite is cheap", compiled) == "CrewCast Lite"
    assert first_match("x marks the spot", pattern(["x"])) is None
    assert pattern([" ", "a"]) is None


def test_highlight_cuts_the_text_around_matches() -> None:
    assert highlight("Left rotaboard for RotaBoard", pattern(["RotaBoard"])) == [
        ("Left ", False), ("rotaboard", True), (" for ", False), ("RotaBoard", True)]
    assert highlight("nothing", None) == [("nothing", False)]
