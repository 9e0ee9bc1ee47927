"""Writing assets from structured data, deterministically, with our own templates; and
turning their Markdown into safe HTML.

No database here. The same facts always give the same document; the marketer edits it after.
Sections follow common sales-enablement practice: a battlecard says why we win, why we lose,
how to handle objections, which landmines to set, how pricing compares and what win/loss
records say; release notes say what is new and why it matters.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

import nh3
from markdown_it import MarkdownIt


@dataclass(frozen=True)
class Point:
    id: int
    claim: str
    citation: str  # "quote from Harbor Clinic", "metric: 2 h/week (2026 survey)"


@dataclass(frozen=True)
class PillarFacts:
    title: str
    body: str
    points: tuple[Point, ...] = ()


@dataclass(frozen=True)
class HouseFacts:
    name: str
    core_message: str
    pillars: tuple[PillarFacts, ...] = ()


@dataclass(frozen=True)
class CompetitorFacts:
    name: str
    website: str = ""
    description: str = ""
    strengths: str = ""
    weaknesses: str = ""


@dataclass(frozen=True)
class PriceFacts:
    """One plan at its price(s), ours or a competitor's, for the pricing comparison."""

    plan: str
    price: str  # "19 EUR / seat / month, 190 EUR / seat / year"
    included: str = ""
    note: str = ""  # where a competitor's price was seen, and when


@dataclass(frozen=True)
class ReleaseFacts:
    name: str
    version: str = ""
    description: str = ""
    shipped_on: str = ""
    addresses: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonaRow:
    """One row of the messaging matrix, as a pitch uses it."""

    persona: str
    pain: str
    key_message: str
    proof: Point | None = None
    call_to_action: str = ""


@dataclass(frozen=True)
class Written:
    title: str
    markdown: str
    point_ids: tuple[int, ...] = field(default_factory=tuple)


def _lines(text: str) -> list[str]:
    """A list typed one item a line, or a paragraph of sentences, as items."""
    items = []
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.!?])\s+", line.strip(" -•*\t")):
            if sentence.strip():
                items.append(sentence.strip())
    return items


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _points(house: HouseFacts | None) -> list[Point]:
    return [pt for p in (house.pillars if house else ()) for pt in p.points]


def _cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def pricing_comparison(product: str, competitor: str, ours: tuple[PriceFacts, ...],
                       theirs: tuple[PriceFacts, ...]) -> list[str]:
    """Our plans and theirs side by side, entry tier against entry tier, with what each
    includes and where their prices were seen."""
    if not ours and not theirs:
        return [f"| | {product} | {competitor} |", "|---|---|---|",
                "| List price | _fill in_ | _fill in_ |",
                "| What is included | _fill in_ | _fill in_ |"]
    out = [f"| | {_cell(product)} | {_cell(competitor)} |", "|---|---|---|"]
    for index in range(max(len(ours), len(theirs))):
        cells = []
        for side in (ours, theirs):
            if index >= len(side):
                cells.append("")
                continue
            plan = side[index]
            text = f"**{_cell(plan.plan)}**: {_cell(plan.price)}"
            if plan.included:
                text += f"; {_cell(plan.included)}"
            cells.append(text)
        label = "Entry plan" if index == 0 else "Top plan" if index == max(
            len(ours), len(theirs)) - 1 else f"Plan {index + 1}"
        out.append(f"| {label} | {cells[0]} | {cells[1]} |")
    if not ours:
        out.append(f"| | _Add {_cell(product)}'s plans on the packaging page._ | |")
    if not theirs:
        out.append(f"| | | _Add {_cell(competitor)}'s prices on its page._ |")
    notes = sorted({p.note for p in theirs if p.note})
    if notes:
        out += ["", f"_{competitor}'s prices as seen: {'; '.join(notes)}._"]
    return out


