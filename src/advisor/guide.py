"""The guide read on its own: its table of contents, and the section that answers a question.

Used by `advisor guide` and by the chat's guide screen. No Textual here.
"""

from __future__ import annotations

from .pack.core import Pack
from .pack.guide import Section
from .record import Record


class Found(Record):
    """The section a query asks for, and the next best ones."""

    section: Section
    also: list[Section]
    exact: bool  # the query was the section's id


def contents(pack: Pack) -> list[tuple[str, list[Section]]]:
    """Every section, grouped by its guide file's heading (a service or a topic), in pack order."""
    groups: dict[str, list[Section]] = {}
    for section in pack.sections.values():
        groups.setdefault(section.group or "Guide", []).append(section)
    return list(groups.items())


def find(pack: Pack, query: str, more: int = 2) -> Found | None:
    """A section by its id, or the best match for a question, with up to ``more`` runners-up."""
    query = query.strip()
    if not query:
        return None
    key = query.lower().lstrip("#")
    if key in pack.sections:
        return Found(pack.sections[key], [], True)
    from .understand.guide_search import index_for

    hits = index_for(pack).search(query, limit=1 + more)
    if not hits:
        return None
    return Found(hits[0].section, [h.section for h in hits[1:]], False)


def mentioned(pack: Pack, section: Section) -> list[Section]:
    """Other sections this one mentions: by their title, or the service whose overview they are."""
    body = section.body.lower()
    names = {s.guide: s.name for s in pack.services}
    out = []
    for other in pack.sections.values():
        if other.id == section.id:
            continue
        name = names.get(other.id, "")
        if other.title.lower() in body or (name and name.lower().split(" (")[0] in body):
            out.append(other)
    return out


def section_markdown(section: Section) -> str:
    """The section as Markdown: its heading, its text with code, and its sources with checked dates."""
    sources = "\n".join(f"- <{s.url}> (checked {s.checked})" for s in section.sources)
    return f"## {section.title}\n\n{section.body}\n\n**Sources**\n\n{sources}\n"


def to_data(section: Section) -> dict[str, object]:
    return {
        "id": section.id,
        "title": section.title,
        "group": section.group,
        "text": section.body,
        "code": section.code,
        "sources": [{"url": s.url, "checked": s.checked} for s in section.sources],
    }
