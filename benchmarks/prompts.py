#!/usr/bin/env python3
"""Prompt corpus: how well complint tells what a prompt asks for (issue 14's yardstick).

``benchmarks/prompt_corpus.yaml`` lists real prompts from public repositories, each with
what the usage policy requires of an app that uses it as its system prompt, labelled by a
reviewer *before* complint was run on it, with the reason. The file holds no prompt text
(the texts' licences do not allow it here): each entry says where its text is — repository,
commit, path, and how to cut the prompt out of the file — and the sha256 of the cut text,
so that a change of the source is noticed rather than silently scored.

The texts are read from snapshots of the repositories, git directories at
``/work/.mirror/owner+name/repo`` (or ``$COMPLINT_MIRROR_DIR`` / ``--mirror``), which the
``fetch`` tool brings back; a prompt whose snapshot or commit is absent is skipped with a
note. ``--materialise DIR`` writes the cut texts to DIR (default /work/prompts), one file per
id, to read them; nothing of them belongs in this repository.

Each prompt becomes the system prompt of a small generated consumer chat app (a streamlit
chat with no AI disclosure and no disclaimer, no declaration), which complint scans in
process. Three families are scored, each on its own:

* personas: CL401 expected or not (a real living person the model is told to be);
* disallowed uses: the codes CL101-CL114, scored code by code;
* domains: medical, financial, legal, news, i.e. CL301-CL304 (the app is consumer-facing and
  shows no disclaimer, so a domain the prompt has means its code is due).

A label marked ``debatable`` is scored neither way. Precision = right / (right + false
alarms), recall = right / (right + missed), per family, for the development half and the
held-out half apart.

The split is fixed, written here and in the corpus file: an entry belongs to the
development half when the first byte of sha256(id) is even, else to the held-out half.
Improve complint on the development half only; read the held-out half's figures, never its
errors one by one (``--details`` lists the development half's errors; ``--details --half
held-out`` prints the held-out ones only for the report in docs/accuracy.md).

Usage::

    python benchmarks/prompts.py                      # scores, both halves
    python benchmarks/prompts.py --details            # and each development-half error
    python benchmarks/prompts.py --materialise /work/prompts
    python benchmarks/prompts.py --check-hashes       # which entries' texts drifted
    python benchmarks/prompts.py --fill-hashes        # write missing sha256 into the corpus file

To rebuild the mirrors: for each repository named in the corpus file, fetch it again (the
``fetch`` tool, ``github:owner/name``) so that its git directory is at
``/work/.mirror/owner+name/repo``; the commits named in the corpus file must be in it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
DEFAULT_CORPUS = HERE / "prompt_corpus.yaml"
DEFAULT_MIRROR = Path(os.environ.get("COMPLINT_MIRROR_DIR", "/work/.mirror"))
DEFAULT_MATERIALISED = Path("/work/prompts")

DISALLOWED = tuple(f"CL1{n:02d}" for n in range(1, 15))
DOMAIN_CODES = {"medical": "CL301", "financial": "CL302", "legal": "CL303", "news": "CL304"}
PERSONA = "CL401"
FAMILIES = ("personas", "disallowed", "domains")


def half_of(prompt_id: str) -> str:
    """The fixed split: development when sha256(id)'s first byte is even."""
    return "development" if hashlib.sha256(prompt_id.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


# --------------------------------------------------------------------------- corpus


@dataclass
class Entry:
    id: str
    repo: str
    commit: str
    path: str
    cut: Dict[str, Any]
    sha256: str
    kind: str
    expected: Dict[str, Set[str]]  # family -> expected codes
    debatable: Dict[str, Set[str]]  # family -> codes scored neither way
    reason: str
    batch: int = 1  # the batch the entry was labelled in (see the corpus file's header)

    @property
    def half(self) -> str:
        return half_of(self.id)


def _codes(raw: Any, where: str) -> Set[str]:
    if raw in (None, "", "none", []):
        return set()
    items = raw if isinstance(raw, list) else [raw]
    out = set()
    for item in items:
        text = str(item).strip()
        out.add(DOMAIN_CODES.get(text, text))
    for code in out:
        if code != PERSONA and code not in DISALLOWED and code not in DOMAIN_CODES.values():
            raise ValueError(f"{where}: unknown label {code!r}")
    return out


def _family(code: str) -> str:
    if code == PERSONA:
        return "personas"
    if code in DISALLOWED:
        return "disallowed"
    return "domains"


def load_corpus(path: Path) -> List[Entry]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = []
    seen = set()
    for raw in data.get("prompts") or []:
        pid = str(raw["id"])
        if pid in seen:
            raise ValueError(f"{path}: duplicate id {pid}")
        seen.add(pid)
        src = raw["source"]
        labels = raw.get("labels") or {}
        expect = _codes(labels.get("expect"), pid)
        debatable = _codes(labels.get("debatable"), pid)
        expected = {f: {c for c in expect if _family(c) == f} for f in FAMILIES}
        debat = {f: {c for c in debatable if _family(c) == f} for f in FAMILIES}
        entries.append(Entry(
            id=pid, repo=src["repo"], commit=str(src["commit"]), path=src["path"],
            cut=dict(src.get("cut") or {"whole": True}), sha256=str(raw.get("sha256") or ""),
            kind=str(raw.get("kind", "")), expected=expected, debatable=debat,
            reason=str(labels.get("reason", "")), batch=int(raw.get("batch", 1)),
        ))
    return entries


# --------------------------------------------------------------------------- extraction


class Absent(Exception):
    """The snapshot, the commit or the file is not here."""


def git_dir(mirror: Path, repo: str) -> Path:
    return mirror / repo.replace("/", "+") / "repo"


_BLOBS: Dict[Tuple[str, str, str], str] = {}


def read_blob(mirror: Path, repo: str, commit: str, path: str) -> str:
    key = (repo, commit, path)
    if key in _BLOBS:
        return _BLOBS[key]
    gd = git_dir(mirror, repo)
    if not gd.is_dir():
        raise Absent(f"no snapshot of {repo} at {gd}")
    proc = subprocess.run(["git", "--git-dir", str(gd), "show", f"{commit}:{path}"],
                          capture_output=True, check=False)
    if proc.returncode != 0:
        raise Absent(f"{repo}@{commit[:10]}:{path}: {proc.stderr.decode('utf-8', 'replace').strip()[:120]}")
    text = proc.stdout.decode("utf-8", "replace")
    _BLOBS[key] = text
    return text


def _markdown_section(text: str, heading: str) -> str:
    """The body under the first heading named `heading`, up to the next heading of exactly its
    level (a prompt's own headings, at any other level, stay in it)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(#+)\s+(.*?)\s*$", line)
        if m and m.group(2).strip().lower() == heading.lower():
            level = len(m.group(1))
            body = []
            for nxt in lines[i + 1:]:
                n = re.match(r"^(#+)\s", nxt)
                if n and len(n.group(1)) == level:
                    break
                body.append(nxt)
            return "\n".join(body).strip()
    raise Absent(f"no heading {heading!r}")


def _literal(text: str, cut: Dict[str, Any]) -> str:
    """With `quote` (and `after`): the text between the first `after` + `quote` and the last
    `quote`, i.e. a string literal's body without the code around it."""
    quote = cut.get("quote")
    if not quote:
        return text
    opener = str(cut.get("after", "")) + quote
    start = text.find(opener)
    end = text.rfind(quote)
    if start < 0 or end < start + len(opener):
        raise Absent(f"no {opener!r}...{quote!r} literal in the cut lines")
    return text[start + len(opener):end]


def cut_text(text: str, cut: Dict[str, Any]) -> str:
    """Cut one prompt out of a file's text, as the entry's `cut` says."""
    if cut.get("whole"):
        return text.strip()
    if "lines" in cut:
        first, last = cut["lines"]
        return _literal("\n".join(text.splitlines()[first - 1:last]), cut).strip()
    if "csv_row" in cut:  # data row, 1-based, after the header
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))  # a byte-order mark is no header
        row = rows[int(cut["csv_row"]) - 1]
        return str(row[cut["column"]]).strip()
    if "section" in cut:
        return _markdown_section(text, str(cut["section"]))
    if "json_key" in cut:
        value: Any = json.loads(text)
        key = cut["json_key"]  # "a/0/b", or a list when a key holds "/" ("Hate/Harass/Violence")
        for part in (key if isinstance(key, list) else str(key).split("/")):
            value = value[int(part)] if isinstance(value, list) else value[part]
        return str(value).strip()
    raise ValueError(f"unknown cut {cut}")