def battlecard(competitor: CompetitorFacts, house: HouseFacts | None, product: str,
               wins: tuple[str, ...] = (), losses: tuple[str, ...] = (),
               ours: tuple[PriceFacts, ...] = (), theirs: tuple[PriceFacts, ...] = ()
               ) -> Written:
    """Why we win, why we lose, objections, landmines, pricing, win/loss facts."""
    out = [f"# Battlecard: {product} vs {_one_line(competitor.name)}", ""]
    if competitor.description:
        out += [f"_{_one_line(competitor.description)}_", ""]
    if house is not None:
        out += [f"**Our core message:** {_one_line(house.core_message)}", ""]
    out += ["## Why we win", ""]
    if house is not None and house.pillars:
        for pillar in house.pillars:
            out.append(f"- **{_one_line(pillar.title)}**" + (
                f": {_one_line(pillar.body)}" if pillar.body else ""))
            for pt in pillar.points:
                out.append(f"  - {_one_line(pt.claim)} _({pt.citation})_")
    else:
        out.append("- _No messaging house yet: build one so this section writes itself._")
    weak = _lines(competitor.weaknesses)
    for line in weak:
        out.append(f"- Where {competitor.name} falls short: {line}")
    out += ["", "## Why we lose", ""]
    strong = _lines(competitor.strengths)
    out += [f"- {line}" for line in strong] or [
        "- _No strengths on record: add them to the competitor._"]
    out += ["", "## Objection handling", ""]
    pillars = house.pillars if house else ()
    for i, line in enumerate(strong):
        answer = pillars[i % len(pillars)].title if pillars else "our core message"
        out.append(f"- **They say: \u201c{line}\u201d** Acknowledge it, then bring it "
                   f"back to: {_one_line(answer)}.")
    if not strong:
        out.append("- _Add the competitor's strengths to prepare answers._")
    out += ["", "## Landmines to set", ""]
    out += [f"- Ask: \u201cHow does {competitor.name} handle "
            f"{_lower_first(_one_line(p.title))}?\u201d" for p in pillars] or [
        "- _Pillars become landmine questions once the house exists._"]
    out += ["", "## Pricing comparison", "",
            *pricing_comparison(product, competitor.name, ours, theirs), "",
            "## Win/loss facts", ""]
    out += [f"- Win: \u201c{_one_line(q)}\u201d" for q in wins]
    out += [f"- Loss: \u201c{_one_line(q)}\u201d" for q in losses]
    if not wins and not losses:
        out.append(f"- _No win/loss records mention {competitor.name} yet._")
    return Written(f"Battlecard: {product} vs {competitor.name}", "\n".join(out) + "\n",
                   tuple(pt.id for pt in _points(house)))


def release_notes(release: ReleaseFacts, house: HouseFacts | None, product: str) -> Written:
    """What is new in a release and why it matters, in the customer's words."""
    title = f"{product} {release.name}" + (f" ({release.version})" if release.version else "")
    out = [f"# {title}", ""]
    if release.shipped_on:
        out += [f"Released {release.shipped_on}.", ""]
    if house is not None:
        out += [f"**{_one_line(house.core_message)}**", ""]
    if release.description:
        out += [_one_line(release.description), ""]
    out += ["## What's new", ""]
    if house is not None and house.pillars:
        for pillar in house.pillars:
            out.append(f"- **{_one_line(pillar.title)}**" + (
                f": {_one_line(pillar.body)}" if pillar.body else ""))
    else:
        out.append(f"- {release.name}")
    if release.addresses:
        out += ["", "## Problems this solves", ""]
        out += [f"- {_one_line(a)}" for a in release.addresses]
    points = _points(house)
    if points:
        out += ["", "## Why it matters", ""]
        out += [f"- {_one_line(pt.claim)}" for pt in points]
    return Written(f"Release notes: {title}", "\n".join(out) + "\n",
                   tuple(pt.id for pt in points))


def _release_title(release: ReleaseFacts, product: str) -> str:
    return f"{product} {release.name}" + (f" ({release.version})" if release.version else "")


def _no_house(product: str) -> list[str]:
    return [f"_{product} has no messaging house yet: build one so this writes itself._"]


