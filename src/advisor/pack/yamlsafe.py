"""Safe, located YAML loading.

PyYAML's ``safe_load`` silently keeps the last of two duplicate keys, follows aliases without
bound, and forgets where each value came from. Rule authors need better, so this module composes
the YAML node graph and builds plain Python values itself:

* every value's position (line and column, 1-based) is recorded by its path of keys and indexes;
* duplicate keys, tags outside YAML's core schema (``!!python/object`` and friends) and files that
  are too big or not UTF-8 are errors, never executed or guessed;
* alias expansion is bounded, so a "billion laughs" file fails fast.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..files import FileTooBig, read_bounded
from ..record import Record, field
from ..text import UNSAFE
from .core import Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000

Location = tuple[int, int]
Path_ = tuple[str | int, ...]

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class YamlError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class Located(Record):
    """A parsed YAML document with the position of every value."""

    file: str
    data: Any
    positions: dict[Path_, Location] = field(default_factory=dict)

    def where(self, path: Path_) -> Location:
        """Position of the value at ``path``, or of its nearest located parent."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, path: Path_, message: str) -> Problem:
        line, col = self.where(path)
        return Problem(self.file, line, col, message)


# characters that must not reach a terminal or a browser from a rule file: C0 and C1 controls (tab,
# line feed and carriage return aside) and the bidirectional overrides that reorder what is shown
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)  # text.UNSAFE, CR allowed (CRLF files)


def read_text(path: Path, display: str) -> str:
    """Read a rule or guide file as UTF-8 within the size limit, or raise YamlError."""
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except FileTooBig as exc:
        raise YamlError(
            [Problem(display, 1, 1, f"file is {exc.size:,} bytes; the limit is {MAX_FILE_BYTES:,}")]
        ) from None
    except OSError as exc:
        raise YamlError([Problem(display, 1, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            [Problem(display, line, col, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]
        ) from None
    unsafe = _UNSAFE.search(text)
    if unsafe is not None:
        line = text.count("\n", 0, unsafe.start()) + 1
        col = unsafe.start() - (text.rfind("\n", 0, unsafe.start()) + 1) + 1
        code = f"U+{ord(unsafe.group()):04X}"
        raise YamlError(
            [
                Problem(
                    display,
                    line,
                    col,
                    f"control character {code} in the text; remove it (it could change what a terminal shows)",
                )
            ]
        )
    return text


class _Builder:
    def __init__(self, file: str):
        self.file = file
        self.positions: dict[Path_, Location] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self._scalars = yaml.constructor.SafeConstructor()

    def _at(self, node: yaml.Node) -> Location:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def fail(self, node: yaml.Node, message: str) -> None:
        line, col = self._at(node)
        self.problems.append(Problem(self.file, line, col, message))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            line, col = self._at(node)
            raise YamlError(
                [
                    Problem(
                        self.file,
                        line,
                        col,
                        f"more than {MAX_NODES:,} values in one file (far more than a rule pack needs, or aliases "
                        "that expand without end); refused",
                    )
                ]
            )
        self.positions.setdefault(path, self._at(node))
        if node.tag not in _SAFE_TAGS:
            self.fail(node, f"tag {node.tag!r} is not allowed in rule files; remove it")
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            seen: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.fail(key_node, "merge keys (<<) are not supported; write the keys out")
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    self.fail(key_node, "a key must be plain text")
                    continue
                key = self.build(key_node, path + ("<key>",))
                key = str(key) if key is not None else "null"
                if key in seen:
                    first = self._at(seen[key])[0]
                    self.fail(key_node, f"duplicate key {key!r} (first at line {first}); keep one")
                    continue
                seen[key] = key_node
                self.positions[path + (key,)] = self._at(key_node)
                result[key] = self.build(value_node, path + (key,))
            self.positions.pop(path + ("<key>",), None)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        try:
            value = self._scalars.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            self.fail(node, f"cannot read value {node.value!r}: {exc}")
            return None
        unsafe = UNSAFE.search(value) if isinstance(value, str) else None
        if unsafe is not None:  # written as an escape ("\x1b", "\u202e") in a quoted string
            self.fail(node, f"control character U+{ord(unsafe.group()):04X} in the text; remove it")
        return value


def parse_yaml(text: str, display: str) -> Located:
    """Parse one YAML document into plain values with positions, or raise YamlError."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or str(exc)
        raise YamlError([Problem(display, line, col, f"YAML syntax: {what}")]) from None
    except yaml.YAMLError as exc:
        raise YamlError([Problem(display, 1, 1, f"YAML: {exc}")]) from None
    except RecursionError:
        raise YamlError(
            [Problem(display, 1, 1, "values nested too deeply to read; a rule file is a few levels deep")]
        ) from None
    if node is None:
        return Located(display, None, {(): (1, 1)})
    builder = _Builder(display)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise YamlError(
            [Problem(display, 1, 1, "values nested too deeply to read; a rule file is a few levels deep")]
        ) from None
    if builder.problems:
        raise YamlError(builder.problems)
    return Located(display, data, builder.positions)
