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
