"""Writing assets from structured data, deterministically, with our own templates; and
turning their Markdown into safe HTML.

No database here. The same facts always give the same document; the marketer edits it after.
Sections follow common sales-enablement practice: a battlecard says why we win, why we lose,
how to handle objections, which landmines to set, how pricing compares and what win/loss
records say; release notes say what is new and why it matters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
class ReleaseFacts:
    name: str
    version: str = ""
    description: str = ""
    shipped_on: str = ""
    addresses: tuple[str, ...] = ()


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


def battlecard(competitor: CompetitorFacts, house: HouseFacts | None, product: str,
               wins: tuple[str, ...] = (), losses: tuple[str, ...] = ()) -> Written:
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
            f"| | {product} | {competitor.name} |", "|---|---|---|",
            "| List price | _fill in_ | _fill in_ |",
            "| What is included | _fill in_ | _fill in_ |", "",
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
