"""What it would cost: monthly estimates from the pack's own figures, checked by hand."""

from __future__ import annotations

import json

import pytest

from advisor.cli import main
from advisor.engine.cost import budget_cap, estimate
from advisor.engine.explain import report
from advisor.engine.session import Answer


def _answers(**options: object) -> dict[str, Answer]:
    out = {}
    for qid, option in options.items():
        if isinstance(option, tuple):
            out[qid.replace("_", "-")] = Answer(option[0], option[1], str(option[1]), "number")
        else:
            out[qid.replace("_", "-")] = Answer(str(option), None, None, "option")
    return out


def test_a_hundred_hours_of_an_a100_by_hand(pack):
    # 25 h a week x 4.35 weeks = 108.75 h a month; an A100 burns 11.8 units an hour (unit-rates):
    # 108.75 x 11.8 = 1,283.25 units. Pro includes 100 (price): 1,183.25 more = 12 packs of 100 at
    # $9.99 (units) -> 9.99 + 12 x 9.99 = $129.87. Pro+ includes 500: 783.25 more = 8 packs ->
    # 49.99 + 8 x 9.99 = $129.91. Pro's 100 units last 30 x 100 / 1,283.25 = about 2 days.
    use, est = estimate(pack, _answers(hardware="gpu", gpu="large", weekly_hours=("20-to-30", 25.0)))
    assert use.hours_month == pytest.approx(108.75)
    assert est["colab-pro"].low == pytest.approx(129.87)
    assert est["colab-pro-plus"].low == pytest.approx(129.91)
    assert "last about 2 days" in est["colab-pro"].runs_out
    assert est["colab-pro"].fits is False and "1,283 units" in est["colab-pro"].working
    # Kaggle has no A100. SageMaker's price for one is not in the pack, but an A100 machine costs at
    # least the one-T4 machine (its `floor`): 108.75 h x $0.74 = $80.48 or more on demand, with no
    # upper figure; that floor is what a budget is weighed against (spot needs checkpoints)
    assert est["kaggle"].low is None and "does not offer" in est["kaggle"].working
    sagemaker = est["sagemaker"]
    assert sagemaker.high is None and sagemaker.least == pytest.approx(80.475)
    assert "no sourced price" in sagemaker.working and "at least" in sagemaker.working


def test_ten_hours_of_a_t4_by_hand(pack):
    # 10 h a week = 43.5 h a month. Pro: 43.5 x 1.8 = 78.3 units, within its 100: $9.99.
    # SageMaker: 43.5 h x $0.74 = $32.19 on demand; spot up to 90% less: $3.219.
    # Kaggle: 10 h a week is within its 30 h quota: $0.
    use, est = estimate(pack, _answers(hardware="gpu", gpu="any", weekly_hours=("up-to-20", 10.0)))
    assert est["colab-pro"].low == est["colab-pro"].high == pytest.approx(9.99) and est["colab-pro"].fits
    assert est["sagemaker"].high == pytest.approx(32.19) and est["sagemaker"].low == pytest.approx(3.219)
    assert est["kaggle"].low == 0 and est["kaggle"].fits


def test_a_free_quota_says_when_it_runs_out(pack):
    # 40 h a week of a TPU against Kaggle's 20 h: it runs out after 7 x 20 / 40 = 3.5 -> about 4 days
    _, est = estimate(pack, _answers(hardware="tpu", weekly_hours=("over-30", 40.0)))
    assert est["kaggle"].fits is False and "after about 4 days each week" in est["kaggle"].runs_out


def test_missing_answers_use_the_typical_value_and_say_so(pack):
    use, _ = estimate(pack, {})
    assert use.hours_week == 10 and use.machines == ("t4",)
    assert any("most common answer" in a for a in use.assumed) and any("assumed" in a for a in use.assumed)


def test_over_budget_counts_against_and_is_said(pack):
    answers = _answers(budget=("up-to-50", 20.0), hardware="gpu", gpu="faster", weekly_hours=("20-to-30", 25.0))
    assert budget_cap(pack, answers) == 20.0
    rep = report(pack, answers)
    pro = next(line for line in rep.cost.lines if line.service == "colab-pro")
    # an L4: 108.75 x 4.8 = 522 units; 422 more = 5 packs: 9.99 + 5 x 9.99 = $59.94 > $20
    assert pro.low == pytest.approx(59.94) and pro.over_budget
    # the decision sees it too: a rule made from the pricing counts against Colab Pro
    rules = {r.id for r in pack.rules}
    assert "cost-colab-pro-up-to-50-gpu-faster" in rules


