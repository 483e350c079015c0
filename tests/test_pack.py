"""Loading the rule pack: the shipped pack is sound; broken packs fail with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.pack import PackError, load
from advisor.pack.yamlsafe import YamlError, parse_yaml

from .conftest import RULES


def test_shipped_pack_loads(pack):
    assert [s.id for s in pack.services] == ["colab", "kaggle", "colab-pro", "colab-pro-plus", "sagemaker"]
    assert {"budget", "runtime", "hardware"} <= {q.id for q in pack.questions}
    hardware = {o.id for o in pack.question("hardware").options}
    assert {"cpu", "gpu", "tpu", "multi-gpu", "not-sure"} <= hardware
    for question in pack.questions:
        assert question.why and question.prompt
        assert question.option("not-sure") is not None


def test_every_quote_is_in_its_section_word_for_word(pack):
    for rule in pack.rules:
        for cite in rule.cite:
            assert pack.sections[cite.section].contains(cite.quote), (rule.id, cite.quote)


def test_guide_credits_the_original_page(pack):
    about = pack.sections["about"]
    assert "A Lazy Data Science Guide" in about.body
    assert about.sources[0].url.startswith("http://mohitmayank.com/")


def test_numeric_ranges_cover_every_number_once(pack):
    for qid in ("budget", "runtime", "weekly-hours"):
        question = pack.question(qid)
        for x in [0, 0.5, 1, 5, 9, 9.5, 9.99, 12, 12.5, 20, 24, 30, 49.99, 50, 100, 1000]:
            owners = [o.id for o in question.options if o.contains(x)]
            assert len(owners) == 1, (qid, x, owners)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


def _edit(path: Path, old: str, new: str) -> int:
    text = path.read_text()
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1))
    return line


def test_misspelt_option_id_is_located_with_a_suggestion(broken):
    line = _edit(broken / "decisions.yaml", "when: {budget: [under-10]}", "when: {budget: [undr-10]}")
    with pytest.raises(PackError) as err:
        load(broken, cache=False)
    [problem] = err.value.problems
    assert problem.file.endswith("decisions.yaml") and problem.line == line
    assert "no option 'undr-10'" in problem.message and "did you mean 'under-10'" in problem.message


def test_edited_quote_is_rejected(broken):
    line = _edit(
        broken / "decisions.yaml",
        "quote: Colab's free tier and Kaggle Notebooks cost nothing.",
        "quote: Colab's free tier and Kaggle Notebooks cost very little.",
    )
    with pytest.raises(PackError) as err:
        load(broken, cache=False)
    [problem] = err.value.problems
    assert problem.line == line and "word for word" in problem.message


def test_unknown_key_suggests_the_right_one(broken):
    line = _edit(broken / "questions.yaml", "    why: Only some services", "    whyy: Only some services")
    with pytest.raises(PackError) as err:
        load(broken, cache=False)
    messages = [str(p) for p in err.value.problems]
    assert any(
        f"questions.yaml:{line}:" in m and "unknown key 'whyy'" in m and "did you mean 'why'" in m for m in messages
    ), messages


def test_an_unconcerned_answer_that_is_no_option_is_named(broken):
    line = _edit(broken / "questions.yaml", "unconcerned: over-50", "unconcerned: over50")
    with pytest.raises(PackError) as err:
        load(broken, cache=False)
    [problem] = err.value.problems
    assert problem.file.endswith("questions.yaml") and problem.line == line
    assert "'over50' is not one of this question's options" in problem.message
    assert "did you mean 'over-50'" in problem.message


def test_an_included_option_that_is_no_option_is_named(broken):
    _edit(broken / "questions.yaml", "includes: [any]", "includes: [anny]")
    with pytest.raises(PackError) as err:
        load(broken, cache=False)
    [problem] = err.value.problems
    assert problem.file.endswith("questions.yaml") and problem.line
    assert (
        "'anny' is not another option of this question" in problem.message and "did you mean 'any'" in problem.message
    )


def test_duplicate_keys_are_an_error_not_a_silent_overwrite():
    with pytest.raises(YamlError) as err:
        parse_yaml("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert "x.yaml:3:1: duplicate key 'a' (first at line 1)" in str(err.value)


def test_python_tags_are_refused_not_run():
    with pytest.raises(YamlError) as err:
        parse_yaml("a: !!python/object/apply:os.system ['echo hacked']\n", "evil.yaml")
    assert "not allowed" in str(err.value)


def test_billion_laughs_fails_fast():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    with pytest.raises(YamlError) as err:
        parse_yaml("\n".join(lines), "laughs.yaml")
    assert "refused" in str(err.value)


def test_syntax_error_names_line(broken):
    path = broken / "services.yaml"
    text = path.read_text().splitlines()
    line = next(i for i, t in enumerate(text) if t.strip().startswith("name:"))
    text[line] = text[line] + " : : ["
    path.write_text("\n".join(text))
    with pytest.raises(PackError) as err:
        load(broken, cache=False)
    assert err.value.problems[0].file.endswith("services.yaml")
    assert "YAML syntax" in err.value.problems[0].message


def test_non_utf8_is_named(broken):
    (broken / "pack.yaml").write_bytes(b"pack:\n  name: caf\xe9\n")
    with pytest.raises(PackError) as err:
        load(broken, cache=False)
    assert "pack.yaml:2:" in str(err.value.problems[0]) and "UTF-8" in err.value.problems[0].message


def test_deleted_question_reports_each_reference(broken):
    path = broken / "questions.yaml"
    text = path.read_text()
    start = text.index("  - id: privacy")
    path.write_text(text[:start] + text[text.index("  - id: account") :])
    with pytest.raises(PackError) as err:
        load(broken, cache=False)
    problems = err.value.problems
    assert problems and all("unknown question 'privacy'" in p.message for p in problems)
    assert len(problems) == sum(1 for r in load(RULES, cache=False).rules if "privacy" in r.when)


def test_missing_rules_folder(tmp_path):
    with pytest.raises(PackError) as err:
        load(tmp_path / "nope", cache=False)
    assert "rules folder not found" in str(err.value)
