"""Writes the small sample export of every import preset into tests/inbound/samples/.

Run `python -m tests.inbound.make_samples` after changing it; a test keeps the committed
files equal to what this writes. The texts are our own; the columns follow each tool's
export (see docs/imports.md for where each set of columns comes from).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent / "samples"

# (text, title, person, email, company, day, tags): shared by every sample.
ITEMS = (
    ("The weekly rota export to payroll drops overtime hours, so I fix every payslip by "
     "hand.", "Payroll export misses overtime", "Mia Chen", "mia@harborcafe.example",
     "Harbor Cafe", "2026-09-03", ("payroll", "export")),
    ("Swapping a shift needs a manager online; at weekends nobody approves and people "
     "just don't turn up.", "Shift swaps stall at weekends", "Luis Ortega",
     "luis@lunataqueria.example", "Luna Taqueria", "2026-09-07", ("scheduling",)),
    ("The app logs me out every time I switch to the camera to scan a delivery note.",
     "Logged out when scanning", "Priya Nair", "priya@maplegrocer.example", "Maple Grocer",
     "2026-09-12", ("mobile", "login")),
    ("We would pay more for a holiday planner that warns before two chefs are off the "
     "same week.", "Holiday clash warnings", "Tom Berg", "tom@northbistro.example",
     "North Bistro", "2026-09-18", ("leave",)),
)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def zendesk() -> str:
    """Zendesk's JSON export: one ticket object per line."""
    lines = []
    for number, (text, title, person, email, company, day, tags) in enumerate(ITEMS, 1):
        ticket = {
            "url": f"https://acme.zendesk.example/api/v2/tickets/{4100 + number}.json",
            "id": 4100 + number, "external_id": None, "type": "question",
            "subject": title, "raw_subject": title, "description": text,
            "priority": "normal", "status": "solved", "recipient": "help@acme.example",
            "requester": {"id": 900 + number, "name": person, "email": email},
            "organization": {"id": 70 + number, "name": company},
            "created_at": f"{day}T09:{10 + number}:00Z", "updated_at": f"{day}T15:00:00Z",
            "tags": list(tags), "via": {"channel": "email"},
            "satisfaction_rating": {"score": "good"},
        }
        lines.append(json.dumps(ticket, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def intercom() -> str:
    header = ["conversation_id", "conversation_created_at", "conversation_state",
              "message_type", "message_body", "message_author_type", "message_author_name",
              "message_author_email", "message_author_companies", "conversation_tags"]
    rows = [[str(215000 + n), f"{day} 10:0{n}:12", "closed", "conversation_message", text,
             "user", person, email, company, ", ".join(tags)]
            for n, (text, _title, person, email, company, day, tags) in enumerate(ITEMS, 1)]
    return _csv(header, rows)


def app_store() -> str:
    header = ["Review ID", "Date", "Rating", "Title", "Review", "Nickname", "Territory",
              "App Version"]
    rows = [[f"01HB{n:04d}", day, str(1 + n % 5), title, text, person.split()[0].lower()
             + "_" + str(n), "GBR", "4.2.1"]
            for n, (text, title, person, _e, _c, day, _t) in enumerate(ITEMS, 1)]
    return _csv(header, rows)


def google_play() -> bytes:
    """Play Console review reports come as UTF-16 CSV."""
    header = ["Package Name", "App Version Code", "App Version Name", "Reviewer Language",
              "Device", "Review Submit Date and Time", "Review Submit Millis Since Epoch",
              "Review Last Update Date and Time", "Review Last Update Millis Since Epoch",
              "Star Rating", "Review Title", "Review Text", "Developer Reply Date and Time",
              "Developer Reply Millis Since Epoch", "Developer Reply Text", "Review Link"]
    rows = [["com.acme.rota", "412", "4.1.2", "en", "pixel7", f"{day}T08:30:00Z",
             "", f"{day}T08:30:00Z", "", str(1 + (n + 2) % 5), title, text, "", "", "",
             f"https://play.google.com/apps/publish?review=gp:AOqpTO{n:03d}"]
            for n, (text, title, _p, _e, _c, day, _t) in enumerate(ITEMS, 1)]
    return codecs.BOM_UTF16_LE + _csv(header, rows).encode("utf-16-le")


def productboard() -> str:
    header = ["Note ID", "Note title", "Note text", "Created at", "User name", "User email",
              "Company name", "Company domain", "Tags", "Source origin", "Display URL"]
    rows = [[f"5b3e{n:04x}-note", title, text, f"{day}T12:00:00Z", person, email, company,
             email.split("@")[1], ", ".join(tags), "email",
             f"https://acme.productboard.example/inbox/notes/{n}"]
            for n, (text, title, person, email, company, day, tags) in enumerate(ITEMS, 1)]
    return _csv(header, rows)


def canny() -> str:
    header = ["ID", "Title", "Details", "Board", "Category", "Status", "Author Name",
              "Author Email", "Company Name", "Votes", "Created At", "Tags", "URL"]
    rows = [[f"64f1c0{n:02d}", title, text, "Feature Requests", "", "open", person, email,
             company, str(3 * n), f"{day}T16:20:00.000Z", ", ".join(tags),
             f"https://acme.canny.example/feature-requests/p/{title.lower().replace(' ', '-')}"]
            for n, (text, title, person, email, company, day, tags) in enumerate(ITEMS, 1)]
    return _csv(header, rows)


def fider() -> str:
    header = ["number", "title", "description", "created_at", "created_by", "votes_count",
              "comments_count", "status", "responded_by", "responded_at", "response",
              "original_number", "original_title", "tags"]
    rows = [[str(n), title, text, f"{day}T11:45:00Z", person, str(2 * n), "1", "open",
             "", "", "", "", "", ", ".join(tags)]
            for n, (text, title, person, _e, _c, day, tags) in enumerate(ITEMS, 1)]
    return _csv(header, rows)


SAMPLES: dict[str, tuple[str, Callable[[], str | bytes]]] = {
    "zendesk": ("zendesk_tickets.json", zendesk),
    "intercom": ("intercom_conversations.csv", intercom),
    "app_store": ("app_store_reviews.csv", app_store),
    "google_play": ("google_play_reviews.csv", google_play),
    "productboard": ("productboard_notes.csv", productboard),
    "canny": ("canny_posts.csv", canny),
    "fider": ("fider_posts.csv", fider),
}


def content(preset: str) -> bytes:
    data = SAMPLES[preset][1]()
    return data if isinstance(data, bytes) else data.encode("utf-8")


def path(preset: str) -> Path:
    return HERE / SAMPLES[preset][0]


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for preset in SAMPLES:
        path(preset).write_bytes(content(preset))
        print(path(preset))


if __name__ == "__main__":
    main()
