#!/usr/bin/env python3
"""Field test: run complint on real AI apps nobody wrote for it and score the findings.

The repositories are not part of complint: they are clones, at a fixed commit, in a folder
of their own (default /work/field, or $COMPLINT_FIELD_DIR, or --field-dir), one folder per
repository named ``owner+name``. ``benchmarks/field_expectations.yaml`` says, for each one,
what a careful compliance reviewer expects complint to report; it was written before
complint's output was seen. This script scans every clone that is present, compares, and
prints the table and the totals:

    python benchmarks/field.py                     # all repositories, text table
    python benchmarks/field.py --format markdown   # the table of docs/field-test.md
    python benchmarks/field.py --repo vercel/ai-chatbot --details

Scoring (CL001, the missing declaration, is scored apart: every repository gets it):

* a reported finding whose rule (and, for repositories with several apps, folder) matches
  an expected entry is *right*; more reports for the same entry are duplicates;
* one that matches a ``debatable`` entry is *debatable*, counted neither way;
* one that matches nothing is a *false alarm*;
* an ``expected`` entry nothing matched is *missed*.

Precision = right / (right + false alarms); recall = right / (right + missed).

A repository whose clone is absent, or at another commit, is skipped with a note. The
script needs no network, never raises, and exits 0 (``--strict`` exits 1 on a crash).

Clones can be made from local mirrors (bare git directories, one per repository, at
``<mirror-dir>/owner+name/repo`` or ``<mirror-dir>/owner+name``): ``--materialise`` makes
each absent clone with ``git clone --shared`` and checks out the recorded commit.

The second field test (``--expectations benchmarks/field2_expectations.yaml``) is split
into a development half and a held-out half by a fixed rule that the file names
(``split: sha256-first-byte``): a repository whose name ``owner/name`` hashes (SHA-256 of
its UTF-8 bytes) to a first byte that is even belongs to the development half, odd to the
held-out half. Totals are then printed per half; ``--half`` runs one half only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
DEFAULT_EXPECTATIONS = HERE / "field_expectations.yaml"
DEFAULT_FIELD_DIR = Path(os.environ.get("COMPLINT_FIELD_DIR", "/work/field"))
DEFAULT_MIRROR_DIR = Path(os.environ.get("COMPLINT_MIRROR_DIR", "/work/.mirror"))
SPLIT_RULE = "sha256-first-byte"
HALVES = ("development", "held-out")
CRASH_MARKERS = ("Traceback (most recent call last)", "internal error")


@dataclass
class Verdict:
    verdict: str  # right | false alarm | missed | debatable | duplicate
    code: str
    where: str
    reason: str


@dataclass
class RepoResult:
    repo: str
    dir: str
    commit: str
    kind: str
    half: str = ""
    status: str = "ok"  # ok | absent | other-commit | crashed | timeout
    note: str = ""
    seconds: Optional[float] = None
    files: Optional[int] = None
    exit_code: Optional[int] = None
    reported: List[Dict[str, Any]] = field(default_factory=list)
    verdicts: List[Verdict] = field(default_factory=list)
    cl001: str = ""  # right | missed | false alarm | debatable | n/a
    errors: List[str] = field(default_factory=list)
    crash: str = ""

    def count(self, verdict: str) -> int:
        return sum(1 for v in self.verdicts if v.verdict == verdict)


# --------------------------------------------------------------------------- loading


def load_expectations(path: Path) -> List[Dict[str, Any]]:
    return load_document(path)[1]


def load_document(path: Path) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
    """(the file's top-level settings without ``repos``, the repository entries)."""
    try:
        import yaml
    except ImportError:  # complint depends on PyYAML, so this only happens outside its venv
        print(f"field.py: PyYAML is not installed; cannot read {path}", file=sys.stderr)
        return {}, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        print(f"field.py: cannot read {path}: {exc}", file=sys.stderr)
        return {}, []
    if not isinstance(data, dict):
        return {}, []
    repos = data.get("repos")
    settings = {k: v for k, v in data.items() if k != "repos"}
    return settings, [r for r in repos or [] if isinstance(r, dict) and r.get("dir")]


def half_of(repo: str) -> str:
    """The fixed split: first byte of SHA-256(owner/name) even -> development, odd -> held-out."""
    first = hashlib.sha256(repo.encode("utf-8")).digest()[0]
    return HALVES[0] if first % 2 == 0 else HALVES[1]


def _mirror_git_dir(mirror_dir: Path, name: str) -> Optional[Path]:
    for candidate in (mirror_dir / name / "repo", mirror_dir / name):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


def materialise(spec: Dict[str, Any], field_dir: Path, mirror_dir: Path) -> str:
    """Make the clone of one repository from its local mirror at the recorded commit; a note."""
    name, commit = str(spec["dir"]), str(spec.get("commit") or "")
    clone = field_dir / name
    if clone.is_dir():
        return ""
    git_dir = _mirror_git_dir(mirror_dir, name)
    if git_dir is None:
        return f"{name}: no mirror under {mirror_dir}"

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], capture_output=True, text=True, timeout=300, check=False)

    try:
        if commit and git("--git-dir", str(git_dir), "cat-file", "-e", f"{commit}^{{commit}}").returncode != 0:
            return f"{name}: the mirror lacks commit {commit[:12]}"
        field_dir.mkdir(parents=True, exist_ok=True)
        made = git("clone", "--quiet", "--shared", "--no-checkout", str(git_dir), str(clone))
        if made.returncode != 0:
            return f"{name}: git clone failed: {made.stderr.strip()[:200]}"
        out = git("-C", str(clone), "checkout", "--quiet", "--detach", commit or "HEAD")
        if out.returncode != 0:
            return f"{name}: checkout failed: {out.stderr.strip()[:200]}"
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{name}: {exc}"
    return f"{name}: made at {commit[:12] or 'HEAD'}"


