"""The `advisor` command: the chat UI, and `recommend` / `check` for scripts and rule authors.

Exit codes (every command):
  0  success (check: the pack is sound)
  1  check: verification findings (the pack loads, but something needs attention)
  2  bad input: unknown question or option, unreadable answer, invalid rule pack, no terminal
  130 interrupted (Ctrl+C)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from . import __version__
from .record import Record

if TYPE_CHECKING:
    import argparse

    from .engine.session import Answer, Session
    from .pack.core import Pack, Problem
    from .verify import Finding

    Options = argparse.Namespace | SimpleNamespace  # SimpleNamespace: a bare `advisor`, see main()

EXAMPLES = """\
examples:
  advisor                                   ask the questions in the terminal
  advisor recommend --answer budget=0 --answer runtime=3 --answer hardware=gpu
  advisor recommend --answer budget="20 bucks" --answer hardware=gpu --json
  advisor guide "mount google drive"        read the guide: a section with its code and sources
  advisor check --rules ./my-rules          validate a rule pack
  advisor serve                             the same chat in a web browser

in the chat: type or press an option's number; Escape goes back, F1 says why a question is
asked, Ctrl+S saves the decision (.md or .json), Ctrl+O shows your answers on small screens,
Ctrl+T changes the theme, Ctrl+P lists every command, Ctrl+Q quits.
"""


def shell_quote(text: str) -> str:
    """Text quoted for a shell command line a person can copy."""
    import shlex

    return shlex.quote(text)


class UsageError(Exception):
    """A problem with what the person asked for; printed as one line, exit 2."""


# What `advisor` with no arguments means; a test keeps it equal to the parser's defaults.
CHAT_DEFAULTS = {"command": None, "rules": None, "debug": False, "theme": None, "resume": False}


def _questions_help() -> str:
    """The question ids and their options, for `recommend --help` (from the shipped pack)."""
    from .pack import load
    from .pack.core import PackError

    try:
        pack = load()
    except (PackError, OSError) as exc:  # help still prints when the pack cannot be read
        return f"\n(the questions could not be listed: {type(exc).__name__})\n"
    lines = ["", "questions (ID=OPTION; numeric questions also take a number with its unit):"]
    for q in pack.questions:
        unit = f" [number in {q.unit}]" if q.unit else ""
        lines.append(f"  {q.id}{unit}: {', '.join(o.id for o in q.options)}")
    return "\n".join(lines) + "\n"


def build_parser(list_questions: bool = False) -> argparse.ArgumentParser:
    """The command line: the top-level options, then one subcommand per row of ``COMMANDS``.
    ``list_questions`` adds every question to `recommend --help` (it reads the rule pack, so only
    when that help is asked for)."""
    import argparse  # not on the path of a bare `advisor`: see main()

    parser = argparse.ArgumentParser(
        prog="advisor",
        description="Recommends where to run machine-learning and data work: Google Colab (free), "
        "Colab Pro, Colab Pro+, Kaggle Notebooks or AWS SageMaker. With no command, opens the chat UI.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"advisor {__version__}")
    parser.add_argument(
        "--rules",
        metavar="DIR",
        type=Path,
        help="use the rule pack in DIR instead of the shipped one (e.g. --rules ./rules)",
    )
    parser.add_argument("--debug", action="store_true", help="show a full traceback when something fails")
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help="colour theme for the chat, e.g. --theme nord or --theme textual-light; remembered for next "
        "time (Ctrl+T cycles themes, Ctrl+P > Theme picks one)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="continue the last unfinished chat session where it stopped (every answer is saved as it is given)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        extra = _questions_help() if list_questions and command.name == "recommend" else ""
        one = sub.add_parser(
            command.name,
            help=command.help,
            description=command.description,
            epilog=command.epilog + extra,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.arguments(one)
        if command.rules_help:
            one.add_argument("--rules", metavar="DIR", type=Path, default=argparse.SUPPRESS, help=command.rules_help)
    return parser


def _recommend_arguments(rec: argparse.ArgumentParser) -> None:
    rec.add_argument(
        "--answer",
        "-a",
        metavar="ID=TEXT",
        action="append",
        default=[],
        help="answer question ID with an option id, a label or a number, e.g. budget=10, "
        "runtime=3h, hardware=gpu (repeatable)",
    )
    rec.add_argument(
        "--say",
        "-s",
        metavar="TEXT",
        action="append",
        default=[],
        help="describe your situation in words, as in the chat, e.g. --say \"I'm a student with "
        'no money who needs a GPU for 3 hours" (repeatable; --answer wins over --say)',
    )
    rec.add_argument(
        "--explain-reading",
        action="store_true",
        help="with --say: print how each text was read (what it states and asks, every amount and what it "
        "was bound to or why it was set aside, the answers taken) before the advice",
    )
    rec.add_argument("--json", action="store_true", help="print one JSON object (the scripting interface)")
    rec.add_argument(
        "--long", action="store_true", help="text: every section (all reasons, the fit table, facts and sources)"
    )
    rec.add_argument(
        "--format",
        choices=["text", "json", "markdown"],
        default=None,
        help="output format (default text; --json is the same as --format json)",
    )


def _check_arguments(chk: argparse.ArgumentParser) -> None:
    chk.add_argument("--json", action="store_true", help="print the findings as JSON")
    chk.add_argument(
        "--stale-days",
        type=_days,
        default=365,
        metavar="N",
        help="warn about facts checked more than N days ago (default 365)",
    )


def _schema_arguments(sch: argparse.ArgumentParser) -> None:
    sch.add_argument(
        "file",
        nargs="?",
        default="questions",
        choices=["pack", "questions", "services", "decisions", "cases"],
        help="which file's schema (default: questions)",
    )
    sch.add_argument("--list", action="store_true", help="list the rule files that have a schema")


def _serve_arguments(srv: argparse.ArgumentParser) -> None:
    srv.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer; any other needs the printed token)",
    )
    srv.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    srv.add_argument(
        "--token",
        help="access token the page's address must carry (default: a random one when --host is not this computer)",
    )
    srv.add_argument(
        "--max-sessions",
        type=int,
        metavar="N",
        help="browser tabs served at once; beyond, a 'busy' page (default: from the free memory, 4 to 64)",
    )
    srv.add_argument(
        "--idle-minutes",
        type=float,
        default=30.0,
        metavar="M",
        help="end a tab nobody typed in for M minutes, freeing its process (default 30)",
    )


def _guide_arguments(gui: argparse.ArgumentParser) -> None:
    gui.add_argument("query", nargs="*", help="a question or a section id (several words are one query)")
    gui.add_argument("--json", action="store_true", help="print one JSON object")


def _graph_arguments(gra: argparse.ArgumentParser) -> None:
    gra.add_argument("--format", choices=["mermaid", "dot"], default="mermaid", help="output format (default mermaid)")


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args: Options
    if argv:
        wants_help = "recommend" in argv and bool({"-h", "--help"} & set(argv))
        args = build_parser(list_questions=wants_help).parse_args(argv)
    else:
        # A bare `advisor` opens the chat without importing argparse and building the parser for
        # every command: about 12 ms of a 250 ms start on the development machine (startup.py).
        args = SimpleNamespace(**CHAT_DEFAULTS)
    try:
        run = next((c.run for c in COMMANDS if c.name == args.command), cmd_ui)
        return run(args)
    except UsageError as exc:
        from .text import inert

        print(f"advisor: {inert(str(exc))}", file=sys.stderr)  # it may quote what was typed
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug:
            raise
        from .text import inert

        shown = inert(str(exc))[:300]
        print(
            f"advisor: unexpected error: {type(exc).__name__}: {shown} (run with --debug for details)", file=sys.stderr
        )
        return 70


def _load(args: Options) -> Pack:
    from .pack import load
    from .pack.core import PackError

    try:
        return load(args.rules)
    except PackError as exc:
        first = exc.problems[0] if exc.problems else None
        more = f" (and {len(exc.problems) - 1} more; run 'advisor check' to see all)" if len(exc.problems) > 1 else ""
        raise UsageError(f"invalid rule pack: {first}{more}") from None


def shown_pair(pair: str) -> str:
    """An --answer as quoted back in an error: never more than 80 characters of it."""
    return repr(pair if len(pair) <= 80 else pair[:77] + "...")


def _days(text: str) -> int:
    """A number of days for --stale-days: a whole number, 0 or more."""
    import argparse

    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number of days") from None
    if days < 0:
        raise argparse.ArgumentTypeError(f"{days} days ago is in the future; give 0 or more")
    return days


def parse_answers(pack: Pack, pairs: list[str]) -> dict[str, Answer]:
    """`ID=TEXT` pairs -> answers, in question order; one clear error for anything unreadable."""
    from .engine.session import Answer
    from .pack.core import suggest
    from .understand.match import Unclear, read_answer
    from .understand.message import interpret
    from .understand.numbers import money_for

    answers: dict[str, Answer] = {}
    for pair in pairs:
        qid, sep, text = pair.partition("=")
        qid, text = qid.strip(), text.strip()
        if not sep or not qid:
            raise UsageError(f"--answer {shown_pair(pair)}: write it as ID=TEXT, e.g. --answer budget=10")
        if not pack.has_question(qid):
            known = suggest(qid, [q.id for q in pack.questions])
            raise UsageError(f"--answer {shown_pair(pair)}: unknown question {shown_pair(qid)}{known}")
        if qid in answers:
            raise UsageError(
                f"--answer {qid} is given twice ({shown_pair(pair)} and an earlier one); give each question once"
            )
        question = pack.question(qid)
        # any phrasing, read as the chat reads it ("about 20 bucks", "a 9-hour run"); its errors are
        # the single-question reader's, which says what was unclear
        meaning = interpret(pack, question, {}, text)
        reading = next((r for r in meaning.readings if r.question == qid), None) or read_answer(
            question, text, money_for(pack)
        )
        if isinstance(reading, Unclear):
            if reading.problem:
                raise UsageError(f"--answer {shown_pair(pair)}: {reading.problem}")
            options = ", ".join(o.id for o in question.options)
            if reading.candidates:
                maybe = " or ".join(f"'{c.option}'" for c in reading.candidates)
                raise UsageError(f"--answer {shown_pair(pair)}: did you mean {maybe}? (options: {options})")
            raise UsageError(
                f"--answer {shown_pair(pair)}: question '{qid}' has no option {shown_pair(text)} (options: {options})"
            )
        answers[qid] = Answer(
            reading.option, reading.value, text if reading.via in {"text", "number"} else None, reading.via
        )
    return answers


def read_description(pack: Pack, session: Session, text: str) -> dict[str, Answer]:
    """Answers read from one --say text; anything unclear is a one-line error (exit 2).

    A description that also asks something ("... would Pro help?") gives its answers, and the
    question is pointed to the guide on stderr; only a message with no answer in it is refused.
    """
    from .engine.session import Answer
    from .understand.message import interpret, service_words, split_question

    question = session.next_question()
    meaning = interpret(pack, question, session.chosen, text)
    shown = text if len(text) <= 80 else text[:77] + "..."  # never the whole of a long input
    for r in meaning.unasked:  # read, but the answers given keep its question from being asked
        print(
            f"advisor: read {r.question}={r.option}, but that question is not asked after the answers given; "
            "it does not change the advice",
            file=sys.stderr,
        )
    if meaning.kind == "unknown" and meaning.unasked:
        return {}
    if meaning.kind == "answers":
        if meaning.problem:  # "20 CHF a month" beside the answers: said, not guessed
            print(f"advisor: one amount was left unread: {meaning.problem}", file=sys.stderr)
        if meaning.guide is not None:
            asked = split_question(text, service_words(pack))[1] or text
            asked = asked if len(asked) <= 80 else asked[:77] + "..."
            print(
                f"advisor: you also asked {asked!r}; the guide's answer: advisor guide {shell_quote(asked)}",
                file=sys.stderr,
            )
        return {
            r.question: Answer(r.option, r.value, text, r.via if r.via != "option" else "text")
            for r in meaning.readings
        }
    if meaning.kind == "clarify" and question is not None:
        if meaning.problem:
            raise UsageError(f"--say {shown!r}: {meaning.problem} (or use --answer {question.id}=...)")
        names = " or ".join(f"'{c.option}'" for c in meaning.candidates)
        raise UsageError(
            f"--say {shown!r}: for '{question.id}' did you mean {names}? (use --answer {question.id}=OPTION)"
        )
    if meaning.kind == "guide":
        raise UsageError(
            f"--say {shown!r} asks about the guide rather than describing your situation; "
            f"read the answer with: advisor guide {shell_quote(shown)}"
        )
    raise UsageError(f"--say {shown!r}: could not read any answer from it")


def _explain_reading(pack: Pack, session: Session, text: str) -> None:
    """--explain-reading: the picture of one --say text, on stderr (stdout stays the advice)."""
    from .text import inert
    from .understand.message import picture

    seen = picture(pack, session.next_question(), session.chosen, text)
    print(f"advisor: reading {inert(text[:200])!r}", file=sys.stderr)
    for key, value in seen.items():
        if value in ("", [], {}):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                shown = ", ".join(f"{k}: {v:g}" if isinstance(v, float) else f"{k}: {v}" for k, v in item.items())
                print(f"  {key}: {inert(shown)}", file=sys.stderr)
        elif isinstance(value, dict):
            for name, found in value.items():
                print(f"  {key}: {name} <- {inert(', '.join(map(str, found)))}", file=sys.stderr)
        else:  # (a list's lines on one line: "1. free / 2. TPU")
            print(f"  {key}: {inert(' / '.join(str(value).splitlines()))}", file=sys.stderr)


def cmd_recommend(args: Options) -> int:
    from .engine.decide import decide
    from .engine.explain import report
    from .engine.session import Session

    if args.json and args.format not in (None, "json"):
        raise UsageError(f"--json and --format {args.format} ask for two different outputs; give one")
    pack = _load(args)
    answers = parse_answers(pack, args.answer)
    session = Session(pack)
    if answers:
        session.answer_many(answers)
    for text in args.say:
        if args.explain_reading:
            _explain_reading(pack, session, text)
        said = read_description(pack, session, text)
        session.answer_many({q: a for q, a in said.items() if q not in answers})
    # an answer to a question that the other answers do not reach is reported, not used
    ignored = [qid for qid in answers if qid not in session.answers]
    result = decide(pack, session.chosen)
    rep = report(pack, session.answers, result)
    fmt = "json" if args.json else (args.format or "text")
    if fmt == "json":
        import json

        from .export.decision import finite, to_data

        data = to_data(rep)
        data["ignored"] = ignored
        print(json.dumps(finite(data), indent=2, ensure_ascii=True, allow_nan=False))
    elif fmt == "markdown":
        from .export.decision import to_markdown

        print(to_markdown(rep))
    else:
        from .export.terminal import print_report

        flags = []
        if rep.settle_by is not None:
            for oc in rep.settle_by.outcomes:
                name = oc.recommendation[1] if oc.recommendation else "nothing fits"
                flags.append((f"-a {rep.settle_by.question}={oc.option}", f"{name} ({oc.probability:.0%})"))
        print_report(
            rep,
            ignored=[pack.question(q).prompt for q in ignored],
            long=args.long,
            said=list(args.say),
            settle_flags=flags,
        )
    return 0


def cmd_check(args: Options) -> int:
    from .pack import load
    from .pack.cases import load_cases
    from .pack.core import PackError
    from .pack.paths import default_rules_dir

    root = args.rules or default_rules_dir()
    try:
        pack = load(root, cache=False)
    except PackError as exc:
        return _invalid(exc.problems, args.json, "{n} problem(s); the pack cannot be used.")
    try:
        cases = load_cases(root)
    except PackError as exc:
        return _invalid(exc.problems, args.json, "{n} problem(s) in the test cases.")
    from .verify import run_cases, verify

    findings = verify(pack, stale_days=args.stale_days) + run_cases(pack, cases)
    summary = (
        f"{pack.info.name} {pack.info.version}: {len(pack.questions)} questions, "
        f"{len(pack.services)} services, {len(pack.rules)} rules, {len(pack.sections)} guide sections, "
        f"{len(cases)} test cases"
    )
    return _report_findings(findings, summary, args.json)


def _invalid(problems: list[Problem], as_json: bool, what: str) -> int:
    """A pack (or its cases) that cannot be loaded: every problem with file and line; exit 2."""
    if as_json:
        import json

        shown = [{"file": p.file, "line": p.line, "col": p.col, "message": p.message} for p in problems]
        print(json.dumps({"status": "invalid", "problems": shown}, indent=2))
    else:
        from .text import inert

        for problem in problems:
            print(inert(str(problem)))
        print(what.format(n=len(problems)), file=sys.stderr)
    return 2


def _report_findings(findings: list[Finding], summary: str, as_json: bool) -> int:
    """What verification found, as text or JSON; exit 1 when any of it is an error."""
    errors = [f for f in findings if f.severity == "error"]
    if as_json:
        import json

        shown = [
            {
                "kind": f.kind,
                "severity": f.severity,
                "file": f.file,
                "line": f.line,
                "message": f.message,
                "example": dict(f.example),
                "subjects": list(f.subjects),
            }
            for f in findings
        ]
        status = "findings" if errors else "ok"
        print(json.dumps({"status": status, "summary": summary, "problems": [], "findings": shown}, indent=2))
    else:
        from .text import inert

        for finding in findings:
            print(inert(str(finding)))
        warnings = len(findings) - len(errors)
        state = f"{len(errors)} error(s), {warnings} warning(s)" if findings else "sound"
        print(f"{'ok' if not errors else 'findings'}: {summary}; {state}")
    return 1 if errors else 0


def cmd_schema(args: Options) -> int:
    from .pack.schema import schema_text, schemas

    if args.list:
        for name in schemas():
            print(f"{name}.yaml")
        return 0
    sys.stdout.write(schema_text(args.file))
    return 0


def cmd_guide(args: Options) -> int:
    import json

    from rich.console import Console
    from rich.markdown import Markdown
    from rich.text import Text

    from .guide import contents, find, section_markdown, to_data
    from .text import inert

    pack = _load(args)
    query = " ".join(args.query).strip()
    if not query:
        groups = contents(pack)
        if args.json:
            listed = [{"id": s.id, "title": s.title, "group": g} for g, ss in groups for s in ss]
            print(json.dumps({"status": "ok", "sections": listed}, indent=2, ensure_ascii=True))
            return 0
        console = Console()
        for group, sections in groups:
            console.print(Text(inert(group), style="bold"))
            for s in sections:
                line = Text("  ")
                line.append(inert(s.title))
                line.append(f"  {inert(s.id)}", style="dim")
                console.print(line)
        console.print(Text('\nRead one: advisor guide SECTION-ID, or ask: advisor guide "how do I mount google drive"'))
        return 0
    found = find(pack, query)
    if found is None:
        raise UsageError(f"nothing in the guide matches {query[:80]!r}; 'advisor guide' lists every section")
    if args.json:
        data: dict[str, object] = {"status": "ok", "section": to_data(found.section)}
        data["also"] = [{"id": s.id, "title": s.title} for s in found.also]
        print(json.dumps(data, indent=2, ensure_ascii=True))
        return 0
    console = Console()
    console.print(Markdown(inert(section_markdown(found.section)), code_theme="ansi_dark"))
    if found.also:
        console.print(Text("\nAlso:", style="bold"))
        for s in found.also:
            console.print(Text(f"  {inert(s.title)}  (advisor guide {inert(s.id)})"))
    return 0


def cmd_graph(args: Options) -> int:
    from .graph import dot, mermaid

    pack = _load(args)
    sys.stdout.write(mermaid(pack) if args.format == "mermaid" else dot(pack))
    return 0


def cmd_serve(args: Options) -> int:
    import shlex

    _load(args)  # a broken pack is reported here, once, not in every browser tab
    from importlib.util import find_spec

    if find_spec("textual_serve") is None:
        raise UsageError("'advisor serve' needs textual-serve: pip install 'advisor[serve]'")
    command = [sys.executable, "-m", "advisor"]
    if args.rules is not None:
        command += ["--rules", str(Path(args.rules).resolve())]
    if args.max_sessions is not None and args.max_sessions < 1:
        raise UsageError("--max-sessions must be at least 1")
    if not args.idle_minutes > 0:
        raise UsageError("--idle-minutes must be more than 0")
    if args.token is not None and not args.token.strip():
        raise UsageError("--token must not be empty")
    from .serve import default_max_sessions, serve

    serve(
        shlex.join(command),
        host=args.host,
        port=args.port,
        token=args.token,
        max_sessions=args.max_sessions or default_max_sessions(),
        idle_minutes=args.idle_minutes,
    )
    return 0


def _saved_theme() -> str | None:
    from . import settings

    return settings.load().get("theme")


def _terminal_session(pack: Pack, resume_asked: bool) -> dict[str, Any]:
    """The store, and the session to resume (--resume) or to mention (one is waiting)."""
    from .chat.state import SessionStore

    store = SessionStore()
    waiting = store.latest_unfinished()
    resume = None
    if resume_asked:
        if waiting is None:
            print("advisor: no unfinished session to resume; starting a new one.", file=sys.stderr)
        else:
            resume = store.load(waiting, pack)
        waiting = None
    return {"store": store, "resume": resume, "waiting": waiting}


def _web_session(pack: Pack) -> dict[str, Any]:
    """A browser tab of 'advisor serve': its own folder (by the id its page keeps), resumed on reload."""
    from .chat.state import web_store

    store = web_store(os.environ.get("ADVISOR_WEB_SESSION"))
    waiting = store.latest_unfinished() if store is not None else None
    resume = store.load(waiting, pack) if store is not None and waiting is not None else None
    return {"store": store, "resume": resume}


def cmd_ui(args: Options) -> int:
    served = "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")  # a browser tab of 'advisor serve'
    if not served and os.environ.get("TERM", "") in {"dumb", "unknown"}:
        print(
            f"advisor: this terminal (TERM={os.environ['TERM']}) cannot draw the chat. Use 'advisor recommend' "
            "(see 'advisor recommend --help'), or run advisor in a full terminal.",
            file=sys.stderr,
        )
        return 2
    if not served and not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(
            "advisor: the chat UI needs a terminal. For scripts use 'advisor recommend' "
            "(see 'advisor recommend --help').",
            file=sys.stderr,
        )
        return 2
    pack = _load(args)
    from .tui.app import make_app

    if served:
        app = make_app(pack, web=True, debug=args.debug, **_web_session(pack))
    else:
        app = make_app(pack, debug=args.debug, **_terminal_session(pack, args.resume))
    theme = args.theme or (None if served else _saved_theme())  # a browser tab never reads the host's settings
    if theme:
        if theme not in app.available_themes:
            from .pack.core import suggest

            raise UsageError(f"unknown theme '{theme}'{suggest(theme, sorted(app.available_themes))}")
        app.theme = theme
    app.run()
    if app.crash is not None and not args.debug:
        crash = app.crash
        print(
            f"advisor: unexpected error: {type(crash).__name__}: {str(crash)[:200]} (run with --debug for details; "
            "your answers are saved: 'advisor --resume')",
            file=sys.stderr,
        )
        return 70
    if app.crash is not None:
        return 70
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())


class Command(Record, eq=False):
    """One subcommand: its help texts, its own options, and what runs it."""

    name: str
    help: str
    description: str
    epilog: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Options], int]
    rules_help: str = ""  # its --rules option; none when empty


COMMANDS: tuple[Command, ...] = (
    Command(
        "recommend",
        "print a recommendation for answers given as options (for scripts)",
        "Print a recommendation. Questions reached but not answered count as 'not sure'.",
        "examples:\n  advisor recommend --answer budget=0 --answer runtime=1 --answer hardware=gpu --json\n"
        "  advisor recommend --answer budget=pay-per-use --answer work=deploy\n",
        _recommend_arguments,
        cmd_recommend,
        "use the rule pack in DIR",
    ),
    Command(
        "check",
        "validate a rule pack and report every problem with file and line",
        "Load and validate a rule pack, then verify its decisions: gaps (answers with no "
        "recommendation), rules that never fire or never count, contradicting rules, unreachable or unused "
        "questions, numeric ranges, stale facts. Exit 0 when sound (warnings allowed), 1 when verification "
        "finds errors, 2 when the pack is invalid.",
        "example:\n  advisor check --rules ./rules\n",
        _check_arguments,
        cmd_check,
        "the rule pack to check",
    ),
    Command(
        "schema",
        "print the JSON Schema of a rule file (for editors and validators)",
        "Print the JSON Schema of one rule file, generated from advisor's own models.",
        "examples:\n  advisor schema questions > questions.schema.json\n  advisor schema --list\n",
        _schema_arguments,
        cmd_schema,
    ),
    Command(
        "serve",
        "serve the chat as a web page (textual-serve), on this computer only unless told otherwise",
        "Serve the same chat in a browser. Binds to 127.0.0.1 unless --host says otherwise; every "
        "browser tab gets its own advisor, which saves decisions as browser downloads and never writes a file a "
        "visitor names. Needs the serve extra: pip install 'advisor[serve]' (or "
        "pipx install '.[serve]' from a checkout).",
        "examples:\n  advisor serve                      then open http://127.0.0.1:8000\n"
        "  advisor serve --port 9000 --rules ./my-rules\n"
        "  advisor serve --host 0.0.0.0 --max-sessions 20   for a class: prints the address with its token\n",
        _serve_arguments,
        cmd_serve,
        "the rule pack to serve",
    ),
    Command(
        "guide",
        "read the guide: every section, or the one that answers a question, with its code and sources",
        "With no query, list every section of the guide, grouped by service and topic. With a "
        "query (a question or a section id), print the section that answers it, with its code and its "
        "sources, and the next best sections as suggestions.",
        'examples:\n  advisor guide\n  advisor guide "tensorboard embeddings"\n  advisor guide colab-drive\n'
        "  advisor guide --json kaggle gpu limit\n",
        _guide_arguments,
        cmd_guide,
        "the rule pack to read",
    ),
    Command(
        "graph",
        "draw the question tree and where each service can win (Mermaid or dot)",
        "Print the question tree: questions in order, follow-ups with the answers that lead to "
        "them, and the answers that count for or rule out each service.",
        "examples:\n  advisor graph > tree.mmd\n  advisor graph --format dot | dot -Tsvg > tree.svg\n",
        _graph_arguments,
        cmd_graph,
        "the rule pack to draw",
    ),
)
