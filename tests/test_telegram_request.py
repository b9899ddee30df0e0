"""The Bot API transport: what a request sends, and how a slow or absent server is reported."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
from aiohttp import BodyPartReader, web
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.telegram_request import AiohttpRequest


@pytest.fixture
async def server() -> AsyncIterator[tuple[str, list[dict[str, object]]]]:
    received: list[dict[str, object]] = []

    async def method(request: web.Request) -> web.Response:
        if request.match_info["name"] == "slow":
            await asyncio.sleep(2)
        fields: dict[str, object] = {"content_type": request.content_type}
        if request.content_type == "multipart/form-data":
            async for part in await request.multipart():
                assert isinstance(part, BodyPartReader)
                value = bytes(await part.read())
                kind = part.headers.get("Content-Type")
                fields[part.name or ""] = (part.filename, value, kind) if part.filename else value
        else:
            fields.update(await request.post())
        received.append(fields)
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/bot/{name}", method)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}/bot", received
    await runner.cleanup()


async def test_parameters_go_as_a_form_and_a_file_as_a_multipart_part(
    server: tuple[str, list[dict[str, object]]],
) -> None:
    url, received = server
    request = AiohttpRequest(connections=2, timeout_s=5)
    await request.initialize()
    try:
        text = RequestData(
            [RequestParameter.from_input("chat_id", 42), RequestParameter.from_input("text", "hi")]
        )
        photo = InputFile(b"\x89PNG-bytes", filename="chart.png", attach=True)
        upload = RequestData(
            [
                RequestParameter.from_input("chat_id", 42),
                RequestParameter.from_input("photo", photo),
            ]
        )
        assert await request.post(f"{url}/sendMessage", text) is True
        assert await request.post(f"{url}/sendPhoto", upload) is True
    finally:
        await request.shutdown()
    form, multipart = received
    assert form == {
        "content_type": "application/x-www-form-urlencoded",
        "chat_id": "42",
        "text": "hi",
    }
    assert multipart["content_type"] == "multipart/form-data"
    assert multipart["chat_id"] == b"42"
    attached = next(value for name, value in multipart.items() if name.startswith("attached"))
    assert attached == ("chart.png", b"\x89PNG-bytes", "image/png")
    assert multipart["photo"] == str(photo.attach_uri).encode()


async def test_an_answer_slower_than_the_read_timeout_is_timed_out(
    server: tuple[str, list[dict[str, object]]],
) -> None:
    url, _ = server
    request = AiohttpRequest(connections=2, timeout_s=5, read_timeout_s=0.2)
    await request.initialize()
    try:
        with pytest.raises(TimedOut):
            await request.post(f"{url}/slow", RequestData([RequestParameter.from_input("a", 1)]))
    finally:
        await request.shutdown()


async def test_a_server_that_is_not_there_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    request = AiohttpRequest(connections=2, timeout_s=5)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as raised:
            await request.post(f"http://127.0.0.1:{port}/bot/getMe")
        assert not isinstance(raised.value, TimedOut)
    finally:
        await request.shutdown()


async def test_a_request_before_initialize_or_after_shutdown_is_refused() -> None:
    request = AiohttpRequest(connections=1, timeout_s=1)
    with pytest.raises(RuntimeError):
        await request.do_request("http://127.0.0.1:9/bot/getMe", "POST")
    await request.initialize()
    await request.shutdown()
    with pytest.raises(RuntimeError):
        await request.do_request("http://127.0.0.1:9/bot/getMe", "POST")
