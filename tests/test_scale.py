"""The scale benchmark, small: three notifier processes (`python -m bot run`) on one Redis and
one bot token deliver every alert and never break Telegram's limits, as the fake Bot API counts
them by its own timestamps."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "scale.py"


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scale_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def test_three_notifiers_share_telegrams_limits_and_lose_nothing(
    redis_url: str, tmp_path: Path
) -> None:
    scale = load_benchmark()
    result = await scale.one_run(
        processes=3,
        limits=True,
        chats=40,
        alerts=6,
        command=scale.notifier_command(None),
        redis_url=redis_url,
        workdir=tmp_path,
        latency=0.0,
    )
    assert result["expected"] == 40 * scale.WATCHES_PER_CHAT
    assert result["lost"] == 0
    assert result["duplicates"] == 0
    assert result["over_limit"] == 0
