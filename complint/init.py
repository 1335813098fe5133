"""`complint init`: infer the app's declaration from its code, with a reason for each value."""

from __future__ import annotations

import copy
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from .project import Project
from .rules import Context
from .rules.evidence import DOMAINS, domain_evidence, public_evidence, web_front_end


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
    """What the code says the app is: interfaces, audience, domains, use cases.

    From the evidence scan itself goes by, the declaration set aside (`--force` replaces
    it), so that the declaration contradicts none of it and hides no finding: a chat
    endpoint is a chat, a web page makes the app public and a web app."""
    values: List[Inferred] = [_audience(project)]
    interfaces, reasons = _interfaces(project)
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


def _interfaces(project: Project) -> Tuple[List[str], List[str]]:
    """The interfaces the chat surfaces, bots, endpoints and web front end show, and why."""
    from .rules.disclosure import conversational_surfaces

    interfaces: List[str] = []
    reasons: List[str] = []
    conversational = conversational_surfaces(project)
    for surface in project.chat_surfaces:
        found = {
            "chat-ui": ["chat"] + (["web"] if surface.framework in _WEB_FRAMEWORKS else []),
            "messaging-bot": ["voice"] if "Voice" in surface.detail else ["messaging"],
            "console-loop": ["chat"],
            # Users converse through it (scan's CL201 says so): an API alone would hide that;
            # an app that shows people nothing is an API (scan reads it so, too).
            "web-route": ["chat", "api"] if surface in conversational else ["api"],
        }.get(surface.kind, [])
        new = [i for i in found if i not in interfaces]
        if new:
            interfaces += new
            reasons.append(f"{surface.framework} {surface.detail} at {_where(surface.location)}")
    web = web_front_end(project)
    if web is not None and "web" not in interfaces:
        interfaces.append("web")
        reasons.append(f"{web.reason} at {_where(web.location)}")
    if not interfaces and project.model_calls:
        interfaces = ["batch"]
        reasons.append("model calls but no chat surface, bot, endpoint or web page")
    return interfaces, reasons


def _audience(project: Project) -> Inferred:
    public = public_evidence(project)
    if public is not None:
        return Inferred("audience", "consumer", f"guessed: {public.reason} ({_where(public.location)}) is usually public")
    return Inferred("audience", "internal", "guessed: no public chat UI, bot or web page found; say consumer if the public uses it")


def providers(project: Project) -> List[str]:
    seen: List[str] = []
    for fact in list(project.model_calls) + list(project.model_imports):
        label = f"{fact.provider} ({_where(fact.location)})"
        if fact.provider not in [s.split(" ")[0] for s in seen]:
            seen.append(label)
    return seen[:6]


def _toml_value(value: object) -> str:
    """A JSON value, which is valid TOML and valid YAML once its text has no DEL and no lone
    surrogate (JSON leaves both raw; both formats refuse them)."""
    return _UNWRITABLE.sub(lambda m: "\\u%04x" % ord(m.group()) if m.group() == "\x7f" else "\ufffd",
                           json.dumps(value, ensure_ascii=False))


_UNWRITABLE = re.compile("[\x7f\ud800-\udfff]")
# What a comment cannot hold: line breaks (it would end there) and control characters.
_NOT_IN_COMMENT = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029\ud800-\udfff]")


def _comment(text: str) -> str:
    return "# " + _NOT_IN_COMMENT.sub("\ufffd", text)


def render_toml(values: List[Inferred], found: List[str]) -> str:
    lines = ["[tool.complint.app]", "# Written by `complint init` from what the code shows: check every value."]
    if found:
        lines.append(_comment(f"Model APIs found: {', '.join(found)}"))
    width = max(len(f"{v.key} = {_toml_value(v.value)}") for v in values) + 2
    for v in values:
        assignment = f"{_quote_key(v.key)} = {_toml_value(v.value)}"
        lines.append(f"{assignment:<{width}}{_comment(v.why)}")
    return "\n".join(lines) + "\n"


def _quote_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def render_yaml(values: List[Inferred], found: List[str]) -> str:
    lines = ["# The app's declaration for complint. Written by `complint init` from what the code", "# shows: check every value."]
    if found:
        lines.append(_comment(f"Model APIs found: {', '.join(found)}"))
    width = max(len(f"{v.key}: {_toml_value(v.value)}") for v in values) + 2
    for v in values:
        assignment = f"{v.key}: {_toml_value(v.value)}"  # JSON values are valid YAML flow values
        lines.append(f"{assignment:<{width}}{_comment(v.why)}")
    return "\n".join(lines) + "\n"


