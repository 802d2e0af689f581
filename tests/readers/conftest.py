from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "readers"


@pytest.fixture
def data() -> Path:
    return DATA
