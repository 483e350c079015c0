"""JSON Schemas of the rule files, generated from the pydantic models (``advisor schema``)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from .models import FILE_MODELS


def schemas() -> dict[str, dict[str, Any]]:
    """File name (without .yaml) -> its JSON Schema."""
    from .cases import CasesFile

    out = {}
    files: dict[str, type[BaseModel]] = {**FILE_MODELS, "cases.yaml": CasesFile}
    for name, model in files.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"advisor rule pack: {name}"
        out[name.removesuffix(".yaml")] = schema
    return out


def schema_text(name: str) -> str:
    return json.dumps(schemas()[name], indent=2, sort_keys=True) + "\n"
