"""The broadcast benchmark, small: every subscriber gets the alert once under enforced limits."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "broadcast.py"


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("broadcast_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def test_broadcast_to_40_subscribers_loses_nothing(redis_url: str) -> None:
    result = await load_benchmark().broadcast(40, redis_url)
    assert result["delivered"] == 40
    assert result["lost"] == 0
    assert result["duplicates"] == 0
    assert result["sends"] == 40 + result["retries_429"]
    assert set(result) >= {"delivered", "lost", "retries_429", "rate_fraction"}
