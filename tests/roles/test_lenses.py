"""DACI and RAPID lenses over RACI letters, table by table."""

from __future__ import annotations

import pytest

from tandem.roles.catalog import COLUMNS
from tandem.roles.lenses import (
    EXECUTION_COLUMNS,
    SPECS,
    Lens,
    letter,
    notes,
    parse,
    role,
    several_drivers,
)

CASES = [
    # lens, RACI letter, column, shown letter, role name ("" = no counterpart)
    (Lens.raci, "R", "Market", "R", "Responsible"),
    (Lens.raci, "A", "Programs", "A", "Accountable"),
    (Lens.raci, "C", "Focus", "C", "Consulted"),
    (Lens.raci, "I", "Support", "I", "Informed"),
    (Lens.daci, "R", "Market", "D", "Driver"),
    (Lens.daci, "R", "Programs", "D", "Driver"),  # DACI does not split by column
    (Lens.daci, "A", "Business", "A", "Approver"),
    (Lens.daci, "C", "Planning", "C", "Contributor"),
    (Lens.daci, "I", "Enablement", "I", "Informed"),
    (Lens.rapid, "R", "Market", "R", "Recommend"),
    (Lens.rapid, "R", "Focus", "R", "Recommend"),
    (Lens.rapid, "R", "Business", "R", "Recommend"),
    (Lens.rapid, "R", "Planning", "R", "Recommend"),
    (Lens.rapid, "R", "Programs", "P", "Perform"),
    (Lens.rapid, "R", "Enablement", "P", "Perform"),
    (Lens.rapid, "R", "Support", "P", "Perform"),
    (Lens.rapid, "A", "Market", "D", "Decide"),
    (Lens.rapid, "A", "Support", "D", "Decide"),
    (Lens.rapid, "C", "Planning", "I", "Input"),
    (Lens.rapid, "I", "Planning", "", ""),  # RAPID has no Informed
    (Lens.rapid, "I", "Programs", "", ""),
    (Lens.daci, "X", "Market", "", ""),  # not a RACI letter
    (Lens.rapid, "", "Market", "", ""),
]


@pytest.mark.parametrize(("lens", "raci", "column", "shown", "name"), CASES)
def test_each_letter_under_each_lens(lens: Lens, raci: str, column: str, shown: str,
                                     name: str) -> None:
    assert letter(lens, raci, column) == shown
    found = role(lens, raci, column)
    assert (found.name if found else "") == name
    if found is not None:  # the role says where it comes from
        assert found.raci == raci


def test_execution_columns_are_columns_of_the_map() -> None:
    assert EXECUTION_COLUMNS.issubset(COLUMNS)
    assert set(COLUMNS) - EXECUTION_COLUMNS == {"Market", "Focus", "Business", "Planning"}


@pytest.mark.parametrize("lens", list(Lens))
def test_every_shown_letter_is_in_the_legend(lens: Lens) -> None:
    legend = {r.letter for r in SPECS[lens].roles}
    for raci in "RACI":
        for column in COLUMNS:
            shown = letter(lens, raci, column)
            assert shown == "" or shown in legend
    assert len(legend) == len(SPECS[lens].roles)  # one letter, one role, within a lens


def test_roles_without_a_counterpart_are_named() -> None:
    rapid = {r.name: r.raci for r in SPECS[Lens.rapid].roles}
    assert rapid["Agree"] == ""  # no RACI letter becomes Agree
    assert not any(letter(Lens.rapid, x, c) == "A" for x in "RACI" for c in COLUMNS)
    assert any("Informed" in note for note in SPECS[Lens.rapid].unmapped)
    assert SPECS[Lens.raci].unmapped == ()


@pytest.mark.parametrize(("given", "expected"), [
    (None, Lens.raci), ("", Lens.raci), ("  ", Lens.raci), ("daci", Lens.daci),
    ("RAPID", Lens.rapid), (" Raci ", Lens.raci)])
def test_parse(given: str | None, expected: Lens) -> None:
    assert parse(given) == expected


@pytest.mark.parametrize("bad", ["rasci", "d", "raci;"])
def test_parse_refuses_unknown_lenses(bad: str) -> None:
    with pytest.raises(ValueError):
        parse(bad)


@pytest.mark.parametrize(("letters", "expected"), [
    ({}, []),
    ({"Launch": ["A", "R"]}, []),
    ({"Launch": ["A", "R", "R"], "Pricing": ["R", "C", "R", "I"], "Content": ["R"]},
     ["Launch", "Pricing"]),
    ({"Awareness": ["A", "A"]}, []),
])
def test_several_drivers(letters: dict[str, list[str]], expected: list[str]) -> None:
    assert several_drivers(letters) == expected


def test_notes_name_several_drivers_under_daci_only() -> None:
    letters = {"Launch": ["A", "R", "R"], "Content": ["R"]}
    assert notes(Lens.daci, letters) == [
        "1 activity has several Drivers (DACI expects one): Launch."]
    assert notes(Lens.raci, letters) == notes(Lens.rapid, letters) == []
    assert notes(Lens.daci, {"Content": ["A", "R"]}) == []
    many = {f"Activity {i}": ["R", "R"] for i in range(7)}
    assert notes(Lens.daci, many)[0].endswith("Activity 4 and 2 more.")
