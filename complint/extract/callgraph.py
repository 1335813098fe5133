"""The one piece of call-graph reasoning extractors share: which functions reach a model."""

from __future__ import annotations

from typing import Mapping, Protocol, Set


class CallingFunction(Protocol):
    model_calls: int
    calls: Set[str]


def reaching_model(functions: Mapping[str, CallingFunction]) -> Set[str]:
    """Names of the functions that call a model, directly or through each other (in one file)."""
    reach = {name for name, fn in functions.items() if fn.model_calls}
    changed = True
    while changed:
        changed = False
        for name, fn in functions.items():
            if name not in reach and fn.calls & reach:
                reach.add(name)
                changed = True
    return reach
