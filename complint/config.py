"""Load, merge and validate configuration: the closest file wins, `extend` inherits."""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Tuple

from .errors import UsageError
from .files import read_regular_text
from .findings import SEVERITIES

CONFIG_FILES = (".complint.yaml", "complint.toml", "pyproject.toml")

# Not the app: tests, fixtures, vendored and generated code (gitignore syntax).
DEFAULT_EXCLUDE: Tuple[str, ...] = (
    ".git/", ".hg/", ".svn/", ".venv/", "venv/", ".tox/", ".nox/", "node_modules/",
    "vendor/", "third_party/", "site-packages/", "__pycache__/", "build/", "dist/",
    ".eggs/", "*.egg-info/", ".mypy_cache/", ".pytest_cache/", ".ruff_cache/",
    ".complint_cache/", ".next/", ".nuxt/", ".svelte-kit/", "coverage/", "htmlcov/",
    "tests/", "test/", "__tests__/", "testing/", "fixtures/", "test_*.py", "*_test.py",
    "conftest.py", "*.test.*", "*.spec.*",
)


class ConfigError(UsageError):
    """Configuration that cannot be used: the message names the file, key and fix."""


@dataclass(frozen=True)
class Config:
    root: Path
    source: Optional[Path] = None  # the file it came from, if any
    select: Tuple[str, ...] = ("CL",)
    extend_select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    fail_on: str = "warning"
    exclude: Tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: Tuple[str, ...] = ()
    respect_gitignore: bool = True
    disclosure_extra_phrases: Tuple[str, ...] = ()
    # (glob, codes) pairs from `per-file-ignores`; globs use gitignore syntax, root-relative.
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    require_suppression_reason: bool = False
    baseline: Optional[Path] = None
    jobs: Optional[int] = None  # processes for extraction; None: the machine's cores
    cache: bool = True  # the per-file facts cache (`--no-cache`)
    cache_dir: Optional[Path] = None  # None: .complint_cache/ at the project root
    prefilter: bool = True  # parse only files with the words a fact needs (off: debugging)
    # Where each setting came from, for error messages: {"select": "--select"}.
    origins: Mapping[str, str] = field(default_factory=dict)
    # The folder `exclude` and `per-file-ignores` globs are relative to, when not `root`:
    # an app's own configuration file below the scan root, or the root before a scan
    # widened it to take in a declaration above the paths given.
    folder: Optional[Path] = None

    @property
    def base(self) -> Path:
        return self.folder or self.root

    def selects(self, code: str) -> bool:
        chosen = any(code.startswith(p) for p in self.select + self.extend_select)
        return chosen and not any(code.startswith(p) for p in self.ignore)

    def check_codes(self, known: Iterable[str]) -> None:
        """Every code or prefix in select/ignore must name at least one known check."""
        known = sorted(known)
        for key in ("select", "extend_select", "ignore"):
            for prefix in getattr(self, key):
                if any(code.startswith(prefix) for code in known):
                    continue
                where = self.origins.get(key, key.replace("_", "-"))
                raise ConfigError(f"{where}: unknown rule code {prefix!r}{_suggest(prefix, known)}")
        for pattern, prefixes in self.per_file_ignores:
            for prefix in prefixes:
                if not any(code.startswith(prefix) for code in known):
                    where = self.origins.get("per_file_ignores", "per-file-ignores")
                    raise ConfigError(
                        f"{where}.{pattern!r}: unknown rule code {prefix!r}{_suggest(prefix, known)}"
                    )


# key -> (field name, kind); kinds: codes, strings, bool, severity, table
_KEYS: Dict[str, Tuple[str, str]] = {
    "select": ("select", "codes"),
    "extend-select": ("extend_select", "codes"),
    "ignore": ("ignore", "codes"),
    "fail-on": ("fail_on", "severity"),
    "exclude": ("exclude", "globs"),
    "extend-exclude": ("extend_exclude", "globs"),
    "respect-gitignore": ("respect_gitignore", "bool"),
    "extend": ("", "path"),
    "disclosure": ("", "table"),
    "app": ("", "declaration"),
    "per-file-ignores": ("per_file_ignores", "per-file-ignores"),
    "require-suppression-reason": ("require_suppression_reason", "bool"),
    "baseline": ("baseline", "file"),
    "jobs": ("jobs", "jobs"),
    "cache-dir": ("cache_dir", "directory"),
}
_DISCLOSURE_KEYS = {"extra-phrases": "disclosure_extra_phrases"}
# What a list of each kind looks like, for the message that asks for one.
_LIST_EXAMPLES = {"codes": '["CL201"]', "globs": '["legacy/", "*.generated.py"]', "strings": '["Acme Autopilot"]'}


def is_setting(key: str) -> bool:
    """Is `key` a configuration setting (for the hint when one is put in the declaration)?"""
    return key in _KEYS


