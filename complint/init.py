"""`complint init`: infer the app's declaration from its code, with a reason for each value."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Tuple

from .project import Project
from .rules import Context
from .rules.evidence import DOMAINS, domain_evidence


class InitError(Exception):
    """init cannot write the declaration (one already exists, or it cannot be placed)."""


@dataclass(frozen=True)
class Inferred:
    """One declared key, its value, and why complint chose it."""

    key: str
    value: object
    why: str


_WEB_FRAMEWORKS = frozenset({"streamlit", "gradio", "chainlit", "html", "react", "vercel-ai", "nextjs", "vue", "svelte"})


def _where(location) -> str:  # type: ignore[no-untyped-def]
    return f"{location.path}:{location.line}"


def infer(project: Project, ctx: Context) -> List[Inferred]:
    """What the code says the app is: interfaces, audience, domains, use cases."""
    values: List[Inferred] = []
    interfaces: List[str] = []
    reasons: List[str] = []
    for surface in project.chat_surfaces:
        found = {
            "chat-ui": ["chat"] + (["web"] if surface.framework in _WEB_FRAMEWORKS else []),
            "messaging-bot": ["voice"] if "Voice" in surface.detail else ["messaging"],
            "console-loop": ["chat"],
            "web-route": ["api"],
        }.get(surface.kind, [])
        new = [i for i in found if i not in interfaces]
        if new:
            interfaces += new
            reasons.append(f"{surface.framework} {surface.detail} at {_where(surface.location)}")
    if not interfaces and project.model_calls:
        interfaces = ["batch"]
        reasons.append("model calls but no chat surface, bot or endpoint")
    values.append(_audience(project))
    if interfaces:
        values.append(Inferred("interfaces", interfaces, "; ".join(reasons[:3])))
    domains = domain_evidence(project, ctx)
    if domains:
        why = "; ".join(f"{e.source} at {_where(e.location)} says {e.phrase!r}" for e in domains.values())
        values.append(Inferred("domains", [d for d in DOMAINS if d in domains], why))
    else:
        values.append(Inferred("domains", [], "no prompt or manifest text points to medical, financial, legal or news"))
    description = next((t for t in project.manifest_texts if t.field == "description"), None)
    if description is not None:
        values.append(Inferred("use-cases", [description.text], f"the description in {_where(description.location)}"))
    return values


def _audience(project: Project) -> Inferred:
    public = [s for s in project.chat_surfaces if s.kind in ("chat-ui", "messaging-bot")]
    if public:
        where = _where(public[0].location)
        kind = public[0].kind.replace("chat-ui", "chat UI").replace("messaging-bot", "messaging bot")
        return Inferred("audience", "consumer", f"guessed: a {public[0].framework} {kind} ({where}) is usually public")
    space = next((t for t in project.manifest_texts if t.field == "platform"), None)
    if space is not None:
        return Inferred("audience", "consumer", f"guessed: a Hugging Face Space ({_where(space.location)}) is public")
    return Inferred("audience", "internal", "guessed: no public chat UI or bot found; say consumer if the public uses it")


def providers(project: Project) -> List[str]:
    seen: List[str] = []
    for fact in list(project.model_calls) + list(project.model_imports):
        label = f"{fact.provider} ({_where(fact.location)})"
        if fact.provider not in [s.split(" ")[0] for s in seen]:
            seen.append(label)
    return seen[:6]


def _toml_value(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_toml(values: List[Inferred], found: List[str]) -> str:
    lines = ["[tool.complint.app]", "# Written by `complint init` from what the code shows: check every value."]
    if found:
        lines.append(f"# Model APIs found: {', '.join(found)}")
    width = max(len(f"{v.key} = {_toml_value(v.value)}") for v in values) + 2
    for v in values:
        assignment = f"{_quote_key(v.key)} = {_toml_value(v.value)}"
        lines.append(f"{assignment:<{width}}# {v.why}")
    return "\n".join(lines) + "\n"


def _quote_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def render_yaml(values: List[Inferred], found: List[str]) -> str:
    lines = ["# The app's declaration for complint. Written by `complint init` from what the code", "# shows: check every value."]
    if found:
        lines.append(f"# Model APIs found: {', '.join(found)}")
    width = max(len(f"{v.key}: {_toml_value(v.value)}") for v in values) + 2
    for v in values:
        assignment = f"{v.key}: {_toml_value(v.value)}"  # JSON values are valid YAML flow values
        lines.append(f"{assignment:<{width}}# {v.why}")
    return "\n".join(lines) + "\n"


_TABLE_HEADER = re.compile(r"^\s*\[tool\.complint\.app\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")


def place(root: Path, values: List[Inferred], found: List[str], force: bool) -> Tuple[Path, str]:
    """Where the declaration goes and the file's whole new text; the rest stays byte for byte."""
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        text = pyproject.read_text(encoding="utf-8")
        return pyproject, _into_pyproject(text, render_toml(values, found), force, pyproject)
    target = root / "complint.yaml"
    for existing in (root / "complint.yaml", root / "complint.yml"):
        if existing.is_file() and not force:
            raise InitError(f"{existing} already declares the app; use --force to replace it")
    return target, render_yaml(values, found)


def _into_pyproject(text: str, table: str, force: bool, path: Path) -> str:
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _TABLE_HEADER.match(line)), None)
    if start is None:
        if re.search(r"(?m)^[ \t]*app[ \t]*=", text) and "[tool.complint]" in text:
            raise InitError(f"{path} declares the app inline (app = {{...}}): edit it by hand")
        separator = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        return text + separator + table
    if not force:
        raise InitError(f"{path} already has [tool.complint.app]; use --force to replace it")
    end = next((i for i in range(start + 1, len(lines)) if _ANY_HEADER.match(lines[i])), len(lines))
    tail = "".join(lines[end:])
    return "".join(lines[:start]) + table + ("\n" + tail if tail else "")


def run_init(project: Project, ctx: Context, root: Path, force: bool) -> Tuple[Path, str, str]:
    """(file, its new text, the declaration alone) — nothing is written here."""
    values = infer(project, ctx)
    found = providers(project)
    path, text = place(root, values, found, force)
    snippet = render_toml(values, found) if path.name == "pyproject.toml" else text
    return path, text, snippet
