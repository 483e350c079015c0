"""Understanding typed text: the labelled sets, behaviours people notice, and robustness."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from advisor.chat.conversation import Conversation
from advisor.understand.evaluate import evaluate, load_set
from advisor.understand.match import Reading, read_answer
from advisor.understand.message import interpret
from advisor.understand.numbers import find_amounts, money_for

DATA = Path(__file__).parent / "data"


LABELLED = [DATA / f"understanding{part}.yaml" for part in ("", "_more", "_situations", "_real")]


def _items(data) -> int:
    return sum(len(v) for v in data.get("single", {}).values()) + sum(
        len(data.get(group, [])) for group in ("multi", "guide", "clarify", "talk")
    )


@pytest.fixture(scope="module")
def labelled():
    return load_set(*LABELLED)


def test_labelled_set_is_big_enough(labelled):
    assert _items(labelled) >= 600
    assert len(labelled["multi"]) >= 100
    assert len(labelled["guide"]) >= 25
    assert len(labelled["clarify"]) >= 30
    assert len(labelled["talk"]) >= 20


def test_held_out_sets_are_big_enough():
    # issue 13: at least 150 items written before the tuning they measure (the third set)
    assert _items(load_set(DATA / "understanding_holdout3.yaml")) >= 150
    assert _items(load_set(DATA / "understanding_holdout4.yaml")) >= 150


def test_labelled_set_meets_the_bar(pack, labelled):
    result = evaluate(pack, labelled)
    overall = result.overall()
    assert overall.rate("correct") >= 0.97, result.table() + "\n" + "\n".join(overall.misses)
    assert overall.rate("wrong") <= 0.01, result.table() + "\n" + "\n".join(overall.misses)
    for name, tally in result.by_group.items():
        assert tally.rate("correct") >= 0.9, (name, tally.misses)


def test_held_out_phrasings_generalise(pack):
    # written after tuning; a guard against memorising the main set
    result = evaluate(pack, load_set(DATA / "understanding_holdout.yaml"))
    overall = result.overall()
    assert overall.rate("correct") >= 0.9, result.table()
    assert overall.rate("wrong") <= 0.05, result.table()


@pytest.mark.parametrize(
    "text,value,kind",
    [
        ("$9.99/mo", 9.99, "money"),
        ("20 bucks", 20, "money"),
        ("€45", 45, "money"),
        ("90 min", 1.5, "duration"),
        ("2.5h", 2.5, "duration"),
        ("3 days", 72, "duration"),
        ("a week", 168, "duration"),
        ("half an hour", 0.5, "duration"),
        ("a couple of hours", 2, "duration"),
        ("ten", 10, "plain"),
        ("2 hours a day", 14, "weekly"),
        ("a couple hundred a month", 200, "money"),
        ("two and a half hours", 2.5, "duration"),
    ],
)
def test_amounts(pack, text, value, kind):
    [amount] = find_amounts(text, money_for(pack))
    assert amount.kind == kind and amount.value == pytest.approx(value)


@pytest.mark.parametrize(
    "question,text,wanted",
    [
        ("hardware", "two or more GPUs", {"hardware": "multi-gpu"}),  # 'or more' is a bound, not a choice
        ("gpu", "something with 40GB or more", {"gpu": "large"}),  # a bare size at the GPU question
        ("account", "have aws", {"account": "aws"}),  # a reply, not "Have AWS ...?"
        ("gpu", "anything CUDA capable", {"gpu": "any"}),
        # a reply put as a question: it names one of the question's options and no service
        ("budget", "can it be free?", {"budget": "free"}),
        ("background", "can it run while I sleep?", {"background": "yes"}),
        ("hardware", "how would I know?", {"hardware": "not-sure"}),
        ("budget", "is kaggle free?", {"budget": None}),  # asks of Kaggle
        ("budget", "is it free?", {"budget": None}),  # asks whether something is
        # a question about the job answered at once is a statement, whatever question is asked
        ("gpu", "a T4 is fine, and it can run while I sleep? yes", {"gpu": "any", "background": "yes"}),
        ("gpu", "can it pick up where it left off? no", {"checkpoint": "no"}),
        ("budget", "is kaggle free? yes", {"budget": None}),  # still asks of Kaggle
        ("background", "no i watch it", {"background": "no"}),  # the answer 'no', then what they do
        ("gpu", "need one every session", {"gpu": "every-time"}),
        ("account", "i dont have any bank card", {"account": "no-card"}),
        ("account", "card yes, AWS no", {"account": "card-only"}),  # two keys of one question
        ("hardware", "I'm not really sure what hardware means", {"hardware": "not-sure", "checkpoint": None}),
        ("gpu", "I can't wait in line for one", {"gpu": "every-time"}),  # its own negation, run on
        ("gpu", "the basic one is ok", {"gpu": "any", "work": None}),
        ("hardware", "beats me", {"hardware": "not-sure"}),
        ("runtime", "I'd have to check", {"runtime": "not-sure"}),
        ("gpu", "I need to know I'll get one", {"gpu": "every-time"}),
        ("background", "no need for that", {"background": "no"}),
        ("gpu", "any GPU, as long as I always get one", {"gpu": "every-time"}),  # 'every-time' includes 'any'
        ("budget", "nil", {"budget": "free"}),
        ("hardware", "I'm not technical enough to say", {"hardware": "not-sure"}),
        ("account", "card fine, AWS not", {"account": "card-only"}),
        ("account", "I can't pay by card", {"account": "no-card"}),
        ("gpu", "I need it available the moment I start", {"gpu": "every-time"}),
        ("budget", "I don't know my budget, I don't know the hardware", {"budget": "not-sure", "hardware": "not-sure"}),
        ("runtime", "I've never checked", {"runtime": "not-sure"}),
        ("budget", "haven't got a number yet", {"budget": "not-sure"}),
        ("team", "the whole department", {"team": "team"}),
        ("account", "Visa, but not Amazon", {"account": "card-only"}),
        ("work", "keeping a model running for customers", {"work": "deploy"}),
        ("budget", "we haven't set one", {"budget": None}),  # 'one' is no dollar
        ("runtime", "a quarter hour", {"runtime": "up-to-1"}),
        ("runtime", "twelve hours or a bit less", {"runtime": "9-to-12"}),  # no second answer after 'or'
        ("gpu", "the free one is fine", {"gpu": "any"}),
        ("budget", "cheaper than Colab Pro", {"budget": "under-10"}),  # less than Pro's $9.99
        ("checkpoint", "unfortunately not", {"checkpoint": "no"}),
        ("account", "I can't use cards online", {"account": "no-card"}),
        ("work", "a model behind our website", {"work": "deploy"}),
        ("account", "no AWS account yet but fine to open one", {"account": "aws"}),  # what comes after 'but'
        ("account", "debit card, but no AWS please", {"account": "card-only"}),
        ("runtime", "1h30", {"runtime": "1-to-9"}),
        ("account", "I don't own a card", {"account": "no-card"}),
        ("account", "AWS is fine, I have a card", {"account": "aws"}),  # AWS includes the card
        ("hardware", "I not know", {"hardware": "not-sure"}),
        ("background", "no problem to keep it open", {"background": "no"}),
        ("gpu", "T4-level is ok", {"gpu": "any"}),
        ("account", "I can pay with a card but I'd rather avoid AWS", {"account": "card-only"}),
        ("runtime", "8 hours, no wait, 10", {"runtime": "9-to-12"}),
        # a question about the job, answered at once, after a statement
        (
            "runtime",
            "I'd have to check, and can it run while I sleep? yes",
            {"runtime": "not-sure", "background": "yes"},
        ),
    ],
)
def test_a_reply_to_the_question_asked(pack, question, text, wanted):
    meaning = interpret(pack, pack.question(question), {}, text)
    got = {r.question: r.option for r in meaning.readings}
    assert {q: got.get(q) for q in wanted} == wanted and "memory" not in got, got


def test_ranges_are_read_as_their_upper_end_and_say_so(pack):
    reading = read_answer(pack.question("runtime"), "5-6 hours", money_for(pack))
    assert isinstance(reading, Reading) and reading.value == 6 and "upper end" in reading.note


@pytest.mark.parametrize(
    "question,text,option",
    [
        ("hardware", "no GPU", "cpu"),
        ("hardware", "don't need a GPU", "cpu"),
        ("data", "kagle", "kaggle"),
        ("budget", "dunno", "not-sure"),
        ("budget", "no idea", "not-sure"),
        ("runtime", "overnight", "9-to-12"),
    ],
)
def test_negation_typos_and_not_sure(pack, question, text, option):
    reading = read_answer(pack.question(question), text, money_for(pack))
    assert isinstance(reading, Reading) and reading.option == option


def test_not_free_asks_how_much(pack):
    meaning = interpret(pack, pack.question("budget"), {}, "not free")
    assert meaning.kind == "clarify" and "free" not in {c.option for c in meaning.candidates}


def test_student_sentence_confirms_in_one_line_and_can_be_corrected(pack):
    talk = Conversation(pack)
    lines = talk.say("I'm a student with no money who needs a GPU for 3 hours")
    assert talk.session.chosen == {"budget": "free", "hardware": "gpu", "runtime": "1-to-9"}
    got = [line.text for line in lines if line.text.startswith("Got it")]
    assert len(got) == 1 and "3 hours" in got[0]
    talk.say("no, 5 hours")
    assert talk.session.answers["runtime"].value == 5
    assert talk.current.id == "gpu"  # the next question is asked again, not skipped


def test_the_got_it_line_keeps_the_option_label_as_written(pack):
    lines = Conversation(pack).say("I need about 20GB of RAM")
    got = next(line.text for line in lines if line.text.startswith("Got it"))
    assert "20 GB of memory (about 12 to 30 GB)" in got, got


def test_an_answer_to_a_question_not_asked_says_why_it_changes_nothing(pack):
    talk = Conversation(pack)
    for text in ("I have no money", "a GPU", "a Kaggle competition"):
        talk.say(text)
    lines = talk.say("our data is confidential")
    notice = [line.text for line in lines if line.role == "notice"]
    assert len(notice) == 1 and "private" in notice[0].lower() and "Kaggle competition" in notice[0]
    assert "did not understand" not in " ".join(line.text for line in lines)
    assert "privacy" not in talk.session.chosen and lines[-1].role == "question"
    # said beside an answer that is used, the same fact gets the same notice after the answer
    lines = talk.say("the data is confidential and I need it every time I log in")
    assert talk.session.chosen["gpu"] == "every-time"
    assert any(line.role == "notice" and "Kaggle competition" in line.text for line in lines)


def test_a_fact_beside_an_unclear_reply_is_kept_and_the_reply_asked_about(pack):
    talk = Conversation(pack)
    lines = talk.say("I need something reliable for a 10h run, nothing free please")
    assert talk.session.chosen == {"runtime": "9-to-12"}
    assert "Did you mean" in lines[-1].text and "Pay per use" in lines[-1].text
    assert [c.key for c in talk.choices] == ["under-10", "up-to-50", "over-50", "pay-per-use"]
    talk.pick_number(2)
    assert talk.session.chosen["budget"] == "up-to-50" and talk.current.id != "budget"


def test_guide_question_then_back_to_the_pending_question(pack):
    talk = Conversation(pack)
    lines = talk.say("kagle gpu limit")
    assert lines[1].role == "guide" and lines[1].title == "Kaggle's limits"
    assert pack.sections["kaggle-limits"].contains(lines[1].text)
    assert lines[-1].role == "question" and talk.current.id == "budget"


@pytest.mark.parametrize(
    "text,command",
    [
        ("back", "back"),
        ("start over", "restart"),
        ("start from the beginning", "restart"),
        ("why?", "why"),
        ("help", "help"),
        ("start from scratch", "restart"),
        ("what's this for?", "why"),
        ("that's all, bye", "bye"),
        ("I'm done, bye", "bye"),
        ("why this question?", "why"),
        ("why is that relevant?", "why"),
        ("why u ask this", "why"),
        ("hii", "hello"),
        ("why ask that?", "why"),
    ],
)
def test_commands_in_words(pack, text, command):
    assert interpret(pack, pack.question("budget"), {}, text).command == command


def test_text_answering_nothing_gets_examples(pack):
    talk = Conversation(pack)
    lines = talk.say("purple elephants")
    assert "did not understand" in lines[-1].text and "'1'" in lines[-1].text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.characters(codec=None, blacklist_categories=("Cs",)), max_size=300))
@example(text="²").via("a digit int() cannot read, at a choice question")
@example(text="𐹠").via("the same, found by this test")
def test_any_text_is_understood_or_questioned_never_raises(pack, text):
    for question in (pack.questions[0], pack.question("hardware"), pack.question("weekly-hours"), None):
        meaning = interpret(pack, question, {"budget": "free"}, text)
        assert meaning.kind in {"answers", "clarify", "command", "guide", "smalltalk", "unknown"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["a", "9", "\x1b[2J", "\u0000", "🚀", "\U0010fffd", "gpu ", "$", "-", " or "]),
    st.integers(min_value=1000, max_value=100_000),
)
def test_huge_and_control_text_never_raises(pack, piece, size):
    text = (piece * (size // len(piece) + 1))[:size]
    meaning = interpret(pack, pack.questions[0], {}, text)
    assert meaning.kind in {"answers", "clarify", "command", "guide", "smalltalk", "unknown"}
    Conversation(pack).say(text)  # the whole conversation path too


def test_guide_search_finds_the_right_section(pack):
    """Issue bar on the labelled guide questions: top-1 at least 90 %, top-3 at least 98 %."""
    from advisor.understand.evaluate import load_guide_questions, score_guide

    labelled = load_guide_questions(DATA / "guide_questions.yaml")
    held_out = load_guide_questions(DATA / "guide_holdout.yaml")
    assert len(labelled) + len(held_out) >= 60
    score = score_guide(pack, labelled)
    assert score.rate("top1") >= 0.9, score.misses
    assert score.rate("top3") >= 0.98, score.misses
    # the held-out part guards against tuning to the labelled questions alone
    guard = score_guide(pack, held_out)
    assert guard.rate("top1") >= 0.8 and guard.rate("top3") >= 0.9, guard.misses


@pytest.mark.parametrize(
    "text,value,problem",
    [
        ("$1,200 a month", 1200, ""),
        ("1,200 dollars", 1200, ""),
        ("$1,200,000", 1_200_000, ""),
        ("1,5 hours", 1.5, ""),  # a decimal comma
        ("2.5h", 2.5, ""),
        ("-5", None, "cannot be negative"),
        ("about -5 hours", None, "cannot be negative"),
        ("10^100", None, "not as a power"),
        ("1e5 dollars", None, "not as a power"),
        ("1_000", None, "without underscores"),
    ],
)
def test_numbers_are_read_exactly_or_refused(pack, text, value, problem):
    """A budget of "$1,200" is twelve hundred dollars, not $1.20; a negative or a power is refused."""
    amounts = find_amounts(text, money_for(pack))
    if problem:
        assert any(problem in a.problem for a in amounts), amounts
    else:
        assert [a.value for a in amounts if not a.problem] == [value]


def test_numbers_beyond_a_questions_bound_are_refused_with_it(pack):
    reading = read_answer(pack.question("runtime"), "99999 hours", money_for(pack))
    assert not isinstance(reading, Reading) and "at most 8,760 hours" in reading.problem
    reading = read_answer(pack.question("budget"), "9" * 400, money_for(pack))
    assert not isinstance(reading, Reading) and "at most 1,000,000" in reading.problem
    talk = Conversation(pack)
    replies = [line.text for line in talk.say("-5 dollars")]
    assert any("cannot be negative" in r for r in replies) and talk.session.chosen == {}


# -- understanding v2 (issue 13): each misreading it names, read right or asked about -------------
READ = [
    # (text, answers that must be read, questions that must not be answered)
    (
        "I need several GPUs for 2 days, company pays, data in S3, team of 5, private data",
        {"budget": "pay-per-use", "hardware": "multi-gpu", "runtime": "over-24", "data": "s3", "team": "team"},
        set(),
    ),
    ("a 9-hour run on a gpu", {"runtime": "1-to-9", "hardware": "gpu"}, {"budget"}),
    ("my 20-hour training job", {"runtime": "12-to-24"}, {"budget"}),
    ("I don't need it to run in the background, it takes 3 hours", {"background": "no", "runtime": "1-to-9"}, set()),
    ("4x A100s for a day", {"hardware": "multi-gpu", "runtime": "12-to-24"}, set()),
    ("my employer covers it, I need a GPU", {"budget": "pay-per-use", "hardware": "gpu"}, set()),
    ("money isn't the issue, one GPU", {"budget": "over-50", "hardware": "gpu"}, set()),
    ("I want to shut my laptop and let it train for 5 hours", {"background": "yes", "runtime": "1-to-9"}, set()),
    ("a few days ago my session died", {}, {"runtime"}),
    ("in 2 days I need results", {}, {"runtime"}),
    ("it disconnects after about an hour", {}, {"runtime"}),
    ("at the 24-hour mark it stops", {}, {"runtime", "budget"}),
    ("I have $200 in AWS credits and need a GPU", {"hardware": "gpu"}, {"budget"}),
    ("I have free AWS credits", {}, {"budget"}),
    ("even the free version was better", {}, {"budget"}),
    ("team of 5, need a gpu", {"team": "team", "hardware": "gpu"}, {"budget"}),
]


@pytest.mark.parametrize("text,wanted,unwanted", READ)
def test_each_fact_is_bound_to_the_right_question(pack, text, wanted, unwanted):
    meaning = interpret(pack, pack.questions[0], {}, text)
    got = {r.question: r.option for r in meaning.readings}
    assert {q: got.get(q) for q in wanted} == wanted, got
    assert not unwanted & got.keys(), got


@pytest.mark.parametrize("text", ["₹1000 a month", "5000 yen", "INR 800", "$200 in credits"])
def test_an_amount_that_cannot_be_a_budget_gets_a_question_not_a_guess(pack, text):
    meaning = interpret(pack, pack.question("budget"), {}, text)
    assert meaning.kind == "clarify" and meaning.problem, meaning
    assert not meaning.readings


@pytest.mark.parametrize(
    "text,option",
    [("€20 a month", "up-to-50"), ("£100 per month", "over-50"), ("40 CAD a month", "up-to-50"), ("€0", "free")],
)
def test_euros_pounds_and_other_dollars_are_read_when_any_exchange_rate_gives_the_same_answer(pack, text, option):
    [reading] = interpret(pack, pack.question("budget"), {}, text).readings
    assert reading.option == option
    assert option == "free" or "whatever the exchange rate" in reading.note  # the person sees how it was read


@pytest.mark.parametrize("text", ["€9 a month", "10 euros a month", "£40 a month"])
def test_an_amount_in_euros_or_pounds_near_a_limit_is_asked_about_not_read_at_par(pack, text):
    meaning = interpret(pack, pack.question("budget"), {}, text)
    assert meaning.kind == "clarify" and "exchange rate" in meaning.problem and "US dollars" in meaning.problem
    assert not meaning.readings


@pytest.mark.parametrize(
    "text,option,said",
    [
        ("$60 for the next 3 months", "up-to-50", "about $20 a month"),
        ("about $120 a year", "up-to-50", "about 10 a month"),
        ("my budget is $20 for the year", "under-10", "about $1.67 a month"),
        ("I have 100 euros for the whole semester", "up-to-50", "$16 to $31 a month"),
        ("$5 in total", "under-10", "$0 to $5 a month"),
    ],
)
def test_money_for_a_longer_period_is_read_as_a_months_share(pack, text, option, said):
    meaning = interpret(pack, pack.question("budget"), {}, text)
    got = {r.question: r for r in meaning.readings}
    assert got["budget"].option == option and said in got["budget"].note  # the person sees the month's share
    assert "runtime" not in got  # the period the money lasts is not one run


@pytest.mark.parametrize(
    "text,wanted",
    [
        ("need multiple GPUs for 2 days, budget isn't a concern", {"budget": "over-50", "hardware": "multi-gpu"}),
        ("Cost: not a concern", {"budget": "over-50"}),
        ("I don't really care about the price", {"budget": "over-50"}),
        ("the budget is no problem since the company pays", {"budget": "pay-per-use"}),  # who pays says more
        ("I need a GPU, an A100 would be overkill", {"hardware": "gpu", "gpu": None}),
        ("an H100 costs too much, an L4 is enough for me", {"hardware": "gpu", "gpu": "faster"}),
        ("I need a GPU for 3 months, each run is about 2 hours", {"hardware": "gpu", "runtime": "1-to-9"}),
        ("I need a GPU for 3 months", {"hardware": "gpu", "runtime": None}),  # months of access, not one run
        ("2 hours, a few times a week", {"runtime": "1-to-9", "weekly-hours": "up-to-20"}),
        ("each session is 4 hours, I do it twice a day", {"runtime": "1-to-9", "weekly-hours": "over-30"}),
    ],
)
def test_what_a_person_does_not_mind_refuses_or_repeats_is_read_for_what_it_says(pack, text, wanted):
    got = {r.question: r.option for r in interpret(pack, pack.questions[0], {}, text).readings}
    assert {q: got.get(q) for q in wanted} == wanted, got


@pytest.mark.parametrize(
    "text,wanted",
    [
        ("I'm not sure how much RAM I need, maybe 8 gigs", {"memory": "up-to-12", "budget": None}),
        ("Colab Pro units run out in a week for me, I use the GPU 4 hours every day", {"runtime": None}),
        ("a GPU with at least 24GB of VRAM, runs of 5 hours", {"gpu": "faster", "runtime": "1-to-9"}),
        ("my job needs 24GB of GPU memory and 50GB of RAM", {"gpu": "faster", "memory": "over-30"}),
        ("it ran out of RAM at 12GB, my data needs about 20GB", {"memory": "12-to-30"}),
        ("I run a 14 hour training job every week", {"runtime": "12-to-24", "weekly-hours": "up-to-20"}),
        ("each run is about 3 hours and I do maybe 10 of them a week", {"weekly-hours": "20-to-30"}),
        ("free only; I'm doing homework with scikit-learn", {"work": "explore", "hardware": "cpu"}),
        ("which service for a free 10 minute CPU job?", {"budget": "free", "runtime": "up-to-1"}),
        ("I keep getting 'no GPU available', I can pay $10 a month", {"hardware": "gpu", "budget": "up-to-50"}),
        ("my team needs notebooks, we can pay whatever it costs", {"budget": "over-50", "team": "team"}),
        ("we'd pay per hour, whatever it costs", {"budget": "pay-per-use"}),
        ("we're a lab with a monthly budget of $400", {"budget": "over-50"}),  # 'a monthly' is not $1
        ("Budget $0. Hardware: CPU. Data: my laptop.", {"budget": "free", "hardware": "cpu", "data": "local"}),
        ("memory: 48GB, gpu: none, time: 6h", {"hardware": "cpu", "memory": "over-30", "runtime": "1-to-9"}),
        ("AWS surprised me with a $300 bill once; now I want to stay at $20 a month", {"budget": "up-to-50"}),
        ("the free GPU runs out after a few hours and my fine-tuning needs about 8", {"budget": None}),
        ("I'm building a demo API, it has to stay online for a week", {"work": "deploy", "runtime": None}),
        ("I have 16GB on my GPU, need 40GB for this model", {"gpu": "large", "memory": None}),
        ("training runs of 4 hours, about 5 runs a week", {"runtime": "1-to-9", "weekly-hours": "up-to-20"}),
        ("a weekly retraining job of about 3 hours", {"work": "train", "weekly-hours": "up-to-20"}),
        ("I'd like to leave it running while I'm at work, about 8 hours", {"background": "yes", "team": None}),
        ("I'm on a student plan with $5 a month to spare", {"budget": "under-10", "work": None}),
        # a phrase that says a word clauses are split at is still found inside a sentence
        ("my friend and I are building an app, $40 a month", {"team": "team", "budget": "up-to-50"}),
        ("an 8 hour job, fire and forget", {"background": "yes"}),
        ("I got no cash, I need a GPU", {"budget": "free", "hardware": "gpu"}),
        ("free GPUs for a workshop", {"hardware": "gpu"}),  # plural, no count: a GPU each
        ("need GPUs, several of them, company pays", {"hardware": "multi-gpu"}),
        ("something that doesn't time out when idle, 4 hour runs", {"background": "yes"}),
        ("it must not disconnect during a 4 hour run", {"background": None}),
        ("just some public data", {"budget": None, "privacy": "public"}),
        ("can I get an L4 for about $15 a month?", {"budget": "up-to-50", "hardware": "gpu", "gpu": "faster"}),
        ("2 hours every evening", {"weekly-hours": "up-to-20"}),
        ("the data won't fit in 12GB of RAM", {"memory": None}),
        ("pandas is enough, 10 minutes max", {"runtime": "up-to-1"}),  # one's own longest run
        ("kaggle sessions are 12 hours max", {"runtime": None}),  # a service's limit
        ("I have 12 GB of RAM locally and need 40", {"memory": "over-30"}),
        ("I don't care which GPU as long as it's free", {"budget": "free", "gpu": "any"}),
        ("I'm on kaggle because it's free", {"budget": None}),
        ("I'd pay up to $12 to always get one", {"budget": "up-to-50"}),  # 'a' in 'always' is no number
        ("I heard Pro+ has background execution, my runs are 3 hours", {"background": None, "runtime": "1-to-9"}),
        ("which service gives a GPU for free?", {"hardware": "gpu", "budget": "free"}),
        ("we retrain the model weekly, about 3 hours", {"weekly-hours": "up-to-20", "runtime": "1-to-9"}),
        ("I have a Pro subscription already, I need an A100", {"budget": None, "gpu": "large"}),
        ("4 hours a day on a GPU, weekdays only", {"weekly-hours": "up-to-20"}),
        ("a GPU with 48GB of memory", {"gpu": "large", "memory": None}),
        ("more memory than Colab's 12GB", {"memory": "12-to-30"}),
        ("$200 a month for three data scientists", {"team": "team", "budget": "over-50"}),
        ("is there anything free for a 30 hour run?", {"budget": "free", "runtime": "over-24"}),
        ("I have a gaming PC with an RTX 4090, I need 3 hours", {"hardware": None, "runtime": "1-to-9"}),
        ("my colleague recommended sagemaker", {"team": None}),
        ("is sagemaker overkill for one person with $30 a month?", {"budget": "up-to-50", "team": "personal"}),
        ("data parallel training across GPUs", {"hardware": "multi-gpu"}),  # 'gpus' is inside 'across gpus'
        ("free colab is too slow for me", {"budget": None}),  # what the free tier is like
        ("a free GPU, my laptop is too slow", {"budget": "free"}),
        ("my hospital pays, 6 hour runs", {"budget": "pay-per-use", "team": "team"}),
        ("I'll pay $10 a month for a T4 every time", {"gpu": "every-time"}),
        ("someone on reddit said kaggle is faster", {"gpu": None, "hardware": None}),  # hearsay
        ("our IT won't let customer data go to Google", {"privacy": "sensitive"}),  # kept away, not denied
        ("the T4 on colab is too slow for my training", {"gpu": "faster"}),
        ("we used to run everything on our own servers", {"privacy": None}),  # what they did before
        ("I have zero budget but unlimited time lol", {"budget": "free"}),  # a weak word yields
        ("I don't get a GPU most days, I need one every time", {"runtime": None, "weekly-hours": None}),
        ("something reliable for a 10h run, nothing free please", {"runtime": "9-to-12", "budget": None}),
        ("I haven't got one. Free stuff only.", {"budget": "free"}),  # 'one' is a pronoun, not $1
        ("no stop, no money, GPU", {"budget": "free"}),  # a phrase's own "no" is not negated
        ("I'll pay per second of compute", {"budget": "pay-per-use", "runtime": None}),  # a rate
        ("100 GPU hours total across a week", {"weekly-hours": "over-30", "runtime": None}),
        ("can a run last 15 hours for free?", {"runtime": "12-to-24"}),
        ("the free colab gpu was fine for me", {"budget": None, "gpu": "any"}),
        ("data from a hospital, and it is restricted", {"team": None, "privacy": "sensitive"}),
        ("we're closing the laptop during a 5 hour run", {"background": "yes"}),  # closing ~ close
        ("my job takes 11, is 12 hours enough?", {"budget": None, "runtime": "9-to-12"}),  # a job's length
        ("not handling personal data", {"team": None}),  # a weak word negated says nothing
        ("we started in 2023 and now have 6 engineers", {"team": "team"}),  # the past ends at 'now'
        ("units run out by mid month", {"runtime": None}),  # when, not how long
        ("free gpu that doesn't disconnect after 1h?", {"budget": "free", "hardware": "gpu"}),  # a wish
        ("is it free?", {"budget": None}),  # asks about something, names no wish
        ("what would you recommend for a lab of 10 people?", {"team": "team"}),
        ("aws is blocked at my company", {"team": "team", "account": "card-only"}),  # where, not what
        ("I don't need it to run in the background", {"background": "no"}),
        ("12h max per run, 3 runs/week", {"runtime": "9-to-12", "weekly-hours": "over-30"}),
        ("a GPU w/ 24GB of memory", {"gpu": "faster", "memory": None}),  # chat shorthand
        ("for a hackathon (48h), free GPU", {"runtime": None}),  # the event's length
        ("more than the 16GB a T4 has, at least 24GB of VRAM", {"memory": None, "gpu": "faster"}),
        ("$10 a month in gift cards", {"budget": "up-to-50"}),  # money each month, not credits
        ("$200 in AWS credits", {"budget": None}),
        ("the grant can cover cloud costs", {"budget": "pay-per-use"}),
        ("$15/month, and a GPU once in a while", {"budget": "up-to-50"}),  # '/month' is a rate, not 'or'
        ("4 experiments of 3 hours each every week", {"weekly-hours": "up-to-20", "runtime": "1-to-9"}),
        ("my 12GB GPU isn't enough", {"gpu": None, "memory": None}),  # their own card
        ("a LoRA on a 24GB GPU", {"gpu": "faster"}),  # the card the job runs on
        ("runs <30min", {"runtime": "up-to-1"}),  # a comparison sign
        ("tpu or gpu, doesn't matter", {"gpu": None}),  # the hardware does not matter, not which GPU
        ("20 hours of GPU work per week", {"weekly-hours": "up-to-20", "runtime": None}),
        ("each run is 11 hours and I do 3 a week", {"weekly-hours": "over-30", "runtime": "9-to-12"}),
        ("the client gave us confidential documents", {"privacy": "sensitive"}),  # not what a service gives
        ("what gpu does colab give for free?", {"budget": None}),  # what a service gives
        ("my 13-year-old wants to learn", {"budget": None}),  # an age, not $13
        ("we don't want to pay or give a card", {"budget": "free"}),  # 'or' joins two refusals
        ("my employer won't pay, so it's my own money", {"team": "personal", "budget": None}),  # another payer
        ("a T4 is plenty, free", {"budget": "free"}),  # 'plenty' is a budget only as a reply
        ("I don't need it to run when the tab is closed", {"background": "no"}),  # a negated verb's clause
        ("2 x RTX 4090", {"hardware": "multi-gpu"}),
        ("I have two 3090s at home", {"hardware": None, "runtime": None, "budget": None}),  # owned cards
        ("my free colab got no GPU three days in a row", {"budget": None, "runtime": None}),  # how often
        ("H100 or nothing", {"budget": None}),  # insisting on the card
        ("paying for Pro+ at $50, I'd rather pay per use", {"budget": "pay-per-use"}),  # a price set aside
        ("an A10 class GPU", {"work": None}),  # a kind of card, not a course
        ("I'm a professor and we can't pay", {"hardware": None}),  # 'a professor' is no typo of a processor
        ("my photos in Drive (around 50k), free", {"budget": "free"}),  # a figure in brackets
        ("Background: I'm a biologist. I need a GPU for 2 hours.", {"background": None}),  # a heading
        # what the person is unsure of is named after 'not sure', and the budget asked is not it
        ("I'm not sure how much RAM I need and I don't know where the data lives", {"memory": "not-sure"}),
        ("I'm not sure how much RAM I need and I don't know where the data lives", {"data": "not-sure"}),
        ("I'm not sure how much RAM I need and I don't know where the data lives", {"budget": None}),
        ("honestly no idea about hardware, I'm new to this, free", {"budget": "free", "hardware": "not-sure"}),
        # a month said as the span of a weekly use is no run length
        ("about 60 hours a week of GPU use across the month", {"runtime": None, "weekly-hours": "over-30"}),
        ("GPU for 2h, free tier ideally", {"budget": "free"}),  # a free tier wanted, not named
        ("GPU for 2h, I want to stay on the free tier", {"budget": "free"}),
        ("data in S3, GPU not required", {"hardware": "cpu"}),  # a negation after the words
        ("data in S3, a GPU isn't necessary", {"hardware": "cpu"}),
        ("just research experiments on a GPU", {"work": "explore"}),  # a weak word loses to a plain one
        ("an hour or two on a GPU", {"runtime": "1-to-9"}),  # a range's upper end, before 'on'
        # a figure corrected by the next one of its kind
        ("the job is 25h, no, 23h, and it can resume", {"runtime": "12-to-24"}),
        ("it's 2 hours, er, 2 days actually, on a GPU", {"runtime": "over-24"}),
        ("it runs for 5 hours, no wait, more like 7", {"runtime": "1-to-9", "gpu": None}),  # 'no wait' is no need
        ("the course ends in 6 weeks, I need a GPU for 2 hours each lab", {"runtime": "1-to-9"}),  # when
        ("I need 30+ hours of GPU weekly", {"weekly-hours": "over-30", "runtime": None}),
        ("GPU/10h/free", {"hardware": "gpu", "runtime": "9-to-12", "budget": "free"}),  # slashes between facts
        ("$10/mo, 5 hours/week on a GPU", {"budget": "up-to-50", "weekly-hours": "up-to-20"}),  # rates kept
        ("I started the job an hour ago and it needs another 8 hours", {"runtime": "1-to-9"}),  # history's clause
        ("GPU 16GB VRAM is enough, RAM 12GB, job 3h", {"memory": "up-to-12"}),  # 'RAM' said before the size
        ("how do I run a 30-hour job without paying?", {"budget": "free"}),  # 'a job' pays nobody
        ("our four-person lab shares one AWS account", {"team": "team"}),  # a count said with a hyphen
        ("a laptop with no GPU, 2 hours of work", {"hardware": None}),  # what their machine lacks
        ("I lack the money for a cloud bill", {"budget": "free"}),  # 'lack' negates the bill
        # of two answers to one question, the one after 'but'
        ("I have an AWS account through work but this is a personal project", {"team": "personal"}),
        ("a nightly 2 hour batch job on CPU", {"runtime": "1-to-9"}),  # a run's length, said with how often
        ("5 hours on a GPU each time", {"gpu": None}),  # each run, not a GPU every time
        ("I'd like to be sure I get a GPU each time", {"gpu": "every-time"}),
        ("don't have AWS, won't get it, but I can pay 20 a month with my card", {"account": "card-only"}),
        ("couple hrs a week on a GPU", {"weekly-hours": "up-to-20"}),  # 'couple' without 'a' or 'of'
        ("35h gpu/week", {"weekly-hours": "over-30", "runtime": None}),  # a rate with no space after '/'
        ("students use it an hour at a time", {"runtime": "up-to-1"}),  # each session's length
        ("one run, 10 hours, checkpoints no, background yes", {"checkpoint": "no", "background": "yes"}),
        ("RAM ~20gb, GPU not req'd", {"hardware": "cpu"}),
        ("I need 20 gig RAM", {"memory": "12-to-30"}),
        ("- hardware: TPU\n- weekly: 25h", {"weekly-hours": "20-to-30", "runtime": None}),  # a bulleted list
        ("satellite images, 200 GB of it in S3", {"memory": None, "data": "s3"}),  # stored, not memory
        ("free Kaggle GPU is what I'm after", {"budget": "free"}),  # the free tier wanted, not named
        ("25 hours a week of GPU, free?", {"budget": "free"}),  # free said last
        ("it's a 6 hour job and I pay nothing", {"team": None, "budget": "free"}),  # nobody pays
        ("no need for TPUs, just a GPU", {"background": None, "hardware": "gpu"}),  # what is not needed
        ("2 hours, no need to run in the background", {"background": None}),  # never read as 'yes'
        ("the 30-hour weekly quota runs out, I need 45 hours a week", {"weekly-hours": "over-30"}),  # a quota
        ("budget 20, runtime 3", {"runtime": "1-to-9"}),  # a key and a bare number
        ("3 hours on my laptop's CPU", {"hardware": None}),  # what their own machine has
        ("not sure the free tier is enough for 3 hours on a GPU", {"background": None, "hardware": "gpu"}),
        ("I practise on Kaggle competitions", {"work": "competition"}),  # 'competition' includes 'explore'
        ("a deployed model we retrain monthly", {"work": "deploy"}),  # 'deploy' includes 'train'
        ("about 10 hours each weekend on a GPU", {"weekly-hours": "up-to-20", "runtime": None}),  # time used
        ("a 10 hour job every weekend", {"runtime": "9-to-12"}),  # ... but a job's length stays one run's
        ("Colab Pro+ is $50 and I can't justify that; $15 is my max", {"budget": "up-to-50"}),  # a plan's price
        ("colab pro is $10, I can afford that", {"budget": "up-to-50"}),  # a price accepted is the budget
        ("overnight training run on one GPU", {"work": "train"}),  # ("overnight" is no background said)
        ("I want to run a GPU job overnight", {"background": "yes"}),
        ("a GPU that's free and always available? 2 hours", {"budget": "free", "gpu": "every-time"}),  # a wish
        ("from 9am to 5pm, CPU", {"runtime": "1-to-9"}),  # two times of day: 8 hours
        ("10pm to 6am on a GPU", {"runtime": "1-to-9"}),  # ... across midnight
        ("the deadline is December 15, free", {"budget": "free"}),  # a date is no amount
        ("priority one: no cost. priority two: a GPU.", {"budget": "free"}),  # 'priority two' is a label
        ("it has to be an H100 and it has to be there every time", {"gpu": "large"}),  # 'large' includes every time
        ("1. free\n2. TPU\n3. 4 hours", {"budget": "free"}),  # a list's numbers are no amounts
        ("an A100 (80GB), 12 hours", {"memory": None}),  # the card's memory, in brackets
        ("GPU: yes. Hours: 4.", {"runtime": "1-to-9"}),
        # a not-sure phrase every question shares says nothing of the others in a description
        ("I'd have to check, 3 hours on a GPU", {"hardware": "gpu"}),
        ("still working that out, 3 hours on a GPU", {"hardware": "gpu"}),
        ("I'd have to ask my boss about the budget; CPU; 2h", {"budget": "not-sure", "hardware": "cpu"}),
        ("1h30 per run on a GPU", {"runtime": "1-to-9"}),  # an hour and a half, not one thing counted
        ("I think 8 hours but could be 10", {"runtime": "9-to-12"}),  # said twice: the longer
        ("colab free is fine, 2 hours", {"budget": "free"}),  # the free tier wanted, not a service named
        ("20 hours on 2 GPUs, no checkpointing yet", {"checkpoint": "no"}),
        ("whisper on a GPU, ~2h per batch", {"runtime": "1-to-9"}),  # a batch job, not a training step
        ("each batch takes 3 seconds, 10 epochs", {"runtime": None}),
        (
            "a team of 3 paying about $100 a month",
            {"budget": "over-50", "work": None},
        ),  # 'paying' is no typo of 'playing'
        ("just playing about with models", {"work": "explore"}),
        ("deploying; no AWS account yet but fine to open one", {"account": "aws"}),
        ("I have a card but no AWS", {"account": "card-only"}),
        # a phrase that says two facts gives both: training, and a run left overnight
        ("an overnight training run on a T4", {"work": "train", "background": "yes", "runtime": "9-to-12"}),
        ("shut my laptop and let it train overnight", {"work": "train", "background": "yes"}),
        ("the company has an AWS contract", {"account": "aws", "privacy": None}),  # one thing, not a contract's data
        ("fine-tuning a Hugging Face model, 2 hours", {"data": None, "work": "train"}),  # a model, not where data is
        ("my dataset is in google drive and it's about 3GB", {"memory": None, "data": "drive"}),  # its size on disk
        ("7 hours, I don't care if I have to keep the tab open", {"background": "no"}),  # fine with it
        ("4x 4090 for a week", {"hardware": "multi-gpu", "runtime": "over-24"}),  # not 'a week' as a rate
        # a figure corrected at once: the later one
        ("training takes 8 hours, no wait, more like 11", {"runtime": "9-to-12"}),
        ("2 hours on CPU, sorry, I meant 20", {"runtime": "12-to-24"}),
        ("8 hours, no wait, 10 on a GPU, $20", {"runtime": "9-to-12", "budget": "up-to-50"}),
        ("free Colab is okay, 3 students, a class project", {"budget": "free"}),  # what they want
        ("free kaggle was fine but too slow", {"budget": None}),  # what it was, not a budget
        ("batch inference nightly for 1 hour on CPU", {"runtime": "up-to-1"}),  # each nightly run's length
        ("checkpointing yes, $20", {"checkpoint": "yes", "budget": "up-to-50"}),  # one key, and the rest read too
        ("TPU v3-8, 9 hours max", {"budget": None, "runtime": "1-to-9"}),  # a version, no $8
        ("Kaggle's 30 hours run out by Wednesday, I need 45 a week", {"runtime": None, "weekly-hours": "over-30"}),
        ("need an A100, 80 hours total per week", {"weekly-hours": "over-30", "runtime": None}),
    ],
)
def test_each_fact_in_a_plain_description_finds_its_question(pack, text, wanted):
    got = {r.question: r.option for r in interpret(pack, pack.questions[0], {}, text).readings}
    assert {q: got.get(q) for q in wanted} == wanted, got


@pytest.mark.parametrize(
    "text", ["$20 or $60", "3 hours or 30 hours", "10 or 100 dollars", "2 or 10 hours", "30 min or 30 hours"]
)
def test_two_amounts_offered_as_alternatives_are_asked_about(pack, text):
    question = pack.question("budget" if "$" in text else "runtime")
    meaning = interpret(pack, question, {}, text)
    assert meaning.kind == "clarify" and not meaning.readings, meaning


def test_a_gpu_named_by_its_memory_answers_the_gpu_question_when_it_is_asked(pack):
    got = {r.question: r for r in interpret(pack, pack.question("gpu"), {}, "I need a GPU with 24GB of VRAM").readings}
    assert got["gpu"].option == "faster" and "24GB" in got["gpu"].note


@pytest.mark.parametrize(("question", "option"), [("checkpoint", "yes"), ("background", "yes")])
def test_sure_answers_a_yes_or_no_question_and_is_small_talk_elsewhere(pack, question, option):
    assert [(r.question, r.option) for r in interpret(pack, pack.question(question), {}, "sure").readings] == [
        (question, option)
    ]
    assert interpret(pack, pack.question("budget"), {}, "sure").kind == "smalltalk"


@pytest.mark.parametrize("text", ["hey hey", "hi hi there", "fine"])
def test_greetings_and_assent_are_small_talk(pack, text):
    assert interpret(pack, pack.question("budget"), {}, text).kind == "smalltalk"


def test_the_budget_is_a_concern_is_no_answer(pack):
    assert not interpret(pack, pack.question("work"), {}, "the budget is a concern").readings


@pytest.mark.parametrize("text", ["$300 in total", "a total of $200 for the project", "£50 over the semester"])
def test_a_total_whose_months_are_not_known_is_asked_about(pack, text):
    meaning = interpret(pack, pack.question("budget"), {}, text)
    assert meaning.kind == "clarify" and "a month" in meaning.problem and not meaning.readings


@pytest.mark.parametrize("text", ["between 1 and 30 hours", "1 to 30 hours", "somewhere in 2-30 hours"])
def test_a_range_across_several_answers_is_asked_about_not_read_as_its_upper_end(pack, text):
    meaning = interpret(pack, pack.question("runtime"), {}, text)
    assert meaning.kind == "clarify" and "range covers" in meaning.problem and not meaning.readings


@pytest.mark.parametrize(
    "question,text,option",
    [
        ("runtime", "between 2 and 3 hours", "1-to-9"),  # a narrow range is read (its upper end)
        ("runtime", "a whole day", "12-to-24"),
        ("hardware", "just cpus", "cpu"),
        ("hardware", "a couple of GPUs in parallel", "multi-gpu"),
        ("gpu", "whatever is fastest", "faster"),
        ("budget", "not a cent", "free"),
    ],
)
def test_everyday_phrasings_from_the_held_out_sets(pack, question, text, option):
    got = {r.question: r.option for r in interpret(pack, pack.question(question), {}, text).readings}
    assert got.get(question) == option, got


def test_a_negation_written_out_reaches_the_verb_it_negates(pack):
    got = {
        r.question: r.option
        for r in interpret(pack, pack.question("hardware"), {}, "I do not think I need a GPU").readings
    }
    assert got.get("hardware") != "gpu"


def test_a_situation_that_ends_in_a_question_is_both(pack):
    text = "my free Colab session disconnects after an hour and my runs need ten hours; would Pro help?"
    meaning = interpret(pack, pack.questions[0], {}, text)
    got = {r.question: r.option for r in meaning.readings}
    # the free tier they are on now is no budget: they ask whether paying would help
    assert meaning.kind == "answers" and got == {"runtime": "9-to-12"}
    assert meaning.guide is not None and meaning.guide.section.id == "colab-paid"
    statement = interpret(pack, pack.questions[0], {}, "Can spend $10/mo, need a GPU for notebooks")
    assert {r.question: r.option for r in statement.readings} == {"budget": "up-to-50", "hardware": "gpu"}


def test_small_talk_and_commands_in_words(pack):
    convo = Conversation(pack)
    lines = convo.say("thanks!")
    assert lines[1].text.startswith("You're welcome") and lines[-1].role == "question"
    convo.pick("free")
    assert interpret(pack, None, {}, "restart please").command == "restart"
    assert interpret(pack, None, {}, "why do you need to know that?").command == "why"


def test_skipping_a_question_leaves_it_open_as_not_sure_and_moves_on(pack):
    convo = Conversation(pack)
    lines = convo.say("skip this one")
    assert "Budget: Not sure" in lines[1].text and lines[-1].role == "question"
    assert convo.session.answers["budget"].option == "not-sure"
    assert lines[-1].text != pack.question("budget").prompt
    # a description that says 'next' in passing is no skip
    assert interpret(pack, pack.question("budget"), {}, "next month I can pay $20").readings[0].option == "up-to-50"


def test_typing_quit_says_how_to_close_and_keeps_the_answers(pack):
    convo = Conversation(pack)
    convo.say("free")
    lines = convo.say("quit")
    assert "Ctrl+Q" in lines[1].text and convo.session.answers["budget"].option == "free"


@pytest.mark.parametrize("question,text,option", [("background", "yse", "yes"), ("checkpoint", "noo", "no")])
def test_short_words_get_a_did_you_mean(pack, question, text, option):
    meaning = interpret(pack, pack.question(question), {}, text)
    assert meaning.kind == "clarify" and [c.option for c in meaning.candidates] == [option]


def test_a_pack_is_understood_by_its_own_words():
    from advisor.pack import load

    vertex = load(Path(__file__).parent.parent / "examples" / "vertex-ai", cache=False)
    for text in ("vertex ai", "gemini platform", "what does vertex ai cost?"):
        meaning = interpret(vertex, vertex.questions[0], {}, text)
        assert meaning.kind == "guide" and meaning.guide.section.id == "vertex-ai", (text, meaning)


def test_a_list_of_facts_that_ends_in_a_question_keeps_every_fact(pack):
    # each comma-separated part used to count as the start of the question
    meaning = interpret(pack, pack.questions[0], {}, "student, no money, GPU for 3 hours, would kaggle work?")
    got = {r.question: r.option for r in meaning.readings}
    assert got == {"budget": "free", "hardware": "gpu", "runtime": "1-to-9"}
    assert meaning.guide is not None


def test_a_weak_word_answers_its_own_question_but_not_inside_a_description(pack):
    asked = interpret(pack, pack.question("data"), {}, "my data is on kaggle")
    assert [(r.question, r.option) for r in asked.readings] == [("data", "kaggle")]
    told = interpret(pack, pack.questions[0], {}, "we pay per hour on AWS and my kaggle session stops after 9 hours")
    assert "data" not in {r.question for r in told.readings}  # AWS and Kaggle are named, not where the data is


@pytest.mark.parametrize(
    "text,wanted,unwanted",
    [
        ("I want to fine-tune llama 3 8B with LoRA", {"work": "train"}, {"budget"}),  # a version, not $3
        ("using gpt-4 to label my data", {}, {"budget"}),
        ("Kaggle gives me 30 hours but I need about 50 a week", {"weekly-hours": "over-30"}, {"runtime"}),
        ("can't spend more than a tenner a month", {"budget": "up-to-50"}, set()),  # a limit, not "nothing"
        ("each epoch takes 20 min and I need 30 epochs", {"runtime": "9-to-12"}, set()),  # 10 hours in all
        ("one epoch is about 2 hours", {}, {"runtime"}),  # a part of the run, not the run
        ("need an A100 for maybe 10 hours total this month", {"weekly-hours": "up-to-20"}, {"runtime"}),
    ],
)
def test_context_decides_what_a_number_is(pack, text, wanted, unwanted):
    got = {r.question: r.option for r in interpret(pack, pack.questions[0], {}, text).readings}
    assert {q: got.get(q) for q in wanted} == wanted, got
    assert not unwanted & got.keys(), got


@pytest.mark.parametrize(
    "text,wanted,unwanted",
    [
        ("version 2 of my model takes 5 hours to train", {"runtime": "1-to-9"}, {"team"}),  # not "2 of us"
        ("5 hours per day, five days a week, on a T4", {"weekly-hours": "20-to-30"}, set()),  # 25 h, not 35
        ("I've been waiting 3 hours for a GPU on colab", {"hardware": "gpu"}, {"runtime"}),
        ("30 minutes and 3 days", {}, {"weekly-hours"}),  # "an d" is no "a day"
    ],
)
def test_what_a_number_counts_and_how_often(pack, text, wanted, unwanted):
    got = {r.question: r.option for r in interpret(pack, pack.questions[0], {}, text).readings}
    assert {q: got.get(q) for q in wanted} == wanted, got
    assert not unwanted & got.keys(), got


def test_a_bare_amount_in_euros_is_never_read_at_par(pack):
    meaning = interpret(pack, pack.question("budget"), {}, "€9")
    assert meaning.kind == "clarify" and "exchange rate" in meaning.problem


def test_a_range_in_two_units_is_asked_about(pack):
    meaning = interpret(pack, pack.question("runtime"), {}, "between 30 minutes and 3 days")
    assert meaning.kind == "clarify" and "range covers" in meaning.problem


@pytest.mark.parametrize(
    "text,kind,said",
    [
        ("go back one", "command", "back"),
        ("great, thank you", "smalltalk", "thanks"),
        ("what can you do?", "command", "help"),
    ],
)
def test_commands_and_thanks_in_more_words(pack, text, kind, said):
    meaning = interpret(pack, pack.question("budget"), {}, text)
    assert (meaning.kind, meaning.command) == (kind, said) and not meaning.readings


def test_which_is_fastest_is_answered_from_each_service_s_hardware_facts_with_sources(pack):
    from advisor.chat.conversation import Conversation

    lines = Conversation(pack).say("which is fastest?")
    [facts] = [line for line in lines if line.role == "advisor"]
    for service in pack.services:
        assert service.name in facts.text
    assert "https://" in facts.text and "checked 2026-11-26" in facts.text
    assert "secondary source" in facts.text  # the Colab GPU list rests on a secondary source, and says so
    assert lines[-1].role == "question"  # then the pending question again


def test_a_card_named_answers_the_hardware_and_which_gpu(pack):
    got = {r.question: r.option for r in interpret(pack, pack.questions[0], {}, "I need an L4 for 3 hours").readings}
    assert got == {"hardware": "gpu", "gpu": "faster", "runtime": "1-to-9"}


@pytest.mark.parametrize(
    "text,wanted,unwanted",
    [
        ("around 5 hours every weekday", {"weekly-hours": "20-to-30"}, {"runtime"}),  # 25 h a week
        ("about 2-3 hours a night on a GPU", {"weekly-hours": "20-to-30"}, set()),  # 21 h a week
        ("the notebook has to stay alive while my laptop sleeps", {"background": "yes"}, {"budget"}),
        ("I have a Pro subscription but keep running out of compute units", {}, {"background"}),
    ],
)
def test_how_often_and_what_a_phrase_really_says(pack, text, wanted, unwanted):
    meaning = interpret(pack, pack.questions[0], {}, text)
    got = {r.question: r.option for r in meaning.readings}
    assert {q: got.get(q) for q in wanted} == wanted, got
    assert not unwanted & got.keys() and meaning.kind != "clarify", (got, meaning.kind)


@pytest.mark.parametrize(
    "text,wanted,unwanted",
    [
        (
            "kaggle says I used my 30 hours, what now? I need maybe 40 a week",
            {"weekly-hours": "over-30"},
            {"budget", "runtime"},
        ),
        ("my dataset is 200GB in s3 and I train once a week for 10 hours", {"runtime": "9-to-12"}, {"memory"}),
        ("$40 a week", {"budget": "over-50"}, set()),  # about $174 a month
    ],
)
def test_rates_and_what_was_used_up(pack, text, wanted, unwanted):
    got = {r.question: r.option for r in interpret(pack, pack.questions[0], {}, text).readings}
    assert {q: got.get(q) for q in wanted} == wanted, got
    assert not unwanted & got.keys(), got


@pytest.mark.parametrize("text", ["I can spend £8 a month", "20 CHF per month", "my budget is 1000 rupees"])
def test_an_amount_in_a_description_that_cannot_be_read_gets_a_question_not_a_shrug(pack, text):
    meaning = interpret(pack, pack.question("hardware"), {}, text)
    assert meaning.kind == "clarify" and ("exchange rate" in meaning.problem) and not meaning.readings


def test_hours_spread_over_weeks_are_hours_a_week_and_runs_counted_per_week_keep_their_length(pack):
    got = {r.question: r.option for r in interpret(pack, None, {}, "200 GPU hours over the next two months").readings}
    assert got == {"hardware": "gpu", "weekly-hours": "20-to-30"}
    got = {r.question: r.option for r in interpret(pack, None, {}, "I do 5 runs a week of 2 hours each").readings}
    assert got == {"runtime": "1-to-9", "weekly-hours": "up-to-20"}
    assert [r.question for r in interpret(pack, None, {}, "not more than a coffee a month").readings] == ["budget"]


def test_an_extending_pack_adds_guide_words_and_keeps_what_it_does_not_restate():
    from advisor.pack import load

    base = load(Path(__file__).parent.parent / "rules", cache=False)
    vertex = load(Path(__file__).parent.parent / "examples" / "vertex-ai", cache=False)
    # its own words are understood ...
    meaning = interpret(vertex, vertex.questions[0], {}, "does workbench have GPUs?")
    assert meaning.kind == "guide" and meaning.guide.section.id == "vertex-ai"
    # ... beside the base pack's, and what its pack.yaml leaves out (usage, costs) is the base's
    assert set(base.info.guide_words.stop) <= set(vertex.info.guide_words.stop)
    assert vertex.info.guide_words.synonyms["pricing"] == "price"
    assert (vertex.info.usage.budget, vertex.info.usage.run_hours) == ("budget", "runtime")
    assert vertex.info.costs.default_machines == base.info.costs.default_machines == ("t4",)
    assert vertex.info.name != base.info.name


def test_currencies_are_the_packs_and_an_extending_pack_can_add_one(tmp_path):
    from advisor.pack import load
    from advisor.pack.core import PackError

    overlay = tmp_path / "pack"
    overlay.mkdir()
    rules = Path(__file__).parent.parent / "rules"
    (overlay / "pack.yaml").write_text(
        f"pack:\n  name: with francs\n  version: '1'\n  extends: {rules}\n"
        "  currencies:\n    - {code: XCH, usd: [1.0, 1.2], says: [chx, chx-franc]}\n",
        encoding="utf-8",
    )
    for name, key in (("questions.yaml", "questions"), ("decisions.yaml", "rules"), ("services.yaml", "services")):
        (overlay / name).write_text(f"{key}: []\n", encoding="utf-8")
    base, more = load(rules, cache=False), load(overlay, cache=False)
    # the base pack has no word for it: the number is no money and the budget question asks
    assert interpret(base, base.question("budget"), {}, "20 chx").kind != "answers"
    meaning = interpret(more, more.question("budget"), {}, "20 chx")
    assert [(r.question, r.option) for r in meaning.readings] == [("budget", "up-to-50")]  # $20-24 either way
    assert "$20 to $24" in meaning.readings[0].note
    # and the base pack's currencies are still there
    assert interpret(more, more.question("budget"), {}, "₹500").problem.startswith("I have no exchange rate for INR")
    # a word that would name two currencies is refused, with the file
    (overlay / "pack.yaml").write_text(
        (overlay / "pack.yaml").read_text(encoding="utf-8").replace("chx-franc", "francs"), encoding="utf-8"
    )
    with pytest.raises(PackError) as refused:
        load(overlay, cache=False)
    assert "pack.yaml" in str(refused.value) and "'francs'" in str(refused.value)


def test_a_list_of_answers_is_read_key_by_key(pack):
    meaning = interpret(pack, pack.question("budget"), {}, "GPU: yes. TPU: no. Budget: zero. Time: 3-4 hours.")
    got = {r.question: r.option for r in meaning.readings}
    assert got == {"budget": "free", "hardware": "gpu", "runtime": "1-to-9"}  # 'TPU: no' is not a TPU
    # a key answers its question even where the words alone would not ('data: s3' at the budget question)
    got = {r.question: r.option for r in interpret(pack, pack.question("budget"), {}, "data: s3").readings}
    assert got == {"data": "s3"}


def test_a_key_that_names_two_questions_is_refused_with_the_file_and_line(tmp_path):
    import shutil

    from advisor.pack import load
    from advisor.pack.core import PackError

    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).parent.parent / "rules", rules)
    text = (rules / "questions.yaml").read_text(encoding="utf-8")
    (rules / "questions.yaml").write_text(text.replace("keys: [gpu, gpu type,", "keys: [gpu, ram,"), encoding="utf-8")
    with pytest.raises(PackError) as refused:
        load(rules, cache=False)
    assert "questions.yaml:" in str(refused.value) and "key 'ram' already answers question 'gpu'" in str(refused.value)


@pytest.mark.parametrize(
    "text,option",
    [
        ("12 GB VRAM is enough", "any"),
        ("about 20GB of VRAM", "faster"),
        ("40GB of GPU memory", "large"),
        ("24 GB memory on the card", "faster"),
    ],
)
def test_a_gpu_memory_size_picks_the_smallest_gpu_that_holds_it(pack, text, option):
    got = {r.question: r.option for r in interpret(pack, pack.questions[0], {}, text).readings}
    assert got.get("gpu") == option and "memory" not in got  # GPU memory is not the machine's RAM


def test_the_chat_says_which_amount_it_left_unread_beside_the_answers_it_took(pack):
    lines = Conversation(pack).say("one GPU for 3 hours, I can spend £8 a month")
    notices = [line.text for line in lines if line.role == "notice"]
    assert any("left unread" in n and "$8 to $12" in n for n in notices)
    assert lines[-1].text == pack.question("budget").prompt  # and the budget is asked


@pytest.mark.parametrize("text", ["sagemaker on-demand pricing", "kaggle free tier limits"])
def test_an_option_word_that_describes_a_guide_topic_is_no_answer(pack, text):
    # "on-demand" would answer the budget asked, but here it says which prices are asked about
    meaning = interpret(pack, pack.question("budget"), {}, text)
    assert meaning.kind == "guide" and not meaning.readings, meaning


@pytest.mark.parametrize(
    "text,pending,section",
    [
        ("gpus compared", "budget", "gpus"),
        ("gpu types per service", "work", "gpus"),
        ("how do I get more memory", "budget", "memory"),  # no service named: the section about them all
        ("mount drive", "budget", "colab-drive"),
        ("connect drive to my notebook", "hardware", "colab-drive"),
        ("does colab guarantee a gpu", "budget", "colab-gpus"),  # 'guarantee' finds 'guarantees'
        ("turn off idle sagemaker notebooks", "work", "sagemaker-cost-tips"),
    ],
)
def test_a_few_words_about_a_topic_are_a_question_about_the_guide(pack, text, pending, section):
    meaning = interpret(pack, pack.question(pending), {}, text)
    assert meaning.kind == "guide" and meaning.guide.section.id == section and not meaning.readings, meaning


@pytest.mark.parametrize(
    "text,pending,wanted",
    [
        ("mount drive", "data", {"data": "drive"}),  # where the data is, asked: an answer
        ("the grant can cover cloud costs", "runtime", {"budget": "pay-per-use"}),
        ("cheap options, gpu", "budget", {"budget": "under-10", "hardware": "gpu"}),
        ("tpu availability matters most", "budget", {"hardware": "tpu"}),
        ("any gpu types are fine", "budget", {"hardware": "gpu", "gpu": "any"}),
    ],
)
def test_the_same_few_words_answer_the_question_they_name(pack, text, pending, wanted):
    meaning = interpret(pack, pack.question(pending), {}, text)
    assert {r.question: r.option for r in meaning.readings} == wanted, meaning


def test_the_question_asked_said_back_with_its_answer_opens_no_guide_passage(pack):
    meaning = interpret(pack, pack.question("checkpoint"), {}, "can it pick up where it left off? yes")
    assert [(r.question, r.option) for r in meaning.readings] == [("checkpoint", "yes")]
    assert meaning.guide is None
    # a question that names a plan or a service still brings its passage
    meaning = interpret(pack, pack.question("budget"), {}, "my runs need ten hours; would Pro help?")
    assert meaning.guide is not None and meaning.readings


def test_an_unreadable_amount_in_a_statement_is_asked_about_before_the_question_after_it(pack):
    meaning = interpret(
        pack, pack.question("budget"), {}, "can't spend more than €10 a month, is that enough for a GPU?"
    )
    assert meaning.kind == "clarify" and "US dollars" in meaning.problem, meaning
