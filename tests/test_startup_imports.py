"""What `python -m bot run` imports before it polls: not the chart drawing (matplotlib, numpy)
nor the extraction grammars, which load when first needed and cost start-up time and memory."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot_process import REPO, clean_environment

from bot.chart_parts import render_chart
from bot.models import Quote

LATE = ("matplotlib", "numpy", "rules.extract")


def test_the_bot_starts_without_the_chart_drawing_or_the_grammars() -> None:
    probe = (
        "import sys, bot.app, bot.cli\n"
        f"print(' '.join(name for name in {LATE!r} if name in sys.modules))"
    )
    imported = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        env=clean_environment(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert imported == []


def test_a_chart_still_draws_once_asked_for() -> None:
    start = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
    quotes = [Quote("BABA", 150.0 + n, start + timedelta(minutes=n)) for n in range(5)]
    png = render_chart(quotes, title="BABA", bands=[], events=[], zone=ZoneInfo("UTC"))
    assert png.startswith(b"\x89PNG")
