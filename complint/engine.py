"""One way through: discover files, extract facts, build the project, run the checks."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple

from .baseline import BaselineOutcome, filter_known, load_baseline
from .config import Config
from .discovery import discover, within
from .extract import DOCUMENT_SUFFIXES, extract_shown_document
from .facts import FileFacts, FileProblem
from .findings import Finding, severity_rank
from .parallel import extract_all
from .policy import Pack
from .project import Project, shown_paths_of, split_into_apps
from .rules import Context, load_rules
from .suppress import SuppressedFinding, apply_suppressions

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
    apps: Tuple[Project, ...] = ()  # the apps the checks ran on: the project, or its parts

    def failing(self) -> Tuple[Finding, ...]:
        threshold = severity_rank(self.config.fail_on)
        return tuple(f for f in self.findings if severity_rank(f.severity) >= threshold)


def shown_documents(facts: Sequence[FileFacts], root: Path) -> List[FileFacts]:
    """Text files the code shows users that no extractor read (`about/intro.txt`)."""
    known = {f.path for f in facts}
    wanted: List[str] = []
    for file_facts in facts:
        for rel in shown_paths_of(file_facts):
            if rel in known or rel in wanted:
                continue
            path = root / rel
            if posixpath.splitext(rel)[1].lower() in DOCUMENT_SUFFIXES and path.is_file() and within(path, root):
                wanted.append(rel)
    return [extract_shown_document(root / rel, rel) for rel in sorted(wanted)]


def scan(paths: Sequence[Path], config: Config, pack: Pack, parsers: Optional["ParserProcess"] = None) -> ScanResult:
    """Scan `paths`. `parsers`: a process that is importing the parsers (prewarm.py), which
    this scan hands the files to parse, or stops."""
    config.check_codes(pack.checks)
    baseline = load_baseline(config.baseline, config.origins.get("baseline", "baseline")) if config.baseline else None
    found = discover(paths, config)
    # The rules' modules load while other processes read, when any do.
    extraction = extract_all(
        found.files, config, pack, config.jobs, config.cache, config.prefilter, meanwhile=lambda: load_rules(pack),
        parsers=parsers,
    )
    rules = load_rules(pack)
    facts: List[FileFacts] = list(extraction.facts)
    facts += shown_documents(facts, config.root)
    problems = list(found.problems) + list(extraction.notes) + list(pack.notes)
    for file_facts in facts:
        problems.extend(file_facts.problems)
    project = Project(root=config.root, files=tuple(facts), problems=tuple(problems))
    apps = split_into_apps(config.root, tuple(facts), tuple(problems))
    context = Context(pack=pack, config=config)
    findings: List[Finding] = []
    for app in apps:  # obligations are per app: one repository may hold several
        for code, implementation in rules.items():
            if config.selects(code):
                findings.extend(implementation(app, pack.check(code), context))
    findings.sort(key=Finding.sort_key)
    outcome = apply_suppressions(findings, project, pack, config)
    scanned = {f.rel for f in found.files}
    reported, known = filter_known(outcome.findings, baseline, scanned) if baseline else (outcome.findings, None)
    return ScanResult(
        root=config.root,
        findings=reported,
        suppressed=outcome.suppressed,
        baseline=known,
        problems=tuple(sorted(problems, key=lambda p: (p.path, p.line))),
        files_scanned=len(found.files),
        missing_paths=found.missing,
        pack=pack,
        config=config,
        project=project,
        apps=apps,
    )
