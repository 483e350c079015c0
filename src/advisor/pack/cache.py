"""A cache of validated packs, keyed by the content of the rule files.

Parsing YAML and validating with pydantic costs a few hundred milliseconds; reading the same
pack back from a JSON file costs a few. The cache lives in the user's cache folder
(``ADVISOR_CACHE_DIR`` overrides it), is safe to delete, and is ignored when stale, unreadable or
from another advisor version. It holds plain data (JSON), never code.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from .. import __version__
from ..files import read_bounded, user_dir, write_atomic
from ..record import Record
from . import core
from .guide import Section, Source
from .paths import default_rules_dir

FORMAT = 22


def cache_dir() -> Path:
    return user_dir("cache")


RULE_FILES = ("pack.yaml", "questions.yaml", "services.yaml", "decisions.yaml")  # as the loader reads them
MAX_BYTES = 2 * 1024 * 1024  # the loader's limit per file (yamlsafe.MAX_FILE_BYTES)
# every `extends:` a pack.yaml could mean, block or flow style ({name: x, extends: ../rules}); a
# commented-out one is skipped. Fingerprinting every candidate is safe: at worst one too many.
_EXTENDS = re.compile(r"""(?:^|[\s{,])extends\s*:\s*["']?([^"',}\]\s#]+)""", re.M)


def _used_files(folder: Path) -> list[Path]:
    """The files of one pack folder that loading reads: its rule files and guide/*.md, nothing else."""
    guide = folder / "guide"
    return [folder / name for name in RULE_FILES] + (sorted(guide.glob("*.md")) if guide.is_dir() else [])


def fingerprint(root: Path) -> str | None:
    """A hash of the files a pack is made of (following ``extends``), or None if one cannot be read.

    Only the files loading reads, each only if it is a regular file within the loader's size limit:
    a huge file nearby, a pipe or a folder such as /usr is never read (the loader then reports it).
    """
    # two 32-bit checksums and the total size: plenty for telling versions of a few files apart,
    # and zlib is built in (hashlib's OpenSSL import costs more than all the hashing)
    digest = _Digest(f"{__version__}/{FORMAT}".encode())
    pending: list[Path] = [root]
    seen: set[Path] = set()
    while pending and len(seen) < 8:
        current = pending.pop(0)
        resolved = current.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        digest.update(b"pack:" + str(resolved).encode())
        pack_text = ""
        for path in _used_files(current):
            try:
                data = read_bounded(path, MAX_BYTES)
            except FileNotFoundError:
                digest.update(b"missing:" + path.name.encode())
                continue
            except OSError:
                return None  # unreadable: no cache, and the loader explains
            digest.update(str(path.relative_to(current)).encode())
            digest.update(data)
            if path.name == "pack.yaml":
                pack_text = data.decode("utf-8", errors="replace")
        for line in pack_text.splitlines():
            if line.lstrip().startswith("#"):
                continue
            for target in _EXTENDS.findall(line):
                pending.append(default_rules_dir() if target == "default" else current / target)
    return digest.hexdigest()


class _Digest:
    def __init__(self, data: bytes) -> None:
        self.crc, self.adler, self.size = 0, 1, 0
        self.update(data)

    def update(self, data: bytes) -> None:
        self.crc = zlib.crc32(data, self.crc)
        self.adler = zlib.adler32(data, self.adler)
        self.size += len(data)

    def hexdigest(self) -> str:
        return f"{self.crc:08x}{self.adler:08x}{self.size:x}"


def to_data(pack: core.Pack) -> dict[str, Any]:
    def obj(value: Any) -> Any:
        if isinstance(value, tuple | list):
            return [obj(v) for v in value]
        if isinstance(value, Record):
            return {k: obj(getattr(value, k)) for k in value._fields}
        if isinstance(value, Enum):
            return value.value
        return value

    return {
        "root": str(pack.root),
        "info": obj(pack.info),
        "questions": obj(pack.questions),
        "services": obj(pack.services),
        "rules": obj(pack.rules),
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "file": s.file,
                "line": s.line,
                "body": s.body,
                "sources": [[src.url, src.checked] for src in s.sources],
                "group": s.group,
            }
            for s in pack.sections.values()
        ],
        "origins": {k: list(v) for k, v in pack.origins.items()},
    }


