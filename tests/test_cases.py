"""The advice as data: every case in a pack's cases.yaml decided as written, one test per case.

The cases live in the pack (rules/cases.yaml) so a rule author can add one without Python;
`advisor check` runs the same cases and reports a failing one at its file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.pack import load
from advisor.pack.cases import load_cases
from advisor.verify import run_cases

ROOT = Path(__file__).resolve().parent.parent
PACKS = {"shipped": ROOT / "rules", "vertex-ai": ROOT / "examples" / "vertex-ai"}
CASES = [(name, case) for name, root in PACKS.items() for case in load_cases(root)]


@pytest.fixture(scope="module")
def packs():
    return {name: load(root, cache=False) for name, root in PACKS.items()}


@pytest.mark.parametrize("name,case", CASES, ids=[f"{name}:{case.id}" for name, case in CASES])
def test_case(packs, name, case):
    assert run_cases(packs[name], [case]) == []


def test_shipped_cases_cover_every_service_and_partial_answers(pack):
    cases = load_cases(PACKS["shipped"])
    assert len(cases) >= 60
    for service in pack.services:
        assert sum(service.id in c.accept for c in cases) >= 3, service.id
    full = {q.id for q in pack.questions}
    assert any(len(c.answers) <= 3 for c in cases), "cases with only the core answers"
    assert any("not-sure" in c.answers.values() for c in cases), "cases with 'not sure' answers"
    assert any(c.accept == ("",) for c in cases), "cases where nothing fits"
    assert all(set(c.answers) <= full for c in cases)


def test_a_failing_case_names_its_file_and_line(tmp_path, pack):
    (tmp_path / "cases.yaml").write_text(
        "cases:\n"
        "  - id: right\n"
        "    answers: {budget: free, hardware: cpu, runtime: up-to-1}\n"
        "    accept: [colab, kaggle]\n"
        "    why: free CPU work\n"
        "  - id: wrong\n"
        "    answers: {budget: free, hardware: cpu, runtime: up-to-1}\n"
        "    expect: sagemaker\n"
        "    why: a deliberate mistake\n",
        encoding="utf-8",
    )
    findings = run_cases(pack, load_cases(tmp_path))
    assert [(f.kind, f.line) for f in findings] == [("case", 6)]
    assert "expects 'sagemaker'" in findings[0].message and "a deliberate mistake" in findings[0].message


def test_a_case_with_a_typo_gets_a_likely_fix(tmp_path, pack):
    (tmp_path / "cases.yaml").write_text(
        "cases:\n  - id: typo\n    answers: {budgett: free}\n    expect: colab\n    why: typo\n", encoding="utf-8"
    )
    [finding] = run_cases(pack, load_cases(tmp_path))
    assert "unknown question 'budgett'" in finding.message and "did you mean 'budget'" in finding.message


def test_a_case_file_that_breaks_the_schema_is_refused_with_its_line(tmp_path):
    from advisor.pack.core import PackError

    (tmp_path / "cases.yaml").write_text(
        "cases:\n  - id: both\n    expect: colab\n    accept: [kaggle]\n    why: both given\n", encoding="utf-8"
    )
    with pytest.raises(PackError) as caught:
        load_cases(tmp_path)
    assert caught.value.problems[0].line == 2
    assert "either 'expect'" in caught.value.problems[0].message


def test_check_json_reports_a_broken_case_file_as_json(tmp_path, capsys):
    import json
    import shutil

    from advisor.cli import main

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "cases.yaml").write_text("cases:\n  - id: x\n    expect: colab\n", encoding="utf-8")
    assert main(["check", "--rules", str(rules), "--json"]) == 2
    report = json.loads(capsys.readouterr().out)  # a script reading --json gets JSON, not lines of text
    assert report["status"] == "invalid" and report["problems"][0]["file"].endswith("cases.yaml")
