"""The adversarial battery: complint on hostile files, trees, configurations, caches,
baselines, interrupts and concurrent runs, each run a fresh process with a time limit.

Every case is built from a seed (`--seed`) and its number, so any case can be built and
run again alone (`--only N --keep DIR`). A case writes a small tree into a temporary
folder and runs `python -m complint` on it; what counts as a failure:

- crash: an exit code other than 0, 1 and 2 (a signal: SIGSEGV from a parser, SIGKILL
  from the memory limit), or 130/143 where no signal was sent;
- traceback: a Python traceback on stderr; internal-error: complint's "internal error";
- hang: no exit within `--timeout` seconds (the case's process group is then killed);
- slow: a run over `--slow` seconds (2 s: the pre-commit budget), startup included, both
  in wall time and in CPU time (the machine may be shared: wall time alone would measure
  the neighbours);
- orphan: a process of the run's group still alive after it exited;
- leak: a file outside the scanned folder, reached through a symlink, in the report;
- damage: `complint init` left a pyproject.toml that no longer says what it said, or
  changed one it refused to edit;
- inconsistent: concurrent runs, or a run after them, that disagree.

The kinds of case (`--kinds`): files (random and mutated files of every kind complint
reads, beside a small app), tree (FIFOs, device links, symlinks out and loops, odd and
non-UTF-8 names, unreadable files), config (.complint.yaml, pyproject [tool.complint],
complint.yaml), cache (damaged facts.json and pack.json), baseline, init (pyproject.toml
in every spelling, mutated), interrupt (SIGINT/SIGTERM at a random moment, to the
process or its group), concurrent (three runs sharing a cache).

Usage: python benchmarks/fuzz.py [--seed 1] [--files 5000] [--timeout 10] [--slow 2]
[--out DIR] [--kinds files,tree,...] [--only N] [--keep DIR] [--shard I/N] (N runs of
the battery, each with its own --out, share its cases out). It writes summary.txt and
summary.json to --out, with a command that reproduces each failure. Slow: about a run
per second; `--files 5000` takes 20-40 minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
MEMORY_LIMIT = 2 << 30  # address space of a run: /dev/zero must not take the machine's memory
FILE_LIMIT = 64 << 20  # largest file a run may write (a report)
KINDS = ("files", "tree", "config", "cache", "baseline", "init", "interrupt", "concurrent")
WEIGHTS = (50, 10, 10, 6, 5, 8, 3, 3)
OUTSIDE_MARKER = "outside_marker_7f3a"


# --------------------------------------------------------------------------- seeds

SEEDS: Dict[str, List[str]] = {
    "py": [
        "import streamlit as st\nfrom openai import OpenAI\nclient = OpenAI()\nst.title('Helper')\n"
        "if q := st.chat_input('Ask'):\n    msgs = [{'role': 'system', 'content': 'You are a medical assistant.'},"
        " {'role': 'user', 'content': q}]\n    st.write(client.chat.completions.create(model='m', messages=msgs))\n",
        "import anthropic\nSYSTEM = f\"You are {name}, answer as the user's lawyer.\"\n"
        "def ask(q):\n    return anthropic.Anthropic().messages.create(model='m', max_tokens=9, system=SYSTEM,"
        " messages=[{'role': 'user', 'content': q}])  # complint: ignore[CL201] reason: x\n",
        "import discord, openai\nclient = discord.Client()\n@client.event\nasync def on_message(m):\n"
        "    await m.channel.send(openai.ChatCompletion.create(model='m', messages=[]))\n",
        "from fastapi import FastAPI\nfrom openai import OpenAI\napp = FastAPI()\n@app.post('/chat')\n"
        "def chat(message: str):\n    return OpenAI().chat.completions.create(model='m', messages=[{'role': 'user', 'content': message}])\n",
        "while True:\n    q = input('> ')\n    print(llm.invoke(q))\n",
    ],
    "js": [
        "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport async function ask(q) {\n"
        "  const r = await client.chat.completions.create({model: 'm', messages: [{role: 'system', content: `You are Elon Musk`}, {role: 'user', content: q}]});\n"
        "  return r.choices[0].message.content;\n}\n",
        "const { Client } = require('discord.js');\nconst c = new Client();\nc.on('messageCreate', async m => m.reply(await ai(m.content)));\n",
    ],
    "tsx": [
        "import { useChat } from 'ai/react';\nexport default function Chat() {\n  const { messages, input, handleSubmit } = useChat();\n"
        "  return (<form onSubmit={handleSubmit}><p className=\"notice\">You are chatting with an AI.</p>"
        "{messages.map(m => <div key={m.id}>{m.content}</div>)}<input value={input} /></form>);\n}\n",
    ],
    "html": [
        "<!doctype html>\n<html><head><title>Chat</title><meta name=\"description\" content=\"An AI helper\"></head>\n"
        "<body><div id=\"chat\"></div><p>Answers are generated by AI and may be wrong.</p>\n"
        "<script>fetch('/v1/chat/completions', {method: 'POST'})</script></body></html>\n",
    ],
    "jinja": [
        "{% extends 'base.html' %}\n{% block body %}<h1>{{ title }}</h1>{# complint: ignore[CL201] #}\n"
        "<p>{{ _('You are talking to an AI assistant') }}</p>{% for m in messages %}<div>{{ m }}</div>{% endfor %}{% endblock %}\n",
    ],
    "vue": [
        "<template>\n  <div class=\"chat\"><p>{{ notice }}</p><input v-model=\"q\" @keyup.enter=\"send\" /></div>\n</template>\n"
        "<script>\nexport default { data: () => ({ notice: 'You are chatting with an AI', q: '' }) }\n</script>\n",
    ],
    "svelte": [
        "<script>\n  import OpenAI from 'openai';\n  let q = '';\n</script>\n<h1>Ask {name}</h1>\n{#if q}<p>{q}</p>{/if}\n"
        "<input bind:value={q} />\n<p>Not financial advice: an AI writes these answers.</p>\n",
    ],
    "md": [
        "# Helper\n\nAsk about symptoms. | a | b |\n|---|---|\n| 1 | 2 |\n\n![img](x.png) [link](http://x)\n\n"
        "> You are chatting with an AI.\n\n```python\nimport openai\n```\n",
    ],
    "package.json": [
        '{"name": "bot", "description": "A dating chat bot", "keywords": ["ai", "chat"], '
        '"dependencies": {"openai": "^4", "discord.js": "^14"}}\n',
    ],
    "pyproject": [
        '[project]\nname = "helper"\ndescription = "Answers questions about symptoms"\n'
        'keywords = ["medical"]\ndependencies = ["openai>=1", "streamlit"]\n\n[tool.complint]\nfail-on = "error"\n'
        'exclude = ["build/"]\n\n[tool.complint.app]\naudience = "consumer"\ninterfaces = ["chat", "web"]\n',
    ],
    "requirements": ["openai==1.0\nstreamlit>=1\n-r other.txt\n--index-url http://x\ngit+https://x/y.git#egg=z\n"],
    "declaration": [
        "audience: consumer\ninterfaces: [chat, web]\ndomains: [medical]\nuse-cases: [symptom information]\n"
        "human-review: [legal]\npersonas:\n  - name: Jane Roe\n    kind: real\n    consent: docs/c.pdf\npublication: [demo]\n",
    ],
    "config": [
        "fail-on: warning\nselect: [CL2, CL3]\nignore: [CL501]\nexclude: ['vendor/', '*.min.js']\n"
        "per-file-ignores:\n  'legacy/*.py': [CL201]\nrequire-suppression-reason: true\n"
        "disclosure-extra-phrases: ['a bot writes this']\n",
    ],
    "catalogue": ['{"greeting": "Hi! I am an AI assistant.", "nested": {"notice": "Answers may be wrong."}}\n'],
    "gitignore": ["build/\n*.log\n!keep.log\n# comment\n/secret\n"],
}

# Where a file of each kind goes (`{n}`: a number, so several fit in one tree).
PLACES: Dict[str, Sequence[str]] = {
    "py": ("app{n}.py", "src/pkg{n}/bot.py", "tools/job{n}.pyw"),
    "js": ("bot{n}.js", "web/src/api{n}.mjs", "server{n}.cjs", "web/src/x{n}.ts"),
    "tsx": ("web/src/Chat{n}.tsx", "web/src/View{n}.jsx"),
    "html": ("templates/page{n}.html", "static/index{n}.htm"),
    "jinja": ("templates/chat{n}.jinja", "templates/base{n}.j2", "templates/p{n}.jinja2"),
    "vue": ("web/src/Chat{n}.vue",),
    "svelte": ("web/src/routes/Chat{n}.svelte",),
    "md": ("README.md", "docs/guide{n}.md", "chainlit.md"),
    "package.json": ("package.json", "web{n}/package.json"),
    "pyproject": ("pyproject.toml", "svc{n}/pyproject.toml"),
    "requirements": ("requirements.txt", "requirements-dev{n}.txt"),
    "declaration": ("complint.yaml", "svc{n}/complint.yaml"),
    "config": (".complint.yaml",),
    "catalogue": ("locales/en{n}.json", "i18n/messages{n}.yaml"),
    "gitignore": (".gitignore",),
}

# Runs of these make parsers and patterns work hardest: nesting, unclosed constructs.
HOSTILE_RUNS = ("(", "[", "{", "{{", "{%", "<", "<div>", '"a" + ', " ", "\t", "`", "\\", "*", "#", "|", "-",
                ">", "'''", '"""', "<!--", "${", "[](", "![", "\n", "a ", "é", "\u202e", "\ufeff", "\x00",
                "x = ", "&", "- ", "  - ", "*a ", "{#", "&a ", "&a [*a, ", "? ", "'", '"')


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits of `data`."""
    for _ in range(rng.randint(1, 4)):
        data = rng.choice(_MUTATIONS)(data, rng)
    return data[: 1 << 20]


def _flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _insert_run(data: bytes, rng: random.Random) -> bytes:
    run = rng.choice(HOSTILE_RUNS).encode("utf-8")
    count = int(10 ** rng.uniform(0, 4.7))  # 1 to 50,000, most small
    at = rng.randint(0, len(data))
    return data[:at] + run * count + data[at:]


def _nest(data: bytes, rng: random.Random) -> bytes:
    opener, closer = rng.choice([("(", ")"), ("[", "]"), ("{", "}"), ("f(", ")"), ("<b>", "</b>"), ("[{", "}]")])
    depth = int(10 ** rng.uniform(1, 3.5))
    at = data.rfind(b"\n", 0, rng.randint(0, len(data))) + 1 if data else 0
    return data[:at] + b"x = " + (opener * depth + "1" + closer * depth).encode() + b"\n" + data[at:]


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(0, len(data))] if rng.random() < 0.5 else data[rng.randint(0, len(data)) :]


def _splice(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    a, b = sorted(rng.randrange(len(data) + 1) for _ in range(2))
    return data[:b] + data[a:b] * rng.randint(1, 50) + data[b:]


def _encoding(data: bytes, rng: random.Random) -> bytes:
    return rng.choice([
        lambda d: b"\xef\xbb\xbf" + d,
        lambda d: d.replace(b"\n", b"\r\n"),
        lambda d: d.replace(b"\n", b"\r"),
        lambda d: b"# coding: " + rng.choice([b"punycode", b"utf-32", b"latin-1", b"nope", b"utf-7"]) + b"\n" + d,
        lambda d: d.decode("utf-8", "replace").encode(rng.choice(["utf-16", "utf-32", "latin-1"]), "replace"),
        lambda d: d + rng.choice([b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x00\x00"]) + d,
    ])(data)


def _junk(data: bytes, rng: random.Random) -> bytes:
    at = rng.randint(0, len(data))
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 300))) + data[at:]


_MUTATIONS: Tuple[Callable[[bytes, random.Random], bytes], ...] = (
    _flip, _insert_run, _insert_run, _nest, _cut, _splice, _encoding, _junk)


def example_corpus() -> Dict[str, List[bytes]]:
    """The examples' files, by kind: more seeds to mutate."""
    kinds = {".py": "py", ".js": "js", ".tsx": "tsx", ".html": "jinja", ".toml": "pyproject", ".md": "md"}
    corpus: Dict[str, List[bytes]] = {}
    for path in sorted(EXAMPLES.rglob("*")):
        kind = "package.json" if path.name == "package.json" else (
            "declaration" if path.name == "complint.yaml" else kinds.get(path.suffix))
        if path.is_file() and kind:
            corpus.setdefault(kind, []).append(path.read_bytes())
    return corpus


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    case: int
    kind: str
    args: List[str]
    code: Optional[int]
    seconds: float  # wall time
    cpu: float  # user + system time of the run and the processes it waited for
    failures: List[str] = field(default_factory=list)
    stderr: str = ""


