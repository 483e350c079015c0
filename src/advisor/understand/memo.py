"""One way to remember what is made from an object (a question's phrases, a text's amounts)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


def remembered(store: dict[Any, Any], owner: object, key: Hashable, build: Callable[[], T], limit: int) -> T:
    """``build()``, remembered in ``store`` under ``key`` for as long as ``owner`` is the object it
    was made from (keys hold ``id(owner)``, and an id is reused once its object is gone). The store
    is emptied when it grows past ``limit`` entries."""
    cached = store.get(key)
    if cached is not None and cached[0] is owner:
        return cached[1]  # type: ignore[no-any-return]
    made = build()
    if len(store) > limit:
        store.clear()
    store[key] = (owner, made)
    return made