Convert = Callable[[Any], Any]
_REVIVERS: dict[type[Record], Convert] = {}


def _converter(tp: Any) -> Convert:
    """A function turning JSON data back into a value of type ``tp``, built from the annotations."""
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, UnionType):
        arms = [a for a in args if a is not type(None)]
        by_kind = {bool(get_origin(a) in (list, tuple)): _converter(a) for a in arms}
        if len(arms) == 1:
            only = _converter(arms[0])
            return _same if only is _same else (lambda v: None if v is None else only(v))
        return lambda v: None if v is None else by_kind.get(isinstance(v, list), by_kind[False])(v)
    if origin is tuple:
        item = _converter(args[0])
        return lambda v: tuple(item(x) for x in v)
    if origin is list:
        item = _converter(args[0])
        return lambda v: [item(x) for x in v]
    if origin is dict:
        value = _converter(args[1])
        return lambda v: {k: value(x) for k, x in v.items()}
    if isinstance(tp, type) and issubclass(tp, Record):
        return _reviver(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp
    return _same


def _same(value: Any) -> Any:
    return value


def _reviver(cls: type[Record]) -> Convert:
    """Rebuild a ``cls`` from its dict, field by field, as its annotations say (made once per class)."""
    if cls not in _REVIVERS:
        _REVIVERS[cls] = lambda v: v  # a class inside itself: filled in below
        hints = get_type_hints(cls, localns={"Section": Section, "Source": Source})
        fields = [(name, _converter(hints[name])) for name in cls._fields]
        plain = [name for name, convert in fields if convert is _same]  # text and numbers: as they are
        built = [(name, convert) for name, convert in fields if convert is not _same]

        def revive(data: Any) -> Any:
            values = {name: data[name] for name in plain if name in data}
            for name, convert in built:
                if name in data:
                    values[name] = convert(data[name])
            return cls(**values)

        _REVIVERS[cls] = revive
    return _REVIVERS[cls]


def from_data(data: dict[str, Any]) -> core.Pack:
    """The pack ``to_data`` wrote: every class rebuilt from its annotations, so a field added to
    the plain classes (core.py) needs no change here."""
    sections = {
        s["id"]: Section(
            s["id"], s["title"], s["file"], s["line"], s["body"], [Source(u, c) for u, c in s["sources"]], s["group"]
        )
        for s in data["sections"]
    }
    return core.Pack(
        Path(data["root"]),
        _reviver(core.PackInfo)(data["info"]),
        [_reviver(core.Question)(q) for q in data["questions"]],
        [_reviver(core.Service)(s) for s in data["services"]],
        [_reviver(core.Rule)(r) for r in data["rules"]],
        sections,
        {k: (v[0], int(v[1])) for k, v in data["origins"].items()},
    )


def load_cached(root: Path | str | None = None) -> core.Pack:
    """The pack in ``root``: from the cache when its files are unchanged, else loaded and validated.

    Raises ``PackError`` (from the loader) for an invalid pack, exactly as an uncached load does.
    """
    root = Path(root) if root is not None else default_rules_dir()
    key = fingerprint(root) if root.is_dir() else None
    path = cache_dir() / f"pack-{key}.json" if key else None
    if path is not None:
        try:
            data = json.loads(read_bounded(path, 64 * MAX_BYTES).decode("utf-8"))
            if data.get("format") == FORMAT and data.get("key") == key:
                pack = from_data(data["pack"])
                if pack.root == root:
                    return pack
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            pass  # missing, stale or damaged: load from the rule files instead
    from .loader import read_pack as load_and_validate  # pydantic and YAML: only when needed

    pack = load_and_validate(root)
    if path is not None:
        try:
            write_atomic(path, json.dumps({"format": FORMAT, "key": key, "pack": to_data(pack)}))
        except OSError:
            pass  # a cache that cannot be written only costs time
    return pack
