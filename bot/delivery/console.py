"""Delivery without Telegram: each alert printed once, as text or as one JSON object per line."""

from __future__ import annotations

import json
from typing import TextIO

from bot.delivery.render import render_plain
from rules.alert import Alert


class ConsoleDelivery:
    def __init__(self, stream: TextIO, *, as_json: bool = False) -> None:
        self.stream = stream
        self.as_json = as_json

    async def deliver(self, alert: Alert) -> None:
        if self.as_json:
            record = {**alert.to_dict(), "text": render_plain(alert)}
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            self.stream.write(render_plain(alert) + "\n\n")
        self.stream.flush()
