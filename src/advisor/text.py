"""Showing text from people and files safely: control characters become visible escapes."""

from __future__ import annotations

import re

# C0 and C1 controls (line feed and tab aside) and the bidirectional overrides and isolates, which
# can make a terminal or a browser show text in another order than it is written
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """Show control characters (ESC, BEL, a right-to-left override, …) as visible escapes instead of sending them."""
    return UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )
