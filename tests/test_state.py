"""Sessions survive: saved on every answer, resumed after kill -9, forgiving about bad files."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from advisor.engine.conversation import Conversation
from advisor.engine.session import Answer
from advisor.state import FORMAT, SessionStore, restore

from .ui_helpers import PACK


def saved_conversation(tmp_path: Path) -> tuple[SessionStore, Conversation]:
    store = SessionStore(tmp_path)
    talk = Conversation(PACK)
    lines = talk.opening()
    lines += talk.pick("free")
    store.save(talk, lines, finished=False)
    lines += talk.pick("gpu")
    lines += talk.say("about 5 hours")
    store.save(talk, lines, finished=False)
    return store, talk


def test_round_trip_keeps_answers_history_and_transcript(tmp_path):
    store, talk = saved_conversation(tmp_path)
    path = store.latest_unfinished()
    assert path is not None and json.loads(path.read_text())["format"] == FORMAT
    saved = store.load(path, PACK)
    again = Conversation(PACK)
    notes = restore(again, saved)
    assert notes == []
    assert again.session.answers == talk.session.answers
    assert again.session.answers["runtime"] == Answer("1-to-9", 5.0, "about 5 hours", "number")
    assert again.current.id == talk.current.id == "gpu"
    assert any(line.text == "about 5 hours" for line in saved.transcript)
    again.back()
    assert "runtime" not in again.session.answers  # history came back too


def test_finished_sessions_are_not_offered(tmp_path):
    store, talk = saved_conversation(tmp_path)
    store.save(talk, [], finished=True)
    assert store.latest_unfinished() is None


def test_corrupt_file_is_reported_and_kept_aside(tmp_path):
    path = tmp_path / "session-20260101-000000-1.json"
    path.write_text('{"format": 1, "answers": {"budget": ')
    store = SessionStore(tmp_path)
    saved = store.load(store.latest_unfinished(), PACK)
    assert saved.answers == {} and "could not be read" in saved.notes[0]
    assert (tmp_path / "session-20260101-000000-1.corrupt").exists()


def test_other_version_and_changed_rules_keep_what_still_fits(tmp_path):
    path = tmp_path / "session-20260101-000000-1.json"
    path.write_text(
        json.dumps(
            {
                "format": 99,
                "finished": False,
                "answers": {
                    "budget": {"option": "free"},
                    "hardware": {"option": "quantum"},
                    "colour": {"option": "red"},
                    "runtime": "garbage",
                },
                "steps": [{"nonsense": True}],
                "transcript": [{"role": "user", "text": "hi"}, {"bad": 1}],
            }
        )
    )
    store = SessionStore(tmp_path)
    saved = store.load(path, PACK)
    talk = Conversation(PACK)
    notes = restore(talk, saved)
    assert talk.session.chosen == {"budget": "free"}
    text = " ".join(notes)
    assert "format 99" in text and "'quantum'" in text and "'colour'" in text and "damaged" in text
    assert [line.text for line in saved.transcript] == ["hi"]
    talk.back()  # one synthesised step per kept answer
    assert talk.session.answers == {}


def test_saving_writes_atomically(tmp_path, monkeypatch):
    store, talk = saved_conversation(tmp_path)
    before = store.path.read_text()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    talk.pick("yes")
    try:
        store.save(talk, [], finished=False)
    except OSError:
        pass
    assert store.path.read_text() == before  # the old version is intact
    assert not list(tmp_path.glob(".*.tmp"))  # no half-written leftovers


def _read_until(fd: int, needle: bytes, timeout: float = 20.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"did not see {needle!r}")
        ready, _, _ = select.select([fd], [], [], min(left, 0.5))
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def _spawn(args: list[str], env: dict[str, str]) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: a real terminal of 100x32
        os.environ.update(env)
        os.execv(sys.executable, [sys.executable, "-m", "advisor", *args])
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    return pid, fd


def test_kill_dash_nine_then_resume(tmp_path):
    env = {"ADVISOR_STATE_DIR": str(tmp_path), "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "32"}
    pid, fd = _spawn([], env)
    try:
        _read_until(fd, b"How much can you spend")
        for key, question in ((b"1", b"What hardware"), (b"2", b"Which GPU does the job need")):
            os.write(fd, key)
            _read_until(fd, question)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the answer is on disk as soon as it is shown
            files = list(tmp_path.glob("session-*.json"))
            if files and '"hardware"' in files[0].read_text():
                break
            time.sleep(0.05)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    data = json.loads(next(tmp_path.glob("session-*.json")).read_text())
    assert {q: a["option"] for q, a in data["answers"].items()} == {"budget": "free", "hardware": "gpu"}

    pid, fd = _spawn(["--resume"], env)
    try:
        screen = _read_until(fd, b"Welcome back")
        screen += _read_until(fd, b"Which GPU does the job need", timeout=10)
        assert b"Welcome back: 2 answer(s) restored." in screen
        os.write(fd, b"\x11")  # Ctrl+Q
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
                break
            try:
                _read_until(fd, b"\x00", timeout=0.2)
            except AssertionError:
                pass
        else:
            raise AssertionError("advisor did not quit on Ctrl+Q")
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)


def test_resume_without_a_session_says_so(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "--resume"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "ADVISOR_STATE_DIR": str(tmp_path)},
        timeout=60,
    )
    assert proc.returncode == 2 and "advisor recommend" in proc.stderr  # no terminal: pointed to scripts
