"""The app's declaration: its JSON Schema, validation with suggestions, and a typed view."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from .facts import Declaration, Location

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "declaration.schema.json"


@lru_cache(maxsize=1)
def schema() -> Dict[str, Any]:
    import json

    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def is_declaration_key(key: str) -> bool:
    """Is `key` one of the declaration's (for the hint when one is put in configuration)?"""
    return key in schema()["properties"]


def _unknown_key(key: str, properties: Sequence[str]) -> str:
    """The closest key, or where a configuration setting belongs."""
    from .config import is_setting

    if is_setting(key):
        return (f"; {key!r} is a configuration setting: it belongs in .complint.yaml "
                "(or [tool.complint] in pyproject.toml), not in the app's declaration")
    return _suggest(key, list(properties))


@dataclass(frozen=True)
class DeclarationIssue:
    """Something wrong with the declaration, where it is and how to fix it."""

    location: Location
    key: str
    message: str


@dataclass(frozen=True)
class Persona:
    name: str
    kind: str
    consent: str = ""
    label: str = ""
    line: int = 0


@dataclass(frozen=True)
class AppDeclaration:
    """The valid part of a declaration; invalid values are left out and reported."""

    location: Location
    audience: Optional[str] = None
    interfaces: Tuple[str, ...] = ()
    domains: Tuple[str, ...] = ()
    use_cases: Tuple[str, ...] = ()
    human_review: Tuple[str, ...] = ()
    personas: Tuple[Persona, ...] = ()
    publication: Tuple[str, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)  # key -> line
    declared: Tuple[str, ...] = ()  # keys present (valid or not)

    def at(self, key: str) -> Location:
        """Where a key is declared (the declaration's start if the key is absent)."""
        line = self.lines.get(key) or self.location.line
        return Location(self.location.path, line, 1)


def _suggest(value: Any, choices: Sequence[str]) -> str:
    import difflib  # only for a message

    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def _type_name(value: Any) -> str:
    return {str: "text", bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__
    )


def validate_value(value: Any, rule: Mapping[str, Any], where: str) -> List[str]:
    """Messages for every way `value` breaks `rule` (the subset of JSON Schema we ship)."""
    if "enum" in rule:
        choices = rule["enum"]
        if value not in choices:
            shown = repr(value) if isinstance(value, str) else _type_name(value)
            return [f"{where}: {shown} is not one of {', '.join(choices)}{_suggest(value, choices)}"]
        return []
    kind = rule.get("type")
    if kind == "string":
        if not isinstance(value, str):
            return [f"{where}: expected text, got {_type_name(value)}"]
        if len(value.strip()) < rule.get("minLength", 0):
            return [f"{where}: must not be empty"]
        return []
    if kind == "array":
        if not isinstance(value, list):
            import json

            example = rule.get("items", {}).get("enum", ["..."])[0]
            return [f"{where}: expected a list, e.g. [{json.dumps(example)}]"]
        messages: List[str] = []
        for index, item in enumerate(value):
            messages += validate_value(item, rule.get("items", {}), f"{where}[{index}]")
        if rule.get("uniqueItems"):
            seen: List[Any] = []
            for item in value:
                if item in seen:
                    messages.append(f"{where}: {item!r} is listed twice")
                seen.append(item)
        return messages
    if kind == "object":
        if not isinstance(value, dict):
            return [f"{where}: expected a table, e.g. {{ name = \"...\", kind = \"real\" }}"]
        messages = []
        properties = rule.get("properties", {})
        for key in rule.get("required", []):
            if key not in value:
                messages.append(f"{where}: missing required key {key!r}")
        for key, item in value.items():
            if key not in properties:
                if rule.get("additionalProperties") is False:
                    messages.append(f"{where}: unknown key {key!r}{_suggest(key, list(properties))}")
                continue
            messages += validate_value(item, properties[key], f"{where}.{key}")
        return messages
    return []


def read_declaration(fact: Declaration) -> Tuple[AppDeclaration, List[DeclarationIssue]]:
    issues: List[DeclarationIssue] = []
    base = fact.location
    if fact.error:
        issues.append(DeclarationIssue(base, "", fact.error))
        return AppDeclaration(location=base), issues
    properties = schema()["properties"]
    valid: Dict[str, Any] = {}
    lines: Dict[str, int] = {}
    for entry in fact.values:
        where = Location(base.path, entry.line, 1)
        lines[entry.key] = entry.line
        if entry.key == "":
            issues.append(DeclarationIssue(where, "app", "expected a table of keys such as audience and interfaces"))
            continue
        if entry.key not in properties:
            message = f"{entry.key}: unknown key{_unknown_key(entry.key, list(properties))}"
            issues.append(DeclarationIssue(where, entry.key, message))
            continue
        messages = validate_value(entry.value, properties[entry.key], entry.key)
        issues.extend(DeclarationIssue(where, entry.key, m) for m in messages)
        valid[entry.key] = _keep_valid(entry.value, properties[entry.key])
    personas = tuple(
        Persona(p["name"], p["kind"], p.get("consent", ""), p.get("label", ""), lines.get("personas", base.line))
        for p in valid.get("personas") or ()
    )
    declaration = AppDeclaration(
        location=base,
        audience=valid.get("audience"),
        interfaces=tuple(valid.get("interfaces") or ()),
        domains=tuple(valid.get("domains") or ()),
        use_cases=tuple(valid.get("use-cases") or ()),
        human_review=tuple(valid.get("human-review") or ()),
        personas=personas,
        publication=tuple(valid.get("publication") or ()),
        lines=lines,
        declared=tuple(lines),
    )
    return declaration, issues


def _keep_valid(value: Any, rule: Mapping[str, Any]) -> Any:
    """The value with its invalid parts removed, so checks never act on a typo."""
    if validate_value(value, rule, "") == []:
        return value
    if rule.get("type") == "array" and isinstance(value, list):
        items = rule.get("items", {})
        return [item for item in value if not validate_value(item, items, "")]
    return None
