"""Manifests: what a project says it is and depends on, and the app's own declaration.

Reads pyproject.toml ([project], [tool.poetry], [tool.complint.app]), requirements*.txt,
package.json, complint.yaml, a Hugging Face Space README's YAML front matter and a
browser extension's manifest.json. Values get the line they stand on, found by a cheap
scan of the text, since the TOML and JSON parsers keep no positions.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Dict, List, Optional, Tuple

from ..facts import (
    Declaration,
    DeclaredValue,
    Dependency,
    FileFacts,
    FileProblem,
    Location,
    ManifestText,
)
from ..patterns import compile as compile_pattern

# Never prefiltered: every manifest can carry a declaration, a description or a dependency.
PREFILTER_WORDS = None

_REQUIREMENTS = compile_pattern(r"^requirements([-_.][\w.-]*)?\.(txt|in)$", re.IGNORECASE)
_DECLARATION_FILES = ("complint.yaml", "complint.yml")
_WORKFLOW = compile_pattern(r"^(?:.*/)?\.github/workflows/[^/]+\.ya?ml$")
# Steps that publish a public site from the repository: what they publish, people read.
_PAGES_ACTIONS = compile_pattern(r"^[ \t]*(?:-[ \t]*)?uses:[ \t]*(actions/deploy-pages|peaceiris/actions-gh-pages|JamesIves/github-pages-deploy-action)@", re.MULTILINE)


def claims(rel: str) -> Optional[str]:
    """The manifest kind of a project-relative path, or None if it is no manifest."""
    name = rel.rsplit("/", 1)[-1]
    lower = name.lower()
    if lower == "pyproject.toml":
        return "pyproject"
    if lower == "package.json":
        return "package.json"
    if lower in _DECLARATION_FILES:
        return "declaration"
    if _REQUIREMENTS.match(name):
        return "requirements"
    if lower == "readme.md":
        return "readme"
    if lower == "manifest.json":
        return "extension"
    if _WORKFLOW.match(rel):
        return "workflow"
    return None


def extract_manifest(source: str, path: str) -> FileFacts:
    kind = claims(path)
    reader = {
        "pyproject": _pyproject,
        "package.json": _package_json,
        "declaration": _declaration_file,
        "requirements": _requirements,
        "readme": _readme,
        "extension": _extension,
        "workflow": _workflow,
    }.get(kind or "")
    if reader is None:
        return FileFacts(path=path, language="manifest")
    return reader(source, path)


def normalise_pypi(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class _Lines:
    """Finds the line a key or value stands on, scanning forward from a starting line."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()

    def find(self, pattern: str, start: int = 1, end: Optional[int] = None, flags: int = 0) -> int:
        regex = compile_pattern(pattern, flags)
        stop = end if end is not None else len(self.lines)
        for number in range(max(start, 1), stop + 1):
            if number - 1 < len(self.lines) and regex.search(self.lines[number - 1]):
                return number
        return 0

    def quoted(self, value: str, start: int = 1, end: Optional[int] = None) -> int:
        return self.find(r"""["']""" + re.escape(value) + r"""["'\[;<>=~! ]""", start, end) or self.find(
            re.escape(value), start, end
        )


def _loc(path: str, line: int) -> Location:
    return Location(path, max(line, 1), 1)


# --------------------------------------------------------------------------- pyproject


def _load_toml(source: str) -> Dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python < 3.11
        import tomli as tomllib
    return tomllib.loads(source)


def _pyproject(source: str, path: str) -> FileFacts:
    try:
        data = _load_toml(source)
    except Exception as exc:  # tomllib.TOMLDecodeError, with line and column in its text
        return FileFacts(path=path, language="toml", problems=(FileProblem(path, f"invalid TOML: {exc}"),))
    lines = _Lines(source)
    texts: List[ManifestText] = []
    deps: List[Dependency] = []
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    section = lines.find(r"^\s*\[project\]\s*$") or 1
    texts.extend(_describe(project, path, lines, section))
    for spec in _string_list(project.get("dependencies")):
        name = _requirement_name(spec)
        if name:
            deps.append(Dependency(_loc(path, lines.quoted(spec, section)), name, "pypi"))
    poetry = data.get("tool", {}).get("poetry", {}) if isinstance(data.get("tool"), dict) else {}
    if isinstance(poetry, dict):
        poetry_line = lines.find(r"^\s*\[tool\.poetry\]\s*$") or 1
        if not project:
            texts.extend(_describe(poetry, path, lines, poetry_line))
        dep_line = lines.find(r"^\s*\[tool\.poetry\.dependencies\]\s*$") or poetry_line
        for name in (poetry.get("dependencies") or {}) if isinstance(poetry.get("dependencies"), dict) else {}:
            if name.lower() != "python":
                deps.append(Dependency(_loc(path, lines.find(rf"^\s*{re.escape(name)}\s*=", dep_line)), normalise_pypi(name), "pypi"))
    declarations = _pyproject_declaration(data, path, lines)
    return FileFacts(
        path=path,
        language="toml",
        dependencies=tuple(deps),
        manifest_texts=tuple(texts),
        declarations=declarations,
    )


