from __future__ import annotations

from pathlib import Path

import pytest

from advisor.pack.loader import Pack, load_pack

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack(RULES)
