"""Sending the links (password reset, invitation) by mail, when a mail server is set up.

`smtplib` on a thread of its own: a slow or unreachable mail server never holds a request
or the event loop, and the answer to "reset my password" takes the same time whether or not
the email has an account. A failed send is logged (the person can ask again, or ask an
owner).
"""

from __future__ import annotations

import logging
import smtplib
from concurrent.futures import Future, ThreadPoolExecutor
from email.message import EmailMessage

from tandem.settings import Settings

log = logging.getLogger("tandem.mail")
_sender = ThreadPoolExecutor(max_workers=2, thread_name_prefix="tandem-mail")


def link(settings: Settings, path: str, fallback_base: str = "") -> str:
    """An absolute link: from TANDEM_PUBLIC_URL, else the address the request came to (for
    links shown on screen only; mails always use the setting)."""
    base = (settings.public_url or fallback_base).rstrip("/")
    return f"{base}{path}"


def send_now(settings: Settings, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password)
        smtp.send_message(message)


def _send_logged(settings: Settings, to: str, subject: str, body: str) -> None:
    try:
        send_now(settings, to, subject, body)
    except (OSError, smtplib.SMTPException) as exc:
        log.error("could not send mail to %s: %s", to, exc)


def send_later(settings: Settings, to: str, subject: str, body: str) -> Future[None]:
    """Queue a mail; the request goes on at once."""
    return _sender.submit(_send_logged, settings, to, subject, body)


def reset_mail(settings: Settings, token: str) -> tuple[str, str]:
    url = link(settings, f"/reset/{token}")
    hours = settings.link_hours
    return ("Reset your Tandem password",
            f"Someone asked to reset the password of your Tandem account.\n\n"
            f"Choose a new password here (the link works once, for {hours} hours):\n{url}\n\n"
            "If it was not you, ignore this mail: your password stays as it is.\n")


def invitation_mail(settings: Settings, token: str, workspace: str, role: str,
                    inviter: str) -> tuple[str, str]:
    url = link(settings, f"/invite/{token}")
    return (f"You are invited to {workspace} on Tandem",
            f"{inviter} invited you to the workspace {workspace} on Tandem, as {role}.\n\n"
            f"Accept here (the link works once):\n{url}\n\n"
            "If you did not expect this, ignore this mail.\n")