def git_head(clone: Path) -> Optional[str]:
    try:
        out = subprocess.run(
            ["git", "-C", str(clone), "rev-parse", "HEAD"],
            capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


# --------------------------------------------------------------------------- running


def run_complint(clone: Path, python: str, timeout: float) -> Tuple[str, Dict[str, Any], float, int, str]:
    """Scan one clone: (status, report, seconds, exit code, stderr)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    command = [python, "-m", "complint", "scan", ".", "--format", "json"]
    start = time.perf_counter()
    try:
        proc = subprocess.run(command, cwd=str(clone), env=env, capture_output=True, text=True,
                              timeout=timeout, errors="replace", check=False)
    except subprocess.TimeoutExpired:
        return "timeout", {}, time.perf_counter() - start, -1, f"no answer in {timeout:.0f} s"
    except OSError as exc:
        return "crashed", {}, time.perf_counter() - start, -1, str(exc)
    seconds = time.perf_counter() - start
    try:
        report = json.loads(proc.stdout) if proc.stdout.strip() else {}
    except ValueError:
        report = {}
    if not isinstance(report, dict):
        report = {}
    status = "ok"
    if proc.returncode not in (0, 1) or "findings" not in report:
        status = "crashed"
    if any(marker in proc.stderr for marker in CRASH_MARKERS):
        status = "crashed"
    return status, report, seconds, proc.returncode, proc.stderr


# --------------------------------------------------------------------------- scoring


def _in_scope(entry: Dict[str, Any], path: str) -> bool:
    scope = entry.get("scope")
    if not scope:
        return True
    if isinstance(scope, str):
        scope = [scope]
    return any(path == s or path.startswith(s) for s in scope)


def _where(finding: Dict[str, Any]) -> str:
    return f"{finding.get('path')}:{finding.get('line')}"


def _same_file(entry: Dict[str, Any], finding: Dict[str, Any]) -> bool:
    want = entry.get("path")
    if not want:
        return True
    paths = {finding.get("path")} | {e.get("path") for e in finding.get("evidence") or [] if isinstance(e, dict)}
    return want in paths


def score(spec: Dict[str, Any], findings: List[Dict[str, Any]]) -> Tuple[List[Verdict], str]:
    expected = [e for e in spec.get("expected") or [] if isinstance(e, dict) and e.get("code")]
    rules = [e for e in expected if e["code"] != "CL001"]
    declaration = [e for e in expected if e["code"] == "CL001"]
    verdicts: List[Verdict] = []
    matched: Dict[int, bool] = {}

    for finding in findings:
        rule = finding.get("rule")
        if rule == "CL001":
            continue
        path = str(finding.get("path") or "")
        candidates = [i for i, e in enumerate(rules) if e["code"] == rule and _in_scope(e, path)]
        open_expected = [i for i in candidates if rules[i].get("status", "expected") == "expected" and i not in matched]
        done_expected = [i for i in candidates if rules[i].get("status", "expected") == "expected" and i in matched]
        debatable = [i for i in candidates if rules[i].get("status") == "debatable"]
        if open_expected:
            i = open_expected[0]
            matched[i] = True
            entry = rules[i]
            place = "" if _same_file(entry, finding) else f" (reviewer pointed at {entry.get('path')}:{entry.get('line')})"
            verdicts.append(Verdict("right", rule, _where(finding), f"as expected{place}"))
        elif done_expected:
            verdicts.append(Verdict("duplicate", rule, _where(finding), "another report of an expected finding"))
        elif debatable:
            verdicts.append(Verdict("debatable", rule, _where(finding), str(rules[debatable[0]].get("note", ""))[:160]))
        else:
            verdicts.append(Verdict("false alarm", rule, _where(finding), str(finding.get("message", ""))[:160]))

    for i, entry in enumerate(rules):
        if entry.get("status", "expected") == "expected" and i not in matched:
            where = f"{entry.get('path')}:{entry.get('line')}" if entry.get("path") else "-"
            verdicts.append(Verdict("missed", entry["code"], where, str(entry.get("note", ""))[:160]))

    reported = any(f.get("rule") == "CL001" for f in findings)
    if declaration:
        wanted = declaration[0].get("status", "expected") == "expected"
        cl001 = ("right" if reported else "missed") if wanted else "debatable"
    else:
        cl001 = "false alarm" if reported else "n/a"
    return verdicts, cl001


def evaluate(spec: Dict[str, Any], field_dir: Path, python: str, timeout: float, any_commit: bool,
             split: bool = False) -> RepoResult:
    result = RepoResult(
        repo=str(spec.get("repo", spec["dir"])), dir=str(spec["dir"]),
        commit=str(spec.get("commit", "")), kind=str(spec.get("kind", "")),
    )
    if split:
        result.half = half_of(result.repo)
    clone = field_dir / result.dir
    if not clone.is_dir():
        result.status, result.note = "absent", f"no clone at {clone}"
        return result
    head = git_head(clone)
    if result.commit and head != result.commit and not any_commit:
        result.status = "other-commit"
        result.note = f"clone is at {head[:12] if head else 'an unknown commit'}, expectations are for {result.commit[:12]}"
        return result
    status, report, seconds, code, stderr = run_complint(clone, python, timeout)
    result.status, result.seconds, result.exit_code = status, seconds, code
    result.files = (report.get("summary") or {}).get("files_scanned") if isinstance(report.get("summary"), dict) else None
    for problem in report.get("errors") or []:
        if isinstance(problem, dict):
            result.errors.append(f"{problem.get('path')}: {problem.get('message') or problem.get('reason') or ''}".strip())
        else:
            result.errors.append(str(problem))
    if status != "ok":
        lines = [ln for ln in stderr.strip().splitlines() if ln.strip()]
        result.crash = lines[-1] if lines else f"exit code {code}, no JSON report"
        return result
    findings = [f for f in report.get("findings") or [] if isinstance(f, dict)]
    result.reported = findings
    result.verdicts, result.cl001 = score(spec, findings)
    return result


# --------------------------------------------------------------------------- output


def _expected_text(spec: Dict[str, Any]) -> str:
    parts = []
    for e in spec.get("expected") or []:
        if not isinstance(e, dict) or e.get("code") == "CL001":
            continue
        tag = "?" if e.get("status") == "debatable" else ""
        parts.append(f"{e.get('code')}{tag}")
    return ", ".join(parts) or "-"


def _reported_text(result: RepoResult) -> str:
    if result.status != "ok":
        return "-"
    parts = [f"{f.get('rule')} {_where(f)}" for f in result.reported if f.get("rule") != "CL001"]
    return "; ".join(parts) or "-"


def _verdict_text(result: RepoResult) -> str:
    if result.status != "ok":
        return result.status + (f": {result.note or result.crash}" if (result.note or result.crash) else "")
    parts = [f"{v.code} {v.verdict}" for v in result.verdicts]
    return "; ".join(parts) or "nothing else reported, as expected"


def totals(results: List[RepoResult]) -> Dict[str, Any]:
    ran = [r for r in results if r.status in ("ok", "crashed", "timeout")]
    ok = [r for r in results if r.status == "ok"]
    right = sum(r.count("right") for r in ok)
    false_alarms = sum(r.count("false alarm") for r in ok)
    missed = sum(r.count("missed") for r in ok)
    debatable = sum(r.count("debatable") for r in ok)
    cl001 = {k: sum(1 for r in ok if r.cl001 == k) for k in ("right", "missed", "false alarm", "debatable")}
    return {
        "repositories": len(results),
        "scanned": len(ran),
        "skipped": len(results) - len(ran),
        "crashes": sum(1 for r in ran if r.status != "ok"),
        "files_with_errors": sum(len(r.errors) for r in ran),
        "right": right,
        "false_alarms": false_alarms,
        "missed": missed,
        "debatable_reported": debatable,
        "precision": right / (right + false_alarms) if right + false_alarms else None,
        "recall": right / (right + missed) if right + missed else None,
        "cl001": cl001,
        "seconds": round(sum(r.seconds or 0.0 for r in ran), 2),
    }


def _pct(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def half_totals(results: List[RepoResult]) -> Dict[str, Dict[str, Any]]:
    """Totals per half of the split (empty when the results carry no half)."""
    if not any(r.half for r in results):
        return {}
    return {h: totals([r for r in results if r.half == h]) for h in HALVES if any(r.half == h for r in results)}


def print_text(results: List[RepoResult], specs: Dict[str, Dict[str, Any]], details: bool) -> None:
    for r in results:
        head = f"{r.repo} @ {r.commit[:7]}" + (f" ({r.half})" if r.half else "")
        if r.status in ("absent", "other-commit"):
            print(f"{head}: skipped ({r.note})")
            continue
        time_text = f"{r.seconds:.1f} s" if r.seconds is not None else "-"
        print(f"{head}  [{r.kind[:60]}]  {time_text}, {r.files} files, CL001 {r.cl001 or '-'}")
        print(f"    expected: {_expected_text(specs[r.dir])}")
        print(f"    reported: {_reported_text(r)}")
        print(f"    verdict:  {_verdict_text(r)}")
        if r.errors:
            print(f"    errors:   {'; '.join(r.errors)}")
        if details:
            for v in r.verdicts:
                print(f"      - {v.verdict:11} {v.code} {v.where}: {v.reason}")
    for half, t in half_totals(results).items():
        print(f"\n== {half} half")
        print_totals(t)
    if half_totals(results):
        print("\n== both halves")
    print_totals(totals(results))


def print_totals(t: Dict[str, Any]) -> None:
    print()
    print(f"repositories {t['repositories']}: scanned {t['scanned']}, skipped {t['skipped']}, "
          f"crashes {t['crashes']}, files reported in errors {t['files_with_errors']}, total {t['seconds']} s")
    print(f"findings (without CL001): right {t['right']}, false alarms {t['false_alarms']}, "
          f"missed {t['missed']}, debatable {t['debatable_reported']}")
    print(f"precision {_pct(t['precision'])}, recall {_pct(t['recall'])}")
    c = t["cl001"]
    print(f"CL001: right {c['right']}, missed {c['missed']}, false alarms {c['false alarm']}, debatable {c['debatable']}")


def _short(kind: str, width: int = 60) -> str:
    kind = kind.split(" - ")[0]
    if len(kind) <= width:
        return kind
    return kind[:width].rsplit(" ", 1)[0] + " …"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def print_markdown(results: List[RepoResult], specs: Dict[str, Dict[str, Any]]) -> None:
    split = any(r.half for r in results)
    print("| repository | " + ("half | " if split else "") + "commit | kind | reviewer expects | complint reported | verdict | errors | time |")
    print("|---|" + ("---|" if split else "") + "---|---|---|---|---|---|---|")
    for r in results:
        spec = specs[r.dir]
        time_text = f"{r.seconds:.1f} s" if r.seconds is not None else "-"
        cl001 = f"CL001 {r.cl001}; " if r.cl001 and r.cl001 != "n/a" else ""
        verdict = _verdict_text(r) if r.status != "ok" else cl001 + _verdict_text(r)
        print("| " + " | ".join(_cell(x) for x in (
            r.repo, *((r.half,) if split else ()), r.commit[:7], _short(r.kind), _expected_text(spec),
            _reported_text(r), verdict, "; ".join(r.errors) or "-", time_text,
        )) + " |")
    print()
    for half, t in half_totals(results).items():
        print(f"{half.capitalize()} half: " + _markdown_totals(t))
        print()
    print(("Both halves: " if split else "") + _markdown_totals(totals(results)))


def _markdown_totals(t: Dict[str, Any]) -> str:
    return (f"Precision {_pct(t['precision'])} ({t['right']} right, {t['false_alarms']} false alarms); "
            f"recall {_pct(t['recall'])} ({t['right']} right, {t['missed']} missed); "
            f"{t['debatable_reported']} debatable reports; crashes {t['crashes']}; "
            f"CL001 right {t['cl001']['right']}, missed {t['cl001']['missed']}, false alarms {t['cl001']['false alarm']}.")


def print_json(results: List[RepoResult]) -> None:
    out = {
        "repositories": [
            {
                "repo": r.repo, "dir": r.dir, "commit": r.commit, "kind": r.kind, "half": r.half, "status": r.status,
                "note": r.note, "seconds": r.seconds, "files": r.files, "exit_code": r.exit_code,
                "cl001": r.cl001, "errors": r.errors, "crash": r.crash,
                "reported": [{"rule": f.get("rule"), "path": f.get("path"), "line": f.get("line")} for f in r.reported],
                "verdicts": [v.__dict__ for v in r.verdicts],
            }
            for r in results
        ],
        "totals": totals(results),
        "halves": half_totals(results),
    }
    print(json.dumps(out, indent=2))


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--field-dir", type=Path, default=DEFAULT_FIELD_DIR,
                        help="folder holding the clones, one owner+name folder each (default: %(default)s)")
    parser.add_argument("--expectations", type=Path, default=DEFAULT_EXPECTATIONS, help="expectations YAML")
    parser.add_argument("--repo", action="append", default=[],
                        help="only this repository (owner/name or owner+name); repeatable")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    parser.add_argument("--details", action="store_true", help="one line per verdict, with its reason")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per repository (default: %(default)s)")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs complint")
    parser.add_argument("--any-commit", action="store_true", help="scan clones even when HEAD differs")
    parser.add_argument("--strict", action="store_true", help="exit 1 when complint crashed or timed out")
    parser.add_argument("--half", choices=HALVES, help="only this half of a split expectations file")
    parser.add_argument("--materialise", action="store_true",
                        help="make absent clones from local mirrors at the recorded commit, then run")
    parser.add_argument("--mirror-dir", type=Path, default=DEFAULT_MIRROR_DIR,
                        help="folder of bare git mirrors, owner+name/repo each (default: %(default)s)")
    args = parser.parse_args(argv)

    settings, specs_list = load_document(args.expectations)
    split = settings.get("split") == SPLIT_RULE
    if settings.get("split") and not split:
        print(f"field.py: unknown split rule {settings.get('split')!r}; totals are not split", file=sys.stderr)
    if args.half:
        specs_list = [s for s in specs_list if split and half_of(str(s.get("repo", s["dir"]))) == args.half]
    if args.repo:
        wanted = {name.replace("/", "+") for name in args.repo}
        specs_list = [s for s in specs_list if s["dir"] in wanted]
    specs = {s["dir"]: s for s in specs_list}
    if not specs_list:
        print("field.py: no repositories to run (check --expectations and --repo)")
        return 0

    if args.materialise:
        for spec in specs_list:
            note = materialise(spec, args.field_dir, args.mirror_dir)
            if note:
                print(f"field.py: {note}", file=sys.stderr)

    results: List[RepoResult] = []
    for spec in specs_list:
        if args.format == "text":
            print(f"... {spec.get('repo', spec['dir'])}", file=sys.stderr)
        try:
            results.append(evaluate(spec, args.field_dir, args.python, args.timeout, args.any_commit, split))
        except Exception as exc:  # noqa: BLE001 - the benchmark reports, it never stops
            broken = RepoResult(repo=str(spec.get("repo")), dir=spec["dir"], commit=str(spec.get("commit", "")),
                                kind=str(spec.get("kind", "")), status="crashed",
                                half=half_of(str(spec.get("repo", spec["dir"]))) if split else "")
            broken.crash = f"field.py could not evaluate it: {type(exc).__name__}: {exc}"
            results.append(broken)

    if args.format == "markdown":
        print_markdown(results, specs)
    elif args.format == "json":
        print_json(results)
    else:
        print_text(results, specs, args.details)
    crashed = any(r.status in ("crashed", "timeout") for r in results)
    return 1 if (args.strict and crashed) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