def changelog(release: ReleaseFacts, house: HouseFacts | None, product: str) -> Written:
    """A public changelog entry: short, dated, what was added and what it fixes."""
    title = _release_title(release, product)
    out = [f"# {title}", ""]
    if release.shipped_on:
        out += [f"_{release.shipped_on}_", ""]
    out += ["### Added", ""]
    if house is not None and house.pillars:
        out += [f"- {_one_line(p.title)}" for p in house.pillars]
    else:
        out.append(f"- {release.name}" + (f": {_one_line(release.description)}"
                                          if release.description else ""))
    if release.addresses:
        out += ["", "### Improved", ""]
        out += [f"- {_one_line(a)}" for a in release.addresses]
    return Written(f"Changelog: {title}", "\n".join(out) + "\n")


def launch_email(release: ReleaseFacts, house: HouseFacts | None, product: str) -> Written:
    """A launch announcement email: subject, preview line, the news, three reasons, one
    piece of proof, and a call to action."""
    title = _release_title(release, product)
    core = _one_line(house.core_message) if house is not None else \
        f"{release.name} is here."
    pillars = house.pillars[:3] if house is not None else ()
    points = _points(house)
    out = [f"# Launch email: {title}", "",
           f"**Subject:** Introducing {release.name}: {_lower_first(core)}", "",
           f"**Preview:** {_one_line(release.description) or core}", "", "Hi {{first_name}},",
           "", f"{core} Today we are releasing **{title}**.", ""]
    if pillars:
        out += ["What it means for you:", ""]
        out += [f"- **{_one_line(p.title)}**" + (f": {_one_line(p.body)}" if p.body else "")
                for p in pillars]
        out.append("")
    if points:
        out += [f"> {_one_line(points[0].claim)}", ""]
    out += [f"[See what's new in {release.name}](#)", "", f"The {product} team", ""]
    return Written(f"Launch email: {title}", "\n".join(out),
                   (points[0].id,) if points else ())


def one_pager(house: HouseFacts | None, product: str, positioning: str = "",
              problems: tuple[str, ...] = ()) -> Written:
    """A one-pager: the positioning, the problem, the pillars with their proof, next step."""
    out = [f"# {product}", ""]
    if house is not None:
        out += [f"**{_one_line(house.core_message)}**", ""]
    if positioning:
        out += [_one_line(positioning), ""]
    if problems:
        out += ["## The problem", ""] + [f"- {_one_line(p)}" for p in problems] + [""]
    out += [f"## What {product} does", ""]
    if house is not None and house.pillars:
        for pillar in house.pillars:
            out += [f"### {_one_line(pillar.title)}", ""]
            if pillar.body:
                out += [_one_line(pillar.body), ""]
            out += [f"- {_one_line(pt.claim)} _({pt.citation})_" for pt in pillar.points]
            if pillar.points:
                out.append("")
    else:
        out += [*_no_house(product), ""]
    out += ["## Next step", "", f"Book a 20-minute walkthrough of {product}: _add the link_.",
            ""]
    return Written(f"One-pager: {product}", "\n".join(out),
                   tuple(pt.id for pt in _points(house)))


def faq(house: HouseFacts | None, product: str, competitors: tuple[str, ...] = ()) -> Written:
    """Questions buyers ask, answered from the house: what it is, how each pillar helps,
    how it differs from the named alternatives, and what it costs."""
    out = [f"# {product}: frequently asked questions", "", f"## What is {product}?", ""]
    out += [_one_line(house.core_message) if house is not None else _no_house(product)[0], ""]
    used: list[int] = []
    for pillar in house.pillars if house is not None else ():
        out += [f"## How does {product} help with {_lower_first(_one_line(pillar.title))}?",
                ""]
        out += [_one_line(pillar.body) if pillar.body else _one_line(pillar.title), ""]
        for pt in pillar.points[:2]:
            out.append(f"- {_one_line(pt.claim)} _({pt.citation})_")
            used.append(pt.id)
        if pillar.points:
            out.append("")
    for name in competitors[:3]:
        first = house.pillars[0].title if house is not None and house.pillars else ""
        answer = (f"Teams pick {product} for {_lower_first(_one_line(first))}."
                  if first else f"_Say how {product} differs from {name}._")
        out += [f"## How is {product} different from {_one_line(name)}?", "", answer, ""]
    out += ["## What does it cost?", "", "_Add your pricing or a link to the pricing page._",
            ""]
    return Written(f"FAQ: {product}", "\n".join(out), tuple(used))