def _limits() -> None:  # in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _group(pgid: int) -> List[int]:
    """The live processes of a process group (zombies have ended)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != b"Z":
            found.append(int(entry))
    return found


class Runner:
    def __init__(self, timeout: float, slow: float) -> None:
        self.timeout = timeout
        self.slow = slow
        self.runs: List[Run] = []

    def start(self, args: Sequence[str], cwd: Path) -> subprocess.Popen:
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="", NO_COLOR="1")
        env.pop("COMPLINT_DEBUG", None)
        return subprocess.Popen([sys.executable, "-m", "complint", *args], cwd=str(cwd), env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=_limits, start_new_session=True)

    def finish(self, case: int, kind: str, args: Sequence[str], process: subprocess.Popen, started: float,
               allowed: Sequence[int] = (0, 1, 2), sharing: int = 1) -> Tuple[Run, str]:
        """The run's outcome; `sharing`: runs at once, which share the machine's time."""
        failures: List[str] = []
        cpu_before = _children_cpu()
        try:
            out, err = process.communicate(timeout=max(0.1, self.timeout - (time.monotonic() - started)))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, err = process.communicate()
            failures.append("hang")
        seconds = time.monotonic() - started
        cpu = _children_cpu() - cpu_before  # of the processes it waited for: all of them, when it ends well
        text = err.decode("utf-8", "replace")
        if "hang" not in failures:
            if process.returncode not in allowed:
                name = signal.Signals(-process.returncode).name if process.returncode < 0 else str(process.returncode)
                failures.append(f"crash ({name})")
            if "Traceback (most recent call last)" in text:
                failures.append("traceback")
            if "internal error" in text:
                failures.append("internal-error")
            if seconds > self.slow * sharing and cpu > self.slow * sharing:
                failures.append("slow")
            deadline = time.monotonic() + 2
            while _group(process.pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if _group(process.pid):
                failures.append("orphan")
                os.killpg(process.pid, signal.SIGKILL)
        run = Run(case, kind, list(args), process.returncode, round(seconds, 3), round(cpu, 3), failures, _excerpt(text))
        self.runs.append(run)
        return run, out.decode("utf-8", "replace") + text

    def run(self, case: int, kind: str, args: Sequence[str], cwd: Path, allowed: Sequence[int] = (0, 1, 2)) -> Tuple[Run, str]:
        started = time.monotonic()
        return self.finish(case, kind, args, self.start(args, cwd), started, allowed)


def _leaked(output: str) -> bool:
    """Whether a report read the file outside the tree. The note that says a link to it was
    skipped names it, and is no leak."""
    return any(OUTSIDE_MARKER in line for line in output.splitlines() if "skipped: symbolic link to" not in line)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _excerpt(text: str) -> str:
    """What a failing run said: its lines about errors, and a traceback whole (its last
    line names the exception, which no filter for "error" finds: KeyboardInterrupt)."""
    if "Traceback (most recent call last)" in text:
        return text[text.index("Traceback (most recent call last)"):][-2000:]
    lines = [line for line in text.splitlines() if "error" in line.lower() or "Error" in line]
    return "\n".join((lines or text.splitlines())[-3:])[:600]


# --------------------------------------------------------------------------- cases


class Case:
    """One case: a tree under `root`, the runs on it, the files it generated."""

    def __init__(self, number: int, seed: str, base: Path, corpus: Dict[str, List[bytes]], runner: Runner) -> None:
        self.number = number
        self.rng = random.Random(f"{seed}/{number}")
        self.root = base / "app"
        self.outside = base / "outside"
        self.root.mkdir(parents=True)
        self.corpus = corpus
        self.runner = runner
        self.files = 0
        self.trees = 0

    # ---- building

    def seed_text(self, kind: str) -> bytes:
        seeds = [s.encode() for s in SEEDS[kind]] + self.corpus.get(kind, [])
        return self.rng.choice(seeds)

    def write(self, rel: str, data: bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def small_app(self) -> None:
        self.write("app.py", SEEDS["py"][0].encode())
        if self.rng.random() < 0.5:
            self.write("pyproject.toml", b'[project]\nname = "helper"\ndependencies = ["openai"]\n')

    def fuzzed_file(self, kind: str, n: int) -> None:
        data = self.seed_text(kind)
        if self.rng.random() < 0.1:  # random bytes, not a mutation of anything
            data = bytes(self.rng.randrange(256) for _ in range(self.rng.randint(0, 4000)))
        elif self.rng.random() < 0.9:
            data = mutate(data, self.rng)
        self.write(self.rng.choice(PLACES[kind]).format(n=n), data)
        self.files += 1

    def scan_args(self) -> List[str]:
        args = ["scan", "."]
        if self.rng.random() < 0.5:
            args += ["--format", self.rng.choice(["json", "sarif", "gitlab", "junit", "github", "html", "text"])]
        if self.rng.random() < 0.2:
            args += ["-o", "report.out"]
        if self.rng.random() < 0.5:
            args.append("--no-cache")
        if self.rng.random() < 0.3:
            args += ["--jobs", self.rng.choice(["1", "2"])]
        return args

    # ---- kinds

    def files_case(self) -> None:
        self.small_app()
        for n in range(self.rng.randint(4, 16)):
            self.fuzzed_file(self.rng.choice(list(PLACES)), n)
        self.runner.run(self.number, "files", self.scan_args(), self.root)

    def tree_case(self) -> None:
        self.small_app()
        self.trees += 1
        self.outside.mkdir()
        (self.outside / f"{OUTSIDE_MARKER}.py").write_text(SEEDS["py"][1])
        builders = [self._fifo, self._device, self._link_out, self._loop, self._odd_names, self._unreadable,
                    self._dir_named_like_a_file, self._broken_link, self._deep_folders]
        for build in self.rng.sample(builders, self.rng.randint(1, 4)):
            build()
        run, output = self.runner.run(self.number, "tree", self.scan_args(), self.root)
        report = self.root / "report.out"
        if report.is_file():
            output += report.read_text(encoding="utf-8", errors="replace")
        if _leaked(output):
            run.failures.append("leak")

    def _free(self, rel: str) -> Path:
        """`rel` under the root, with nothing there yet (the small app may have put a file there)."""
        path = self.root / rel
        if path.is_symlink() or path.is_file():
            path.unlink()
        return path

    def _fifo(self) -> None:
        os.mkfifo(self._free(self.rng.choice(["chat.py", "bot.js", "README.md", "page.html", "package.json"])))
        self.files += 1

    def _device(self) -> None:
        os.symlink(self.rng.choice(["/dev/zero", "/dev/null", "/dev/urandom"]),
                   self._free(self.rng.choice(["zz.py", "z.html", "pyproject.toml"])))
        self.files += 1

    def _link_out(self) -> None:
        os.symlink(self.rng.choice(["../outside", str(self.outside)]), self.root / "linkdir")
        os.symlink(self.outside / f"{OUTSIDE_MARKER}.py", self.root / "linked_file.py")
        self.files += 2

    def _loop(self) -> None:
        (self.root / "sub").mkdir(exist_ok=True)
        os.symlink("..", self.root / "sub" / "up")
        os.symlink("self_loop", self.root / "self_loop")
        self.files += 2

    def _odd_names(self) -> None:
        names = [b"caf\xe9.py", b"\xff\xfe.js", b"-rf.py", b"new\nline.py", b" space .html", "\u202eevil.py".encode(),
                 b"a" * 240 + b".py", "ünï.md".encode(), b"x:y*?.tsx", b".hidden.py"]
        for name in self.rng.sample(names, self.rng.randint(1, 4)):
            with open(os.path.join(os.fsencode(self.root), name), "wb") as fh:
                fh.write(mutate(self.seed_text("py"), self.rng) if self.rng.random() < 0.5 else self.seed_text("py"))
            self.files += 1

    def _unreadable(self) -> None:
        path = self.write(f"secret{self.rng.randint(0, 9)}.py", self.seed_text("py"))
        path.chmod(0)
        folder = self.root / "locked"
        folder.mkdir(exist_ok=True)
        (folder / "inner.py").write_text("import openai\n")
        folder.chmod(0)
        self.files += 2

    def _dir_named_like_a_file(self) -> None:
        (self.root / "pkg.py").mkdir()
        (self.root / "pkg.py" / "inner.js").write_text("import OpenAI from 'openai';\n")
        self.files += 1

    def _broken_link(self) -> None:
        os.symlink("does/not/exist.py", self.root / "broken.py")
        self.files += 1

    def _deep_folders(self) -> None:
        path = self.root
        for _ in range(self.rng.randint(20, 120)):
            path = path / "d"
        path.mkdir(parents=True)
        (path / "deep.py").write_text(SEEDS["py"][0])
        self.files += 1

    def config_case(self) -> None:
        self.small_app()
        kind = self.rng.choice(["config", "pyproject", "declaration", "gitignore"])
        data = mutate(self.seed_text(kind), self.rng) if self.rng.random() < 0.7 else self.rng.choice(HOSTILE_CONFIGS).encode()
        self.write(PLACES[kind][0].format(n=0), data)
        self.files += 1
        self.runner.run(self.number, "config", self.scan_args(), self.root)

    def cache_case(self) -> None:
        self.small_app()
        for n in range(self.rng.randint(0, 3)):
            self.fuzzed_file("py", n)
        folder = self.root / ".complint_cache"
        if self.rng.random() < 0.5:  # old enough to trust: the scan records its inputs (replay.py)
            folder.mkdir(exist_ok=True)
            age_tree(self.root)
        self.runner.run(self.number, "cache", ["scan", "."], self.root)
        stamps = sorted((folder / "replay").glob("*.marshal")) if (folder / "replay").is_dir() else []
        for path in [folder / name for name in ("facts.json", "pack.json", ".gitignore", "CACHEDIR.TAG")] + stamps:
            if path.is_file() and self.rng.random() < 0.6:
                path.chmod(0o644)
                path.write_bytes(self._damage_json(path.read_bytes()))
                self.files += 1
        for _ in range(2):  # damaged, then rebuilt
            self.runner.run(self.number, "cache", ["scan", "."], self.root)
        # A report replayed, one from the cache and one from nothing must agree.
        args = ["scan", ".", "--format", "json"]
        results = [self.runner.run(self.number, "cache", a, self.root) for a in (args, args, args + ["--no-cache"])]
        if len({(run.code, _findings(output)) for run, output in results}) > 1:
            results[-1][0].failures.append("inconsistent")

    def _damage_json(self, data: bytes) -> bytes:
        choice = self.rng.randrange(5)
        if choice == 0:
            return mutate(data, self.rng)
        if choice == 1:
            return b"[" * 100000 + b"]" * 100000
        if choice == 2:  # valid JSON, wrong types
            value = json.loads(data) if data.startswith(b"{") else {}
            for key in list(value)[: self.rng.randint(1, 3)]:
                value[key] = self.rng.choice([None, 1, "x", [], {}, [1, 2, 3], {"a": {"b": 1}}])
            return json.dumps(value).encode()
        if choice == 3:
            return b"1" * 100000
        return b""

    def baseline_case(self) -> None:
        self.small_app()
        self.runner.run(self.number, "baseline", ["scan", ".", "--write-baseline", "baseline.json"], self.root)
        path = self.root / "baseline.json"
        data = path.read_bytes() if path.is_file() else b"{}"
        path.write_bytes(self._damage_json(data) if self.rng.random() < 0.7 else mutate(data, self.rng))
        self.files += 1
        self.runner.run(self.number, "baseline", ["scan", ".", "--baseline", "baseline.json"], self.root)

    def init_case(self) -> None:
        self.small_app()
        (self.root / "pyproject.toml").unlink(missing_ok=True)
        text = self.rng.choice(INIT_PYPROJECTS)
        if self.rng.random() < 0.3:
            text = text.replace("\n", "\r\n")
        data = text.encode()
        if self.rng.random() < 0.4:
            data = mutate(data, self.rng)
        path = self.write("pyproject.toml", data)
        self.files += 1
        args = ["init", "."] + (["--force"] if self.rng.random() < 0.3 else [])
        run, _ = self.runner.run(self.number, "init", args, self.root)
        after = path.read_bytes() if path.is_file() else b""
        problem = init_damage(data, after, run.code == 0)
        if problem:
            run.failures.append("damage")
            run.stderr = (problem + "\n" + run.stderr)[:600]

    def interrupt_case(self) -> None:
        self.small_app()
        library = "".join(f"def helper_{i}(value):\n    return value * {i}\n\n\n" for i in range(200)).encode()
        for n in range(self.rng.randint(70, 200)):  # enough for the pool; read, and spared by the prefilter
            self.write(f"pkg/m{n}.py", library)
        self.files += 1
        self.trees += 1
        args = ["scan", ".", "--jobs", "2"] + (["--no-cache"] if self.rng.random() < 0.5 else [])
        process = self.runner.start(args, self.root)
        started = time.monotonic()
        time.sleep(self.rng.uniform(0.05, 1.5))
        sent = self.rng.choice([signal.SIGINT, signal.SIGTERM])
        try:
            if self.rng.random() < 0.5:
                os.killpg(process.pid, sent)  # Ctrl-C in a terminal reaches the whole group
            else:
                os.kill(process.pid, sent)
        except ProcessLookupError:
            pass
        # Ended by the signal (130/143, or -2/-15 if it came before complint could catch it), or done.
        allowed = (0, 1, 2, 128 + sent, -sent)
        run, _ = self.runner.finish(self.number, "interrupt", args + [f"<{sent.name}>"], process, started, allowed)
        if "slow" in run.failures:
            run.failures.remove("slow")  # it ran until the signal, and was meant to
        if run.code == -sent and run.failures == ["traceback"]:
            run.failures = []  # it came while Python itself started (`site`, imports): not complint's
        self.runner.run(self.number, "interrupt", ["scan", "."], self.root)  # the cache it left is fine

    def concurrent_case(self) -> None:
        self.small_app()
        for n in range(self.rng.randint(1, 6)):
            self.fuzzed_file(self.rng.choice(["py", "js", "html", "md"]), n)
        self.trees += 1
        args = ["scan", ".", "--format", "json"]
        started = time.monotonic()
        processes = [self.runner.start(args, self.root) for _ in range(3)]
        results = [self.runner.finish(self.number, "concurrent", args, p, started, sharing=3) for p in processes]
        results.append(self.runner.run(self.number, "concurrent", args, self.root))
        outputs = {(run.code, _findings(output)) for run, output in results}
        if len(outputs) > 1:
            results[-1][0].failures.append("inconsistent")


def age_tree(tree: Path, seconds: float = 30.0) -> None:
    """Every file and folder of `tree` last changed `seconds` ago."""
    when = time.time() - seconds
    for folder, dirs, files in os.walk(tree):
        for name in files + dirs:
            try:
                os.utime(os.path.join(folder, name), (when, when), follow_symlinks=False)
            except OSError:
                pass
    os.utime(tree, (when, when))


def _findings(output: str) -> str:
    try:
        start = output.index("{")
        return json.dumps(json.JSONDecoder().raw_decode(output[start:])[0].get("findings"), sort_keys=True)
    except (ValueError, AttributeError):
        return output


HOSTILE_CONFIGS = (
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nexclude: *g\n",
    "audience: !!python/object/apply:os.system ['true']\n",
    "exclude: ['\\\\']\n", "exclude: ['[', '!', '**/**/**/**']\n", "extend: \"a\\u0000b\"\n", "extend: " + "a" * 5000 + "\n",
    "fail-on: " + "9" * 100000 + "\n", "select: " + "[" * 5000 + "]" * 5000 + "\n", "jobs: -1\n", "jobs: 100000\n",
    "cache-dir: /dev/null\n", "cache-dir: /proc/1\n", "exclude: 5\n", "per-file-ignores: {'*': 7}\n",
    "[tool]\ncomplint = \"x\"\n", "[tool.complint]\nfail-on = 1979-05-27T07:32:00Z\n", "!\n\\\n[\n**/\n/\n", "\x00\x00\n",
)

INIT_PYPROJECTS = (
    '[project]\nname = "x"\n',
    '[project]\nname = "x"\n\n[tool.complint]\napp.audience = "consumer"\n',
    'tool.complint.app.audience = "consumer"\n[project]\nname = "x"\n',
    '[tool.complint]\napp = { audience = "consumer" }\n',
    'tool = { complint = { app = { audience = "consumer" } } }\n',
    '[tool."complint".app]\naudience = "consumer"\n',
    '[ tool . complint . app ]\naudience = "consumer"\n\n[tool.ruff]\nx = 1\n',
    '[[tool.complint.app]]\naudience = "consumer"\n',
    '[tool.notes]\nhelp = """\n[tool.complint.app]\n"""\n',
    '[tool.complint.app]\naudience = "internal"\ninterfaces = [\n  "batch",\n]\n[tool.black]\nx = 1\n',
    '[project\nname = "x"\n',
    'tool = { ruff = { x = 1 } }\n',
    '# only a comment',
    '',
)


def init_damage(before: bytes, after: bytes, wrote: bool) -> str:
    """What `complint init` did wrong to pyproject.toml, if anything."""
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]

    if not wrote:
        return "" if after == before else "init refused but changed the file"
    try:
        old = tomllib.loads(before.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "init wrote into a file that was not valid TOML"
    try:
        new = tomllib.loads(after.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return f"init left invalid TOML: {exc}"
    app = new.get("tool", {}).get("complint", {}).pop("app", None)
    if not isinstance(app, dict):
        return "init wrote no [tool.complint.app] table"
    old.get("tool", {}).get("complint", {}).pop("app", None)
    for data in (old, new):  # an emptied table is the same as none
        if data.get("tool", {}).get("complint") == {}:
            del data["tool"]["complint"]
        if data.get("tool") == {}:
            del data["tool"]
    if old != new:
        return "init changed what the rest of the file says"
    if b"\r\n" in before.split(b"\n", 1)[0] + b"\n" and after.count(b"\n") != after.count(b"\r\n"):
        return "init lost the file's CRLF line endings"
    return ""


# --------------------------------------------------------------------------- driver


def run_case(number: int, seed: str, kind: str, corpus: Dict[str, List[bytes]], runner: Runner, keep: Optional[Path],
             keep_all: bool = False) -> Case:
    base = Path(tempfile.mkdtemp(prefix=f"fuzz-{number}-"))
    case = Case(number, seed, base, corpus, runner)
    first = len(runner.runs)
    try:
        getattr(case, f"{kind}_case")()
    except Exception as exc:  # a bug of the battery's own: reported apart, the battery goes on
        runner.runs.append(Run(number, kind, [], None, 0.0, 0.0, ["battery-error"], f"{type(exc).__name__}: {exc}"[:600]))
    finally:
        failed = any(r.failures for r in runner.runs[first:])
        if keep is not None and (failed or keep_all):
            target = keep / f"case-{number}"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(base, target, symlinks=True, ignore_dangling_symlinks=True,
                            ignore=lambda d, names: [n for n in names if _special(os.path.join(d, n))])
        _remove(base)
    return case


def _special(path: str) -> bool:
    import stat

    try:
        return stat.S_ISFIFO(os.lstat(path).st_mode)
    except OSError:
        return True


def _remove(base: Path) -> None:
    for folder, dirs, _ in os.walk(base):
        for name in dirs:
            try:
                os.chmod(os.path.join(folder, name), 0o755)
            except OSError:
                pass
    shutil.rmtree(base, ignore_errors=True)


def kind_of(number: int, seed: str, kinds: Sequence[str]) -> str:
    rng = random.Random(f"{seed}/{number}/kind")
    weights = [WEIGHTS[KINDS.index(k)] for k in kinds]
    return rng.choices(list(kinds), weights)[0]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", default="1")
    parser.add_argument("--files", type=int, default=5000, help="stop once this many files and trees are generated")
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--slow", type=float, default=2.0)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--only", type=int, action="append", help="run only case N (repeatable)")
    parser.add_argument("--shard", default="0/1", help="I/N: run only the cases whose number is I modulo N")
    parser.add_argument("--out", type=Path, default=None, help="where summary.txt and summary.json go")
    parser.add_argument("--keep", type=Path, default=None, help="copy the trees of failing cases here")
    options = parser.parse_args(argv)
    kinds = [k for k in options.kinds.split(",") if k]
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        parser.error(f"unknown kinds: {', '.join(unknown)}")
    out = options.out or Path(tempfile.gettempdir()) / f"complint-fuzz-{options.seed}"
    out.mkdir(parents=True, exist_ok=True)
    corpus = example_corpus()
    runner = Runner(options.timeout, options.slow)
    generated = cases = 0
    by_kind: Counter = Counter()
    started = time.monotonic()
    shard, shards = (int(part) for part in options.shard.split("/"))
    numbers = options.only or range(shard, 10**9, shards)
    for number in numbers:
        if not options.only and generated >= options.files:
            break
        kind = kind_of(number, options.seed, kinds)
        case = run_case(number, options.seed, kind, corpus, runner, options.keep, bool(options.only))
        generated += case.files + case.trees
        cases += 1
        by_kind[kind] += 1
        for run in runner.runs[-4:]:
            if run.case == number and run.failures:
                print(f"case {number} ({kind}): {', '.join(run.failures)} [{run.code}, {run.seconds} s, CPU {run.cpu} s] {run.stderr.splitlines()[-1] if run.stderr else ''}"[:300], flush=True)
    summary = summarise(runner, options, generated, cases, by_kind, time.monotonic() - started)
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    (out / "summary.txt").write_text(render(summary))
    print(render(summary))
    return 1 if summary["failing_runs"] else 0


def summarise(runner: Runner, options: argparse.Namespace, generated: int, cases: int, by_kind: Counter, seconds: float) -> dict:
    runs = runner.runs
    failures: Counter = Counter()
    for run in runs:
        for failure in set(f.split(" ")[0] for f in run.failures):
            failures[failure] += 1
    slowest = sorted(runs, key=lambda r: -r.cpu)[:5]
    return {
        "seed": options.seed,
        "slow_seconds": options.slow,
        "generated_files_and_trees": generated,
        "cases": cases,
        "cases_by_kind": dict(sorted(by_kind.items())),
        "runs": len(runs),
        "seconds": round(seconds, 1),
        "failing_runs": sum(1 for r in runs if r.failures),
        "failures_by_kind": dict(sorted(failures.items())),
        "median_run_seconds": sorted(r.seconds for r in runs)[len(runs) // 2] if runs else 0,
        "median_run_cpu": sorted(r.cpu for r in runs)[len(runs) // 2] if runs else 0,
        "slowest": [asdict(r) for r in slowest],
        "failures": [dict(asdict(r), reproduce=f"python benchmarks/fuzz.py --seed {options.seed} --only {r.case} --keep DIR")
                     for r in runs if r.failures],
    }


def render(summary: dict) -> str:
    lines = [
        f"complint fuzz, seed {summary['seed']}: {summary['cases']} cases, {summary['generated_files_and_trees']} "
        f"generated files and trees, {summary['runs']} runs in {summary['seconds']} s "
        f"(median run {summary['median_run_seconds']} s, {summary['median_run_cpu']} s of CPU)",
        "cases by kind: " + ", ".join(f"{k} {v}" for k, v in summary["cases_by_kind"].items()),
        f"failing runs: {summary['failing_runs']}"
        + ("; by kind: " + ", ".join(f"{k} {v}" for k, v in summary["failures_by_kind"].items()) if summary["failures_by_kind"] else ""),
    ]
    for failure in summary["failures"][:200]:
        first = failure["stderr"].splitlines()[-1] if failure["stderr"] else ""
        lines.append(f"  case {failure['case']} {failure['kind']}: {', '.join(failure['failures'])} "
                     f"(exit {failure['code']}, {failure['seconds']} s, CPU {failure['cpu']} s) {first[:160]}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
