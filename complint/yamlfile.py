"""YAML read safely: plain data only, a key given twice refused, aliases bounded.

An alias is a reference: eight lines of `&a [*a, *a, ...]` stand for a billion values
("billion laughs"). PyYAML shares the referenced node, but whatever walks or copies the
data expands it, so a document is refused when its expansion would exceed MAX_NODES.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

MAX_NODES = 100_000


def compose(text: str) -> Any:
    """The document's node tree (None for an empty one), checked; raises `yaml.YAMLError`
    (with a `problem` and a `problem_mark`) for bad syntax, a key given twice, or aliases
    that expand too far."""
    import yaml

    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if node is not None:
        _check(node)
    return node


def construct(node: Any) -> Any:
    """The Python value of a checked node: only YAML's plain types (no `!!python/...`)."""
    import yaml

    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load(text: str) -> Any:
    node = compose(text)
    return None if node is None else construct(node)


def _error(problem: str, node: Any) -> Exception:
    import yaml

    return yaml.MarkedYAMLError(problem=problem, problem_mark=node.start_mark)


def _check(root: Any) -> None:
    """Refuses a key given twice in a mapping, and a document whose aliases, expanded,
    would make more than MAX_NODES values (or never end: an alias inside its own anchor)."""
    import yaml

    sizes: Dict[int, int] = {}
    open_nodes = set()
    stack: List[Tuple[Any, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        children = _children(node)
        if finished:
            open_nodes.discard(id(node))
            sizes[id(node)] = size = 1 + sum(sizes[id(child)] for child in children)
            if size > MAX_NODES:
                raise _error(f"its aliases expand to more than {MAX_NODES:,} values", node)
            continue
        if id(node) in sizes:
            continue
        if id(node) in open_nodes:
            raise _error("an alias refers to the value that holds it", node)
        open_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            _unique_keys(node)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


def _children(node: Any) -> List[Any]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _unique_keys(node: Any) -> None:
    import yaml

    seen: Dict[str, Optional[int]] = {}
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
            if key.value in seen:
                raise _error(f"key {key.value!r} is given twice (lines {seen[key.value]} and {key.start_mark.line + 1})", key)
            seen[key.value] = key.start_mark.line + 1