def extract(entry: Entry, mirror: Path) -> str:
    return cut_text(read_blob(mirror, entry.repo, entry.commit, entry.path), entry.cut)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- the app

APP_TEMPLATE = '''import streamlit as st
from openai import OpenAI

SYSTEM_PROMPT = {prompt}

client = OpenAI()
st.title("Assistant")

if "messages" not in st.session_state:
    st.session_state.messages = []

for message in st.session_state.messages:
    with st.chat_message(message["role"]):
        st.markdown(message["content"])

if question := st.chat_input("Ask me anything"):
    st.session_state.messages.append({{"role": "user", "content": question}})
    with st.chat_message("user"):
        st.markdown(question)
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{{"role": "system", "content": SYSTEM_PROMPT}}] + st.session_state.messages,
    )
    answer = response.choices[0].message.content
    st.session_state.messages.append({{"role": "assistant", "content": answer}})
    with st.chat_message("assistant"):
        st.markdown(answer)
'''


def write_app(folder: Path, prompt: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "app.py").write_text(APP_TEMPLATE.format(prompt=repr(prompt)), encoding="utf-8")
    (folder / "requirements.txt").write_text("streamlit\nopenai\n", encoding="utf-8")


class Scanner:
    """complint in process: the pack loaded once, one scan per generated app."""

    def __init__(self) -> None:
        sys.path.insert(0, str(REPO_ROOT))
        from complint.config import Config
        from complint.engine import scan
        from complint.policy import load_pack

        self._config = Config
        self._scan = scan
        self.pack = load_pack()

    def codes(self, folder: Path) -> Tuple[Set[str], List[str]]:
        config = self._config(root=folder.resolve(), cache=False, jobs=1)
        result = self._scan([folder.resolve()], config, self.pack)
        lines = [f"{f.code} {f.location.line}: {f.message[:140]}" for f in result.findings]
        return {f.code for f in result.findings}, lines


