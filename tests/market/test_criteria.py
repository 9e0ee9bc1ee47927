"""Segment criteria alone: rows checked, and companies matched, from tables of cases."""

from __future__ import annotations

from typing import Any

import pytest

from tandem.market import criteria as rules
from tandem.market.criteria import CriteriaError


def row(field: str, op: str, value: str) -> dict[str, str]:
    return {"field": field, "op": op, "value": value}


CLINIC = {"industry": "Dental", "employees": 120, "region": "West", "plan": "Growth",
          "stage": "customer", "arr": 25_900}
UNKNOWN = {"industry": "", "employees": None, "region": "", "plan": "", "stage": "customer",
           "arr": None}

MATCHES: list[tuple[list[dict[str, str]], dict[str, Any], bool]] = [
    ([row("industry", "is", "dental")], CLINIC, True),  # any case
    ([row("industry", "is", " Dental ")], CLINIC, True),  # trimmed
    ([row("industry", "is", "Dent")], CLINIC, False),
    ([row("industry", "contains", "ent")], CLINIC, True),
    ([row("industry", "is_not", "Retail")], CLINIC, True),
    ([row("industry", "is_not", "Dental")], CLINIC, False),
    ([row("industry", "one_of", "Retail, dental ,Vet")], CLINIC, True),
    ([row("industry", "one_of", "Retail, Vet")], CLINIC, False),
    ([row("industry", "none_of", "Retail, Vet")], CLINIC, True),
    ([row("region", "none_of", "West,East")], CLINIC, False),
    ([row("employees", "between", "30-200")], CLINIC, True),
    ([row("employees", "between", "120 to 130")], CLINIC, True),  # bounds included
    ([row("employees", "between", "121..500")], CLINIC, False),
    ([row("employees", "at_least", "120")], CLINIC, True),
    ([row("employees", "at_most", "119")], CLINIC, False),
    ([row("employees", "is", "120")], CLINIC, True),
    ([row("employees", "is_not", "120")], CLINIC, False),
    ([row("arr", "at_least", "25k")], CLINIC, True),
    ([row("arr", "at_least", "0.03m")], CLINIC, False),
    ([row("arr", "between", "1,000-30,000")], CLINIC, True),
    # every row must hold
    ([row("industry", "is", "Dental"), row("region", "is", "West")], CLINIC, True),
    ([row("industry", "is", "Dental"), row("region", "is", "East")], CLINIC, False),
    # unknown values meet no row, not even a negative one
    ([row("region", "is_not", "West")], UNKNOWN, False),
    ([row("employees", "at_most", "1000")], UNKNOWN, False),
    ([row("industry", "none_of", "Retail")], UNKNOWN, False),
    ([row("stage", "is", "Customer")], UNKNOWN, True),
    # no criteria: nobody matches by criteria
    ([], CLINIC, False),
]


@pytest.mark.parametrize(("rows", "company", "expected"), MATCHES)
def test_matches(rows: list[dict[str, str]], company: dict[str, Any], expected: bool) -> None:
    assert rules.matches(rules.check(rows), company) is expected


REFUSED: list[tuple[list[dict[str, str]], str, str]] = [
    ([row("colour", "is", "red")], "criteria[0].field", "choose a field"),
    ([row("industry", "likes", "x")], "criteria[0].op", "choose an operator"),
    ([row("industry", "at_least", "5")], "criteria[0].op", "Industry takes is, is not"),
    ([row("employees", "contains", "5")], "criteria[0].op", "Employees takes"),
    ([row("region", "is", "West"), row("region", "is", "  ")], "criteria[1].value",
     "Row 2: give a value"),
    ([row("employees", "at_least", "many")], "criteria[0].value", "is a number"),
    ([row("employees", "between", "50")], "criteria[0].value", "give two numbers"),
    ([row("employees", "between", "500-50")], "criteria[0].value", "lower number comes first"),
    ([row("plan", "is", "x" * 201)], "criteria[0].value", "at most 200"),
    ([row("plan", "is", "x")] * 13, "criteria[12].field", "At most 12"),
]


@pytest.mark.parametrize(("rows", "where", "words"), REFUSED)
def test_refused_rows_name_the_row_and_part(rows: list[dict[str, str]], where: str,
                                            words: str) -> None:
    with pytest.raises(CriteriaError) as caught:
        rules.check(rows)
    assert caught.value.where == where
    assert words in caught.value.message


@pytest.mark.parametrize(("text", "expected"), [
    ("250", 250.0), ("1,200", 1200.0), ("50k", 50_000.0), ("2.5M", 2_500_000.0),
    (" 7 ", 7.0), ("-5", None), ("ten", None), ("", None), ("5kk", None)])
def test_number(text: str, expected: float | None) -> None:
    assert rules.number(text) == expected


def test_matching_and_describe() -> None:
    found = rules.check([row("industry", "one_of", "Dental, Vet"),
                         row("employees", "at_least", "50")])
    companies = [CLINIC, UNKNOWN, {**CLINIC, "employees": 10}, {**CLINIC, "industry": "Vet"}]
    assert rules.matching(found, companies) == [0, 3]
    assert rules.describe(found) == ("Industry is one of Dental, Vet and Employees is at "
                                     "least 50")


def test_facts_of_reads_attributes() -> None:
    class Company:
        industry, employees, region, plan, stage, arr = "Dental", 5, "", "", "trial", 100

    assert rules.facts_of(Company()) == {"industry": "Dental", "employees": 5, "region": "",
                                         "plan": "", "stage": "trial", "arr": 100}
