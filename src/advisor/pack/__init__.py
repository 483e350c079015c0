"""The rule pack: questions, services, facts, decision rules and the guide, read from ``rules/``.

``load`` is the one way in. It returns the plain, read-only :class:`~advisor.pack.core.Pack`
the engine uses, from the cache when the rule files are unchanged (``cache.py``), else read and
validated (``loader.py``, pydantic and YAML, imported only then). An invalid pack raises
:class:`~advisor.pack.core.PackError`, whose problems name file, line and fix.
"""

from __future__ import annotations

from pathlib import Path

from .core import Pack, PackError

__all__ = ["Pack", "PackError", "load"]


def load(root: Path | str | None = None, *, cache: bool = True) -> Pack:
    """The pack in ``root`` (default: the shipped one); ``cache=False`` always reads the files."""
    if cache:
        from .cache import load_cached

        return load_cached(root)
    from .loader import read_pack

    return read_pack(root)
