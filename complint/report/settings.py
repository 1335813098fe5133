"""`scan --show-settings` and `--show-files`: the apps found, their configuration, the files."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from ..config import DEFAULT_EXCLUDE, Config
from ..engine import ScanResult
from . import display_path


def render_settings(result: ScanResult, cwd: Path) -> str:
    run = result.config
    lines = [
        f"Scan root: {display_path(result.root, '.', cwd)}",
        f"Cache: {_cache(result, cwd)}",
        f"Processes: {run.jobs or 'one per core'}; prefilter: {'on' if run.prefilter else 'off'}",
        f"Baseline: {display_path(result.root, str(run.baseline), cwd) if run.baseline else 'none'}",
    ]
    apps = sorted(result.apps + result.skipped_apps, key=lambda a: a.prefix)
    configs = [result.config_of(app.name) for app in apps]
    shared = all(c is configs[0] for c in configs)  # one configuration for all: shown once
    if shared:
        lines.append(f"Configuration: {_source(result, run, cwd)}")
        lines += [f"  {line}" for line in _values(run)]
    lines.append(f"Apps: {len(apps)}" + (f" ({len(result.skipped_apps)} unchanged, not judged)" if result.skipped_apps else ""))
    for app, own in zip(apps, configs):
        lines.append("")
        lines.append(f"App {app.name}" + ("  (unchanged: not judged)" if app in result.skipped_apps else ""))
        lines.append(f"  root: {display_path(result.root, app.prefix or '.', cwd)}")
        lines.append(f"  declaration: {_declaration(result, app, cwd)}")
        lines.append(f"  files: {len(app.files)}")
        if not shared:
            lines.append(f"  configuration: {_source(result, own, cwd)}")
            lines += [f"    {line}" for line in _values(own)]
    return "\n".join(lines) + "\n"


def _source(result: ScanResult, config: Config, cwd: Path) -> str:
    if config.source is None:
        return "defaults (no configuration file)"
    return display_path(result.root, str(config.source), cwd)


def _cache(result: ScanResult, cwd: Path) -> str:
    from ..cache import cache_directory

    if not result.config.cache:
        return "off (--no-cache)"
    return display_path(result.root, str(cache_directory(result.config)), cwd)


def _declaration(result: ScanResult, app, cwd: Path) -> str:  # type: ignore[no-untyped-def]
    if app.declaration is not None:
        where = app.declaration.location
        return f"{display_path(result.root, where.path, cwd)}:{where.line}"
    if app.declaration_issues:
        issue = app.declaration_issues[0]
        return f"invalid ({display_path(result.root, issue.location.path, cwd)}:{issue.location.line}: {issue.message})"
    return "none"


def _values(config: Config) -> List[str]:
    def listed(values) -> str:  # type: ignore[no-untyped-def]
        return "[" + ", ".join(f'"{v}"' for v in values) + "]"

    def origin(name: str) -> str:
        where = config.origins.get(name)
        return f"  # {where}" if where else ""

    exclude = "(default)" if config.exclude == DEFAULT_EXCLUDE else listed(config.exclude)
    out = [
        f"select = {listed(config.select)}{origin('select')}",
        f"extend-select = {listed(config.extend_select)}{origin('extend_select')}",
        f"ignore = {listed(config.ignore)}{origin('ignore')}",
        f'fail-on = "{config.fail_on}"{origin("fail_on")}',
        f"exclude = {exclude}{origin('exclude')}",
        f"extend-exclude = {listed(config.extend_exclude)}{origin('extend_exclude')}",
        f"respect-gitignore = {str(config.respect_gitignore).lower()}{origin('respect_gitignore')}",
        f"require-suppression-reason = {str(config.require_suppression_reason).lower()}{origin('require_suppression_reason')}",
        f"disclosure.extra-phrases = {listed(config.disclosure_extra_phrases)}{origin('disclosure_extra_phrases')}",
    ]
    for glob, codes in config.per_file_ignores:
        out.append(f'per-file-ignores."{glob}" = {listed(codes)}{origin("per_file_ignores")}')
    return out


def render_files(result: ScanResult, cwd: Path) -> str:
    """Every file read, with its app when there are several, then what was left out and why."""
    owner: Dict[str, str] = {}
    for app in result.apps + result.skipped_apps:
        for facts in app.files:
            owner[facts.path] = app.name
    discovery = result.discovery
    read = [f.rel for f in discovery.files] if discovery else []
    several = result.several_apps
    lines = [f"Files read: {len(read)}"]
    for rel in read:
        shown = display_path(result.root, rel, cwd)
        app = owner.get(rel)
        if app is None:
            lines.append(f"  {shown}  (left out: its app's configuration excludes it)")
        else:
            lines.append(f"  {shown}" + (f"  [app {app}]" if several else ""))
    skipped = list(discovery.skipped) if discovery else []
    lines.append(f"Files skipped: {len(skipped)}")
    for rel, why in skipped:
        shown = display_path(result.root, rel, cwd) + ("/" if rel.endswith("/") else "")
        lines.append(f"  {shown}  {_why(result.config, rel, why)}")
    return "\n".join(lines) + "\n"


def _why(config: Config, rel: str, why: str) -> str:
    if why != "exclude":
        return why
    from ..discovery import excluded

    for key, patterns in (("exclude", config.exclude), ("extend_exclude", config.extend_exclude)):
        for pattern in patterns:
            one = Config(root=config.root, folder=config.folder, exclude=(pattern,))
            if excluded(one, [rel]):
                where = config.origins.get(key) or ("default" if key == "exclude" else key)
                return f'{key.replace("_", "-")} "{pattern}" ({where})'
    return "exclude"
