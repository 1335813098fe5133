"""A process that imports the Python parser while this one finds out what changed.

A warm scan after an edit to an app file parses that one file, and first imports its
extractor: 0.1-0.2 s on a loaded machine here (the fact types and the extractor's tables;
Python's `ast` is at hand; libcst, which it replaced, took 0.25-0.3 s more). Finding out what changed (configuration, pack, discovery, the cache,
the prefilter) takes about as long. So the `complint scan` command forks a
`ParserProcess` first thing (`fork_early`, from `__main__`, before even the command line
is read): it imports the extractor on another core while this process finds the changed
files and runs the prefilter on them, then parses the files it is handed. Once the
configuration is known (`claim`), it is stopped unless it can help: more than one
process allowed, and a cold scan (`--no-cache`, or no cache yet: a small app's files are
read and prefiltered here while it imports, and a large one's pool stops it when it
starts), or a warm one whose last scan parsed Python files. A file's facts are the same
wherever it is parsed.

Only where fork is the safe, cheap start (Linux; this process has started no thread and
holds almost nothing yet), and only for the command (`complint`, `python -m complint`),
never for complint used as a library inside another program. Whatever goes wrong in the
other process (it dies, its answer is cut short) only means this one parses the files
itself.
"""

from __future__ import annotations

import os
import sys

# Nothing more is imported before the fork (`typing` alone takes 5 ms here): the sooner
# the other process starts, the sooner its parser is ready.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Callable, List, Optional

# What the process imports before it is asked anything: the Python extractor, and what
# extraction imports when first used (a fresh process pays that on its first file).
MODULES = ("complint.extract.python", "complint.suppress")
LANGUAGE = "python"
# A small file parsed while nothing is asked, so that the first real one finds everything
# extraction builds on first use (compiled patterns, caches) already built.
_SAMPLE = (
    "import os\nfrom openai import OpenAI as Client\n\nSYSTEM_PROMPT = 'You are helpful.'\n\n\n"
    "def answer(question: str) -> str:\n    client = Client()\n"
    "    reply = client.chat.completions.create(model='m', messages=[\n"
    "        {'role': 'system', 'content': SYSTEM_PROMPT},\n"
    "        {'role': 'user', 'content': f'Q: {question}'}])  # complint: ignore[CL101]\n"
    "    print(reply)\n    return reply.choices[0].message.content\n"
)

# The process `fork_early` started, until `claim` takes it.
_early: Optional["ParserProcess"] = None


class ParserProcess:
    """The forked process: it imports `MODULES`, then parses one batch of files."""

    def __init__(self, pid: int, requests: int, replies: int) -> None:
        self.pid = pid
        self._requests: Optional[int] = requests
        self._replies: Optional[int] = replies
        self.modules = MODULES

    def parse(self, work: list, settings: object, meanwhile: Optional[Callable[[], object]] = None) -> Optional[list]:
        """`parallel._extract_chunk(work, settings, None)`, done there while this process
        does `meanwhile` (an error it raises is dropped: the caller meets it again); None
        if it could not be done there (the caller then parses). Ends the process."""
        import pickle

        try:
            if self._requests is None or self._replies is None:
                return None
            try:
                _write_all(self._requests, pickle.dumps((work, settings), protocol=pickle.HIGHEST_PROTOCOL))
            finally:
                os.close(self._requests)
                self._requests = None
            if meanwhile is not None:
                try:
                    meanwhile()
                except Exception:
                    pass
            rows = pickle.loads(_read_all(self._replies))
            if not isinstance(rows, list) or [row[0] for row in rows] != [rel for _, rel, _ in work]:
                return None
            return rows
        except Exception:  # it died, or said something unreadable: parse here
            return None
        finally:
            self.stop()

    def stop(self) -> None:
        """End the process now, if it has not ended (again: nothing)."""
        for fd in (self._requests, self._replies):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._requests = self._replies = None
        if self.pid:
            import signal

            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass  # it has ended already
            try:
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0


def fork_early(argv: List[str]) -> None:
    """Start the process if `argv` asks for a scan (`claim` decides whether it stays)."""
    global _early
    if "scan" in argv[:3] and _early is None:
        _early = start()


def stop_early() -> None:
    """Stop the process `fork_early` started if nothing claimed it."""
    global _early
    if _early is not None:
        _early.stop()
        _early = None


def claim(cache: bool, cache_directory: Path, jobs: int) -> Optional[ParserProcess]:
    """The process `fork_early` started, if it can help this scan; else it is stopped."""
    global _early
    process, _early = _early, None
    if process is None:
        return None
    from .cache import CACHE_FILE, parsed_languages

    if jobs > 1 and (not cache or not (cache_directory / CACHE_FILE).is_file() or LANGUAGE in parsed_languages(cache_directory)):
        return process  # a cold scan (no cache to be warm from), or a warm one that parsed Python last time
    process.stop()
    return None


def start() -> Optional[ParserProcess]:
    """Fork the process; None where that is not done."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        for fd in (request_read, request_write, reply_read, reply_write):
            os.close(fd)
        return None
    if pid == 0:  # pragma: no cover - the forked process (coverage does not follow it)
        os.close(request_write)
        os.close(reply_read)
        _serve(request_read, reply_write)
    os.close(request_read)
    os.close(reply_write)
    return ParserProcess(pid, request_write, reply_read)


def _serve(requests: int, replies: int) -> None:  # pragma: no cover - the forked process
    """Import, warm up while nothing is asked, parse the one batch asked for, answer; then
    end without running anything of the parent's (its buffers, its exit handlers)."""
    try:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent
        # It writes nothing, and must not hold the command's output open (`complint | cat`
        # ends when the command does).
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            if fd not in (requests, replies):  # a command started with its input closed
                os.dup2(quiet, fd)
        if quiet > 2:
            os.close(quiet)
        import importlib
        import pickle
        import select

        for module in MODULES:
            importlib.import_module(module)
        from .extract import extract_text, extractor_for
        from .parallel import _extract_chunk

        if not select.select([requests], [], [], 0)[0]:
            found = extractor_for("warm-up.py")
            if found is not None:
                extract_text("warm-up.py", found, _SAMPLE)
        request = _read_all(requests)
        if request:
            work, settings = pickle.loads(request)
            rows = _extract_chunk(work, settings, None)
            _write_all(replies, pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:
        pass  # the parent parses what it gets no answer for
    finally:
        os._exit(0)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_all(fd: int) -> bytes:
    chunks: List[bytes] = []
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


__all__ = ("ParserProcess", "claim", "fork_early", "start", "stop_early")