def _suggest(value: str, choices: Sequence[str]) -> str:
    import difflib  # only for a message

    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:100]


def _load_toml(path: Path) -> Dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python < 3.11
        import tomli as tomllib
    try:
        return tomllib.loads(read_regular_text(path))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (ValueError, RecursionError) as exc:  # a number of 100,000 digits, nesting too deep
        raise ConfigError(f"{path}: unreadable TOML: {_first_line(exc)}") from None


def _load_yaml(path: Path) -> Dict[str, Any]:
    import yaml

    from .yamlfile import load

    try:
        data = load(read_regular_text(path))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    except (ValueError, RecursionError) as exc:  # a number of 100,000 digits, nesting too deep
        raise ConfigError(f"{path}: unreadable YAML: {_first_line(exc)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level")
    return data


def read_settings(path: Path) -> Dict[str, Any]:
    """The raw `[tool.complint]` table (pyproject.toml) or the whole file (others)."""
    if path.name == "pyproject.toml":
        tool = _load_toml(path).get("tool", {})
        section = tool.get("complint", {}) if isinstance(tool, dict) else {}
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: [tool.complint] must be a table")
        return section
    if path.suffix == ".toml":
        return _load_toml(path)
    return _load_yaml(path)


def _has_settings(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    try:
        stat = path.stat()
    except OSError:
        return False
    return _pyproject_has_settings(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)  # each app of a repository looks for its own, and above
def _pyproject_has_settings(path: str, mtime_ns: int, size: int) -> bool:
    try:
        text = read_regular_text(Path(path))
    except (OSError, UnicodeDecodeError):
        return False
    # A pyproject.toml holding only the app's declaration ([tool.complint.app]) configures
    # nothing: it must not hide the configuration of the folders around it. `[tool]`
    # holding `complint = ...` is read, and refused when it is no table, rather than ignored.
    return "complint" in text and bool(set(read_settings(Path(path))) - {"app"})


def find_config(start: Path) -> Optional[Path]:
    """The closest configuration file at or above `start`, as ruff finds its own."""
    start = start.resolve()
    directory = start if start.is_dir() else start.parent
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if candidate.is_file() and _has_settings(candidate):
                return candidate
    return None


def _where(path: Path, key: str) -> str:
    section = "[tool.complint] " if path.name == "pyproject.toml" else ""
    return f"{path}: {section}{key}"


def _parse(path: Path, raw: Mapping[str, Any], seen: Tuple[Path, ...]) -> Dict[str, Any]:
    values: Dict[str, Any] = {}
    origins: Dict[str, str] = {}
    extend = raw.get("extend")
    if extend is not None:
        if not isinstance(extend, str):
            raise ConfigError(f"{_where(path, 'extend')}: expected a path to another configuration file")
        base = _extended(path, extend)
        if base in seen:
            raise ConfigError(f"{_where(path, 'extend')}: {extend!r} extends itself in a cycle")
        values = _parse(base, read_settings(base), seen + (base,))
        origins = dict(values.pop("origins", {}))
    for key, value in raw.items():
        if key not in _KEYS:
            raise ConfigError(f"{_where(path, key)}: unknown setting{_unknown_hint(path, key)}")
        name, kind = _KEYS[key]
        where = _where(path, key)
        if kind == "table":
            _parse_disclosure(value, where, values, origins)
            continue
        if kind == "path":
            continue
        if kind == "declaration":
            # The declaration is read (and checked, as CL002) with the app's other manifests.
            if path.name != "pyproject.toml":
                raise ConfigError(
                    f"{where}: the app's declaration belongs in pyproject.toml [tool.complint.app] "
                    "or in complint.yaml, not in configuration"
                )
            continue
        values[name] = _coerce(value, kind, where)
        if name in ("exclude", "extend_exclude"):
            from .discovery import invalid_patterns

            for pattern in invalid_patterns(values[name]):
                raise ConfigError(f"{where}: {pattern!r} is not a gitignore pattern (it matches nothing)")
        if kind in ("file", "directory"):  # relative to the file that names it, as `extend` is
            values[name] = (path.parent / values[name]).resolve()
        origins[name] = where
    values["origins"] = origins
    return values


def _unknown_hint(path: Path, key: str) -> str:
    """The closest setting, or where a key of the app's declaration belongs."""
    from .declaration import is_declaration_key

    if is_declaration_key(key):
        home = "[tool.complint.app] in pyproject.toml" if path.name == "pyproject.toml" else "complint.yaml"
        return f"; {key!r} describes the app: it belongs in its declaration ({home}), not in configuration"
    return _suggest(key, sorted(_KEYS))


def _extended(path: Path, extend: str) -> Path:
    """The configuration file `extend` names, relative to the file that names it."""
    shown = extend if len(extend) <= 80 else extend[:77] + "..."
    try:
        base = (path.parent / extend).resolve()
        if base.is_file():
            return base
        problem = f"{base} does not exist"
    except (OSError, ValueError) as exc:  # a NUL in it, a name too long for the system
        problem = f"{shown!r} is not a usable path ({getattr(exc, 'strerror', None) or exc})"
    raise ConfigError(f"{_where(path, 'extend')}: {problem}")


def _parse_disclosure(value: Any, where: str, values: Dict[str, Any], origins: Dict[str, str]) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table, e.g. [tool.complint.disclosure]")
    for sub, item in value.items():
        if sub not in _DISCLOSURE_KEYS:
            raise ConfigError(f"{where}.{sub}: unknown setting{_suggest(sub, sorted(_DISCLOSURE_KEYS))}")
        values[_DISCLOSURE_KEYS[sub]] = _coerce(item, "strings", f"{where}.{sub}")
        origins[_DISCLOSURE_KEYS[sub]] = f"{where}.{sub}"


def _coerce(value: Any, kind: str, where: str) -> Any:
    if kind in _LIST_EXAMPLES:
        if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: expected a list of strings, e.g. {_LIST_EXAMPLES[kind]}")
        return tuple(v.strip().upper() if kind == "codes" else v for v in value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return value
    if kind == "severity":
        if value not in SEVERITIES:
            raise ConfigError(
                f"{where}: {value!r} is not one of {', '.join(SEVERITIES)}{_suggest(str(value), SEVERITIES)}"
            )
        return value
    if kind == "per-file-ignores":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a table of glob = [codes], e.g. \"tests/*.py\" = [\"CL201\"]")
        return tuple((str(glob), _coerce(codes, "codes", f"{where}.{glob!r}")) for glob, codes in value.items())
    if kind == "file":
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: expected a file path, e.g. \"complint-baseline.json\"")
        return Path(value)
    if kind == "directory":
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: expected a directory path, e.g. \".complint_cache\"")
        return Path(value)
    if kind == "jobs":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f"{where}: expected a number of processes of 1 or more, e.g. 4, got {value!r}")
        return value
    raise AssertionError(kind)


