"""Request parsing and response envelopes of the fake Telegram Bot API.

The real Bot API accepts parameters in the query string, form-encoded, as multipart form data or
as a JSON body, and clients such as python-telegram-bot send every value as a string (nested
objects as JSON text). `RequestParams` hides those differences from the method handlers.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

DEFAULT_DESCRIPTIONS: dict[int, str] = {
    400: 'Bad Request: can\'t parse entities: Unsupported start tag "b" at byte offset 0',
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def default_description(status: int, retry_after: int | None = None) -> str:
    """The description Telegram puts in an error envelope with this status."""
    if status == HTTPStatus.TOO_MANY_REQUESTS:
        return f"Too Many Requests: retry after {retry_after or 1}"
    if status in DEFAULT_DESCRIPTIONS:
        return DEFAULT_DESCRIPTIONS[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Error {status}"


class ApiError(Exception):
    """A Bot API error answer: raised by method handlers, turned into an error envelope."""

    def __init__(
        self,
        status: int,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        self.status = status
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id
        self.description = description or default_description(status, retry_after)
        super().__init__(f"{status} {self.description}")

    def to_response(self) -> web.Response:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        parameters = {
            name: value
            for name, value in (
                ("retry_after", self.retry_after),
                ("migrate_to_chat_id", self.migrate_to_chat_id),
            )
            if value is not None
        }
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=self.status)


def ok_response(result: object) -> web.Response:
    return web.json_response({"ok": True, "result": result})


class RequestParams:
    """The parameters of one Bot API call, with typed accessors that answer 400 on bad values."""

    def __init__(
        self,
        values: dict[str, object],
        files: dict[str, bytes],
        file_names: dict[str, str] | None = None,
    ) -> None:
        self.values = values
        self.files = files
        self.file_names = file_names or {}  # the file name each upload was sent with

    @classmethod
    async def from_request(cls, request: web.Request) -> RequestParams:
        values: dict[str, object] = dict(request.query)
        files: dict[str, bytes] = {}
        names: dict[str, str] = {}
        if request.method != "POST" or not request.body_exists:
            return cls(values, files)
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError as exc:
                raise ApiError(400, f"Bad Request: invalid JSON body: {exc}") from exc
            if not isinstance(body, dict):
                raise ApiError(400, "Bad Request: JSON body must be an object")
            values.update(body)
            return cls(values, files)
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form: MultiDictProxy[Any] = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    files[name] = value.file.read()
                    names[name] = value.filename
                else:
                    values[name] = value
            return cls(values, files, names)
        raise ApiError(400, f"Bad Request: unsupported content type {request.content_type!r}")

    def has(self, name: str) -> bool:
        return self.values.get(name) not in (None, "")

    def get_str(self, name: str, default: str | None = None) -> str | None:
        value = self.values.get(name)
        if value is None:
            return default
        return value if isinstance(value, str) else json.dumps(value)

    def get_int(self, name: str, default: int | None = None) -> int | None:
        value = self.values.get(name)
        if value in (None, ""):
            return default
        if isinstance(value, bool):
            raise ApiError(400, f"Bad Request: {name} must be a number")
        if isinstance(value, int):
            return value
        try:
            return int(str(value))
        except ValueError:
            raise ApiError(400, f"Bad Request: {name} must be a number, got {value!r}") from None

    def get_float(self, name: str, default: float) -> float:
        value = self.values.get(name)
        if value in (None, ""):
            return default
        try:
            return float(str(value))
        except ValueError:
            raise ApiError(400, f"Bad Request: {name} must be a number, got {value!r}") from None

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value in (None, ""):
            return default
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise ApiError(400, f"Bad Request: {name} must be a boolean, got {value!r}")

    def get_json(self, name: str) -> Any:
        """A parameter that carries a JSON object or array (sent as text when form-encoded)."""
        value = self.values.get(name)
        if value in (None, ""):
            return None
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from None

    def chat_id(self) -> int:
        value = self.values.get("chat_id")
        if value in (None, ""):
            raise ApiError(400, "Bad Request: chat_id is empty")
        chat_id = self.optional_chat_id()
        if chat_id is None:
            # Telegram resolves "@channel" names; the fake knows no channels by name.
            raise ApiError(400, "Bad Request: chat not found")
        return chat_id

    def optional_chat_id(self) -> int | None:
        """The chat id when present and numeric; '@channel' names and junk give None."""
        try:
            return self.get_int("chat_id")
        except ApiError:
            return None

    def file_or_reference(self, name: str) -> tuple[bytes | None, str | None]:
        """An uploaded file (direct or via attach://) or a file_id/URL reference."""
        if name in self.files:
            return self.files[name], None
        reference = self.get_str(name)
        if reference is None:
            raise ApiError(400, f"Bad Request: there is no {name} in the request")
        if reference.startswith("attach://"):
            attached = reference.removeprefix("attach://")
            if attached not in self.files:
                raise ApiError(400, f"Bad Request: file {attached!r} not found in the request")
            return self.files[attached], None
        return None, reference
