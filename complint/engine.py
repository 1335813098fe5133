"""One way through: discover files, extract facts, build the project, run the checks."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field, replace
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING, Collection, List, Mapping, Optional, Sequence, Tuple

from .baseline import BaselineOutcome, filter_known, load_baseline
from .config import Config, ConfigError, config_for_app, read_settings
from .discovery import Discovery, discover, display_rel, excluded, within
from .extract import DOCUMENT_SUFFIXES, extract_shown_document
from .facts import FileFacts, FileProblem
from .findings import Finding, severity_rank
from . import classcode, derived, patterns, replay, timing
from .flow import resolve_module_texts
from .parallel import extract_all
from .policy import Pack
from .project import Project, find_apps, shown_paths_of
from .rules import Context, Rule, load_rules
from .suppress import SuppressedFinding, SuppressionOutcome, apply_suppressions

if TYPE_CHECKING:
    from .prewarm import ParserProcess


@dataclass(frozen=True)
class ScanResult:
    root: Path
    findings: Tuple[Finding, ...]
    problems: Tuple[FileProblem, ...]
    files_scanned: int
    missing_paths: Tuple[str, ...]
    pack: Pack
    config: Config
    suppressed: Tuple[SuppressedFinding, ...] = ()  # kept out by comments or per-file-ignores
    baseline: Optional[BaselineOutcome] = None  # set when a baseline hid known findings
    project: Optional[Project] = None  # the whole project model (for `check` and `init`)
    apps: Tuple[Project, ...] = ()  # the apps the checks ran on (project.find_apps)
    # Each app's configuration, by app name ("." or its folder): its closest file wins.
    configs: Mapping[str, Config] = field(default_factory=dict)
    skipped_apps: Tuple[Project, ...] = ()  # `--diff`: apps no changed file touches
    discovery: Optional[Discovery] = None  # the files read and skipped (`--show-files`)

    def config_of(self, app: str) -> Config:
        return self.configs.get(app, self.config)

    def failing(self) -> Tuple[Finding, ...]:
        return tuple(
            f for f in self.findings if severity_rank(f.severity) >= severity_rank(self.config_of(f.app).fail_on)
        )

    @property
    def several_apps(self) -> bool:
        """Whether the scan found more than one app: then reports say which app is which."""
        return len(self.apps) + len(self.skipped_apps) > 1


def shown_documents(apps: Sequence[Project], root: Path) -> List[FileFacts]:
    """Text files the code shows users that no extractor read (`about/intro.txt`)."""
    known = {f.path for app in apps for f in app.files}
    wanted: List[str] = []
    for app in apps:
        for file_facts in app.files:
            for rel in shown_paths_of(file_facts, app.prefix):
                if rel in known or rel in wanted:
                    continue
                path = root / rel
                replay.note(path)
                if posixpath.splitext(rel)[1].lower() in DOCUMENT_SUFFIXES and path.is_file() and within(path, root):
                    wanted.append(rel)
    return [extract_shown_document(root / rel, rel) for rel in sorted(wanted)]


def scan(
    paths: Sequence[Path],
    config: Config,
    pack: Pack,
    parsers: Optional["ParserProcess"] = None,
    changed: Optional[Collection[Path]] = None,
) -> ScanResult:
    """Scan `paths`. `parsers`: a process that is importing the parsers (prewarm.py), which
    this scan hands the files to parse, or stops. `changed`: absolute paths of changed
    files (`--diff`); only the apps they touch are judged, each as a whole."""
    above = declarations_above(paths, config.root)
    if above:  # the paths are parts of an app declared above them: the scan takes it in
        top = Path(os.path.commonpath([str(config.root)] + [str(d.parent) for d in above]))
        config = replace(config, root=top, folder=config.base)
    config.check_codes(pack.checks)
    baseline = load_baseline(config.baseline, config.origins.get("baseline", "baseline")) if config.baseline else None
    with timing.phase("discovery"):
        found = discover(list(paths) + above, config)
    # The rules' modules load while other processes read, when any do.
    with timing.phase("extraction"):
        extraction = extract_all(
            found.files, config, pack, config.jobs, config.cache, config.prefilter, meanwhile=lambda: load_rules(pack),
            parsers=parsers,
        )
    modelling = perf_counter()
    rules = load_rules(pack)
    facts: List[FileFacts] = list(extraction.facts)
    if any(f.shown_files for f in facts):  # plain text documents: they move no app's root
        facts += shown_documents(find_apps(config.root, tuple(facts)), config.root)
    facts = resolve_module_texts(facts, config.root)
    problems = list(found.problems) + list(extraction.notes) + list(pack.notes)
    for file_facts in facts:
        problems.extend(file_facts.problems)
    project = Project(root=config.root, files=tuple(facts), problems=tuple(problems))
    apps = find_apps(config.root, tuple(facts), tuple(problems))
    configs = {app.name: config_for_app(config.root / app.prefix, config) for app in apps}
    for own in {id(c): c for c in configs.values()}.values():
        own.check_codes(pack.checks)
    apps = tuple(app if configs[app.name] is config else _without_excluded(app, configs[app.name]) for app in apps)
    skipped: Tuple[Project, ...] = ()
    if changed is not None:
        touched = touched_apps(apps, changed, config.root, configs)
        skipped = tuple(a for a in apps if a not in touched)
        apps = tuple(a for a in apps if a in touched)
    timing.add("project", perf_counter() - modelling)
    findings: List[Finding] = []
    suppressed: List[SuppressedFinding] = []
    with timing.phase("rules"):
        for app in apps:  # obligations are per app: one repository may hold several
            outcome = _judge(app, rules, pack, configs[app.name])
            findings += [replace(f, app=app.name) for f in outcome.findings]
            suppressed += [replace(s, finding=replace(s.finding, app=app.name)) for s in outcome.suppressed]
    findings.sort(key=Finding.sort_key)
    patterns.save()
    derived.save()
    classcode.save()
    judged = {f.path for app in apps for f in app.files}
    scanned = {f.rel for f in found.files if f.rel in judged or changed is None}
    reported, known = filter_known(findings, baseline, scanned) if baseline else (tuple(findings), None)
    if skipped:  # what could not be read in an app that is not judged is no concern of this run
        unjudged = {f.path for app in skipped for f in app.files}
        problems = [p for p in problems if p.path not in unjudged]
    return ScanResult(
        root=config.root,
        findings=reported,
        suppressed=tuple(suppressed),
        baseline=known,
        problems=tuple(sorted(problems, key=lambda p: (p.path, p.line))),
        files_scanned=len(scanned),
        missing_paths=found.missing,
        pack=pack,
        config=config,
        project=project,
        apps=apps,
        configs=configs,
        skipped_apps=skipped,
        discovery=found,
    )


def _judge(app: Project, rules: Mapping[str, Rule], pack: Pack, own: Config) -> SuppressionOutcome:
    """One app's findings, by its own configuration, less what its suppressions keep out."""
    context = Context(pack=pack, config=own)
    mine = [
        finding
        for code, implementation in rules.items()
        if own.selects(code)
        for finding in implementation(app, pack.check(code), context)
    ]
    return apply_suppressions(mine, app, pack, own)


