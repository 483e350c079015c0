"""`advisor recommend` and `advisor check` as scripts use them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from advisor.cli import main

from .conftest import ROOT, RULES


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_recommend_json_interface(capsys, pack):
    code, out, _ = run(
        capsys, "recommend", "--answer", "budget=0", "--answer", "runtime=1", "--answer", "hardware=gpu", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["status"] == "ok"
    assert data["recommendation"]["id"] in {"colab", "kaggle"}
    assert [r["id"] for r in data["ranking"]][0] == data["recommendation"]["id"]
    budget = data["answers"]["budget"]
    assert budget == {
        "option": "free",
        "label": "Nothing, it has to be free",
        "value": 0.0,
        "unit": "USD/month",
        "source": "number",
        "text": "0",
    }
    assert data["answers"]["runtime"]["value"] == 1.0 and data["answers"]["runtime"]["unit"] == "hours"
    assert data["answers"]["hardware"]["value"] is None and data["answers"]["hardware"]["source"] == "option"
    for key in ("reasons", "caveats", "what_if", "citations"):
        assert isinstance(data[key], list)
    for cite in data["citations"]:
        assert pack.sections[cite["section"]].contains(cite["quote"])
        assert cite["source"].startswith("http")


def test_recommend_label_and_representative_value(capsys):
    code, out, _ = run(capsys, "recommend", "-a", "budget=About $10 to $50", "-a", "hardware=One GPU", "--json")
    data = json.loads(out)
    assert data["answers"]["budget"]["option"] == "up-to-50"
    assert data["answers"]["budget"]["value"] == 10  # the option's representative number
    assert data["answers"]["budget"]["source"] == "label"


def test_pay_per_use_budget_has_null_value(capsys):
    _, out, _ = run(capsys, "recommend", "-a", "budget=pay-per-use", "--json")
    assert json.loads(out)["answers"]["budget"]["value"] is None


def test_complete_answers_give_a_settled_recommendation(capsys):
    answers = [
        "budget=pay-per-use",
        "hardware=gpu",
        "runtime=3",
        "background=yes",
        "weekly-hours=25",
        "work=deploy",
        "data=s3",
        "team=team",
        "privacy=sensitive",
    ]
    _, out, _ = run(capsys, "recommend", *[x for a in answers for x in ("-a", a)], "--json")
    data = json.loads(out)
    assert data["recommendation"]["id"] == "sagemaker" and data["settled"] is True
    assert any(r["rule"] == "deploy-on-sagemaker" and r["answers"] for r in data["reasons"])


@pytest.mark.parametrize(
    "args,needle",
    [
        (["-a", "bugdet=3"], "unknown question 'bugdet' (did you mean 'budget'?)"),
        (["-a", "hardware=quantum"], "question 'hardware' has no option 'quantum'"),
        (["-a", "budget"], "write it as ID=TEXT"),
    ],
)
def test_bad_answers_are_one_line_errors(capsys, args, needle):
    code, out, err = run(capsys, "recommend", *args)
    assert code == 2
    assert needle in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_missing_rules_folder_is_an_error(capsys, tmp_path):
    code, _, err = run(capsys, "--rules", str(tmp_path / "none"), "recommend")
    assert code == 2 and "rules folder not found" in err


def test_check_ok_and_broken(capsys, tmp_path):
    code, out, _ = run(capsys, "check")
    assert code == 0 and out.splitlines()[-1].startswith("ok:")
    import shutil

    broken = tmp_path / "rules"
    shutil.copytree(RULES, broken)
    text = (broken / "services.yaml").read_text().replace("guide: kaggle\n", "guide: kagle\n")
    (broken / "services.yaml").write_text(text)
    code, out, _ = run(capsys, "check", "--rules", str(broken))
    assert code == 2
    assert "services.yaml:" in out and "unknown guide section 'kagle' (did you mean 'kaggle'?)" in out


def test_text_output_shows_recommendation(capsys):
    code, out, _ = run(capsys, "recommend", "-a", "budget=free", "-a", "work=competition")
    assert code == 0 and "Kaggle Notebooks" in out


def test_markdown_output(capsys):
    code, out, _ = run(capsys, "recommend", "-a", "budget=free", "-a", "work=competition", "--format", "markdown")
    assert code == 0 and out.startswith("# ") and "## Decision" in out and "## From the guide" in out


def test_installed_command_runs_from_another_folder(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "advisor",
            "recommend",
            "-a",
            "budget=0",
            "-a",
            "runtime=1",
            "-a",
            "hardware=gpu",
            "--json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["status"] == "ok"


def test_recommend_does_not_import_textual(tmp_path):
    code = (
        "import sys; from advisor.cli import main; main(['recommend','-a','budget=0','--json']); "
        "sys.stderr.write(str('textual' in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr.strip() == "False"


def test_ui_without_terminal_points_to_recommend(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "advisor"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert proc.returncode == 2 and "advisor recommend" in proc.stderr


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.startswith("advisor ")


def test_say_feeds_the_same_understanding(capsys):
    code, out, _ = run(
        capsys, "recommend", "--say", "I'm a student with no money who needs a GPU for 3 hours", "--json"
    )
    data = json.loads(out)
    assert code == 0
    assert {q: a["option"] for q, a in data["answers"].items()} == {
        "budget": "free",
        "hardware": "gpu",
        "runtime": "1-to-9",
    }
    assert data["answers"]["runtime"]["value"] == 3
    assert data["answers"]["runtime"]["text"] == "I'm a student with no money who needs a GPU for 3 hours"


def test_answer_accepts_any_phrasing_and_wins_over_say(capsys):
    code, out, _ = run(capsys, "recommend", "-a", "budget=about 20 bucks a month", "-s", "free, gpu, 2 hours", "--json")
    data = json.loads(out)
    assert data["answers"]["budget"]["option"] == "up-to-50" and data["answers"]["budget"]["value"] == 20
    assert data["answers"]["budget"]["text"] == "about 20 bucks a month"
    assert data["answers"]["hardware"]["option"] == "gpu"


def test_unclear_say_is_a_clear_error(capsys):
    code, _, err = run(capsys, "recommend", "-a", "budget=free", "--say", "gpus")
    assert code == 2 and "did you mean" in err and "--answer hardware=" in err


def test_bare_advisor_means_the_parsers_defaults():
    """`advisor` alone skips argparse for speed; it must mean exactly what the parser would."""
    from advisor.cli import CHAT_DEFAULTS, build_parser

    assert vars(build_parser().parse_args([])) == CHAT_DEFAULTS


def test_guide_prints_a_section_with_its_code_and_sources(capsys):
    code, out, _ = run(capsys, "guide", "tensorboard", "embeddings")
    assert code == 0
    assert "Showing embeddings in TensorBoard" in out
    assert "writer.add_embedding(vectors, metadata=labels)" in out and "%tensorboard --logdir=runs" in out
    assert "checked 2026-11-26" in out
    code, out, _ = run(capsys, "guide", "kaggle", "gpu", "limit")
    assert code == 0 and "Kaggle's limits" in out and "Also:" in out and "(advisor guide " in out


def test_guide_lists_every_section_and_answers_by_id_or_json(capsys, pack):
    code, out, _ = run(capsys, "guide")
    assert code == 0
    for section in pack.sections.values():
        assert section.title in out and section.id in out
    code, out, _ = run(capsys, "guide", "--json", "colab-drive")
    data = json.loads(out)
    assert code == 0 and data["section"]["id"] == "colab-drive"
    assert data["section"]["code"] == ["from google.colab import drive\ndrive.mount('/content/drive')"]
    assert data["section"]["sources"][0]["checked"] == "2026-11-26"


def test_guide_with_nothing_matching_is_a_clear_error(capsys):
    code, _, err = run(capsys, "guide", "zzqx")
    assert code == 2 and "'advisor guide' lists every section" in err


def test_guide_reads_the_example_packs_own_sections(capsys):
    code, out, _ = run(capsys, "--rules", str(ROOT / "examples" / "vertex-ai"), "guide")
    assert code == 0 and "Google Vertex AI" in out


def test_say_with_only_a_guide_question_points_to_advisor_guide(capsys):
    code, _, err = run(capsys, "recommend", "--say", "how do I visualize embeddings with tensorboard in colab")
    assert code == 2 and "advisor guide 'how do I visualize embeddings with tensorboard in colab'" in err


def test_say_with_an_answer_the_given_answers_do_not_ask_for_still_advises(capsys):
    args = ("recommend", "-a", "budget=free", "-a", "hardware=gpu", "-a", "work=competition", "--json")
    code, out, err = run(capsys, *args, "--say", "our data is confidential")
    assert code == 0 and json.loads(out)["status"] == "ok"
    assert "privacy=sensitive" in err and "does not change the advice" in err


def test_answers_with_unreadable_numbers_say_why(capsys):
    for answer, why in (
        ("budget=-5", "cannot be negative"),
        ("budget=10^100", "not as a power"),
        ("runtime=99999 hours", "at most 8,760 hours"),
    ):
        code, _, err = run(capsys, "recommend", "-a", answer)
        assert code == 2 and why in err, err
    code, out, _ = run(capsys, "recommend", "-a", "budget=$1,200", "--json")
    data = json.loads(out)
    assert data["answers"]["budget"]["value"] == 1200 and data["answers"]["budget"]["option"] == "over-50"


def test_json_never_holds_a_number_javascript_cannot_read():
    from advisor.export.decision import finite

    assert finite({"a": [1.0, float("inf"), float("nan")], "b": "x"}) == {"a": [1.0, None, None], "b": "x"}


def test_recommend_reads_like_a_summary_and_long_keeps_everything(capsys):
    said = "I'm a student with no money who needs a GPU for 3 hours"
    code, out, _ = run(capsys, "recommend", "--say", said)
    assert code == 0
    assert out.count(said) == 1  # echoed once at the top, not after every answer it gave
    assert "-a " in out and "=" in out  # the exact flags that would tell most
    assert len(out.splitlines()) <= 50
    code, long_out, _ = run(capsys, "recommend", "--say", said, "--long")
    assert len(long_out.splitlines()) > len(out.splitlines()) and "checked 2026-11-26" in long_out


def test_recommend_help_lists_the_questions_and_their_options(capsys):
    with pytest.raises(SystemExit):
        main(["recommend", "--help"])
    out = capsys.readouterr().out
    assert "budget [number in USD/month]: free, under-10" in out and "account: aws, card-only, no-card" in out


def test_a_description_that_asks_something_still_gets_advice(capsys):
    text = "my free Colab session disconnects after an hour and my runs need ten hours; would Pro help?"
    code, out, err = run(capsys, "recommend", "--json", "--say", text)
    assert code == 0
    answers = {q: a["option"] for q, a in json.loads(out)["answers"].items()}
    assert answers == {"runtime": "9-to-12"}  # the free tier they are on now is no budget
    assert "advisor guide 'would Pro help?'" in err  # the question is pointed to the guide


def test_explain_reading_shows_what_was_bound_and_what_was_set_aside(capsys):
    text = "a few days ago it crashed after about an hour; I need a GPU for 9 hours, team of 5"
    code, out, err = run(capsys, "recommend", "--explain-reading", "--json", "--say", text)
    assert code == 0 and json.loads(out)["status"] == "ok"  # stdout stays the advice
    assert err.count("set aside: when something happened") + err.count("set aside: when a service stopped") == 2
    assert "counts: people" in err
    assert "question: runtime, option: 1-to-9" in err


def test_answer_accepts_any_phrasing_and_refuses_foreign_money(capsys):
    code, out, _ = run(capsys, "recommend", "--json", "-a", "runtime=a 20-hour run", "-a", "hardware=4x A100s")
    answers = {q: a["option"] for q, a in json.loads(out)["answers"].items()}
    assert code == 0 and answers == {"runtime": "12-to-24", "hardware": "multi-gpu"}
    code, _, err = run(capsys, "recommend", "-a", "budget=₹500")
    assert code == 2 and "no exchange rate for INR (₹)" in err


def test_an_amount_that_cannot_be_read_beside_answers_is_said_not_dropped(capsys):
    code, out, err = run(capsys, "recommend", "--json", "--say", "Budget: 20 CHF. GPU: yes. Time: 3 hours.")
    answers = {q: a["option"] for q, a in json.loads(out)["answers"].items()}
    assert code == 0 and answers == {"hardware": "gpu", "runtime": "1-to-9"}  # the budget is left open ...
    assert "left unread: I have no exchange rate for CHF" in err  # ... and the person is told why


def test_say_error_never_repeats_a_long_input(capsys):
    text = "blorp " * 2000
    code, _, err = run(capsys, "recommend", "--say", text)
    assert code == 2 and len(err) < 300


@pytest.mark.parametrize(
    "args,needle",
    [
        (["recommend", "-a", "budget=free", "-a", "budget=50"], "given twice"),
        (["recommend", "--json", "--format", "markdown", "-a", "budget=free"], "two different outputs"),
        (["check", "--stale-days", "-5"], "in the future"),
        (["check", "--stale-days", "soon"], "not a whole number"),
    ],
)
def test_the_command_line_refuses_what_it_cannot_do_as_asked(capsys, args, needle):
    try:
        code = main(args)
    except SystemExit as stop:  # argparse's own refusal
        code = stop.code
    out = capsys.readouterr()
    assert code == 2 and needle in out.err and not out.out
