"""Never lose a session: every change is saved at once, atomically, and can be resumed.

Each conversation is one JSON file in the user's state folder (``ADVISOR_STATE_DIR`` overrides
it). A file is written to a temporary name, flushed to disk and renamed over the old one, so a
``kill -9`` at any moment leaves either the previous or the new version, never half of one.

Reading is forgiving: a corrupt file, a file from a newer advisor, or answers that the current
rule pack no longer knows are reported in words and skipped, never a crash.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from pathlib import Path
from typing import Any

from ..engine.session import Answer, Step, replay
from ..files import read_bounded, user_dir, write_atomic
from ..pack.core import Pack
from ..record import Record, field
from ..text import inert
from .conversation import Conversation, Line

FORMAT = 1
KEEP = 10  # sessions kept on disk
MAX_BYTES = 2 * 1024 * 1024  # a saved session is a few KB; anything far bigger is not ours
MAX_LINES = 400  # transcript lines kept in a saved session (and read back)
MAX_TEXT = 4000  # characters of one transcript line or typed answer read back
ROLES = {"question", "user", "advisor", "notice", "error", "guide", "result"}
VIAS = {"option", "label", "number", "text"}
WEB_KEEP_HOURS = 24.0  # a browser tab's saved session under 'advisor serve' is kept this long after its last change
_WEB_ID = re.compile(r"[0-9a-f]{32}")


def state_dir() -> Path:
    return user_dir("state")


def web_session_id(text: str | None) -> str | None:
    """A browser tab's session id (32 hex digits, chosen at random by the page), or None."""
    return text if text is not None and _WEB_ID.fullmatch(text) else None


def web_store(session_id: str | None) -> SessionStore | None:
    """Where a browser tab of 'advisor serve' keeps its session: a folder of its own, or nowhere."""
    checked = web_session_id(session_id)
    return None if checked is None else SessionStore(state_dir() / "web" / checked)


def expire_web_sessions(hours: float = WEB_KEEP_HOURS, now: float | None = None) -> int:
    """Delete browser sessions whose last change is older than ``hours``; how many went."""
    root = state_dir() / "web"
    if not root.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - hours * 3600
    gone = 0
    for folder in root.iterdir():
        if folder.is_symlink() or not folder.is_dir() or web_session_id(folder.name) is None:
            continue  # only what 'advisor serve' made is ever deleted
        files = [f for f in folder.iterdir() if f.is_file() and not f.is_symlink()]
        if all(f.stat().st_mtime < cutoff for f in files):
            for f in files:
                f.unlink(missing_ok=True)
            try:
                folder.rmdir()
            except OSError:
                continue  # something else is in there: leave it
            gone += 1
    return gone


def pack_fingerprint(pack: Pack) -> str:
    """A short hash of what the answers refer to: questions and their options."""
    import hashlib  # OpenSSL's import (about 1.5 ms) waits for the first save, after the first frame

    text = json.dumps([[q.id, [o.id for o in q.options]] for q in pack.questions])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _answer(a: Answer | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"option": a.option, "value": a.value, "text": a.text, "via": a.via}


class Damaged(ValueError):
    """A saved value of the wrong shape: the file was edited, damaged or written by something else."""


def _unanswer(data: Any) -> Answer | None:
    """A saved answer, checked field by field (Damaged when any field has the wrong type)."""
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("option"), str) or len(data["option"]) > 100:
        raise Damaged("an answer needs an option id")
    value = data.get("value")
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value)
    ):
        raise Damaged("an answer's value must be a number")
    text = data.get("text")
    if text is not None and not isinstance(text, str):
        raise Damaged("an answer's text must be text")
    via = data.get("via", "option")
    if via not in VIAS:
        raise Damaged("an answer's source is unknown")
    return Answer(
        data["option"], None if value is None else float(value), None if text is None else text[:MAX_TEXT], via
    )


def _read(path: Path) -> Any:
    """A saved session's JSON, read only from a regular file within the size limit.

    OSError when it is not such a file (a pipe or a link to a device is never read from), ValueError
    when it is not JSON, or nested deeper than a session ever is.
    """
    raw = read_bounded(path, MAX_BYTES)
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(str(exc)) from None


