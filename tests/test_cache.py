"""The pack cache: same pack back, ignored when stale or damaged."""

from __future__ import annotations

import json
import shutil

from advisor.engine.decide import decide
from advisor.pack import cache

from .conftest import RULES


def test_cached_pack_decides_like_the_loaded_one(tmp_path, monkeypatch, pack):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    first = cache.load_cached(RULES)
    assert list(tmp_path.glob("pack-*.json"))
    second = cache.load_cached(RULES)
    answers = {"budget": "free", "hardware": "gpu", "runtime": "1-to-9", "background": "yes"}
    for p in (first, second):
        assert [q.id for q in p.questions] == [q.id for q in pack.questions]
        assert decide(p, answers).recommendation.id == decide(pack, answers).recommendation.id
    assert second.sections["kaggle"].body == pack.sections["kaggle"].body
    from advisor.pack import load

    assert second.origins == load(RULES, cache=False).origins  # file names as shown from the same folder


def test_damaged_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    cache.load_cached(RULES)
    for path in tmp_path.glob("pack-*.json"):
        path.write_text('{"format": 2, "key": "x", "pack": {')
    assert cache.load_cached(RULES).questions[0].id == "budget"


def test_changed_rules_miss_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    before = cache.fingerprint(rules)
    cache.load_cached(rules)
    text = (rules / "questions.yaml").read_text().replace("How much can you spend", "How much could you spend")
    (rules / "questions.yaml").write_text(text)
    assert cache.fingerprint(rules) != before
    assert cache.load_cached(rules).questions[0].prompt.startswith("How much could you spend")


def test_the_cache_rebuilds_every_field_of_every_class(pack):
    """One converter, driven by the plain classes' annotations: nothing is lost or mistyped."""
    from advisor.pack.cache import from_data, to_data
    from advisor.record import asdict

    again = from_data(json.loads(json.dumps(to_data(pack))))
    assert asdict(again.info) == asdict(pack.info)
    for before, after in zip(
        pack.questions + pack.services + pack.rules, again.questions + again.services + again.rules
    ):
        assert asdict(after) == asdict(before)
        assert type(after) is type(before)
    assert type(again.rules[0].effect) is type(pack.rules[0].effect)  # enums come back as enums
    assert isinstance(again.services[1].pricing.free_hours_per_week, dict)
