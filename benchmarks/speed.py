#!/usr/bin/env python3
"""How fast complint scans the repositories users scan: small AI apps, cold and warm.

The workload is every repository of both field tests (`benchmarks/field_expectations.yaml`
and `benchmarks/field2_expectations.yaml`) whose clone is present (`--field-dir`, default
/work/field; `python benchmarks/field.py --materialise` makes them). Each is copied, without
its `.git` and caches, into a temporary folder, and each figure is the wall time of one
fresh process, as pre-commit and CI run it:

- floor: a Python process that imports nothing and reads every file of the tree once;
- ruff: `ruff check --no-cache --exit-zero` on the same tree (where ruff is installed);
- cold: `complint scan --no-cache` (every CI run);
- warm: `complint scan` with its cache filled by runs before, nothing changed: the last
  run's report is replayed (complint/replay.py; a run records its inputs only when none
  changed just before it, and the run that made the cache folder changed the scanned one,
  so the cache is filled by two runs, the second after every other repository's first);
- touched: the same, after one source file's modification time changed (its content did
  not): the replay misses, and the scan runs on its facts cache, parsing nothing (what
  every warm run cost before the replay).

Cold and warm runs also say where their time went (`COMPLINT_TIMINGS`): start-up and
imports (the wall time the process spent before and around the phases), configuration,
pack, discovery, extraction (prefilter and each language), project, rules, report.

These machines are noisy and the noise comes in spells, so the figures are taken in rounds
(`--rounds`), each round one of each figure for every repository; a repository's figure is
its median over the rounds, and a ratio is the median over the rounds of that round's
totals' ratio. Peak memory is the largest resident set of any complint process.

    python benchmarks/speed.py                  # every present repository, 3 rounds
    python benchmarks/speed.py --rounds 5 --repo vercel+ai-chatbot
    python benchmarks/speed.py --json out.json  # every figure, for comparing two runs
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
EXPECTATIONS = (REPO / "benchmarks" / "field_expectations.yaml", REPO / "benchmarks" / "field2_expectations.yaml")
DEFAULT_FIELD_DIR = Path(os.environ.get("COMPLINT_FIELD_DIR", "/work/field"))
SKIPPED_DIRS = {".git", ".complint_cache", ".ruff_cache"}
SOURCE_SUFFIXES = {".py", ".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".vue", ".svelte", ".html", ".htm", ".jinja", ".j2"}
# What issue 17 asks of the workload.
TARGETS = {"cold": 15.0, "warm": 4.0}
KINDS = ("floor", "ruff", "cold", "warm", "touched")
SMALL_LINES, SMALL_COLD = 5000, 0.5

FLOOR = (
    "import os, sys\n"
    "for d, ds, fs in os.walk(sys.argv[1]):\n"
    "    for f in fs:\n"
    "        p = os.path.join(d, f)\n"
    "        if os.path.isfile(p) and not os.path.islink(p):\n"
    "            with open(p, 'rb') as h: h.read()\n"
)


def repositories(field_dir: Path, only: Sequence[str]) -> List[Path]:
    """The clones of both field tests present in `field_dir`, by folder name (owner+name)."""
    import yaml

    names: List[str] = []
    for path in EXPECTATIONS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data.get("repos", []):
            names.append(entry.get("dir") or entry["repo"].replace("/", "+"))
    found = [field_dir / n for n in dict.fromkeys(names) if (field_dir / n).is_dir()]
    return [p for p in found if not only or p.name in only]


def copy_tree(source: Path, target: Path) -> Tuple[int, int]:
    """Copy without .git and caches; (files, lines of source code)."""
    files = lines = 0
    for folder, dirs, names in os.walk(source):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        rel = Path(folder).relative_to(source)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in names:
            src = Path(folder) / name
            if src.is_symlink() or not src.is_file():
                continue
            shutil.copy2(src, target / rel / name)
            files += 1
            if src.suffix.lower() in SOURCE_SUFFIXES:
                with open(src, "rb") as handle:
                    lines += handle.read().count(b"\n")
    return files, lines


def touch_one(tree: Path) -> bool:
    """Change one source file's modification time, not its content: False when there is none."""
    for folder, dirs, names in sorted(os.walk(tree)):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.suffix.lower() in SOURCE_SUFFIXES and ".complint_cache" not in path.parts:
                os.utime(path)
                return True
    return False