class Saved(Record):
    """A session read back from disk, with anything that could not be kept explained."""

    path: Path
    updated: float
    answers: dict[str, Answer]
    steps: list[Step]
    transcript: list[Line]
    editing: str | None = None
    notes: list[str] = field(default_factory=list)
    revision: int = 0  # how many times the file had been written when it was read


CONFLICT = (
    "Another advisor is writing this session too (a second window?). So that neither loses answers, "
    "this one now saves as a new session."
)


class SessionStore:
    def __init__(self, folder: Path | None = None):
        self.folder = folder or state_dir()
        self.path: Path | None = None
        self.revision = 0  # the file's revision this store last read or wrote

    def follow(self, saved: Saved) -> None:
        """Go on writing a resumed session's file, from the revision it was read at."""
        self.path, self.revision = saved.path, saved.revision

    def _taken_over(self) -> bool:
        """Whether someone else wrote the file since this store last read or wrote it."""
        if self.path is None:
            return False
        try:
            on_disk = _read(self.path)
        except FileNotFoundError:
            return False
        except (OSError, ValueError):
            return False  # damaged: this save replaces it
        revision = on_disk.get("revision") if isinstance(on_disk, dict) else None
        return isinstance(revision, int) and revision > self.revision

    def _new_path(self) -> Path:
        import secrets

        stamp = time.strftime("%Y%m%d-%H%M%S")
        return self.folder / f"session-{stamp}-{os.getpid()}-{secrets.token_hex(3)}.json"

    def save(self, conversation: Conversation, transcript: list[Line], finished: bool) -> str:
        """Write the whole conversation; called after every change.

        Returns a notice for the person when another process wrote the same session meanwhile:
        this store then goes on in a new file instead of overwriting the other's answers.
        """
        notice = ""
        if self.path is not None and self._taken_over():
            self.path, self.revision, notice = None, 0, CONFLICT
        if self.path is None:
            if not conversation.session.answers and not finished:
                return notice  # nothing worth keeping yet
            self.path = self._new_path()
        session = conversation.session
        data = {
            "format": FORMAT,
            "pack": {
                "name": conversation.pack.info.name,
                "version": conversation.pack.info.version,
                "fingerprint": pack_fingerprint(conversation.pack),
            },
            "updated": time.time(),
            "revision": self.revision + 1,
            "finished": finished,
            "editing": conversation.editing,
            "answers": {q: _answer(a) for q, a in session.answers.items()},
            "steps": [
                {"before": [[q, _answer(a)] for q, a in st.before], "after": [[q, _answer(a)] for q, a in st.after]}
                for st in session.steps
            ],
            "transcript": [
                {"role": ln.role, "text": ln.text, "title": ln.title, "source": ln.source, "section": ln.section}
                for ln in transcript[-400:]
            ],
        }
        write_atomic(self.path, json.dumps(data, ensure_ascii=True))
        self.revision += 1
        self._prune()
        return notice

    def _prune(self) -> None:
        files = sorted(self.folder.glob("session-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP:]:
            if old != self.path:
                old.unlink(missing_ok=True)

    def latest_unfinished(self) -> Path | None:
        if not self.folder.is_dir():
            return None
        candidates = sorted(self.folder.glob("session-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for path in candidates:
            try:
                data = _read(path)
            except (OSError, ValueError):
                return path  # unreadable: offer it, so the person hears what went wrong
            if isinstance(data, dict) and not data.get("finished"):
                return path
        return None

    def load(self, path: Path, pack: Pack) -> Saved:
        """Read a saved session; keep what still fits ``pack`` and say what was dropped."""
        try:
            data = _read(path)
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except (OSError, ValueError) as exc:
            broken = path.with_suffix(".corrupt")
            try:
                path.replace(broken)
            except OSError:
                broken = path
            note = (
                f"The saved session could not be read ({type(exc).__name__}); it was kept as "
                f"{broken.name} and a new session starts."
            )
            return Saved(path, 0.0, {}, [], [], None, [note])
        notes: list[str] = []
        fmt = data.get("format")
        if fmt != FORMAT:
            notes.append(
                f"The saved session has format {fmt!r} and this advisor reads format {FORMAT}; "
                "only the answers that still make sense were kept."
            )
        answers = _saved_answers(data, pack, notes)
        saved_pack = data.get("pack")
        fingerprint = saved_pack.get("fingerprint") if isinstance(saved_pack, dict) else None
        steps = _saved_steps(data, fingerprint == pack_fingerprint(pack) and fmt == FORMAT, notes)
        saved_lines = data.get("transcript")
        lines = [_line(item) for item in (saved_lines[-MAX_LINES:] if isinstance(saved_lines, list) else [])]
        transcript = [line for line in lines if line is not None]
        editing = data.get("editing") if isinstance(data.get("editing"), str) else None
        updated = data["updated"] if isinstance(data.get("updated"), (int, float)) else 0.0
        revision = data["revision"] if isinstance(data.get("revision"), int) else 0
        return Saved(path, float(updated), answers, steps, transcript, editing, notes, revision)


def _saved_answers(data: dict[str, Any], pack: Pack, notes: list[str]) -> dict[str, Answer]:
    """The saved answers that are whole and still name a question and option of ``pack``."""
    answers: dict[str, Answer] = {}
    raw_answers = data["answers"] if isinstance(data.get("answers"), dict) else {}
    for qid, raw in raw_answers.items():
        try:
            answer = _unanswer(raw)
        except (KeyError, TypeError, ValueError):
            notes.append(f"The saved answer to '{inert(str(qid))[:60]}' was damaged and was dropped.")
            continue
        if answer is None:
            continue
        if not pack.has_question(qid) or pack.question(qid).option(answer.option) is None:
            notes.append(
                f"The rules changed: the saved answer '{answer.option}' to '{qid}' no longer exists and was dropped."
            )
            continue
        answers[qid] = answer
    return answers


def _saved_steps(data: dict[str, Any], same_pack: bool, notes: list[str]) -> list[Step]:
    """The history for going back: only when saved with the same rules, and only if whole."""
    if not same_pack:
        if data.get("steps"):
            notes.append(
                "The rules changed since this session was saved; you can go on, but not go back past this point."
            )
        return []
    try:
        return [Step(_pairs(st["before"]), _pairs(st["after"])) for st in data.get("steps", [])[-2 * MAX_LINES :]]
    except (KeyError, TypeError, ValueError):
        notes.append("The saved history was damaged; you can go on, but not go back past this point.")
        return []


def _pairs(items: Any) -> tuple[tuple[str, Answer | None], ...]:
    if not isinstance(items, list):
        raise Damaged("a step is a list of answers")
    out = []
    for pair in items:
        if not isinstance(pair, list) or len(pair) != 2 or not isinstance(pair[0], str):
            raise Damaged("a step's answer is [question, answer]")
        out.append((pair[0], _unanswer(pair[1])))
    return tuple(out)


def _line(item: Any) -> Line | None:
    """One saved transcript line, or None when it is not one (skipped, never a crash)."""
    if not isinstance(item, dict) or item.get("role") not in ROLES or not isinstance(item.get("text"), str):
        return None
    extra = [item.get(key, "") for key in ("title", "source", "section")]
    if not all(isinstance(value, str) for value in extra):
        return None
    title, source, section = (value[:MAX_TEXT] for value in extra)
    return Line(item["role"], item["text"][:MAX_TEXT], title, source, section)


def restore(conversation: Conversation, saved: Saved) -> list[str]:
    """Put a saved session back into ``conversation``; return notes about anything dropped."""
    notes = list(saved.notes)
    session = conversation.session
    session.reset()
    if saved.answers:
        order = {q.id: i for i, q in enumerate(conversation.pack.questions)}
        change = session.answer_many(dict(sorted(saved.answers.items(), key=lambda kv: order[kv[0]])))
        if change.dropped or len(session.answers) < len(saved.answers):
            lost = [q for q in saved.answers if q not in session.answers]
            notes.append(
                "These saved answers no longer apply with the current rules and were dropped: " + ", ".join(lost)
            )
    if saved.steps and replay(conversation.pack, saved.steps) == session.answers:
        session.steps = list(saved.steps)
    else:
        # no usable history: one step per answer, so going back still works question by question
        session.steps = [Step(((q, None),), ((q, a),)) for q, a in session.answers.items()]
    if saved.editing and saved.editing in session.answers:
        conversation.editing = saved.editing
    return notes
