"""Broken and hostile input: every case ends in a clear, located error, and nothing is run."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.cli import main
from advisor.engine.explain import report
from advisor.engine.session import Answer, Session
from advisor.export.decision import to_markdown
from advisor.pack import PackError, load

from .conftest import RULES

LAUGHS = "\n".join(
    ["pack:", '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
)

# (file replaced, its new text, what the one-line error must say, the line it must name)
CORPUS = [
    ("pack.yaml", "pack: !!python/object/apply:os.system ['touch /tmp/advisor-pwned']\n", "not allowed", 1),
    ("pack.yaml", "pack: !!python/name:os.system\n", "not allowed", 1),
    ("questions.yaml", "questions: !!binary aGVsbG8=\n", "not allowed", 1),
    ("pack.yaml", LAUGHS, "refused", None),
    ("pack.yaml", "pack:\n  name: a\n  name: b\n  version: '1'\n", "duplicate key 'name'", 3),
    ("pack.yaml", "pack:\n  name: [unclosed\n", "YAML syntax", None),
    ("pack.yaml", "pack:\n\tname: tabs\n", "YAML syntax", None),
    ("pack.yaml", "pack:\n  name: x\n  version: '1'\n  colour: blue\n", "unknown key 'colour'", 4),
    ("pack.yaml", "pack:\n  name: x\n  version: [1, 2]\n", "version", 3),
    ("pack.yaml", "", "pack", 1),
    ("pack.yaml", "- just\n- a list\n", "pack", 1),
    ("services.yaml", "services:\n  - id: Bad Id\n", "id", 2),
    ("decisions.yaml", "rules:\n  - id: r\n    effect: teleport\n    services: [colab]\n    reason: x\n", "effect", 3),
    (
        "decisions.yaml",
        "rules:\n  - id: r\n    effect: for\n    when: {budget: [not-sure]}\n    services: [colab]\n    reason: x\n",
        "cannot test 'not-sure'",
        4,
    ),
    (
        "decisions.yaml",
        "rules:\n  - id: r\n    effect: for\n    services: [colab]\n    reason: x\n    weight: 1000\n",
        "weight",
        6,
    ),
]


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


@pytest.mark.parametrize("name,text,needle,line", CORPUS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CORPUS)])
def test_corpus_gives_located_errors(tmp_path, name, text, needle, line):
    pack = _copy(tmp_path)
    (pack / name).write_text(text)
    with pytest.raises(PackError) as err:
        load(pack, cache=False)
    problems = err.value.problems
    assert any(needle in p.message for p in problems), [str(p) for p in problems]
    hit = next(p for p in problems if needle in p.message)
    assert hit.file.endswith(name)
    if line is not None:
        assert hit.line == line, str(hit)
    assert not Path("/tmp/advisor-pwned").exists()


def test_oversized_file_is_refused(tmp_path):
    pack = _copy(tmp_path)
    (pack / "questions.yaml").write_text("# " + "x" * (3 * 1024 * 1024))
    with pytest.raises(PackError) as err:
        load(pack, cache=False)
    assert "limit" in str(err.value)


def test_guide_symlink_outside_the_pack_is_refused(tmp_path):
    pack = _copy(tmp_path)
    secret = tmp_path / "secret.md"
    secret.write_text("## Secret {#secret}\n\nSources: https://example.org/ (checked 2026-01)\n\nhidden\n")
    (pack / "guide" / "evil.md").symlink_to(secret)
    with pytest.raises(PackError) as err:
        load(pack, cache=False)
    assert "outside the rules folder" in str(err.value)


def test_check_command_prints_one_line_per_problem(tmp_path, capsys):
    pack = _copy(tmp_path)
    (pack / "pack.yaml").write_text("pack:\n  name: a\n  name: b\n")
    assert main(["check", "--rules", str(pack)]) == 2
    out = capsys.readouterr().out
    assert "pack.yaml:3:3: duplicate key 'name' (first at line 2); keep one" in out
    assert "Traceback" not in out


HOSTILE_TEXT = "[b]bold[/b] [@click=app.quit]quit[/] \x1b[2J\x1b]52;c;aGFja2Vk\x07 end"


def test_hostile_text_is_inert_in_recommend_and_exports(tmp_path, capsys, pack):
    code = main(["recommend", "-a", f"budget={HOSTILE_TEXT} free", "--json"])
    out = capsys.readouterr().out
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert json.loads(out)["answers"]["budget"]["text"].startswith("[b]bold[/b]")
    code = main(["recommend", "-a", f"budget={HOSTILE_TEXT} free"])
    out = capsys.readouterr().out
    assert "\x1b[2J" not in out and "\x1b]52" not in out and "[b]bold[/b]" in out
    session = Session(pack)
    session.answer("budget", Answer("free", 0, HOSTILE_TEXT, "text"))
    md = to_markdown(report(pack, session.answers))
    assert "\x1b" not in md and "\x07" not in md and "\\x1b" in md and "\\[b\\]bold" in md


async def test_hostile_text_is_inert_in_the_ui():
    from advisor.tui.widgets.transcript import Bubble

    from .ui_helpers import new_app, type_text

    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, HOSTILE_TEXT)
        user = [b for b in app.query(Bubble) if b.line.role == "user"][-1]
        shown = str(user.render())
        assert "[b]bold[/b]" in shown and "[@click=app.quit]" in shown and "\x1b" not in shown
        assert app.is_running


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 4)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        action = rng.randrange(5)
        if action == 0:
            del lines[i]
        elif action == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif action == 2 and lines[i]:
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + rng.choice(":-[]{}&*!|>'\"#\t xq0") + lines[i][j + 1 :]
        elif action == 3:
            lines[i] = "  " + lines[i]
        else:
            lines[i] = lines[i][: len(lines[i]) // 2]
    return "\n".join(lines) + "\n"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 10**9),
    name=st.sampled_from(["questions.yaml", "services.yaml", "decisions.yaml", "pack.yaml", "guide/kaggle.md"]),
)
def test_mutated_packs_load_or_fail_cleanly(tmp_path_factory, seed, name):
    pack = _copy(tmp_path_factory.mktemp("m"))
    path = pack / name
    path.write_text(_mutate(path.read_text(), random.Random(seed)))
    try:
        load(pack, cache=False)
    except PackError as err:
        assert err.problems and all(p.line >= 1 and p.message for p in err.problems)


@settings(max_examples=150, deadline=None)
@given(
    ops=st.lists(
        st.tuples(
            st.sampled_from(["answer", "back", "change", "clear", "restart"]), st.integers(0, 50), st.integers(0, 50)
        ),
        max_size=40,
    )
)
def test_any_sequence_of_answers_back_and_changes(pack, ops):
    session = Session(pack)
    for op, a, b in ops:
        if op == "answer" and session.next_question() is not None:
            q = session.next_question()
            session.answer(q.id, Answer(q.options[a % len(q.options)].id))
        elif op == "change" and session.answers:
            qid = list(session.answers)[a % len(session.answers)]
            q = pack.question(qid)
            session.answer(qid, Answer(q.options[b % len(q.options)].id))
        elif op == "clear" and session.answers:
            session.clear(list(session.answers)[a % len(session.answers)])
        elif op == "back":
            session.back()
        elif op == "restart":
            session.restart()
        assert session.replay() == session.answers
        assert all(session.reached(pack.question(q)) for q in session.answers)
    session.result()  # deciding never fails whatever the answers


def test_no_traceback_reaches_a_user(tmp_path):
    bad = tmp_path / "rules"
    bad.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "--rules", str(bad), "recommend"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


# -- round two (issue 16): odd files, control characters, depth, the cache ------------------------
def _check(pack: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", "check", "--rules", str(pack)], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("kind", ["fifo", "folder", "device-link"])
def test_a_guide_file_that_is_not_a_file_is_refused_not_waited_on(tmp_path, kind):
    import os

    pack = _copy(tmp_path)
    odd = pack / "guide" / "zz.md"
    if kind == "fifo":
        os.mkfifo(odd)
    elif kind == "folder":
        odd.mkdir()
    else:
        odd.symlink_to("/dev/zero")
    proc = _check(pack)  # a FIFO used to hang here, /dev/zero to fill memory
    assert proc.returncode == 2, proc.stderr
    assert "guide/zz.md:1:1" in proc.stdout + proc.stderr and "Traceback" not in proc.stderr


def test_deeply_nested_yaml_is_a_located_error_not_a_crash(tmp_path):
    pack = _copy(tmp_path)
    (pack / "questions.yaml").write_text("questions: " + "[" * 50_000 + "]" * 50_000 + "\n")
    proc = _check(pack)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "questions.yaml:1:1" in proc.stdout + proc.stderr and "nested too deeply" in proc.stdout + proc.stderr


@pytest.mark.parametrize("char", ["\x1b]52;c;aGk=\x07", "\x1b]0;pwned\x07", "\u202e", "\x9b"])
def test_control_characters_in_pack_text_are_refused_with_file_and_line(tmp_path, char):
    pack = _copy(tmp_path)
    services = (pack / "services.yaml").read_text()
    (pack / "services.yaml").write_text(services.replace("name: Kaggle Notebooks", f"name: Kaggle{char} Notebooks"))
    with pytest.raises(PackError) as err:
        load(pack, cache=False)
    (problem,) = err.value.problems
    assert problem.file.endswith("services.yaml") and "control character" in problem.message
    assert problem.line == services[: services.index("name: Kaggle Notebooks")].count("\n") + 1


def test_the_cache_reads_only_the_files_a_pack_uses_and_follows_a_one_line_extends(tmp_path, monkeypatch):
    import os

    from advisor.pack import load
    from advisor.pack.cache import fingerprint

    def cached(root):
        return load(root)

    base = _copy(tmp_path)
    os.mkfifo(base / "notes.yaml")  # not a rule file: never opened (it would hang)
    (base / "guide" / "drafts").mkdir()
    os.mkfifo(base / "guide" / "drafts" / "x.md")  # not in guide/ itself: never opened
    assert fingerprint(base) is not None
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "pack.yaml").write_text('pack: {name: overlay, version: "1", extends: ../rules}\n')
    for name in ("questions.yaml", "decisions.yaml"):
        (overlay / name).write_text(f"{name.split('.')[0] if name != 'decisions.yaml' else 'rules'}: []\n")
    (overlay / "services.yaml").write_text("services: []\n")
    first = cached(overlay)
    questions = (base / "questions.yaml").read_text()
    (base / "questions.yaml").write_text(questions.replace("What hardware does the job need?", "Which hardware?"))
    assert cached(overlay).question("hardware").prompt == "Which hardware?" != first.question("hardware").prompt


def test_a_pack_with_a_thousand_questions_is_checked_without_crashing(tmp_path):
    import yaml

    pack = _copy(tmp_path)
    (pack / "cases.yaml").unlink()  # the verification is under test here, not 86 decisions
    data = yaml.safe_load((pack / "questions.yaml").read_text())
    for i in range(1000):
        data["questions"].append(
            {
                "id": f"extra-{i}",
                "prompt": f"Extra question {i}?",
                "why": "scale",
                "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "not-sure", "label": "?"}],
            }
        )
    (pack / "questions.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    proc = _check(pack)  # it used to end in RecursionError (exit 70)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert "1013 questions" in proc.stdout


# -- any text, from a pack or a saved session, reaches the screen inert ----------------------------
from advisor.text import UNSAFE  # noqa: E402

_PACK = load(RULES, cache=False)

ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(name=ANY_TEXT)
def test_pack_text_with_any_characters_is_refused_or_shown_inert(tmp_path_factory, name):
    from advisor.export.decision import to_json
    from advisor.export.terminal import print_report
    from advisor.graph import dot, mermaid

    pack_dir = _copy(tmp_path_factory.mktemp("pack"))
    services = (pack_dir / "services.yaml").read_text()
    (pack_dir / "services.yaml").write_text(services.replace("name: Kaggle Notebooks", f"name: {json.dumps(name)}"))
    try:
        pack = load(pack_dir, cache=False)
    except PackError as err:
        assert UNSAFE.search(name) or not name.strip(), [str(p) for p in err.problems]
        if UNSAFE.search(name):
            assert any("control character" in p.message and p.file.endswith("services.yaml") for p in err.problems)
        return
    assert not UNSAFE.search(name)
    session = Session(pack)
    session.answer_many({"budget": Answer("free", 0.0, None, "option")})
    rep = report(pack, session.answers)
    import io
    from contextlib import redirect_stdout

    shown = io.StringIO()
    with redirect_stdout(shown):
        print_report(rep, long=True)
    for out in (shown.getvalue(), to_markdown(rep), to_json(rep), mermaid(pack), dot(pack)):
        assert not UNSAFE.search(out)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(ANY_TEXT, min_size=1, max_size=5), role=st.sampled_from(["user", "advisor", "guide", "notice"]))
def test_session_text_with_any_characters_reaches_the_screen_inert(tmp_path_factory, texts, role):
    from advisor.chat.state import SessionStore
    from advisor.tui.widgets.transcript import Bubble

    folder = tmp_path_factory.mktemp("state")
    path = folder / "session-1.json"
    lines = [{"role": role, "text": t, "title": t, "source": t} for t in texts]
    path.write_text(
        json.dumps({"format": 1, "answers": {"budget": {"option": "free", "text": texts[0]}}, "transcript": lines})
    )
    saved = SessionStore(folder).load(path, _PACK)
    assert saved.transcript
    for line in saved.transcript:
        rendered = Bubble.content_for(line)
        plain = rendered.plain if hasattr(rendered, "plain") else str(rendered)
        assert not UNSAFE.search(plain), repr(plain)
