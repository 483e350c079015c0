"""Today's date, from one place: the system clock, or ``ADVISOR_TODAY`` (YYYY-MM-DD) when set.

Facts age against this date (a fact checked more than a year ago is flagged), so tests and
reproducible runs pin it from outside instead of depending on the day they run.
"""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    pinned = os.environ.get("ADVISOR_TODAY", "").strip()
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            pass  # an unreadable pin is ignored, like an unset one: the system clock decides
    return dt.date.today()