# A `[tool.complint.app]` header in any spelling TOML allows: spaces around the dots,
# quoted keys. Only a candidate: a header-like line may sit in a multi-line string, which
# is why every edit is checked by parsing what it gives (`_edited`).
_KEY = r"""[ \t]*(?:{0}|"{0}"|'{0}')[ \t]*"""
_TABLE_HEADER = re.compile(r"^[ \t]*\[" + r"\.".join(_KEY.format(k) for k in ("tool", "complint", "app")) + r"\][ \t]*(?:#.*)?$")
_ANY_HEADER = re.compile(r"^[ \t]*\[")


def place(root: Path, values: List[Inferred], found: List[str], force: bool) -> Tuple[Path, str]:
    """Where the declaration goes and the file's whole new text; the rest stays byte for byte."""
    for existing in (root / "complint.yaml", root / "complint.yml"):
        if existing.is_file():
            if not force:
                raise InitError(f"{existing} already declares the app; use --force to replace it")
            return existing, render_yaml(values, found)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        return pyproject, _into_pyproject(_read(pyproject), values, found, force, pyproject)
    return root / "complint.yaml", render_yaml(values, found)


def _read(path: Path) -> str:
    """The file's text as it is on disk: its line endings kept (no newline translation)."""
    try:
        return path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise InitError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise InitError(f"{path}: not UTF-8 text (byte {exc.start}); TOML files must be UTF-8") from None


def _load_toml(text: str) -> Dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python < 3.11
        import tomli as tomllib
    return tomllib.loads(text)


def _parse(text: str, path: Path) -> Dict[str, Any]:
    try:
        return _load_toml(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError, with the line and column
        raise InitError(f"{path}: invalid TOML ({exc}); fix it before init adds to it") from None


def _app_of(data: Dict[str, Any]) -> Optional[object]:
    tool = data.get("tool")
    complint = tool.get("complint") if isinstance(tool, dict) else None
    return complint.get("app") if isinstance(complint, dict) else None


def _into_pyproject(text: str, values: List[Inferred], found: List[str], force: bool, path: Path) -> str:
    """`text` with the declaration added, or put in place of the one it has (`force`).

    Whatever way the file is written, an edit is kept only if the file then parses to what
    it said before, with the new declaration as `tool.complint.app` (`_edited`)."""
    data = _parse(text, path)
    newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    table = render_toml(values, found).replace("\n", newline)
    expected = copy.deepcopy(data)
    expected.setdefault("tool", {}).setdefault("complint", {})["app"] = _app_of(_load_toml(table))
    if _app_of(data) is None:
        if text and not text.endswith(newline * 2):
            text += newline if text.endswith(newline) else newline * 2
        if _edited(text + table, expected):
            return text + table
        raise InitError(
            f"{path}: [tool.complint.app] cannot be added without changing what the file says "
            "([tool] or [tool.complint] is an inline table?); add it by hand (--dry-run prints it)"
        )
    if not force:
        raise InitError(f"{path} already declares the app (tool.complint.app); use --force to replace it")
    lines = text.splitlines(keepends=True)
    for start in (i for i, line in enumerate(lines) if _TABLE_HEADER.match(line.rstrip("\r\n"))):
        end = next((i for i in range(start + 1, len(lines)) if _ANY_HEADER.match(lines[i])), len(lines))
        tail = "".join(lines[end:])
        candidate = "".join(lines[:start]) + table + (newline + tail if tail else "")
        if _edited(candidate, expected):
            return candidate
    raise InitError(
        f"{path} declares the app in a form init cannot replace safely (inline, dotted keys, or "
        "not a [tool.complint.app] table of its own): edit it by hand (--dry-run prints a new one)"
    )


def _edited(candidate: str, expected: Dict[str, Any]) -> bool:
    """Does the edited text parse to `expected`, and to nothing else?"""
    try:
        return _load_toml(candidate) == expected
    except ValueError:
        return False


def run_init(project: Project, ctx: Context, root: Path, force: bool) -> Tuple[Path, str, str]:
    """(file, its new text, the declaration alone) — nothing is written here."""
    values = infer(project, ctx)
    found = providers(project)
    path, text = place(root, values, found, force)
    snippet = render_toml(values, found) if path.name == "pyproject.toml" else text
    return path, text, snippet
