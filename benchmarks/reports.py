#!/usr/bin/env python3
"""Two versions of complint give the same reports: saved from one, compared with the other.

Every app under examples/ and every field-test clone present (the repositories of every
`benchmarks/field*_expectations.yaml`, in `--field-dir`, default /work/field) is scanned
twice by a fresh `complint` process, `--no-cache --format json`, once with the prefilter and
once without it (every file parsed); `--facts` also keeps the facts of every Python file of
those trees, as the extractor gives them, which pins far more than the findings do.

    python benchmarks/reports.py save /tmp/before          # with one version installed
    python benchmarks/reports.py save /tmp/after           # with the other
    python benchmarks/reports.py compare /tmp/before /tmp/after

`compare` prints every difference (exit code, findings, problems, facts) and exits 1 when
there is one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from equivalence import DEFAULT_FIELD_DIR, repositories  # noqa: E402  (a script beside this one)

RUNS = (("prefilter", []), ("no-prefilter", ["--no-prefilter"]))


def trees(field_dir: Path) -> List[Path]:
    examples = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())
    return examples + repositories(field_dir, ())


def scan(complint: str, tree: Path, extra: Sequence[str]) -> Dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in ("COMPLINT_TIMINGS", "FORCE_COLOR")}
    env["NO_COLOR"] = "1"
    done = subprocess.run([complint, "scan", ".", "--no-cache", "--format", "json", *extra], cwd=tree,
                          capture_output=True, text=True, env=env, check=False)
    try:
        report: Any = json.loads(done.stdout)
    except ValueError:
        report = done.stdout
    return {"exit": done.returncode, "report": report, "stderr": done.stderr}


def facts_of(tree: Path) -> Dict[str, str]:
    """repr() of the facts of every Python file under `tree` (hidden folders left out)."""
    from complint.extract import extract_file

    out: Dict[str, str] = {}
    for path in sorted(tree.rglob("*.py")):
        rel = path.relative_to(tree).as_posix()
        if any(part.startswith(".") for part in rel.split("/")[:-1]) or not path.is_file():
            continue
        out[rel] = repr(extract_file(path, rel))
    return out


def save(target: Path, field_dir: Path, complint: str, facts: bool) -> int:
    target.mkdir(parents=True, exist_ok=True)
    for tree in trees(field_dir):
        row = {name: scan(complint, tree, extra) for name, extra in RUNS}
        if facts:
            row["facts"] = facts_of(tree)
        (target / f"{tree.name}.json").write_text(json.dumps(row, indent=1, sort_keys=True), encoding="utf-8")
        print(tree.name, {name: row[name]["exit"] for name, _ in RUNS}, flush=True)
    return 0


def _lines(items: Any) -> List[str]:
    return sorted(json.dumps(i, sort_keys=True, ensure_ascii=False) for i in items or [])


def differences(before: Dict[str, Any], after: Dict[str, Any]) -> List[str]:
    found: List[str] = []
    for name, _ in RUNS:
        old, new = before[name], after[name]
        if old["exit"] != new["exit"]:
            found.append(f"{name}: exit code {old['exit']} -> {new['exit']}")
        if not isinstance(old["report"], dict) or not isinstance(new["report"], dict):
            if old["report"] != new["report"]:
                found.append(f"{name}: output {str(old['report'])[:200]!r} -> {str(new['report'])[:200]!r}")
            continue
        for key in ("findings", "errors"):
            a, b = old["report"].get(key), new["report"].get(key)
            if a == b:
                continue
            gone, came = sorted(set(_lines(a)) - set(_lines(b))), sorted(set(_lines(b)) - set(_lines(a)))
            found += [f"{name}: {key} lost {x}" for x in gone] + [f"{name}: {key} gained {x}" for x in came]
            if not gone and not came:
                found.append(f"{name}: the same {key} in another order")
    old_facts, new_facts = before.get("facts") or {}, after.get("facts") or {}
    for rel in sorted(set(old_facts) | set(new_facts)):
        if old_facts.get(rel) != new_facts.get(rel):
            found.append(f"facts of {rel} differ")
    return found


def compare(before: Path, after: Path, show_facts: bool) -> int:
    differing = 0
    for old in sorted(before.glob("*.json")):
        new = after / old.name
        if not new.exists():
            print(f"{old.stem}: missing in {after}")
            differing += 1
            continue
        a, b = json.loads(old.read_text(encoding="utf-8")), json.loads(new.read_text(encoding="utf-8"))
        found = differences(a, b)
        if found:
            differing += 1
            print(f"{old.stem}:")
            for line in found:
                print(f"    {line}")
            if show_facts:
                for rel in sorted(set(a.get("facts") or {}) | set(b.get("facts") or {})):
                    if (a.get("facts") or {}).get(rel) != (b.get("facts") or {}).get(rel):
                        print(f"  --- {rel}\n  before {a['facts'].get(rel)}\n  after  {b['facts'].get(rel)}")
    print(f"{len(list(before.glob('*.json')))} trees, {differing} different")
    return 1 if differing else 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    saving = sub.add_parser("save", help="scan every tree and save the reports in DIR")
    saving.add_argument("dir", type=Path)
    saving.add_argument("--field-dir", type=Path, default=DEFAULT_FIELD_DIR)
    saving.add_argument("--complint", default=str(Path(sys.executable).parent / "complint"))
    saving.add_argument("--facts", action="store_true", help="also keep every Python file's facts")
    comparing = sub.add_parser("compare", help="print how the reports saved in AFTER differ from BEFORE's")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    comparing.add_argument("--show-facts", action="store_true", help="print the facts that differ, before and after")
    args = parser.parse_args(argv)
    if args.command == "save":
        return save(args.dir, args.field_dir, args.complint, args.facts)
    return compare(args.before, args.after, args.show_facts)


if __name__ == "__main__":
    sys.exit(main())
