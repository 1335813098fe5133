"""How fast complint scans a large repository: cold, warm, after one change; beside ruff.

The corpus is the running interpreter's standard library (its Python files, about 700,000
lines; test folders renamed so that neither tool skips them), copied into a temporary
folder, plus a few small AI apps written here. Each figure is the wall time of a fresh
process:

- floor: a Python process that reads every file of the corpus once;
- cold: `complint scan` with no cache (it writes one);
- warm: again, nothing changed: the scan runs on its facts cache;
- replayed: once more, nothing changed: the warm run recorded its inputs, so this one
  replays its report (complint/replay.py) after checking them;
- one file changed: an app file (which must be parsed) or a library file (which the
  prefilter spares) edited between runs;
- ruff: `ruff check --no-cache` on the same tree, where ruff is installed;
- `complint --version`;
- `python -c pass` and `python -c "import complint.extract.python"`: importing the Python
  extractor, which a changed app file cannot avoid.

These machines are noisy, and the noise comes in spells of seconds. So the figures are
measured in rounds, one of each per round, and a ratio is the median of the ratios of each
round (two figures a few seconds apart), not the ratio of two medians taken a minute apart.

The measured commands may write bytecode (`PYTHONDONTWRITEBYTECODE` is unset for them),
as an installed complint has it: compiling complint's sources anew in every run would
measure something no user waits for.

Peak memory is the largest resident set of the measured processes and their children
(`resource.getrusage(RUSAGE_CHILDREN)`). Usage: `python benchmarks/run.py [--runs N]
[--keep DIR] [--console] [--without-tests]` (`--without-tests`: the library alone, the
second corpus issue 17 measures); `--console` adds a console chat app, which makes console output
count and every printed text worth a look.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
TARGET_LINES = 700_000
# Folder names complint (and ruff) skip by default; renamed so both read the same files.
RENAMED = {"test", "tests", "idle_test", "testing", "fixtures", "venv", "build", "dist", "__tests__",
           "vendor", "third_party", "coverage", "htmlcov", "site-packages"}

APPS: Dict[str, str] = {
    "apps/support/app.py": """\
        import streamlit as st
        from openai import OpenAI

        from prompts import SYSTEM_PROMPT

        client = OpenAI()
        st.title("Support desk")
        if question := st.chat_input("How can we help?"):
            answer = client.chat.completions.create(
                model="gpt-4o",
                messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": question}],
            )
            st.chat_message("assistant").write(answer.choices[0].message.content)
        """,
    "apps/support/prompts.py": """\
        SYSTEM_PROMPT = (
            "You are a support agent for Acme. Answer questions about orders and refunds. "
            "Keep answers short."
        )
        """,
    "apps/bot/bot.py": """\
        from anthropic import Anthropic
        from telegram.ext import Application, CommandHandler, MessageHandler, filters

        claude = Anthropic()

        async def start(update, context):
            await update.message.reply_text("Hi! I'm an AI bot. I can get things wrong.")

        async def answer(update, context):
            reply = claude.messages.create(
                model="claude-sonnet-4-5", max_tokens=500,
                messages=[{"role": "user", "content": update.message.text}],
            )
            await update.message.reply_text(reply.content[0].text)

        app = Application.builder().token("TOKEN").build()
        app.add_handler(CommandHandler("start", start))
        app.add_handler(MessageHandler(filters.TEXT, answer))
        app.run_polling()
        """,
    "apps/api/server.py": """\
        import requests
        from fastapi import FastAPI

        app = FastAPI()
        URL = "https://api.openai.com/v1/chat/completions"

        @app.post("/chat")
        def chat(message: str):
            payload = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": message}]}
            return requests.post(URL, json=payload, timeout=30).json()
        """,
    "apps/batch/summarise.py": """\
        import sys
        from langchain_openai import ChatOpenAI

        llm = ChatOpenAI(model="gpt-4o-mini")
        for path in sys.argv[1:]:
            with open(path) as fh:
                print(llm.invoke("Summarise this news article:\\n" + fh.read()).content)
        """,
}
CONSOLE_APP = {
    "apps/console/chat.py": """\
        from openai import OpenAI

        client = OpenAI()
        while True:
            question = input("> ")
            answer = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
            print(answer.choices[0].message.content)
        """,
}
CHANGED = "apps/support/app.py"  # needs a parse: the parser is imported for it
CHANGED_LIBRARY = "stdlib/argparse.py"  # an edit far from any model API: the prefilter spares it


def build_corpus(root: Path, console: bool = False, tests: bool = True) -> Tuple[int, int]:
    """Copy the standard library's Python files (up to TARGET_LINES) and the apps into `root`;
    `tests=False`: the library without its test folders and test files."""
    source = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(p for p in source.rglob("*.py") if "__pycache__" not in p.parts and "site-packages" not in p.parts)
    # The library first, then its tests: the corpus is real code of every kind.
    ordered = [p for p in files if not _is_test(p, source)] + ([p for p in files if _is_test(p, source)] if tests else [])
    lines = count = 0
    for path in ordered:
        if lines >= TARGET_LINES:
            break
        rel = path.relative_to(source)
        parts = [p + "_pkg" if p in RENAMED else p for p in rel.parts[:-1]] + [_file_name(rel.name)]
        target = root / "stdlib" / Path(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        target.write_bytes(data)
        lines += data.count(b"\n")
        count += 1
    for rel, text in {**APPS, **(CONSOLE_APP if console else {})}.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
        lines += text.count("\n")
        count += 1
    return count, lines


def _is_test(path: Path, source: Path) -> bool:
    rel = path.relative_to(source)
    return any(p in RENAMED for p in rel.parts[:-1]) or _file_name(rel.name) != rel.name


def _file_name(name: str) -> str:
    if name.startswith("test_"):
        return "t_" + name[5:]
    if name.endswith("_test.py"):
        return name[:-8] + "_t.py"
    return "conf_t.py" if name == "conftest.py" else name


_MEASURE = """\
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)
"""

_READ_ALL = """\
import os, sys
total = 0
for folder, dirs, names in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for name in names:
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as fh:
                total += len(fh.read())
