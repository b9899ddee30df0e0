"""Delivery without Telegram: each alert printed once, as text or as one JSON object per line."""

from __future__ import annotations

import json
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.delivery.render import Moment, render_plain
from bot.delivery.telegram import UTC_ZONE
from bot.services import Clock, system_clock
from rules.alert import Alert


class ConsoleDelivery:
    def __init__(
        self,
        stream: TextIO,
        *,
        as_json: bool = False,
        clock: Clock = system_clock,
        zone: ZoneInfo = UTC_ZONE,
    ) -> None:
        self.stream = stream
        self.as_json = as_json
        self.clock = clock
        self.zone = zone

    async def deliver(self, alert: Alert) -> None:
        text = render_plain(alert, moment=Moment(self.clock(), self.zone))
        if self.as_json:
            record = {**alert.to_dict(), "text": text}
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            self.stream.write(text + "\n\n")
        self.stream.flush()
