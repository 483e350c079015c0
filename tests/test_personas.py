"""Personas: whole answer sets and the service a knowledgeable person would recommend.

Each row is a person; the comment says why that service is right for them. Answers use option
ids; questions a persona's answers do not reach are simply left out.
"""

from __future__ import annotations

import pytest

from advisor.engine.decide import decide
from advisor.engine.session import Answer, Session

PERSONAS = [
    # A student with no money trying a PyTorch tutorial for half an hour: free Colab is the
    # quickest start, nothing to install.
    (
        "student-tutorial",
        "colab",
        dict(
            budget="free",
            hardware="gpu",
            runtime="up-to-1",
            **{"weekly-hours": "up-to-20"},
            work="explore",
            data="local",
            privacy="public",
        ),
    ),
    # Same student, but the notebooks live on Google Drive: Colab mounts it.
    (
        "student-drive",
        "colab",
        dict(
            budget="free",
            hardware="gpu",
            runtime="1-to-9",
            background="no",
            **{"weekly-hours": "up-to-20"},
            work="explore",
            data="drive",
            privacy="public",
        ),
    ),
    # A free Kaggle competition entry: Kaggle attaches the competition data and is free.
    (
        "competition-free",
        "kaggle",
        dict(
            budget="free",
            hardware="gpu",
            runtime="1-to-9",
            background="no",
            **{"weekly-hours": "up-to-20"},
            work="competition",
            data="kaggle",
        ),
    ),
    # A free job that must run unattended for a few hours: free Colab stops when the tab closes,
    # Kaggle's Save & Run All keeps going.
    (
        "free-unattended",
        "kaggle",
        dict(
            budget="free",
            hardware="gpu",
            runtime="1-to-9",
            background="yes",
            **{"weekly-hours": "up-to-20"},
            work="explore",
            data="local",
            privacy="public",
        ),
    ),
    # 10-12 hour free GPU job: free Colab is often cut before 12h, Kaggle documents 12h GPU sessions.
    (
        "free-half-day",
        "kaggle",
        dict(
            budget="free",
            hardware="gpu",
            runtime="9-to-12",
            background="no",
            **{"weekly-hours": "up-to-20"},
            work="train",
            data="local",
            team="personal",
            privacy="public",
        ),
    ),
    # Free, two GPUs wanted: only Kaggle's pair of T4s is free.
    (
        "free-multi-gpu",
        "kaggle",
        dict(
            budget="free",
            hardware="multi-gpu",
            runtime="1-to-9",
            background="no",
            **{"weekly-hours": "up-to-20"},
            work="train",
            data="local",
            team="personal",
            privacy="public",
        ),
    ),
    # Free TPU experiments with JAX: Kaggle documents a TPU v3-8 with a weekly allowance.
    (
        "free-tpu",
        "kaggle",
        dict(
            budget="free",
            hardware="tpu",
            runtime="1-to-9",
            background="no",
            **{"weekly-hours": "up-to-20"},
            work="explore",
            data="local",
            privacy="public",
        ),
    ),
    # Free CPU-only pandas work, quick: free Colab, simplest start (Kaggle close behind).
    (
        "free-cpu-pandas",
        "colab",
        dict(budget="free", hardware="cpu", runtime="up-to-1", work="explore", data="drive", privacy="public"),
    ),
    # Free CPU work on a Kaggle dataset: Kaggle reads it directly.
    (
        "free-cpu-kaggle-data",
        "kaggle",
        dict(budget="free", hardware="cpu", runtime="up-to-1", work="explore", data="kaggle", privacy="public"),
    ),
    # Free budget but a 20-hour job: nothing free runs that long in one go; Kaggle with
    # unattended 12-hour sessions and checkpoints is the least bad option.
    (
        "free-day-long",
        "kaggle",
        dict(
            budget="free",
            hardware="gpu",
            runtime="12-to-24",
            background="yes",
            **{"weekly-hours": "20-to-30"},
            work="train",
            data="local",
            team="personal",
            privacy="public",
        ),
    ),
    # A few dollars, light GPU use: the plans are out of reach, free Colab serves.
    (
        "few-dollars-light",
        "colab",
        dict(
            budget="under-10",
            hardware="gpu",
            runtime="up-to-1",
            **{"weekly-hours": "up-to-20"},
            work="explore",
            data="drive",
            privacy="public",
        ),
    ),
    # $20/month, GPU every day for hours: Colab Pro's faster GPUs pay off; Kaggle's quota is too small.
    (
        "hobbyist-heavy",
        "colab-pro",
        dict(
            budget="up-to-50",
            hardware="gpu",
            runtime="1-to-9",
            background="no",
            **{"weekly-hours": "over-30"},
            work="explore",
            data="drive",
            team="personal",
            privacy="public",
        ),
    ),
    # $20/month but light, short use: no need to pay; free Colab.
    (
        "hobbyist-light",
        "colab",
        dict(
            budget="up-to-50",
            hardware="gpu",
            runtime="up-to-1",
            **{"weekly-hours": "up-to-20"},
            work="explore",
            data="drive",
            team="personal",
            privacy="public",
        ),
    ),
    # $20/month, 10-hour runs with the tab open, moderate use: Pro's longer sessions and faster GPUs.
    (
        "mid-budget-long-runs",
        "colab-pro",
        dict(
            budget="up-to-50",
            hardware="gpu",
            runtime="9-to-12",
            background="no",
            **{"weekly-hours": "20-to-30"},
            work="explore",
            data="drive",
            team="personal",
            privacy="public",
        ),
    ),
    # $50+, a 20-hour training run in the background, data on Drive: Colab Pro+ runs up to 24h
    # in the background.
    (
        "pro-plus-long-background",
        "colab-pro-plus",
        dict(
            budget="over-50",
            hardware="gpu",
            runtime="12-to-24",
            background="yes",
            **{"weekly-hours": "20-to-30"},
            work="train",
            data="drive",
            team="personal",
            privacy="public",
        ),
    ),
    # $50+, runs of a few hours that must continue with the laptop closed, heavy use: Pro+.
    (
        "pro-plus-background",
        "colab-pro-plus",
        dict(
            budget="over-50",
            hardware="gpu",
            runtime="1-to-9",
            background="yes",
            **{"weekly-hours": "over-30"},
            work="explore",
            data="drive",
            team="personal",
            privacy="public",
        ),
    ),
    # $50+, TPU work for 10 hours: SageMaker has no TPU, Kaggle stops TPU at 9h: Colab Pro+.
    (
        "tpu-long-paid",
        "colab-pro-plus",
        dict(
            budget="over-50",
            hardware="tpu",
            runtime="9-to-12",
            background="yes",
            **{"weekly-hours": "20-to-30"},
            work="train",
            data="drive",
            team="personal",
            privacy="public",
        ),
    ),
    # A company deploying and monitoring a model, paying per use: SageMaker's endpoints and
    # Model Monitor.
    (
        "company-deploy",
        "sagemaker",
        dict(
            budget="pay-per-use",
            hardware="gpu",
            runtime="1-to-9",
            background="yes",
            **{"weekly-hours": "20-to-30"},
            work="deploy",
            data="s3",
            team="team",
            privacy="sensitive",
        ),
    ),
    # Multi-day distributed training on a company bill: only SageMaker runs for days on many GPUs.
    (
        "company-multi-day",
        "sagemaker",
        dict(
            budget="pay-per-use",
            hardware="multi-gpu",
            runtime="over-24",
            background="yes",
            **{"weekly-hours": "over-30"},
            work="train",
            data="s3",
            team="team",
            privacy="sensitive",
        ),
    ),
    # $50+, a personal 3-day training run: nothing else runs that long; SageMaker (spot training).
    (
        "personal-multi-day",
        "sagemaker",
        dict(
            budget="over-50",
            hardware="gpu",
            runtime="over-24",
            background="yes",
            **{"weekly-hours": "over-30"},
            work="train",
            data="local",
            team="personal",
            privacy="public",
        ),
    ),
    # Sensitive medical data, a team, $50+: keep it inside an account the company controls.
    (
        "hospital-team",
        "sagemaker",
        dict(
            budget="over-50",
            hardware="gpu",
            runtime="1-to-9",
            background="no",
            **{"weekly-hours": "20-to-30"},
            work="train",
            data="local",
            team="team",
            privacy="sensitive",
        ),
    ),
    # A startup serving a small model from S3 data on CPU: SageMaker serverless endpoints.
    (
        "startup-cpu-serving",
        "sagemaker",
        dict(
            budget="up-to-50",
            hardware="cpu",
            runtime="up-to-1",
            work="deploy",
            data="s3",
            team="team",
            privacy="public",
        ),
    ),
    # Data already in S3, pay per use, training: SageMaker sits next to S3.
    (
        "s3-training",
        "sagemaker",
        dict(
            budget="pay-per-use",
            hardware="gpu",
            runtime="1-to-9",
            background="no",
            **{"weekly-hours": "up-to-20"},
            work="train",
            data="s3",
            team="personal",
            privacy="public",
        ),
    ),
    # $50+, eight GPUs for a day: SageMaker rents multi-GPU machines; Colab has one GPU.
    (
        "big-budget-multi-gpu",
        "sagemaker",
        dict(
            budget="over-50",
            hardware="multi-gpu",
            runtime="12-to-24",
            background="yes",
            **{"weekly-hours": "over-30"},
            work="train",
            data="local",
            team="personal",
            privacy="public",
        ),
    ),
    # Pay per use, Kaggle competition with a TPU: SageMaker has no TPU; Kaggle fits the competition.
    (
        "competition-tpu",
        "kaggle",
        dict(
            budget="pay-per-use",
            hardware="tpu",
            runtime="1-to-9",
            background="no",
            **{"weekly-hours": "up-to-20"},
            work="competition",
            data="kaggle",
            team="personal",
        ),
    ),
    # A teacher running a class, free, CPU, short: free Colab.
    (
        "class-cpu",
        "colab",
        dict(budget="free", hardware="cpu", runtime="up-to-1", work="explore", data="local", privacy="public"),
    ),
    # $10-50, heavy TPU use beyond Kaggle's 20 hours: Colab Pro.
    (
        "tpu-heavy-mid",
        "colab-pro",
        dict(
            budget="up-to-50",
            hardware="tpu",
            runtime="1-to-9",
            background="no",
            **{"weekly-hours": "over-30"},
            work="train",
            data="drive",
            team="personal",
            privacy="public",
        ),
    ),
    # Free budget, wants to deploy a model: nothing free serves; of the free ones, Colab trains it
    # (the caveat says serving needs a paid service).
    (
        "free-deploy",
        "colab",
        dict(
            budget="free",
            hardware="cpu",
            runtime="up-to-1",
            work="deploy",
            data="local",
            team="personal",
            privacy="public",
        ),
    ),
    # $50+ with CPU-only ETL jobs of a few hours running unattended: no GPU plan needed; Kaggle
    # runs them unattended for free.
    (
        "cpu-unattended-etl",
        "kaggle",
        dict(
            budget="over-50",
            hardware="cpu",
            runtime="1-to-9",
            background="yes",
            work="explore",
            data="local",
            team="personal",
            privacy="public",
        ),
    ),
]


@pytest.mark.parametrize("name,expected,answers", PERSONAS, ids=[p[0] for p in PERSONAS])
def test_persona(pack, name, expected, answers):
    session = Session(pack)
    session.answer_many({q: Answer(o) for q, o in answers.items()})
    assert session.chosen == answers, "every persona answer must be reached (drop answers that are not asked)"
    assert session.done, f"unanswered: {[q.id for q in session.pending()]}"
    result = decide(pack, session.chosen)
    assert result.settled
    assert result.recommendation is not None
    assert result.recommendation.id == expected, [(s.service.id, s.score, s.excluded) for s in result.ranking]


def test_personas_cover_every_service(pack):
    assert {p[1] for p in PERSONAS} == {s.id for s in pack.services}
    assert len(PERSONAS) >= 25