def _describe(table: Dict[str, Any], path: str, lines: _Lines, start: int) -> List[ManifestText]:
    out: List[ManifestText] = []
    for field in ("name", "description"):
        value = table.get(field)
        if isinstance(value, str) and value.strip():
            out.append(ManifestText(_loc(path, lines.find(rf"^\s*{field}\s*=", start) or start), field, value))
    for field, singular in (("keywords", "keywords"), ("classifiers", "classifier")):
        for value in _string_list(table.get(field)):
            out.append(ManifestText(_loc(path, lines.quoted(value, start) or start), singular, value))
    return out


def _pyproject_declaration(data: Dict[str, Any], path: str, lines: _Lines) -> Tuple[Declaration, ...]:
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    complint = tool.get("complint") if isinstance(tool.get("complint"), dict) else {}
    if "app" not in complint:
        return ()
    header = lines.find(r"^\s*\[tool\.complint\.app\]\s*$")
    start = header or lines.find(r"^\s*app\s*=") or lines.find(r"^\s*\[tool\.complint\]") or 1
    end = (lines.find(r"^\s*\[", start + 1) - 1) if header else None
    if end is not None and end < start:
        end = None
    app = complint["app"]
    if not isinstance(app, dict):
        values = (DeclaredValue("", app, start),)
    else:
        values = tuple(
            DeclaredValue(key, value, lines.find(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", start, end) or start)
            for key, value in app.items()
        )
    return (Declaration(_loc(path, start), values),)


def _string_list(value: Any) -> List[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


_REQ_NAME = compile_pattern(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _requirement_name(spec: str) -> str:
    match = _REQ_NAME.match(spec)
    return normalise_pypi(match.group(1)) if match else ""


# --------------------------------------------------------------------------- requirements


def _requirements(source: str, path: str) -> FileFacts:
    deps: List[Dependency] = []
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-"):
            egg = re.search(r"#egg=([A-Za-z0-9._-]+)", raw)
            if egg:
                deps.append(Dependency(_loc(path, number), normalise_pypi(egg.group(1)), "pypi"))
            continue
        at = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:(\[[^\]]*\])\s*)?@", line)
        name = normalise_pypi(at.group(1)) if at else _requirement_name(line)
        if name and "://" not in line.split("@")[0]:
            deps.append(Dependency(_loc(path, number), name, "pypi"))
    return FileFacts(path=path, language="requirements", dependencies=tuple(deps))


# --------------------------------------------------------------------------- package.json


def _package_json(source: str, path: str) -> FileFacts:
    import json

    try:
        data = json.loads(source)
    except ValueError as exc:
        return FileFacts(path=path, language="json", problems=(FileProblem(path, f"invalid JSON: {exc}"),))
    if not isinstance(data, dict):
        return FileFacts(path=path, language="json")
    lines = _Lines(source)
    texts: List[ManifestText] = []
    for field in ("name", "description"):
        value = data.get(field)
        if isinstance(value, str) and value.strip():
            texts.append(ManifestText(_loc(path, lines.find(rf'"{field}"\s*:')), field, value))
    for keyword in _string_list(data.get("keywords")):
        texts.append(ManifestText(_loc(path, lines.quoted(keyword, lines.find(r'"keywords"\s*:'))), "keywords", keyword))
    deps: List[Dependency] = []
    for group in ("dependencies", "peerDependencies", "optionalDependencies"):
        table = data.get(group)
        if not isinstance(table, dict):
            continue
        start = lines.find(rf'"{group}"\s*:')
        for name in table:
            deps.append(Dependency(_loc(path, lines.find(rf'"{re.escape(name)}"\s*:', start)), name, "npm"))
    return FileFacts(path=path, language="json", dependencies=tuple(deps), manifest_texts=tuple(texts))


def _extension(source: str, path: str) -> FileFacts:
    import json

    try:
        data = json.loads(source)
    except ValueError:
        return FileFacts(path=path, language="json")  # a manifest.json of something else
    if not isinstance(data, dict) or "manifest_version" not in data:
        return FileFacts(path=path, language="json")
    lines = _Lines(source)
    texts = [
        ManifestText(_loc(path, lines.find(rf'"{field}"\s*:')), field, data[field])
        for field in ("name", "description")
        if isinstance(data.get(field), str) and data[field].strip() and not data[field].startswith("__MSG_")
    ]
    return FileFacts(path=path, language="json", manifest_texts=tuple(texts))


# --------------------------------------------------------------------------- YAML


def _yaml_values(node: Any, prefix: str = "") -> Tuple[DeclaredValue, ...]:
    """Top-level keys of a YAML mapping node, each with its Python value and line."""
    import yaml

    from ..yamlfile import construct

    values = []
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
        value = construct(value_node) if value_node is not None else None
        values.append(DeclaredValue(f"{prefix}{key}", value, key_node.start_mark.line + 1))
    return tuple(values)


def _declaration_file(source: str, path: str) -> FileFacts:
    import yaml

    from ..yamlfile import compose

    try:
        node = compose(source)
        values = _yaml_values(node) if isinstance(node, yaml.MappingNode) else ()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        declaration = Declaration(_loc(path, line), (), error=f"invalid YAML: {problem}")
        return FileFacts(path=path, language="yaml", declarations=(declaration,))
    except (ValueError, RecursionError) as exc:  # a number of 100,000 digits, nesting too deep
        problem = (str(exc).splitlines() or [type(exc).__name__])[0][:100]
        declaration = Declaration(_loc(path, 1), (), error=f"unreadable YAML: {problem}")
        return FileFacts(path=path, language="yaml", declarations=(declaration,))
    if node is None:
        return FileFacts(path=path, language="yaml", declarations=(Declaration(_loc(path, 1), ()),))
    if not isinstance(node, yaml.MappingNode):
        declaration = Declaration(_loc(path, node.start_mark.line + 1), (), error="expected a mapping of keys such as audience and interfaces")
        return FileFacts(path=path, language="yaml", declarations=(declaration,))
    return FileFacts(path=path, language="yaml", declarations=(Declaration(_loc(path, 1), values),))


_FRONT_MATTER = compile_pattern(r"\A---\s*\n(.*?)\n---\s*(\n|\Z)", re.DOTALL)


def _readme(source: str, path: str) -> FileFacts:
    """A Hugging Face Space describes itself in its README's YAML front matter."""
    match = _FRONT_MATTER.match(source)
    if not match:  # most READMEs: no YAML parser needed (it costs a cold scan 20 ms to import)
        return FileFacts(path=path, language="markdown")
    import yaml

    from ..yamlfile import load

    try:
        data = load(match.group(1))
    except yaml.YAMLError:
        return FileFacts(path=path, language="markdown")
    if not isinstance(data, dict) or "sdk" not in data:
        return FileFacts(path=path, language="markdown")
    lines = _Lines(source)
    texts: List[ManifestText] = []
    for field, kind in (("title", "title"), ("short_description", "description"), ("sdk", "platform")):
        value = data.get(field)
        if isinstance(value, str) and value.strip():
            text = f"huggingface-space:{value}" if kind == "platform" else value
            texts.append(ManifestText(_loc(path, lines.find(rf"^{field}\s*:")), kind, text))
    for tag in _string_list(data.get("tags")):
        texts.append(ManifestText(_loc(path, lines.quoted(tag) or lines.find(rf"^\s*-\s*{re.escape(tag)}\s*$")), "keywords", tag))
    return FileFacts(path=path, language="markdown", manifest_texts=tuple(texts))


def _workflow(source: str, path: str) -> FileFacts:
    """A GitHub Actions workflow that deploys a GitHub Pages site makes its output public."""
    match = _PAGES_ACTIONS.search(source)
    if match is None:
        return FileFacts(path=path, language="yaml")
    line = source.count("\n", 0, match.start(1)) + 1
    text = ManifestText(_loc(path, line), "platform", "github-pages")
    return FileFacts(path=path, language="yaml", manifest_texts=(text,))
