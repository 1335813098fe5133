#!/usr/bin/env python3
"""The prefilter, the cache and the replay never change a report: proved on real apps.

For every field-test repository whose clone is present (the repositories of every
`benchmarks/field*_expectations.yaml`, in `--field-dir`, default /work/field), a copy
without `.git` and caches, aged so that a scan may record its inputs (complint/replay.py),
is scanned five times, each a fresh `complint` process with `--format json`:

1. reference: `--no-cache --no-prefilter` (every file parsed, nothing kept);
2. cold: the prefilter on, the cache written;
3. warm: from the facts cache (this run records its inputs);
4. replayed: nothing changed, so the last report is replayed;
5. warm without the prefilter: the cache on, every file parsed.

The findings (every field of each) and the exit code of 2-5 must equal the reference's.
Problems (the report's `errors`) are compared one way: each problem a run reports must be
in the reference; the reference may have more (`--no-prefilter` parses the files the
prefilter spares, and finds their syntax errors: README, "a file complint does not parse
is not checked for syntax").

    python benchmarks/equivalence.py                 # every present clone
    python benchmarks/equivalence.py --repo owner+name --json out.json

Exits 1 when a report differs, else 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from fuzz import age_tree  # noqa: E402  (a script beside this one, not a package)

DEFAULT_FIELD_DIR = Path(os.environ.get("COMPLINT_FIELD_DIR", "/work/field"))
SKIPPED_DIRS = {".git", ".complint_cache", ".ruff_cache"}
RUNS = (
    ("reference", ["--no-cache", "--no-prefilter"]),
    ("cold", []),
    ("warm", []),
    ("replayed", []),
    ("warm, no prefilter", ["--no-prefilter"]),
)


def repositories(field_dir: Path, only: Sequence[str]) -> List[Path]:
    """The clones of every field test present in `field_dir`, by folder name (owner+name)."""
    import yaml

    names: List[str] = []
    for path in sorted(HERE.glob("field*_expectations.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("repos", []):
            names.append(entry.get("dir") or entry["repo"].replace("/", "+"))
    found = [field_dir / n for n in dict.fromkeys(names) if (field_dir / n).is_dir()]
    return [p for p in found if not only or p.name in only]


def copy_aged(source: Path, target: Path, seconds: float = 60.0) -> None:
    """`source` without .git and caches, every file and folder `seconds` old."""
    shutil.copytree(source, target, symlinks=True, ignore=lambda _, names: [n for n in names if n in SKIPPED_DIRS])
    (target / ".complint_cache").mkdir()  # made now, not by the first scan: see replay.py
    age_tree(target, seconds)


def scan(complint: Sequence[str], tree: Path, extra: Sequence[str], env: Dict[str, str], timings: Path) -> Tuple[int, Any, bool]:
    """(exit code, the JSON report or the raw output, whether the report was replayed)."""
    timings.unlink(missing_ok=True)
    done = subprocess.run([*complint, "scan", ".", "--format", "json", *extra], cwd=tree, capture_output=True,
                          text=True, env={**env, "COMPLINT_TIMINGS": str(timings)}, check=False)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        report = done.stdout + done.stderr
    try:
        replayed = "replay" in json.loads(timings.read_text(encoding="utf-8"))["phases"]
    except (OSError, ValueError, KeyError):
        replayed = False
    return done.returncode, report, replayed


def differences(reference: Tuple[int, Any, bool], other: Tuple[int, Any, bool]) -> List[str]:
    """How `other` differs from the reference run; [] when it does not."""
    code, report, _ = other
    ref_code, ref_report, _ = reference
    if not isinstance(report, dict) or not isinstance(ref_report, dict):
        return ["no JSON report" if not isinstance(report, dict) else "the reference gave no JSON report"]
    found: List[str] = []
    if code != ref_code:
        found.append(f"exit code {code}, reference {ref_code}")
    if report.get("findings") != ref_report.get("findings"):
        ours = {json.dumps(f, sort_keys=True) for f in report.get("findings", [])}
        theirs = {json.dumps(f, sort_keys=True) for f in ref_report.get("findings", [])}
        found += [f"extra finding {f}" for f in sorted(ours - theirs)[:3]]
        found += [f"missing finding {f}" for f in sorted(theirs - ours)[:3]]
        if not ours ^ theirs:
            found.append("the same findings in another order")
    problems = {json.dumps(p, sort_keys=True) for p in report.get("errors", report.get("problems", []))}
    reference_problems = {json.dumps(p, sort_keys=True) for p in ref_report.get("errors", ref_report.get("problems", []))}
    found += [f"problem not in the reference {p}" for p in sorted(problems - reference_problems)[:3]]
    return found


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--field-dir", type=Path, default=DEFAULT_FIELD_DIR)
    parser.add_argument("--repo", action="append", default=[], help="only this folder (owner+name); repeatable")
    parser.add_argument("--complint", default=str(Path(sys.executable).parent / "complint"))
    parser.add_argument("--json", type=Path, help="write every repository's result here")
    args = parser.parse_args(argv)

    repos = repositories(args.field_dir, args.repo)
    if not repos:
        print(f"no field-test clone in {args.field_dir}", file=sys.stderr)
        return 1
    env = {k: v for k, v in os.environ.items() if k not in ("COMPLINT_TIMINGS", "FORCE_COLOR")}
    env["NO_COLOR"] = "1"
    work = Path(tempfile.mkdtemp(prefix="complint-equivalence-"))
    results: Dict[str, Dict[str, Any]] = {}
    try:
        for repo in repos:
            tree = work / repo.name
            copy_aged(repo, tree)
            runs = {name: scan([args.complint], tree, extra, env, work / "timings.json") for name, extra in RUNS}
            reference = runs["reference"]
            row: Dict[str, Any] = {"findings": len(reference[1].get("findings", [])) if isinstance(reference[1], dict) else None,
                                   "replayed": runs["replayed"][2], "differences": {}}
            for name, run in runs.items():
                if name != "reference":
                    found = differences(reference, run)
                    if found:
                        row["differences"][name] = found
            results[repo.name] = row
            shutil.rmtree(tree, ignore_errors=True)
            verdict = "same" if not row["differences"] else "DIFFERENT"
            print(f"{repo.name[:56]:56} {row['findings'] if row['findings'] is not None else '-':>4} findings  "
                  f"replayed: {'yes' if row['replayed'] else 'no ':3}  {verdict}")
            for name, found in row["differences"].items():
                for line in found:
                    print(f"    {name}: {line}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    differing = [name for name, row in results.items() if row["differences"]]
    replayed = sum(1 for row in results.values() if row["replayed"])
    print(f"\n{len(results)} repositories: {len(results) - len(differing)} the same in all five runs, "
          f"{len(differing)} different; the fourth run replayed in {replayed}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
