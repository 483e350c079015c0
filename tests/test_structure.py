"""The code's shape: no import cycles anywhere in advisor (the layers are import-linter's job)."""

from __future__ import annotations

import pytest


def test_no_module_of_advisor_imports_one_that_imports_it_back():
    grimp = pytest.importorskip("grimp")  # comes with import-linter (CI installs it)
    graph = grimp.build_graph("advisor")
    cycles = [
        (a, b)
        for a in sorted(graph.modules)
        for b in graph.find_modules_directly_imported_by(a)
        if graph.find_shortest_chain(importer=b, imported=a)
    ]
    assert cycles == []


def test_the_engine_s_plain_classes_are_the_ones_generated_from_the_models():
    """The rule schema is declared once (pack/models.py); records.py is written from it."""
    from advisor.pack import generate

    assert generate.TARGET.read_text(encoding="utf-8") == generate.source(), (
        "pack/records.py is out of date: run python -m advisor.pack.generate"
    )


def test_a_field_added_to_a_model_reaches_the_plain_class_and_the_cache(tmp_path, monkeypatch):
    from typing import get_type_hints

    from advisor.pack import cache, core, generate, models

    monkeypatch.setitem(models.Fact.model_fields, "region", models.Fact.model_fields["label"])
    text = generate.source()
    assert "class Fact(FactMethods, Record, eq=False):\n    id: str\n    label: str\n" in text
    assert "    region: str\n" in text.split("class Fact(")[1].split("class ")[0]
    # and the cache converts every plain field from its annotation, with nothing listed by hand
    for cls in core.__dict__.values():
        if isinstance(cls, type) and cls.__module__ == "advisor.pack.records":
            assert set(get_type_hints(cls)) >= set(cls._fields)
            assert cache._reviver(cls) is not None


def test_every_function_fits_on_a_screen():
    """No function in src/advisor is longer than 60 lines: long ones are split along their seams."""
    import ast
    from pathlib import Path

    import advisor

    root = Path(advisor.__file__).parent
    long = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 60:
                    long.append(f"{path.relative_to(root)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []
