"""Secrets out of every log line and every text shown to users: bot tokens, URL credentials and
query parameters that look like keys become `***`.

The patterns catch what is secret by its shape; `Redactor.add` covers what is secret only by
where it came from (the configured token), so a token of any shape is hidden as well.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import quote

MASK = "***"
MIN_SECRET_CHARS = 6

# A Telegram bot token: the bot's numeric id, a colon, and a long random part.
_TOKEN = re.compile(r"\b\d{6,}:[A-Za-z0-9_-]{30,}")
# The Bot API puts the token in the path: https://api.telegram.org/bot<token>/getMe
_BOT_PATH = re.compile(r"(/bot)[^/\s:]*:[^/\s]+(?=/|\s|$)")
# user:password@ (or a lone token@) in any scheme://
_USERINFO = re.compile(r"(\b[A-Za-z][A-Za-z0-9+.-]*://)[^/\s@?#]+@")
# A query or fragment parameter whose name says it is a credential, e.g. ?apikey=..., &sig=...
_SECRET_NAMES = (
    r"[A-Za-z0-9_.-]{0,40}(?:key|token|secret|password|passwd|pwd|auth|credential|session)"
    r"[A-Za-z0-9_.-]{0,40}|sig|signature"
)
# The value runs to the next separator; a colon, comma or full stop right before a space is the
# sentence's, not the value's ("GET ...?key=abc: HTTP 500").
_QUERY = re.compile(
    rf"([?&;#](?:{_SECRET_NAMES})=)[^&;#\s'\"<>)\]]*?(?=[:,.]?(?:[&;#\s'\"<>)\]]|$))",
    re.IGNORECASE,
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with each of `secrets` and everything shaped like a credential masked."""
    # Longest first: one secret may contain another (its percent-encoded form).
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            text = text.replace(secret, MASK)
    text = _BOT_PATH.sub(rf"\1{MASK}", text)
    text = _TOKEN.sub(MASK, text)
    text = _USERINFO.sub(rf"\1{MASK}@", text)
    return _QUERY.sub(rf"\1{MASK}", text)


def redact_url(url: str) -> str:
    """A URL fit to show: no credentials, no key-looking query values."""
    return redact(url)


class Redactor(logging.Filter):
    """A handler filter that masks secrets in the message and in the formatted traceback.

    Installed on handlers, not loggers: a logger's filter does not see records that propagate
    from its children (httpx, telegram, apscheduler).
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        for secret in secrets:
            self.add(secret)
        self._formatter = logging.Formatter()

    def add(self, secret: str) -> None:
        # A very short secret would be masked inside ordinary words; such a secret is no
        # protection anyway, and the shape patterns still apply.
        if len(secret) >= MIN_SECRET_CHARS:
            # As written, and as it appears in a URL once percent-encoded.
            self._secrets.update({secret, quote(secret, safe="")})

    def text(self, value: str) -> str:
        return redact(value, self._secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: let the handler report it, masked
            message = str(record.msg)
        record.msg = self.text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.text(record.exc_text)
        if record.stack_info:
            record.stack_info = self.text(record.stack_info)
        return True


def install(secrets: Iterable[str] = ()) -> Redactor:
    """One Redactor on every handler of the root logger; returns it so secrets learnt later
    (the token, once the config is read) can be added."""
    redactor = Redactor(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
    return redactor
