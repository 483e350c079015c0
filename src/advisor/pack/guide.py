"""The guide: Markdown files split into cited sections.

A section starts with a level-two heading carrying an id, ``## Title {#section-id}``, followed by
a line naming its sources and when each was checked::

    Sources: https://example.org/page (checked 2026-09-15) · https://example.org/other (checked 2026-03)

Citations quote a passage of a section; the passage must appear in the section word for word
(runs of white space, including line breaks, count as one space).
"""

from __future__ import annotations

import re

from .core import Problem, Section, Source, squash

_HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*\{#(?P<id>[a-z0-9][a-z0-9-]*)\}\s*$")
_SOURCE = re.compile(r"(?P<url>https?://\S+)\s+\(checked\s+(?P<date>\d{4}-\d{2}(?:-\d{2})?)\)")


def parse_guide(text: str, file: str) -> tuple[list[Section], list[Problem]]:
    """Split one guide file into sections; report headings without ids and missing sources."""
    sections: list[Section] = []
    problems: list[Problem] = []
    current: Section | None = None
    lines: list[str] = []
    in_code = False
    group = ""

    def close() -> None:
        if current is not None:
            current.body = "\n".join(lines).strip()
            if not current.sources:
                problems.append(
                    Problem(
                        file,
                        current.line,
                        1,
                        f"section '{current.id}' names no sources; add a line "
                        "'Sources: https://… (checked YYYY-MM-DD)' under its heading",
                    )
                )
            sections.append(current)

    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.lstrip().startswith("```"):
            in_code = not in_code
        if not in_code and raw.startswith("# ") and current is None and not group:
            group = raw[2:].strip()
            continue
        if not in_code and raw.startswith("## "):
            close()
            lines = []
            match = _HEADING.match(raw)
            if match is None:
                problems.append(Problem(file, number, 1, "a section heading needs an id: '## Title {#section-id}'"))
                current = None
                continue
            current = Section(match["id"], match["title"], file, number, "", group=group)
            continue
        if current is None:
            continue
        if not in_code and raw.startswith("Sources:") and not current.sources and not lines:
            current.sources = [Source(m["url"].rstrip(",;"), m["date"]) for m in _SOURCE.finditer(raw)]
            continue
        if not lines and not raw.strip():
            continue
        lines.append(raw)
    close()
    return sections, problems


__all__ = ["Section", "Source", "parse_guide", "squash"]
