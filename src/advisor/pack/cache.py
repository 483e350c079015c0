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
from ..files import read_bounded, user_dir, write_atomic
from ..record import Record
from . import core
from .guide import Section, Source

FORMAT = 9


def cache_dir() -> Path:
    return user_dir("cache")


def default_rules_dir() -> Path:
    """The rule pack shipped with advisor: inside the installed package, or the checkout's."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "rules"
    if installed.is_dir():
        return installed
    return here.parent.parent / "rules"


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
            pricing=None
            if s["pricing"] is None
            else core.Pricing(**{**s["pricing"], "facts": tuple(s["pricing"]["facts"])}),
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
            costs=core.Costs(**{**info["costs"], "default_machines": tuple(info["costs"]["default_machines"])}),
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
            data = json.loads(read_bounded(path, 64 * MAX_BYTES).decode("utf-8"))
            if data.get("format") == FORMAT and data.get("key") == key:
                pack = from_data(data["pack"])
                if pack.root == root:
                    return pack
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            pass  # missing, stale or damaged: load from the rule files instead
    from .loader import load_pack as load_and_validate  # pydantic and YAML: only when needed

    pack = load_and_validate(root)
    if path is not None:
        try:
            write_atomic(path, json.dumps({"format": FORMAT, "key": key, "pack": to_data(pack)}))
        except OSError:
            pass  # a cache that cannot be written only costs time
    return pack