# --------------------------------------------------------------------------- scoring


@dataclass
class Outcome:
    entry: Entry
    reported: Set[str] = field(default_factory=set)
    lines: List[str] = field(default_factory=list)
    status: str = "ok"  # ok | absent | drifted | crashed
    note: str = ""
    seconds: float = 0.0


@dataclass
class Tally:
    right: int = 0
    false_alarms: int = 0
    missed: int = 0

    def precision(self) -> Optional[float]:
        d = self.right + self.false_alarms
        return self.right / d if d else None

    def recall(self) -> Optional[float]:
        d = self.right + self.missed
        return self.right / d if d else None

    def f1(self) -> Optional[float]:
        p, r = self.precision(), self.recall()
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)


def family_codes(family: str) -> Tuple[str, ...]:
    if family == "personas":
        return (PERSONA,)
    if family == "disallowed":
        return DISALLOWED
    return tuple(DOMAIN_CODES.values())


def verdicts(outcome: Outcome, family: str) -> List[Tuple[str, str]]:
    """(verdict, code) for one prompt and family: right, false alarm, missed."""
    entry = outcome.entry
    wanted = entry.expected[family]
    ignored = entry.debatable[family]
    got = {c for c in outcome.reported if c in family_codes(family)}
    out = [("right", c) for c in sorted(wanted & got)]
    out += [("false alarm", c) for c in sorted(got - wanted - ignored)]
    out += [("missed", c) for c in sorted(wanted - got)]
    return out


