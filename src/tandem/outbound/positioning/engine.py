"""Pure positioning logic: the canvas steps, the generated statements, and version diffs.

The canvas follows April Dunford's order (Obviously Awesome, 2019): competitive alternatives,
unique attributes, the value they enable (with proof), target customer characteristics, market
category, relevant trends. The long statement is Geoffrey Moore's template (Crossing the
Chasm, 1991): "For (target) who (need), (product) is a (category) that (key benefit). Unlike
(primary alternative), we (primary differentiation)." The short one is the framework
reference's: "For (target), (product) is the (category) that (key value), unlike
(alternative)." No database here: table-driven tests cover it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandem.errors import Invalid

MAX_ALTERNATIVES = 12
MAX_ATTRIBUTES = 8
MAX_PROOFS = 10
SUGGESTED_ALTERNATIVES = ("Do nothing (keep doing it the way they do today)", "Spreadsheets")


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    question: str


STEPS: tuple[Step, ...] = (
    Step("alternatives", "Competitive alternatives",
         "What would customers do if we did not exist? Include doing nothing and "
         "spreadsheets; put the one you meet most first."),
    Step("attributes", "Unique attributes and their value",
         "What do we have that the alternatives do not, what value does each enable, and "
         "which evidence proves it?"),
    Step("target", "Target customer",
         "Who cares most about that value: the characteristics that make them care, and "
         "the need they have."),
    Step("category", "Market category",
         "The frame of reference that makes our value obvious to those customers."),
    Step("trends", "Relevant trends",
         "Optional: trends that make this matter now."),
)
STEP_KEYS = tuple(s.key for s in STEPS)


def step(key: str) -> Step:
    for found in STEPS:
        if found.key == key:
            return found
    raise Invalid(f"No canvas step '{key}' (steps: {', '.join(STEP_KEYS)}).", "step")


def empty() -> dict[str, Any]:
    return {"alternatives": [], "attributes": [], "target": "", "need": "", "category": "",
            "trends": ""}


def normalised(content: dict[str, Any] | None) -> dict[str, Any]:
    """Content with every key present and in its shape (old versions may lack some)."""
    out = empty()
    for key, value in (content or {}).items():
        if key in out:
            out[key] = value
    out["attributes"] = [{"attribute": str(a.get("attribute", "")),
                          "value": str(a.get("value", "")),
                          "evidence_ids": [int(i) for i in a.get("evidence_ids", [])]}
                         for a in out["attributes"] if isinstance(a, dict)]
    return out


@dataclass(frozen=True)
class Statements:
    long: str
    short: str


def _first(items: list[Any], field: str, why: str) -> Any:
    if not items:
        raise Invalid(why, field)
    return items[0]


def statements(content: dict[str, Any], product: str) -> Statements:
    """The classic and the short positioning statement; Invalid names the empty step."""
    c = normalised(content)
    alternative = _first([a for a in c["alternatives"] if a.strip()], "alternatives",
                         "Competitive alternatives is empty: name at least one (doing nothing "
                         "counts).")
    top = _first([a for a in c["attributes"] if a["attribute"].strip() and a["value"].strip()],
                 "attributes", "Unique attributes is empty: add at least one attribute with "
                 "the value it enables.")
    for name, label in (("target", "Target customer"), ("need", "The target's need"),
                        ("category", "Market category")):
        if not str(c[name]).strip():
            raise Invalid(f"{label} is empty: fill in that step first.", name)
    target, need, category = (_clause(c["target"]), _clause(c["need"]),
                              _clause(c["category"]))
    value, attribute = _clause(top["value"]), _clause(top["attribute"])
    article = "an" if category[:1].lower() in "aeiou" else "a"
    long = (f"For {target} who {need}, {product} is {article} {category} that {value}. "
            f"Unlike {_lower(_clause(alternative))}, we offer {_decapitalise(attribute)}.")
    short = (f"For {target}, {product} is the {category} that {value}, unlike "
             f"{_lower(_clause(alternative))}.")
    return Statements(long, short)


def _clause(text: str) -> str:
    """Text as a clause inside a sentence: one line, no closing full stop."""
    return " ".join(str(text).split()).rstrip(".")


def _lower(text: str) -> str:
    """Lower a sentence-initial capital inside a sentence ("Spreadsheets", "Group chats and
    email"); names ("Deputy", "RotaBoard", "Punchline HR") stay as written."""
    words = text.split(" ")
    plain_rest = len(words) > 1 and all(w == w.lower() for w in words[1:])
    common = words[0].lower() in _COMMON or (plain_rest and words[0][1:] == words[0][1:].lower())
    return text[:1].lower() + text[1:] if common else text


def _decapitalise(text: str) -> str:
    """"Payroll-ready timesheets" -> "payroll-ready timesheets"; "API access" stays."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and any(ch.isupper() for ch in first[1:]):
        return text
    return text[:1].lower() + text[1:]


_COMMON = {"do", "doing", "spreadsheets", "spreadsheet", "manual", "paper", "nothing", "email",
           "whatsapp", "excel", "our", "a", "an", "the", "we", "keep", "hiring", "build",
           "building", "in-house", "text", "texting"}


# --- diff ------------------------------------------------------------------------------------

FIELD_LABELS = {"alternatives": "Competitive alternatives", "attributes": "Unique attributes",
                "target": "Target customer", "need": "Their need",
                "category": "Market category", "trends": "Relevant trends"}


@dataclass(frozen=True)
class DiffRow:
    field: str
    label: str
    before: list[str]
    after: list[str]

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def removed(self) -> list[str]:
        return [line for line in self.before if line not in self.after]

    @property
    def added(self) -> list[str]:
        return [line for line in self.after if line not in self.before]


def lines(content: dict[str, Any], field: str) -> list[str]:
    """One field of a canvas as display lines (lists one item a line)."""
    value = normalised(content)[field]
    if field == "alternatives":
        return [str(a) for a in value if str(a).strip()]
    if field == "attributes":
        out = []
        for a in value:
            proof = (" [evidence " + ", ".join(f"#{i}" for i in a["evidence_ids"]) + "]"
                     if a["evidence_ids"] else " [no proof]")
            out.append(f"{a['attribute']} → {a['value']}{proof}")
        return out
    text = str(value).strip()
    return [text] if text else []


def diff(before: dict[str, Any] | None, after: dict[str, Any]) -> list[DiffRow]:
    """Field by field, side by side: what each field read before and after."""
    return [DiffRow(f, FIELD_LABELS[f], lines(before or {}, f), lines(after, f))
            for f in FIELD_LABELS]


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any]) -> list[str]:
    return [row.field for row in diff(before, after) if row.changed]
