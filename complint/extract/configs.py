"""Prompts the app keeps in its YAML configuration: chat modes, personas, agents' roles.

`chat_modes.yml` with `prompt_start: |` under each mode, `personas.yaml` with a `persona:` per
character, crewai's `agents.yaml` (role, goal, backstory: the agent's system prompt) and
`tasks.yaml` (description, expected_output: what it is asked): the code loads the file and
sends those texts to the model. A value under a
prompt-like key (the extractor's `PROMPT_NAME`: prompt, system_prompt, instructions,
persona, ...) of at least a few words is a prompt, wherever in the file it stands; other
keys, and files with no such key, give nothing. A file that is not valid YAML is not this
extractor's business (CI configs, templates): it gives no facts and no problem.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, List, Set, Tuple

from ..facts import FileFacts, Location, Prompt
from ..patterns import compile as compile_pattern
from . import vocabulary as V

_MIN_WORDS = 5  # as extract/python.py's prompt-like dict entries: shorter is a label
_MAX_DEPTH = 12
# A mapping key at the start of a line (`  prompt_start: |`, `- persona: ...`).
_KEY = compile_pattern(r"^[ \t]*(?:-[ \t]+)?[\"']?([A-Za-z_][\w-]*)[\"']?[ \t]*:", re.MULTILINE)
# Folders whose YAML is not the app's configuration: CI and repository settings.
_NOT_THE_APP = (".github/", ".gitlab/", ".circleci/")


def extract_yaml(text: str, path: str) -> FileFacts:
    """Facts of a YAML file: the prompts under its prompt-like keys."""
    empty = FileFacts(path=path, language="yaml")
    keys = {m.group(1) for m in _KEY.finditer(text)}
    if path.startswith(_NOT_THE_APP) or not (any(V.PROMPT_NAME.search(k) for k in keys) or _framework_fields(keys)):
        return empty
    import yaml  # only for the few files that hold a prompt-like key

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        documents = list(yaml.compose_all(text, Loader=loader))
    except (yaml.YAMLError, ValueError, RecursionError):
        return empty
    prompts: List[Prompt] = []
    for document in documents:
        for key, node in _entries(document, 0, set()):
            value = node.value if isinstance(node.value, str) else None
            if node.tag.endswith(":str") and value and len(value.split()) >= _MIN_WORDS:
                role = "system" if key in V.AGENT_YAML_FIELDS else "user" if key in V.TASK_PROMPT_KWARGS else V.prompt_role(key)
                where = Location(path, node.start_mark.line + 1, node.start_mark.column + 1)
                prompts.append(Prompt(where, value.strip(), role))
    return FileFacts(path=path, language="yaml", prompts=tuple(prompts))


def _framework_fields(keys: Set[str]) -> Set[str]:
    """The keys of an agent framework's own prompt fields among these, when they make the shape
    of an agent (crewai's `agents.yaml`: role, goal and backstory) or of a task (`tasks.yaml`:
    description and expected_output); empty otherwise."""
    agent, task = keys & V.AGENT_YAML_FIELDS, keys & V.TASK_PROMPT_KWARGS
    return (agent if agent == V.AGENT_YAML_FIELDS else set()) | (task if task == V.TASK_PROMPT_KWARGS else set())


def _entries(node: Any, depth: int, seen: Set[int]) -> Iterator[Tuple[str, Any]]:
    """(key, value node) of every scalar under a prompt-like key, or under an agent's or a
    task's own fields in a mapping of that shape, in the order of the file."""
    if node is None or depth > _MAX_DEPTH or id(node) in seen:
        return
    seen.add(id(node))  # an alias points back at a node already walked
    if node.id == "mapping":
        names = {key.value for key, _ in node.value if key.id == "scalar" and isinstance(key.value, str)}
        fields = _framework_fields(names)
        for key, value in node.value:
            name = key.value if key.id == "scalar" and isinstance(key.value, str) else ""
            if value.id == "scalar" and name and (V.PROMPT_NAME.search(name) or name in fields):
                yield name, value
            else:
                yield from _entries(value, depth + 1, seen)
    elif node.id == "sequence":
        for item in node.value:
            yield from _entries(item, depth + 1, seen)
