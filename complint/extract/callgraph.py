"""The one piece of call-graph reasoning extractors share: which functions reach a model."""

from __future__ import annotations

from typing import Mapping, Protocol, Set


class CallingFunction(Protocol):
    model_calls: int
    calls: Set[str]
    parses_answer: bool  # reads the model's answer as data (`json.loads(answer)`), not as a text


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


def answers_parsed(functions: Mapping[str, CallingFunction], name: str) -> bool:
    """Does every function of the file that `name` reaches and that asks a model read the
    model's answer as data (a verdict's fields), none of them as a text to pass on?"""
    seen, todo, asking = {name}, [name], []
    while todo:
        fn = functions.get(todo.pop())
        if fn is None:
            continue
        if fn.model_calls:
            asking.append(fn)
        for callee in fn.calls - seen:
            seen.add(callee)
            todo.append(callee)
    return bool(asking) and all(fn.parses_answer for fn in asking)