def pitch_outline(house: HouseFacts | None, product: str,
                  rows: tuple[PersonaRow, ...] = ()) -> Written:
    """A sales pitch outline, slide by slide: the problem in each persona's words, the
    answer, a slide per pillar with its proof, a talk track per persona, and the close."""
    out = [f"# Sales pitch outline: {product}", "", "## 1. Title", "",
           f"- {product}" + (f": {_one_line(house.core_message)}" if house else ""), "",
           "## 2. The problem", ""]
    pains = [r for r in rows if r.pain]
    out += [f"- {r.persona}: {_one_line(r.pain)}" for r in pains] or [
        "- _Add pains to the messaging matrix to open with the buyer's problem._"]
    out += ["", "## 3. Our answer", "",
            f"- {_one_line(house.core_message)}" if house else f"- {_no_house(product)[0]}", ""]
    slide = 4
    for pillar in house.pillars if house is not None else ():
        out += [f"## {slide}. {_one_line(pillar.title)}", ""]
        if pillar.body:
            out.append(f"- {_one_line(pillar.body)}")
        out += [f"- Proof: {_one_line(pt.claim)} _({pt.citation})_" for pt in pillar.points]
        out.append("")
        slide += 1
    if rows:
        out += [f"## {slide}. Talk track by persona", ""]
        for r in rows:
            proof = f" Proof: {_one_line(r.proof.claim)}." if r.proof else ""
            out.append(f"- **{r.persona}**: {_one_line(r.key_message)}.{proof}")
        out.append("")
        slide += 1
    ctas = [r.call_to_action for r in rows if r.call_to_action]
    out += [f"## {slide}. Close", "", f"- {_one_line(ctas[0]) if ctas else 'Agree the next step.'}",
            ""]
    used = tuple(dict.fromkeys([pt.id for pt in _points(house)] +
                               [r.proof.id for r in rows if r.proof]))
    return Written(f"Pitch outline: {product}", "\n".join(out), used)


def plan_comparison(product: str, table_markdown: str, core_message: str = "") -> Written:
    """The plan comparison table, as a sales asset: a product's plans side by side (the
    table itself is written by `tandem.market.packaging.calc.markdown`)."""
    head, _, rest = table_markdown.partition("\n")
    intro = [f"**{_one_line(core_message)}**", ""] if core_message else []
    body = "\n".join([head, "", *intro, rest.lstrip("\n")]) if rest else head + "\n"
    return Written(f"Plan comparison: {product}", body)


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if len(first) > 1 and any(ch.isupper() for ch in first[1:]):
        return text.rstrip(".")
    return (text[:1].lower() + text[1:]).rstrip(".")


def used_points(markdown: str, points: dict[int, str]) -> tuple[int, ...]:
    """The proof points whose claim text the (edited) body still states."""
    flat = _one_line(markdown).lower()
    return tuple(pid for pid, claim in points.items() if _one_line(claim).lower() in flat)


_MD = MarkdownIt("commonmark", {"html": False}).enable("table")


def escape(text: str) -> str:
    return nh3.clean_text(text)


def to_html(markdown: str) -> str:
    """Markdown as HTML: raw HTML is not passed through, and nh3 (Ammonia) cleans the
    result, so no script or event handler reaches a page, an email or a PDF."""
    return nh3.clean(_MD.render(markdown), url_schemes={"http", "https", "mailto"})


@dataclass(frozen=True)
class DiffLine:
    change: Literal["same", "added", "removed"]
    text: str


def compare(old: str, new: str) -> list[DiffLine]:
    """Line by line, what changed from one version's Markdown to another's."""
    lines = []
    for row in difflib.ndiff(old.splitlines(), new.splitlines()):
        tag, text = row[:2], row[2:]
        if tag == "? ":  # ndiff's hint lines point at characters; the page marks lines
            continue
        lines.append(DiffLine("added" if tag == "+ " else "removed" if tag == "- " else "same",
                              text))
    return lines