def run(command: Sequence[str], env: Dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - started


def timed_complint(command: Sequence[str], env: Dict[str, str], timings: Path) -> Tuple[float, Dict[str, float]]:
    timings.unlink(missing_ok=True)
    wall = run(command, {**env, "COMPLINT_TIMINGS": str(timings)})
    try:
        data = json.loads(timings.read_text())
    except (OSError, ValueError):
        return wall, {}
    phases = {k: v for k, v in data["phases"].items() if k != "extraction"}
    inside = sum(v for k, v in data["phases"].items() if not k.startswith("extraction: "))
    phases["start-up and imports"] = max(0.0, wall - inside)
    return wall, phases


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--field-dir", type=Path, default=DEFAULT_FIELD_DIR)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repo", action="append", default=[], help="only this folder (owner+name); repeatable")
    parser.add_argument("--complint", default=str(Path(sys.executable).parent / "complint"))
    parser.add_argument("--ruff", default=shutil.which("ruff") or str(Path(sys.executable).parent / "ruff"))
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args(argv)

    repos = repositories(args.field_dir, args.repo)
    if not repos:
        print(f"no field-test clone in {args.field_dir}", file=sys.stderr)
        return 1
    has_ruff = Path(args.ruff).is_file()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "COMPLINT_TIMINGS")}
    env["NO_COLOR"] = "1"
    work = Path(tempfile.mkdtemp(prefix="complint-speed-"))
    try:
        trees: Dict[str, Tuple[Path, int, int]] = {}
        for repo in repos:
            target = work / repo.name
            trees[repo.name] = (target, *copy_tree(repo, target))
        timings = work / "timings.json"
        figures: Dict[str, Dict[str, List[float]]] = {name: {} for name in trees}
        phases: Dict[str, Dict[str, float]] = {"cold": {}, "warm": {}, "touched": {}}
        rounds: List[Dict[str, float]] = []
        version = [run([args.complint, "--version"], env) for _ in range(max(3, args.rounds))]
        for number in range(args.rounds):
            totals = {kind: 0.0 for kind in KINDS}
            measured: Dict[str, Dict[str, Dict[str, float]]] = {name: {} for name in trees}
            for name, (tree, _, _) in trees.items():
                got = figures[name]
                got.setdefault("floor", []).append(run([sys.executable, "-S", "-c", FLOOR, str(tree)], env))
                if has_ruff:
                    got.setdefault("ruff", []).append(run([args.ruff, "check", "--no-cache", "--exit-zero", "-q", str(tree)], env))
                cold, measured[name]["cold"] = timed_complint([args.complint, "scan", "--no-cache", "-q", str(tree)], env, timings)
                got.setdefault("cold", []).append(cold)
                shutil.rmtree(tree / ".complint_cache", ignore_errors=True)
                run([args.complint, "scan", "-q", str(tree)], env)  # fills the cache, makes its folder
            for name, (tree, _, _) in trees.items():  # every other repository's runs in between: > 2 s
                run([args.complint, "scan", "-q", str(tree)], env)  # records its inputs
            for name, (tree, _, _) in trees.items():
                got = figures[name]
                warm, measured[name]["warm"] = timed_complint([args.complint, "scan", "-q", str(tree)], env, timings)
                got.setdefault("warm", []).append(warm)
                touched = touch_one(tree)
                if touched:
                    seconds, measured[name]["touched"] = timed_complint([args.complint, "scan", "-q", str(tree)], env, timings)
                    got.setdefault("touched", []).append(seconds)
                shutil.rmtree(tree / ".complint_cache", ignore_errors=True)
            for name, got in figures.items():
                for kind, spent in measured[name].items():
                    for phase, seconds in spent.items():
                        phases[kind][phase] = phases[kind].get(phase, 0.0) + seconds / args.rounds
                for key in totals:
                    if key in got:
                        totals[key] += got[key][-1]
            rounds.append(totals)
            print(f"round {number + 1}: " + ", ".join(f"{k} {v:.2f} s" for k, v in totals.items()), file=sys.stderr)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    finally:
        shutil.rmtree(work, ignore_errors=True)

    median = {name: {k: statistics.median(v) for k, v in got.items()} for name, got in figures.items()}
    print(f"{'repository':48} {'files':>5} {'lines':>6} {'floor':>7} {'ruff':>7} {'cold':>7} {'warm':>7} {'touched':>7} {'cold/ruff':>9}")
    for name, (tree, files, lines) in trees.items():
        m = median[name]
        ratio = f"{m['cold'] / m['ruff']:.0f}x" if m.get("ruff") else "-"
        print(f"{name[:48]:48} {files:5d} {lines:6d} {m['floor']*1000:6.0f}m {m.get('ruff', 0)*1000:6.0f}m "
              f"{m['cold']*1000:6.0f}m {m['warm']*1000:6.0f}m {m.get('touched', 0)*1000:6.0f}m {ratio:>9}")
    total = {k: sum(m.get(k, 0.0) for m in median.values()) for k in KINDS}
    print(f"\n{len(trees)} repositories, {sum(t[2] for t in trees.values()):,} lines of source; totals (sums of medians): "
          + ", ".join(f"{k} {v:.2f} s" for k, v in total.items()))
    ratios: Dict[str, float] = {}
    if has_ruff:
        for kind in ("cold", "warm", "touched", "floor"):
            ratios[kind] = statistics.median(r[kind] / r["ruff"] for r in rounds)
        for kind in ("cold", "warm"):
            verdict = "met" if ratios[kind] <= TARGETS[kind] else "NOT met"
            print(f"{kind} / ruff: {ratios[kind]:.1f}x (target <= {TARGETS[kind]:.0f}x: {verdict})")
        print(f"touched / ruff: {ratios['touched']:.1f}x (warm when the replay misses: one file's mtime changed)")
        print(f"floor / ruff: {ratios['floor']:.1f}x")
    slow = [(n, median[n]["cold"], t[2]) for n, t in trees.items() if t[2] < SMALL_LINES and median[n]["cold"] > SMALL_COLD]
    print(f"repositories under {SMALL_LINES:,} lines with a cold scan over {SMALL_COLD} s: {len(slow)}"
          + "".join(f"\n  {n}: {c:.2f} s, {lines} lines" for n, c, lines in slow))
    print(f"complint --version: {statistics.median(version):.3f} s; peak memory of a complint run: {peak_mb:.0f} MB")
    for kind in ("cold", "warm", "touched"):
        spent = phases[kind]
        whole = sum(spent.values()) or 1.0
        print(f"\nwhere the {kind} time went (all repositories, seconds a round):")
        for phase, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
            if seconds >= 0.005:
                print(f"  {phase:32} {seconds:7.2f} s {100 * seconds / whole:5.1f} %")
    if args.json:
        args.json.write_text(json.dumps({"repositories": {n: {"files": t[1], "lines": t[2], **median[n]} for n, t in trees.items()},
                                         "totals": total, "ratios": ratios, "rounds": rounds, "phases": phases,
                                         "version": statistics.median(version), "peak_mb": peak_mb}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
