"""The `alerts:` section of config.yaml: grouping and the quote guard."""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, ConfigDict, Field

from rules.base import Duration, FiniteFloat


class AlertSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Alerts for one chat that arrive within this time of the first become one message.
    group_wait: Duration = timedelta(0)
    # News published longer ago than this never alerts (it is still kept for /news).
    max_age: Duration = timedelta(days=1)
    # A quote older than this when it arrives is stale: stored for nothing, evaluated by nothing.
    stale_after: Duration = timedelta(days=4)
    # A price this many times above or below the last accepted one is held as a suspected
    # glitch (a 100x unit error) until it persists for glitch_confirm, or reverts.
    glitch_factor: FiniteFloat = Field(default=10.0, gt=1)
    glitch_confirm: Duration = timedelta(days=1)
