"""Where the real-world data lives: ../shared/data beside the checkout, or the folder named by
TICKERWATCH_SHARED_DATA. It may be absent (a fresh clone): tests that need it skip."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("TICKERWATCH_SHARED_DATA") or REPO.parent / "shared" / "data")