"""


def measure(command: Sequence[str], cwd: Path, env: Dict[str, str]) -> Tuple[float, int]:
    """(seconds, peak KiB) of one run of `command` in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(cwd), *command], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    return float(out[0]), int(out[1])


def summary(label: str, times: Sequence[float], peaks: Sequence[int]) -> None:
    median = statistics.median(times)
    print(f"  {label:<38} {median:7.3f} s   (runs: {', '.join(f'{t:.3f}' for t in times)}; peak {max(peaks) / 1024:.0f} MB)")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (the median is reported)")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    parser.add_argument("--console", action="store_true", help="add a console chat app to the corpus")
    parser.add_argument("--without-tests", action="store_true", help="the library without its test folders and files")
    args = parser.parse_args(argv)

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="complint-bench-"))
    corpus = workdir / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    files, lines = build_corpus(corpus, console=args.console, tests=not args.without_tests)
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""), NO_COLOR="1")
    # An installed complint runs from bytecode (pip compiles it at install); without it,
    # every run would first compile complint's sources (0.13 s here), which no user pays.
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        print("  PYTHONDONTWRITEBYTECODE is set here: unset for the measured commands")
    complint = [sys.executable, "-m", "complint"]
    scan = complint + ["scan", ".", "--exit-zero", "-q"]
    cache = corpus / ".complint_cache"
    print(f"corpus: {files} files, {lines:,} lines, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, in {corpus}")

    edits = iter(range(1_000_000))

    def touch(rel: str) -> Callable[[], None]:
        def edit() -> None:
            with open(corpus / rel, "a", encoding="utf-8") as fh:
                fh.write(f"# edit {next(edits)}\n")

        return edit

    def forget() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    ruff = shutil.which("ruff") or (shutil.which("ruff", path=str(Path(sys.executable).parent)))
    # (key, label, command, what to do before): one round runs each once, in this order.
    figures: List[Tuple[str, str, Sequence[str], Optional[Callable[[], None]]]] = [
        ("floor", "floor (read every file)", [sys.executable, "-c", _READ_ALL, "."], None),
        ("version", "complint --version", complint + ["--version"], None),
        # What an app file's change cannot avoid: Python starting, and importing the parser.
        ("python", "python -c pass", [sys.executable, "-c", "pass"], None),
        ("extractor", "python -c 'import complint.extract.python'", [sys.executable, "-c", "import complint.extract.python"], None),
        ("ruff", "ruff check --no-cache", [ruff or "ruff", "check", "--no-cache", "--exit-zero", "-q", "."], None),
        ("cold", "complint scan, cold (no cache)", scan, forget),
        ("warm", "complint scan, warm (no change)", scan, None),
        ("replayed", "complint scan, warm again (replayed)", scan, None),
        ("changed", "complint scan, one app file changed", scan, touch(CHANGED)),
        ("changed-library", "complint scan, one other file changed", scan, touch(CHANGED_LIBRARY)),
    ]
    if not ruff:
        figures = [f for f in figures if f[0] != "ruff"]
        print("  ruff is not installed: no comparison")
    times: Dict[str, List[float]] = {key: [] for key, *_ in figures}
    peaks: Dict[str, List[int]] = {key: [] for key, *_ in figures}
    measure(scan, corpus, env)  # once before the rounds: the corpus is read into memory
    for _ in range(args.runs):
        for key, _, command, before in figures:
            if before is not None:
                before()
            seconds, peak = measure(command, corpus, env)
            times[key].append(seconds)
            peaks[key].append(peak)
    for key, label, *_ in figures:
        summary(label, times[key], peaks[key])

    print()

    def ratio(key: str, other: str) -> float:
        return statistics.median(a / b for a, b in zip(times[key], times[other]))

    for key, label in (("cold", "cold"), ("warm", "warm"), ("replayed", "warm, replayed"), ("changed", "app file changed"),
                       ("changed-library", "other file changed")):
        against = f"{ratio(key, 'ruff'):.2f} x ruff, " if "ruff" in times else ""
        print(f"  {label:<20} {against}{ratio(key, 'floor'):.1f} x floor")
    for key, label in (("changed", "app file changed"), ("changed-library", "other file changed")):
        delta = statistics.median(a - b for a, b in zip(times[key], times["warm"]))
        print(f"  {label} - warm  {delta:+.3f} s")
    importing = statistics.median(a - b for a, b in zip(times["extractor"], times["python"]))
    print(f"  importing the Python extractor {importing:+.3f} s (part of an app file's change)")
    peak = max(max(peaks[key]) for key in ("cold", "warm", "changed", "changed-library"))
    print(f"  peak memory        {peak / 1024:.0f} MB (largest complint process)")
    if args.keep is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