def tally(outcomes: Iterable[Outcome], family: str, half: str, batch: Optional[int] = None) -> Tally:
    t = Tally()
    for o in outcomes:
        if o.status != "ok" or o.entry.half != half or (batch is not None and o.entry.batch != batch):
            continue
        for verdict, _ in verdicts(o, family):
            if verdict == "right":
                t.right += 1
            elif verdict == "false alarm":
                t.false_alarms += 1
            else:
                t.missed += 1
    return t


def _pct(x: Optional[float]) -> str:
    return "—" if x is None else f"{x:.2f}"


def groups(outcomes: Sequence[Outcome]) -> List[Tuple[str, str, Optional[int]]]:
    """(label, half, batch) of each group of rows: both halves over every batch, then each
    half of each batch apart when the corpus has more than one (a later batch's held-out half
    was never seen by the changes made on the earlier ones)."""
    out: List[Tuple[str, str, Optional[int]]] = [(h, h, None) for h in ("development", "held-out")]
    batches = sorted({o.entry.batch for o in outcomes})
    if len(batches) > 1:
        out += [(f"{h}, batch {b}", h, b) for b in batches for h in ("development", "held-out")]
    return out


def table(outcomes: Sequence[Outcome], markdown: bool) -> str:
    rows = []
    for label, half, batch in groups(outcomes):
        for family in FAMILIES:
            t = tally(outcomes, family, half, batch)
            rows.append((label, family, t.right, t.false_alarms, t.missed,
                         _pct(t.precision()), _pct(t.recall()), _pct(t.f1())))
    head = ("half", "family", "right", "false alarms", "missed", "precision", "recall", "F1")
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(str(x) for x in r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    fmt = "  ".join("{:<%d}" % w for w in widths)
    return "\n".join([fmt.format(*head)] + [fmt.format(*map(str, r)) for r in rows])


def counts(entries: Sequence[Entry]) -> str:
    """How many prompts expect what, per family and half (debatable apart)."""
    lines = []
    for half in ("development", "held-out", "all"):
        chosen = [e for e in entries if half == "all" or e.half == half]
        per = []
        for family in FAMILIES:
            pos = sum(1 for e in chosen if e.expected[family])
            deb = sum(1 for e in chosen if e.debatable[family] and not e.expected[family])
            codes: Dict[str, int] = {}
            for e in chosen:
                for c in e.expected[family]:
                    codes[c] = codes.get(c, 0) + 1
            detail = ", ".join(f"{c} {n}" for c, n in sorted(codes.items()))
            per.append(f"{family}: {pos} with, {len(chosen) - pos - deb} without, {deb} debatable ({detail})")
        lines.append(f"{half} ({len(chosen)} prompts): " + "; ".join(per))
    return "\n".join(lines)


# --------------------------------------------------------------------------- running


def run(entries: Sequence[Entry], mirror: Path, work: Path, scanner: Scanner) -> List[Outcome]:
    outcomes = []
    for entry in entries:
        outcome = Outcome(entry)
        outcomes.append(outcome)
        try:
            text = extract(entry, mirror)
        except Absent as exc:
            outcome.status, outcome.note = "absent", str(exc)
            continue
        if entry.sha256 and sha256_text(text) != entry.sha256:
            outcome.status, outcome.note = "drifted", "the cut text's sha256 differs from the corpus file's"
            continue
        folder = work / entry.id
        write_app(folder, text)
        start = time.perf_counter()
        try:
            outcome.reported, outcome.lines = scanner.codes(folder)
        except Exception as exc:  # a crash is a result here, never the end of the run
            outcome.status, outcome.note = "crashed", f"{type(exc).__name__}: {exc}"
        outcome.seconds = time.perf_counter() - start
    return outcomes


def details(outcomes: Sequence[Outcome], half: str) -> str:
    out = []
    for o in outcomes:
        if o.entry.half != half or o.status != "ok":
            continue
        for family in FAMILIES:
            for verdict, code in verdicts(o, family):
                if verdict != "right":
                    out.append(f"{o.entry.id} [{o.entry.kind}, batch {o.entry.batch}] {family} {verdict} {code}"
                               f" — {o.entry.reason}")
                    out += [f"    reported: {line}" for line in o.lines if line.split()[0] == code]
    return "\n".join(out) or "(no errors)"


def fill_hashes(path: Path, entries: Sequence[Entry], mirror: Path) -> int:
    """Write the sha256 of each entry's cut text where the corpus file leaves it empty."""
    by_id = {e.id: e for e in entries}
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    current = None
    filled = 0
    for i, line in enumerate(lines):
        m = re.match(r"^- id: (\S+)", line)
        if m:
            current = by_id.get(m.group(1))
            continue
        m = re.match(r"^(\s+)sha256: ['\"]?['\"]?\s*$", line)
        if m and current is not None:
            try:
                lines[i] = f"{m.group(1)}sha256: {sha256_text(extract(current, mirror))}\n"
                filled += 1
            except Absent as exc:
                print(f"prompts.py: {current.id}: {exc}", file=sys.stderr)
    path.write_text("".join(lines), encoding="utf-8")
    return filled


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--details", action="store_true", help="list each error of --half")
    parser.add_argument("--half", choices=("development", "held-out"), default="development")
    parser.add_argument("--only", nargs="*", help="ids to run")
    parser.add_argument("--format", choices=("text", "markdown"), default="text")
    parser.add_argument("--materialise", type=Path, nargs="?", const=DEFAULT_MATERIALISED)
    parser.add_argument("--check-hashes", action="store_true")
    parser.add_argument("--fill-hashes", action="store_true")
    parser.add_argument("--json", type=Path, help="write every outcome to this file")
    args = parser.parse_args(argv)

    entries = load_corpus(args.corpus)
    if args.only:
        entries = [e for e in entries if e.id in set(args.only)]
    if args.fill_hashes:
        print(f"filled {fill_hashes(args.corpus, entries, args.mirror)} hashes")
        return 0
    if args.materialise or args.check_hashes:
        bad = 0
        for e in entries:
            try:
                text = extract(e, args.mirror)
            except Absent as exc:
                print(f"{e.id}: absent: {exc}")
                continue
            if e.sha256 and sha256_text(text) != e.sha256:
                bad += 1
                print(f"{e.id}: drifted")
            if args.materialise:
                args.materialise.mkdir(parents=True, exist_ok=True)
                (args.materialise / f"{e.id}.txt").write_text(text + "\n", encoding="utf-8")
        return 1 if bad else 0

    print(counts(entries))
    scanner = Scanner()
    with tempfile.TemporaryDirectory(prefix="complint-prompts-") as tmp:
        start = time.perf_counter()
        outcomes = run(entries, args.mirror, Path(tmp), scanner)
        elapsed = time.perf_counter() - start
    skipped = [o for o in outcomes if o.status != "ok"]
    for o in skipped:
        print(f"skipped {o.entry.id}: {o.status}: {o.note}", file=sys.stderr)
    scanned = len(outcomes) - len(skipped)
    print(f"\n{scanned} prompts scanned in {elapsed:.1f} s ({len(skipped)} skipped)\n")
    print(table(outcomes, args.format == "markdown"))
    if args.details:
        print(f"\nErrors, {args.half} half:")
        print(details(outcomes, args.half))
    if args.json:
        args.json.write_text(json.dumps([
            {"id": o.entry.id, "half": o.entry.half, "batch": o.entry.batch, "status": o.status, "note": o.note,
             "reported": sorted(o.reported), "lines": o.lines}
            for o in outcomes], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