def load_config(start: Path, explicit: Optional[Path] = None) -> Config:
    """Configuration for a scan of `start`; `explicit` is `--config FILE`."""
    start = start.resolve()
    source = explicit.resolve() if explicit else find_config(start)
    root = start if start.is_dir() else start.parent
    if source is None:
        return Config(root=root)
    if not source.is_file():
        raise ConfigError(f"--config: {source} does not exist")
    values = _parse(source, read_settings(source), (source,))
    if explicit is None:
        root = source.parent
    else:
        values["origins"] = {**values["origins"], "config": "--config"}
    return Config(root=root, source=source, **values)


def common_folder(paths: Sequence[Path]) -> Path:
    """The deepest folder holding every path (a file counts as its folder): the scan root,
    whatever order the paths come in."""
    folders = [p if p.is_dir() else p.parent for p in (Path(os.path.abspath(given)) for given in paths)]
    return Path(os.path.commonpath([str(f) for f in folders])) if folders else Path.cwd()


# Settings one run shares: where files come from, the cache, the processes, the baseline.
# Every other setting is the app's own (its closest configuration file wins).
RUN_WIDE = frozenset({"root", "source", "jobs", "cache", "cache_dir", "prefilter", "baseline", "respect_gitignore", "origins", "folder"})


def config_for_app(app_root: Path, run: Config) -> Config:
    """The configuration of the app at `app_root`: the closest configuration file at or above
    it, as ruff finds one per file, with the command line's flags on top. `--config FILE`
    (a run whose configuration came from the command line) applies to every app."""
    if run.origins.get("config") == "--config" or app_root == run.root:
        return run
    source = find_config(app_root)
    if source is None or source == run.source:
        return run
    values = _parse(source, read_settings(source), (source,))
    own = Config(root=run.root, source=source, folder=source.parent, **values)
    flags = {name: getattr(run, name) for name, origin in run.origins.items() if origin.startswith("--")}
    run_wide = {name: getattr(run, name) for name in RUN_WIDE - {"source", "origins", "folder", "root"}}
    origins = dict(own.origins)
    origins.update({name: run.origins[name] for name in flags})
    return replace(own, origins=origins, **{**run_wide, **flags})


def with_overrides(config: Config, **flags: Any) -> Config:
    """Command-line flags replace what files say; None means "not given"."""
    changes: Dict[str, Any] = {}
    origins = dict(config.origins)
    for name, value in flags.items():
        if value is None or value == ():
            continue
        if name in ("select", "extend_select", "ignore"):
            value = tuple(code.strip().upper() for item in value for code in item.split(",") if code.strip())
        changes[name] = value
        origins[name] = "--" + name.replace("_", "-")
    return replace(config, origins=origins, **changes)

