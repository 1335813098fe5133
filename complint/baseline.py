"""Baselines and fingerprints: recognise known findings across line moves and unrelated edits."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Collection, Dict, Iterable, List, Optional, Sequence, Tuple

from .config import ConfigError
from .findings import Finding, finding_identity

FORMAT_KEY = "complint-baseline"
# 2: fingerprints of `finding_identity` (rule, app, file, construct). 1: of the rule, the
# file and the message; still read, matched the old way, with a note to rewrite the file.
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
_DIGITS = re.compile(r"\d+")


class BaselineError(ConfigError):
    """A baseline file that cannot be used: the message names the file and the fix."""


def fingerprint(finding: Finding) -> str:
    """A finding's identity (`finding_identity`) as a short hash: no line, no column, no
    message. The evidence is left out too: adding a model call elsewhere must not change
    the identity of a missing disclosure. SARIF, GitLab and baselines all use it."""
    key = "\0".join(finding_identity(finding))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def message_fingerprint(finding: Finding) -> str:
    """The fingerprint of version 1 baselines: the rule, the file and the normalised
    message. Kept to read those files; it changes when a message's reasoning does."""
    message = _DIGITS.sub("0", " ".join(finding.message.lower().split()))
    key = "\0".join((finding.code, finding.location.path, message))
    # A file name that is not UTF-8 holds surrogates (os.fsdecode): its own bytes are hashed.
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def unique_fingerprints(findings: Sequence[Finding]) -> List[str]:
    """One fingerprint per finding, told apart by occurrence when two are alike.

    Code-quality UIs collapse findings with equal fingerprints; the n-th identical finding
    in a file (in line order) gets the n-th derived fingerprint, which survives line moves.
    """
    seen: Counter = Counter()
    out: List[str] = []
    for finding in findings:
        base = fingerprint(finding)
        n = seen[base]
        seen[base] += 1
        out.append(base if n == 0 else hashlib.sha256(f"{base}:{n}".encode()).hexdigest()[:32])
    return out


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    rule: str
    path: str
    message: str


@dataclass(frozen=True)
class Baseline:
    path: Path
    entries: Tuple[BaselineEntry, ...]
    version: int = FORMAT_VERSION

    @property
    def outdated(self) -> bool:
        """Written by an older complint: its entries are matched by message, not identity."""
        return self.version < FORMAT_VERSION


@dataclass(frozen=True)
class BaselineOutcome:
    """What a baseline did to a scan: how many findings it knew, which entries are stale."""

    path: Path
    known: int
    stale: Tuple[BaselineEntry, ...]
    outdated: bool = False


def filter_known(
    findings: Sequence[Finding], baseline: Baseline, scanned: Optional[Collection[str]] = None
) -> Tuple[Tuple[Finding, ...], BaselineOutcome]:
    """The findings the baseline does not know.

    Entries are counted, not looked up: a baseline that holds one finding hides one
    finding, so a second, identical finding added later is reported as new. An entry is
    stale when nothing matched it in a file that was scanned (`scanned`: all, if None).
    """
    remaining: Counter = Counter(e.fingerprint for e in baseline.entries)
    identify = message_fingerprint if baseline.outdated else fingerprint
    new: List[Finding] = []
    for finding in findings:
        key = identify(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(finding)
    stale: List[BaselineEntry] = []
    for entry in baseline.entries:
        if remaining[entry.fingerprint] > 0:
            remaining[entry.fingerprint] -= 1
            if scanned is None or entry.path in scanned:
                stale.append(entry)
    known = len(findings) - len(new)
    return tuple(new), BaselineOutcome(baseline.path, known, tuple(stale), baseline.outdated)


def baseline_document(findings: Iterable[Finding]) -> Dict[str, object]:
    entries = sorted(
        (
            {"fingerprint": fingerprint(f), "rule": f.code, "path": f.location.path, "message": f.message}
            for f in findings
        ),
        key=lambda e: (e["path"], e["rule"], e["fingerprint"]),
    )
    return {FORMAT_KEY: FORMAT_VERSION, "findings": entries}


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    import json

    document = baseline_document(findings)
    from .files import write_atomic

    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: kept, escaped
        data = (json.dumps(document, indent=2) + "\n").encode("ascii")
    try:
        write_atomic(path, data, devices=True)
    except OSError as exc:
        raise BaselineError(f"--write-baseline: cannot write {path}: {exc.strerror or exc}") from None
    return len(document["findings"])  # type: ignore[arg-type]


def load_baseline(path: Path, origin: str = "--baseline") -> Baseline:
    """Read a baseline written by `--write-baseline`; `origin` names the setting that chose it."""
    import json

    fix = f"write one with `complint scan --write-baseline {path}`"
    from .files import read_regular_text

    try:
        data = json.loads(read_regular_text(path))
    except FileNotFoundError:
        raise BaselineError(f"{origin}: {path} does not exist; {fix}") from None
    except OSError as exc:
        raise BaselineError(f"{origin}: cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: not a complint baseline (not UTF-8 text); {fix}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}; {fix}") from None
    except (ValueError, RecursionError) as exc:  # nested too deep, a number of 100,000 digits
        reason = str(exc).splitlines()[0][:100] or type(exc).__name__
        raise BaselineError(f"{path}: not a complint baseline ({reason}); {fix}") from None
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        raise BaselineError(f'{path}: not a complint baseline (no "{FORMAT_KEY}": {FORMAT_VERSION}); {fix}')
    version = data[FORMAT_KEY]
    if version not in READABLE_VERSIONS:
        raise BaselineError(
            f'{path}: "{FORMAT_KEY}": {version!r} is a baseline format this complint cannot read '
            f"(it reads {', '.join(map(str, READABLE_VERSIONS))}); {fix}"
        )
    raw_entries = data.get("findings")
    if not isinstance(raw_entries, list):
        raise BaselineError(f'{path}: "findings": expected a list; {fix}')
    entries = []
    for index, raw in enumerate(raw_entries):
        if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) for k in ("fingerprint", "rule", "path")):
            raise BaselineError(f'{path}: "findings"[{index}]: expected fingerprint, rule and path as text; {fix}')
        entries.append(BaselineEntry(raw["fingerprint"], raw["rule"], raw["path"], str(raw.get("message", ""))))
    return Baseline(path, tuple(entries), version)