def declarations_above(paths: Sequence[Path], root: Path) -> List[Path]:
    """Declaration files of the apps the paths are parts of, when they lie above the paths:
    the closest at or above each path, up to the repository's top (else the file system's)."""
    out: List[Path] = []
    for given in paths:
        start = Path(os.path.abspath(given))
        folder = start if start.is_dir() else start.parent
        for candidate in (folder, *folder.parents):
            found = declaration_files(candidate)
            if found:
                out += [f for f in found if f != start and not _inside(f, start) and f not in out]
                break
            if (candidate / ".git").exists():
                break
    return out


DECLARATION_FILES = ("complint.yaml", "complint.yml", "pyproject.toml")


def declaration_files(folder: Path) -> List[Path]:
    """The files in `folder` that declare an app: complint.yaml, [tool.complint.app]."""
    for name in DECLARATION_FILES:
        replay.note(folder / name)
    out = [folder / name for name in ("complint.yaml", "complint.yml") if (folder / name).is_file()]
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        try:
            text = pyproject.read_text(encoding="utf-8", errors="replace")
            if "tool.complint" in text and "app" in read_settings(pyproject):
                out.append(pyproject)
        except (OSError, ConfigError):
            pass  # an unreadable pyproject.toml: the scan of its folder reports it
    return out


def _inside(path: Path, folder: Path) -> bool:
    return folder.is_dir() and folder in path.parents


def _without_excluded(app: Project, own: Config) -> Project:
    """An app with its own configuration: without the files its excludes match (the walk
    applied the scan root's)."""
    drop = excluded(own, [f.path for f in app.files])
    if not drop:
        return app
    return replace(app, files=tuple(f for f in app.files if f.path not in drop))


def touched_apps(apps: Sequence[Project], changed: Collection[Path], root: Path, configs: Mapping[str, Config]) -> List[Project]:
    """The apps a change touches: the app that holds a changed (or deleted) file, and every
    app whose configuration file changed."""
    by_depth = sorted(apps, key=lambda a: -len(a.prefix))
    inside = [rel for rel in (display_rel(os.path.abspath(p), root) for p in changed) if not os.path.isabs(rel)]
    changed_files = {Path(os.path.abspath(p)) for p in changed}
    touched: List[Project] = []
    for app in by_depth:
        mine = [r for r in inside if not app.prefix or r == app.prefix or r.startswith(app.prefix + "/")]
        if mine or configs[app.name].source in changed_files:
            touched.append(app)
        inside = [r for r in inside if r not in mine]  # a path belongs to its deepest app
    return sorted(touched, key=lambda a: a.prefix)