def test_json_has_a_cost_object_keyed_by_service(capsys):
    code = main(["recommend", "--json", "-a", "hardware=gpu", "-a", "gpu=any", "-a", "weekly-hours=10"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and set(data["cost"]) == {"colab", "kaggle", "colab-pro", "colab-pro-plus", "sagemaker"}
    pro = data["cost"]["colab-pro"]
    assert pro["low"] == pro["high"] == 9.99 and pro["currency"] == "USD" and pro["fits"] is True
    assert {f["fact"] for f in pro["facts"]} == {"price", "units", "unit-rates"}
    assert all(f["source"].startswith("https://") and f["checked"] for f in pro["facts"])
    assert data["usage"]["hours_week"] == 10 and data["usage"]["machines"] == ["t4"]


def test_the_markdown_record_has_a_cost_table(capsys):
    main(["recommend", "--format", "markdown", "-a", "hardware=gpu", "-a", "weekly-hours=40"])
    text = capsys.readouterr().out
    assert "## What it would cost" in text and "| Colab Pro |" in text and "<https://" in text


def test_changing_a_price_changes_the_estimate_and_the_advice(tmp_path):
    import shutil

    from advisor.engine.decide import decide
    from advisor.pack import load

    from .conftest import RULES
    from .ui_helpers import FOR_SERVICE

    answers = {q: Answer(o, None, None, "option") for q, o in FOR_SERVICE["colab-pro"].items()}
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    before = load(copy, cache=False)
    assert decide(before, {q: a.option for q, a in answers.items()}).recommendation.id == "colab-pro"
    # 40 h a week of a T4 = 174 h a month x 1.8 units = 313 units: Pro $9.99 + 3 packs = $39.96
    assert estimate(before, answers)[1]["colab-pro"].low == pytest.approx(39.96)
    services = copy / "services.yaml"
    text = services.read_text()
    services.write_text(text.replace("units_per_hour: {t4: 1.8,", "units_per_hour: {t4: 5,", 1))
    after = load(copy, cache=False)
    # now 174 h x 5 = 870 units: $9.99 + 8 packs of 100 = $89.91, over the $10-$50 budget
    assert estimate(after, answers)[1]["colab-pro"].low == pytest.approx(89.91)
    assert decide(after, {q: a.option for q, a in answers.items()}).recommendation.id != "colab-pro"


def test_which_is_cheaper_is_answered_with_figures_for_this_use(pack):
    from advisor.chat.conversation import Conversation

    talk = Conversation(pack)
    talk.say("one gpu, 25 hours a week")
    lines = talk.say("which is cheaper?")
    roles = [line.role for line in lines]
    assert roles[:3] == ["user", "guide", "advisor"] and roles[-1] == "question"  # then the question again
    # 25 h a week of a T4: 108.75 h x 1.8 = 196 units, 96 over Pro's 100 -> one pack: $19.98
    assert "about 25 hours a week on a T4" in lines[2].text and "Colab Pro: $19.98" in lines[2].text


def test_a_budget_is_weighed_against_the_on_demand_price_not_the_best_spot_discount(pack):
    # $30 a month, 25 h a week of a T4: SageMaker is $80.48 on demand (108.75 h x $0.74), $8.05 at
    # the best spot discount, which needs checkpointing jobs; the budget counts against SageMaker
    from advisor.engine.decide import decide

    chosen = {"budget": "up-to-50", "hardware": "gpu", "gpu": "any", "weekly-hours": "20-to-30"}
    result = decide(pack, chosen, what_if=False)
    against = [f.rule.id for st in result.ranking if st.service.id == "sagemaker" for f in st.against]
    assert "cost-sagemaker-up-to-50-gpu-any" in against


def test_the_json_says_what_the_budget_was_weighed_against(pack):
    from advisor.engine.explain import report
    from advisor.export.decision import to_data

    answers = _answers(hardware="gpu", gpu="any", weekly_hours=("20-to-30", 25.0))
    cost = to_data(report(pack, answers))["cost"]["sagemaker"]
    # 108.75 h x $0.74 = $80.475 on demand; the best spot price is 90 % less: $8.05
    assert cost["least"] == pytest.approx(80.475, abs=0.01) and cost["low"] == pytest.approx(8.05, abs=0.01)


def test_an_hourly_service_is_quoted_on_demand_first_and_its_spot_price_after(pack):
    from advisor.chat.conversation import Conversation

    talk = Conversation(pack)
    talk.say("one gpu, 25 hours a week")
    [figures] = [line.text for line in talk.say("which is cheaper?") if line.role == "advisor"]
    # 108.75 h x $0.74 = $80.475 on demand; 90 % less on spot capacity: $8.05
    assert "AWS SageMaker: $80.47 on demand (from $8.05 with spot capacity)" in figures


def test_the_chart_the_fit_table_and_the_markdown_quote_on_demand_first_too(capsys, pack):
    # 25 h a week of a T4: SageMaker is $80.47 on demand, $8.05 only with spot capacity (checkpoints)
    main(["recommend", "--long", "-a", "hardware=gpu", "-a", "gpu=any", "-a", "weekly-hours=25"])
    text = capsys.readouterr().out
    chart = next(line for line in text.splitlines() if "AWS SageMaker" in line and "█" in line)
    assert chart.rstrip().endswith("$80.47 (spot $8.05)")
    fit = report(pack, _answers(hardware="gpu", gpu="any", weekly_hours=("20-to-30", 25)))
    [(_, marks)] = [row for row in fit.fit_rows if row[0].startswith("cost a month")]
    assert "$80.47 (spot $8.05)" in marks
    main(["recommend", "--format", "markdown", "-a", "hardware=gpu", "-a", "gpu=any", "-a", "weekly-hours=25"])
    assert "| AWS SageMaker | $80.47 on demand (from $8.05 with spot capacity) |" in capsys.readouterr().out
