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
from enum import Enum
from pathlib import Path
from typing import Any

from .. import __version__
from ..files import user_dir, write_atomic
from ..record import Record
from . import core
from .guide import Section, Source

FORMAT = 8
_EXTENDS = re.compile(r"^\s+extends:\s*['\"]?([^'\"\s#]+)", re.M)


def cache_dir() -> Path:
    return user_dir("cache")


def default_rules_dir() -> Path:
    """The rule pack shipped with advisor: inside the installed package, or the checkout's."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "rules"
    if installed.is_dir():
        return installed
    return here.parent.parent / "rules"


def fingerprint(root: Path) -> str | None:
    """A hash of every file a pack is made of (following ``extends``), or None if unreadable."""
    # two 32-bit checksums and the total size: plenty for telling versions of a few files apart,
    # and zlib is built in (hashlib's OpenSSL import costs more than all the hashing)
    digest = _Digest(f"{__version__}/{FORMAT}".encode())
    current: Path | None = root
    for _ in range(5):
        if current is None:
            break
        try:
            files = sorted(p for p in current.rglob("*") if p.is_file() and p.suffix in {".yaml", ".md"})
            for path in files:
                digest.update(str(path.relative_to(current)).encode())
                digest.update(path.read_bytes())
            pack_text = (current / "pack.yaml").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        match = _EXTENDS.search(pack_text)
        if match is None:
            current = None
        else:
            target = match.group(1)
            current = default_rules_dir() if target == "default" else (current / target)
            digest.update(b"extends:" + str(current.resolve()).encode())
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


def from_data(data: dict[str, Any]) -> core.Pack:
    info = data["info"]
    questions = [
        core.Question(
            id=q["id"],
            prompt=q["prompt"],
            why=q["why"],
            kind=core.QuestionKind(q["kind"]),
            unit=q["unit"],
            unit_label=q["unit_label"],
            ask_if=q["ask_if"],
            prior_reason=q["prior_reason"],
            max=q["max"],
            short=q["short"],
            counts=tuple(q["counts"]),
            measures=q["measures"],
            options=tuple(core.Option(**{**o, "synonyms": tuple(o["synonyms"])}) for o in q["options"]),
        )
        for q in data["questions"]
    ]
    services = [
        core.Service(
            id=s["id"],
            name=s["name"],
            summary=s["summary"],
            guide=s["guide"],
            session_hours=s["session_hours"],
            aliases=tuple(s["aliases"]),
            facts=tuple(core.Fact(**{**f, "confidence": core.Confidence(f["confidence"])}) for f in s["facts"]),
        )
        for s in data["services"]
    ]
    rules = [
        core.Rule(
            id=r["id"],
            effect=core.Effect(r["effect"]),
            reason=r["reason"],
            when=r["when"],
            services=tuple(r["services"]),
            weight=r["weight"],
            cite=tuple(core.Citation(**c) for c in r["cite"]),
            facts=tuple(core.FactRef(**f) for f in r["facts"]),
            explains_no_fit=r["explains_no_fit"],
        )
        for r in data["rules"]
    ]
    sections = {
        s["id"]: Section(
            s["id"], s["title"], s["file"], s["line"], s["body"], [Source(u, c) for u, c in s["sources"]], s["group"]
        )
        for s in data["sections"]
    }
    return core.Pack(
        Path(data["root"]),
        core.PackInfo(
            name=info["name"],
            version=info["version"],
            description=info["description"],
            extends=info["extends"],
            credits=tuple(core.Credit(**c) for c in info["credits"]),
            usage=core.Usage(**info["usage"]),
        ),
        questions,
        services,
        rules,
        sections,
        {k: (v[0], int(v[1])) for k, v in data["origins"].items()},
    )


def load_pack(root: Path | str | None = None) -> core.Pack:
    """The pack in ``root``: from the cache when its files are unchanged, else loaded and validated.

    Raises ``PackError`` (from the loader) for an invalid pack, exactly as an uncached load does.
    """
    root = Path(root) if root is not None else default_rules_dir()
    key = fingerprint(root) if root.is_dir() else None
    path = cache_dir() / f"pack-{key}.json" if key else None
    if path is not None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and data.get("key") == key:
                pack = from_data(data["pack"])
                if pack.root == root:
                    return pack
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing, stale or damaged: load from the rule files instead
    from .loader import load_pack as load_and_validate  # pydantic and YAML: only when needed

    pack = load_and_validate(root)
    if path is not None:
        try:
            write_atomic(path, json.dumps({"format": FORMAT, "key": key, "pack": to_data(pack)}))
        except OSError:
            pass  # a cache that cannot be written only costs time
    return pack
