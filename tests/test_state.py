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

from advisor.chat.conversation import Conversation
from advisor.chat.state import FORMAT, SessionStore, restore
from advisor.engine.session import Answer

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


# -- round two (issue 16): damaged, hostile and concurrent sessions -------------------------------
def _session_file(tmp_path: Path, **changes) -> Path:
    store, _ = saved_conversation(tmp_path)
    path = store.latest_unfinished()
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))
    return path


DAMAGED = [
    {"answers": {"budget": {"option": 7}}},
    {"answers": {"budget": {"option": "free", "value": "lots"}}},
    {"answers": {"budget": {"option": "free", "via": "telepathy"}}},
    {"answers": {"budget": {"option": "free", "value": True}}},
    {"answers": ["budget"]},
    {"transcript": [{"role": 5, "text": "x"}, {"role": "user", "text": ["x"]}, {"role": "user"}, "line", None]},
    {"steps": {"before": 1}},
    {"steps": [{"before": [["budget", {"option": 3}]], "after": []}]},
    {"pack": ["not", "a", "dict"]},
    {"editing": 42, "updated": "yesterday", "revision": "seven"},
]


def test_a_session_with_fields_of_the_wrong_type_loads_what_it_can(tmp_path):
    for i, damage in enumerate(DAMAGED):
        path = _session_file(tmp_path / str(i), **damage)
        saved = SessionStore(path.parent).load(path, PACK)
        talk = Conversation(PACK)
        restore(talk, saved)  # never raises
        for line in saved.transcript:
            assert isinstance(line.text, str) and line.role in {
                "question",
                "user",
                "advisor",
                "notice",
                "error",
                "guide",
                "result",
            }
        assert all(
            isinstance(a.option, str) and (a.value is None or isinstance(a.value, float))
            for a in saved.answers.values()
        )
        # and what is restored can be saved again (it used to crash later, at Ctrl+S)
        SessionStore(path.parent).save(talk, saved.transcript, finished=False)


def test_deep_nesting_fifos_and_device_links_in_the_state_folder_never_hang_or_crash(tmp_path):
    folder = tmp_path / "state"
    folder.mkdir()
    (folder / "session-1-deep.json").write_text("[" * 100_000 + "]" * 100_000)
    os.mkfifo(folder / "session-2-fifo.json")
    (folder / "session-3-zero.json").symlink_to("/dev/zero")
    store = SessionStore(folder)
    for _ in range(3):
        path = store.latest_unfinished()
        assert path is not None
        saved = store.load(path, PACK)  # each is set aside with a word, never read from forever
        assert not saved.answers and "could not be read" in saved.notes[0]
    assert store.latest_unfinished() is None


def test_a_huge_transcript_resumes_quickly_and_is_capped(tmp_path):
    lines = [{"role": "user", "text": f"line {i}"} for i in range(50_000)]
    path = _session_file(tmp_path, transcript=lines)
    saved = SessionStore(path.parent).load(path, PACK)
    assert len(saved.transcript) == 400 and saved.transcript[-1].text == "line 49999"


def test_two_processes_writing_one_session_are_told_not_silently_merged(tmp_path):
    store, talk = saved_conversation(tmp_path)
    path = store.latest_unfinished()
    first, second = SessionStore(tmp_path), SessionStore(tmp_path)
    saved = first.load(path, PACK)
    first.follow(saved)
    second.follow(second.load(path, PACK))
    talk_one, talk_two = Conversation(PACK), Conversation(PACK)
    restore(talk_one, saved)
    restore(talk_two, saved)
    assert talk_one.current.id == "gpu"
    talk_one.pick("any")
    assert first.save(talk_one, [], finished=False) == ""  # the first writer goes on in the file
    talk_two.pick("faster")
    notice = second.save(talk_two, [], finished=False)
    assert "Another advisor is writing this session" in notice
    assert second.path != path  # the second goes on in its own file: nobody's answers are lost
    assert json.loads(path.read_text())["answers"]["gpu"]["option"] == "any"
    assert json.loads(second.path.read_text())["answers"]["gpu"]["option"] == "faster"


def _exit_after(pid: int, fd: int, timeout: float = 20.0) -> tuple[int, bytes]:
    """Wait for the child, reading the terminal meanwhile; its exit status and the last output."""
    seen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                pass
        if done:
            return (os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)), seen
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError("advisor did not exit")


import pytest  # noqa: E402


@pytest.mark.parametrize("sig,code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_a_signal_gives_the_terminal_back_and_the_usual_exit_code(tmp_path, sig, code):
    env = {"ADVISOR_STATE_DIR": str(tmp_path), "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "32"}
    pid, fd = _spawn([], env)
    try:
        _read_until(fd, b"How much can you spend")
        os.write(fd, b"1")
        _read_until(fd, b"What hardware")
        os.kill(pid, sig)
        status, tail = _exit_after(pid, fd)
    finally:
        os.close(fd)
    assert status == code
    assert b"\x1b[?1049l" in tail  # the alternate screen is left
    assert b"\x1b[?1000l" in tail  # mouse reporting is off again
    data = json.loads(next(tmp_path.glob("session-*.json")).read_text())
    assert data["answers"]["budget"]["option"] == "free"  # and the answer is kept


def test_a_dumb_terminal_is_told_what_to_use(tmp_path):
    env = {"ADVISOR_STATE_DIR": str(tmp_path), "TERM": "dumb", "COLUMNS": "100", "LINES": "32"}
    pid, fd = _spawn([], env)
    try:
        status, out = _exit_after(pid, fd)
    finally:
        os.close(fd)
    assert status == 2 and b"TERM=dumb" in out and b"advisor recommend" in out


def test_a_crash_in_the_chat_exits_70_in_one_line(tmp_path):
    # a bug planted from outside: answering raises, as a real bug in a handler would
    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "sitecustomize.py").write_text(
        "import advisor.chat.conversation as c\n"
        "def broken(self, option_id):\n"
        "    raise RuntimeError('planted bug')\n"
        "c.Conversation.pick = broken\n"
    )
    env = {
        "ADVISOR_STATE_DIR": str(tmp_path / "state"),
        "TERM": "xterm-256color",
        "PYTHONPATH": str(plant),
        "COLUMNS": "100",
        "LINES": "32",
    }
    pid, fd = _spawn([], env)
    try:
        _read_until(fd, b"How much can you spend")
        os.write(fd, b"1")
        status, tail = _exit_after(pid, fd)
    finally:
        os.close(fd)
    assert status == 70
    assert b"advisor: unexpected error: RuntimeError: planted bug (run with --debug" in tail
    assert b"Traceback" not in tail and b"\x1b[?1049l" in tail
