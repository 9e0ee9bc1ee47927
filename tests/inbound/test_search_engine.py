"""Hybrid search's pure logic, table-driven: reciprocal rank fusion and safe highlighting."""

from __future__ import annotations

import pytest

from tandem.inbound.search.engine import RRF_K, fuse, highlight, spans, window


@pytest.mark.parametrize(("keyword", "semantic", "order"), [
    ([], [], []),
    ([1, 2, 3], [], [1, 2, 3]),  # one ranking alone keeps its order
    ([], [7, 5], [7, 5]),
    ([1, 2], [2, 1], [1, 2]),  # same score: the better keyword place wins
    ([1, 2, 3], [3, 4], [3, 1, 2, 4]),  # in both lists beats first place in one
    ([5, 5, 6], [6], [6, 5]),  # a repeated id counts at its first place only
    ([9, 8], [8, 9], [9, 8]),
])
def test_fuse_orders_by_reciprocal_rank(keyword: list[int], semantic: list[int],
                                        order: list[int]) -> None:
    assert [f.object_id for f in fuse(keyword, semantic)] == order


def test_fuse_scores_and_places() -> None:
    fused = {f.object_id: f for f in fuse([10, 20], [20, 30])}
    assert fused[20].score == pytest.approx(1 / (RRF_K + 2) + 1 / (RRF_K + 1))
    assert fused[10].score == pytest.approx(1 / (RRF_K + 1))
    assert (fused[20].keyword_rank, fused[20].semantic_rank) == (2, 1)
    assert (fused[30].keyword_rank, fused[30].semantic_rank) == (None, 2)


@pytest.mark.parametrize(("text", "terms", "found"), [
    ("Payroll export takes hours", ["pay"], [(0, 7)]),  # prefix, case folded
    ("the payroll, the PAYROLL", ["payroll"], [(4, 11), (17, 24)]),
    ("Café opening", ["cafe"], [(0, 4)]),  # accents folded as the index folds them
    ("nothing here", ["zzz"], []),
    ("some text", [], []),
    ("a_b", ["b"], [(2, 3)]),  # "_" splits words, as both tokenizers do
    ("swap a shift, two shifts", ["shifts"], [(7, 12), (18, 24)]),  # stemmed as the index
    ("we are exporting", ["exporting"], [(7, 16)]),
    ("ask asks", ["asks"], [(0, 3), (4, 8)]),
])
def test_spans_mark_words_that_begin_with_a_term(text: str, terms: list[str],
                                                 found: list[tuple[int, int]]) -> None:
    assert spans(text, terms) == found


@pytest.mark.parametrize(("text", "terms", "html"), [
    ("Export to payroll", ["payroll"], "Export to <mark>payroll</mark>"),
    ("<script>alert(1)</script> payroll", ["script"],
     "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; payroll"),
    ('Tom & "Jerry"', ["jerry"], "Tom &amp; &#34;<mark>Jerry</mark>&#34;"),
    ("no match <b>", ["zzz"], "no match &lt;b&gt;"),
])
def test_highlight_escapes_text_and_adds_only_marks(text: str, terms: list[str],
                                                    html: str) -> None:
    assert str(highlight(text, terms)) == html


def test_long_text_is_cut_around_the_first_match_at_word_boundaries() -> None:
    text = " ".join(f"word{i}" for i in range(200)) + " payroll " + "tail " * 100
    snippet = str(highlight(text, ["payroll"], size=80))
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>payroll</mark>" in snippet
    plain = snippet.replace("<mark>", "").replace("</mark>", "").strip("…")
    assert len(plain) <= 80 and plain in text
    assert window("short", [], 80) == (0, 5)
