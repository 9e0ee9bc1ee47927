"""The PRD as a file: Markdown, HTML and PDF, citations as footnotes.

Markdown uses footnote references (`[^1]`); HTML lists the notes at the end, each linked
from its claim; the PDF is the same HTML laid out by WeasyPrint, where each citation is a
`float: footnote` element, so it lands at the foot of the page that cites it. The fonts
(DejaVu, a Debian package the Makefile installs) are embedded by WeasyPrint as subsets.
Rendering a PDF is slow, blocking work: faces call `pdf()` from sync routes (FastAPI's
threadpool), never on the event loop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from jinja2 import Environment, PackageLoader, select_autoescape

from tandem import documents
from tandem.inbound.requirements.engine import STATUS_LABELS, CitationState, as_who
from tandem.inbound.requirements.schemas import CitationPublic, RequirementPublic

FORMATS = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
           "pdf": "application/pdf"}

_env = Environment(loader=PackageLoader("tandem.inbound.requirements", "templates"),
                   autoescape=select_autoescape(["html"]), trim_blocks=True,
                   lstrip_blocks=True)


@dataclass(frozen=True)
class Note:
    number: int
    citation: CitationPublic

    @property
    def text(self) -> str:
        c = self.citation
        if c.state is CitationState.missing:
            return f"Evidence #{c.evidence_id} (deleted; the citation is missing): “{c.quote}”"
        who = f", {c.customer}" if c.customer else ""
        changed = " (the evidence has since been reworded)" \
            if c.state is CitationState.changed else ""
        return f"“{c.quote}”: evidence #{c.evidence_id}{who}{changed}"


class Notes:
    """Numbers the citations in reading order."""

    def __init__(self) -> None:
        self.items: list[Note] = []

    def add(self, citations: list[CitationPublic]) -> list[Note]:
        made = []
        for c in citations:
            note = Note(len(self.items) + 1, c)
            self.items.append(note)
            made.append(note)
        return made


def filename(doc: RequirementPublic, fmt: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", doc.title.lower()).strip("-")[:60] or "prd"
    return f"prd-{stem}.{fmt}"


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def markdown(doc: RequirementPublic) -> str:
    notes = Notes()
    e = _md_escape

    def refs(citations: list[CitationPublic]) -> str:
        return "".join(f"[^{n.number}]" for n in notes.add(citations))

    out = [f"# {e(doc.title)}", "",
           f"Opportunity: {e(doc.opportunity_title)} · Status: "
           f"{STATUS_LABELS[doc.status]}", ""]
    if doc.approved_by:
        out += [f"Approved by {e(doc.approved_by)} on {_when(doc.approved_at)}.", ""]
    if doc.handoff_at:
        link = f" Ticket: {doc.tracker_url}" if doc.tracker_url else ""
        out += [f"Handed to {e(doc.handoff_to)} on {_when(doc.handoff_at)}: "
                f"{e(doc.handoff_what)}.{link}", ""]
    out += ["## Problem", "", (e(doc.problem) or "_Not written yet._") +
            refs(doc.problem_citations), ""]
    if doc.personas:
        out += ["## Personas affected", "", *[f"- {e(p.name)}" for p in doc.personas], ""]
    if doc.stories:
        out += ["## User stories", ""]
        for i, s in enumerate(doc.stories, start=1):
            who = f"{e(as_who(s.as_a))}, " if s.as_a else ""
            why = f", so that {e(s.so_that)}" if s.so_that else ""
            out += [f"### {i}. {who}I want {e(s.i_want)}{why}{refs(s.citations)}", ""]
            if s.acceptance:
                out += ["Acceptance criteria:", "", *[f"- [ ] {e(a)}" for a in s.acceptance],
                        ""]
    if doc.non_goals:
        out += ["## Non-goals", "", *[f"- {e(g)}" for g in doc.non_goals], ""]
    if doc.metrics:
        out += ["## Success metrics", "", "| Metric | Target |", "|---|---|",
                *[f"| {e(m.name)} | {e(m.target)} |" for m in doc.metrics], ""]
    if notes.items:
        out += [f"[^{n.number}]: {n.text}" for n in notes.items]
        out.append("")
    return "\n".join(out)


def html(doc: RequirementPublic, *, for_pdf: bool = False) -> str:
    notes = Notes()
    return _env.get_template("prd_document.html").render(
        doc=doc, notes=notes, for_pdf=for_pdf, status_label=STATUS_LABELS[doc.status],
        when=_when, as_who=as_who)


def html_body(doc: RequirementPublic) -> str:
    """The document's body alone (notes listed at the end), for the web page."""
    return _env.get_template("_prd_body.html").render(
        doc=doc, notes=Notes(), for_pdf=False, status_label=STATUS_LABELS[doc.status],
        when=_when, as_who=as_who)


def pdf(doc: RequirementPublic) -> bytes:
    """The PDF (blocking: call from a worker thread, never on the event loop)."""
    return documents.pdf(html(doc, for_pdf=True))


def render(doc: RequirementPublic, fmt: str) -> bytes:
    if fmt == "md":
        return markdown(doc).encode()
    if fmt == "html":
        return html(doc).encode()
    if fmt == "pdf":
        return pdf(doc)
    raise ValueError(f"unknown format {fmt}")
