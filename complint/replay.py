"""A scan whose inputs are all as they were replays the last report, reading nothing else.

A warm scan with nothing changed (the editor's save hook, a second run in CI, a script that
scans on every build) spends most of its time starting up: importing the command line, the
engine and the rules, loading the pack, walking the tree. Its report is the same as the
last one. So a scan records what it read, and writes beside its facts cache
(`.complint_cache/replay/`) a stamp: the command, everything the report depends on besides
the files (complint's version and Python's, the working folder, the environment variables
complint reads, whether the output is a terminal), the status of every input, and the
report itself (what went to standard output and standard error, in order, and the exit
code). The next run of the same command checks those inputs, with one `stat` each and
nothing imported beyond what Python starts with, and when all are as recorded it writes the
same report and exits: a few milliseconds instead of a few hundred.

The inputs (`note`), each with its size, modification time (ns) and inode, or as absent:
- every folder the scan listed (a file added, removed or renamed there changes its time),
  and every file it found there, read or not;
- every file complint read through `files.read_regular` (configuration, `extend`ed
  configuration, baseline, data files the app loads) and every file it looked for and did not
  find (a data file, a document the code shows, a declaration);
- in each folder above the scanned paths, the configuration, declaration, `.gitignore` and
  `.git` names, present or not (`_ABOVE`);
- complint's own modules and policy pack (a new version, or a development checkout's edit),
  and the folders Python imports from (installing, removing or upgrading a package there,
  a parser say, changes the folder).
A status is taken before the file is read, so a file that changes while the scan reads it
differs next time. A run that saw one input in two states, or any input changed less than
before it started by less than its file system's timestamp granularity plus 50 ms (a
second change in the same tick would leave its time as recorded, as git knows), or that had
trouble with its cache, writes no stamp.

A stamp counts only if its inputs hold the scanned paths and complint's `__init__.py`:
their inodes and nanosecond times are known to no one before the files exist, so a stamp
committed to a repository (a `.complint_cache` forced past its `.gitignore`) never
replays a forged report in a fresh checkout.

Only plain scans are replayed: no `-o` (a report written to a file), `--write-baseline`,
`--staged`, `--diff`, `--show-*`, and never with `--no-cache` or `cache = false`, nor with a
`cache-dir` outside the scanned folders (where the next run would not look for it). The
stamp of a command is found in the `.complint_cache` of the scanned folder or of a folder
above it.

This module imports nothing but what Python has loaded before `main` runs.
"""

import marshal
import os
import sys
import zlib

FORMAT = 1
FOLDER = "replay"
CACHE_NAME = ".complint_cache"  # cache.CACHE_DIR (not imported: too costly for this path)
# File times come from the kernel's coarse clock, up to a tick (a few ms) behind the time
# the run starts by: an input changed within this much of the start, or within its file
# system's timestamp granularity (`_tick`), may change again unseen in the same tick.
_CLOCK_LAG_NS = 50_000_000
_KEPT = 8  # stamps kept per cache folder (one per command): the newest
# Names looked for in the folders above a scan: configuration (config.CONFIG_FILES),
# declarations (engine.declaration_files), ignore files and repository tops.
_ABOVE = (".complint.yaml", "complint.toml", "pyproject.toml", "complint.yaml", "complint.yml", ".gitignore", ".git")
# Options a replayed scan may carry (with their values); any other option runs the scan.
_FLAGS = frozenset({"--exit-zero", "-q", "--quiet", "--statistics", "--no-prefilter"})
_VALUED = frozenset({"--format", "--color", "--select", "--extend-select", "--ignore", "--fail-on", "--config", "--baseline", "--jobs", "-j"})
# Environment variables that change a report (its colours, its encoding) or a run.
_ENVIRONMENT = ("NO_COLOR", "FORCE_COLOR", "PYTHONIOENCODING", "PYTHONUTF8")  # and every COMPLINT_* but TIMINGS
_ABSENT, _FOLDER = -1, -2
_MAX_BYTES = 64 << 20  # a stamp larger than this is not read (a tree of a million files makes ~100 MB)
_PACKAGE = os.path.dirname(os.path.abspath(__file__))
EXIT_FINDINGS, EXIT_ERROR = 1, 2

# (command line, `_parts`) when it may be replayed: set by `serve`, taken by `start`.
candidate = None
# The recorder of the running scan, when it may write a stamp.
recording = None


def replayable(argv):
    """Is this command line a plain scan, whose report depends on nothing but its inputs?"""
    return scanned_paths(argv) is not None


def scanned_paths(argv):
    """The paths a plain scan's command line names (not the values of its options); None
    for any other command line."""
    if not argv or argv[0] != "scan":
        return None
    paths, expect_value = [], False
    for token in argv[1:]:
        if expect_value:
            if token.startswith("-"):
                return None
            expect_value = False
        elif token in _VALUED:
            expect_value = True
        elif not token.startswith("-"):
            paths.append(token)
        elif not (token in _FLAGS or "=" in token and token.startswith("--") and token.partition("=")[0] in _VALUED
                  or token.startswith("-j") and token[2:].isdigit()):
            return None  # -o, --output, --staged, --no-cache, --help, a path like -x: run it
    return None if expect_value else paths


def _utf8(stream):
    if stream is None:
        return False
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding == "utf8" and getattr(stream, "errors", "strict") in ("strict", "surrogateescape", "backslashreplace")


def _parts(argv):
    """What the report depends on besides the inputs: one list, compared whole."""
    from . import __version__

    environment = [f"{name}={os.environ.get(name)}" for name in _ENVIRONMENT]
    environment += sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith("COMPLINT_") and k != "COMPLINT_TIMINGS")
    return [
        str(FORMAT), __version__, sys.version, sys.executable, os.getcwd(),
        str(sys.stdout.isatty()), str(sys.stderr.isatty()), *environment, "\0", *argv,
    ]


def _name(parts):
    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}.marshal"


def folders(targets):
    """The scanned paths' common folder and the folders above it, closest first."""
    folders = []
    for given in targets or (".",):
        absolute = os.path.abspath(given)
        folders.append(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))
    try:
        folder = os.path.commonpath(folders)
    except ValueError:  # paths on different drives
        return []
    out = [folder]
    while os.path.dirname(out[-1]) != out[-1]:
        out.append(os.path.dirname(out[-1]))
    return out


def _status(path):
    """(size, mtime_ns, inode) of a file, (_FOLDER, mtime_ns, inode) of a folder, or
    (_ABSENT, 0, 0); None when the path cannot be looked at (no stamp can hold it)."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return (_ABSENT, 0, 0)
    except (OSError, ValueError):
        return None
    size = _FOLDER if (info.st_mode & 0o170000) == 0o040000 else info.st_size
    return (size, info.st_mtime_ns, info.st_ino)


def serve(argv):
    """Replay the last report of this command if every input is as it was: the exit code,
    else None (the scan runs, and records when it may)."""
    try:
        return _serve(argv)
    except Exception:  # noqa: BLE001 - a replay that cannot be made is a scan, never a failure
        return None


def _serve(argv):
    global candidate
    targets = scanned_paths(argv)
    if targets is None or not (_utf8(sys.stdout) and _utf8(sys.stderr)):
        return None
    parts = _parts(argv)  # the working folder gone: OSError, and the scan says what is wrong
    candidate = (list(argv), parts)
    name = _name(parts)
    # A stamp proves itself by the status of the scanned paths and of complint, which no
    # one can know before the files are there: one committed to a repository (a
    # `.complint_cache` forced into git) never matches a fresh checkout's inodes and times.
    needed = {os.path.abspath(t) for t in targets or (".",)} | {os.path.join(_PACKAGE, "__init__.py")}
    for folder in folders(targets):
        try:
            with open(os.path.join(folder, CACHE_NAME, FOLDER, name), "rb") as handle:
                data = handle.read(_MAX_BYTES + 1)
            stamp = marshal.loads(data) if len(data) <= _MAX_BYTES else None
        except (OSError, EOFError, ValueError, TypeError):
            continue
        if not isinstance(stamp, dict) or stamp.get("parts") != parts:
            continue  # another command's stamp under the same name (a checksum is short)
        try:
            inputs = stamp["inputs"]
            if not needed <= {entry[0] for entry in inputs}:
                return None
            if any(_status(path) != tuple(status) for path, *status in inputs):
                return None
            return _write(stamp["output"], stamp["exit"])
        except (KeyError, TypeError, ValueError):
            return None  # a damaged stamp: the scan runs and writes a whole one
    return None


def _write(output, code):
    try:
        for to_stderr, text in output:
            (sys.stderr if to_stderr else sys.stdout).write(text)
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `complint scan | head`, as the command does (cli._Group)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FINDINGS
    except OSError as exc:
        sys.stderr.write(f"complint: error: cannot write the output: {exc.strerror or exc}\n")
        return EXIT_ERROR
    return code


class Recorder:
    """What one scan read, and what it printed."""

    def __init__(self, parts, targets):
        import time

        self.parts = parts
        self.started_ns = time.time_ns()
        self.inputs = {}  # absolute path -> status
        self.output = []
        self.spoiled = False
        self.cache_folder = None  # where the stamp goes (`use_cache`)
        # What complint derives from itself and keeps beside its bytecode (compiled
        # patterns, the parsed pack): rewritten as it grows, and no input of a report.
        self.derived_prefix = os.path.join(_PACKAGE, "__pycache__") + os.sep
        for target in targets:
            self.note(target)
        for folder in folders(targets):
            for name in _ABOVE:
                self.note(os.path.join(folder, name))
        self._note_tree(_PACKAGE)
        for entry in sys.path:  # a package installed, removed or upgraded changes its folder
            if entry and os.path.isdir(entry):
                self.note(entry)

    def _note_tree(self, top):
        """complint itself: its modules, and its pack when it is inside the package."""
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            self.note(folder)
            for name in files:
                self.note(os.path.join(folder, name))

    def note_pack(self, folder):
        if not str(folder).startswith(_PACKAGE + os.sep):
            self._note_tree(str(folder))

    def use_cache(self, cache_folder):
        """Where the stamp goes. The cache's own folder changes with every run: no input."""
        self.cache_folder = os.path.abspath(cache_folder)

    def note(self, path, info=None):
        path = os.path.abspath(os.fspath(path))
        if _under(path, self.cache_folder):
            return
        if path.startswith(self.derived_prefix):
            return
        if info is not None:
            size = _FOLDER if (info.st_mode & 0o170000) == 0o040000 else info.st_size
            status = (size, info.st_mtime_ns, info.st_ino)
        else:
            status = _status(path)
        if status is None:
            self.spoiled = True
            return
        held = self.inputs.setdefault(path, status)
        if held != status:
            self.spoiled = True  # it changed while the scan ran

    def echo(self, text, to_stderr):
        self.output.append((bool(to_stderr), text))

    def racy(self):
        """Was an input changed so close to the start that a second change in the same
        timestamp tick, after the scan looked, would leave its time as recorded?"""
        start = self.started_ns - _CLOCK_LAG_NS
        return any(size != _ABSENT and mtime + _tick(mtime) > start for size, mtime, _ in self.inputs.values())

    def finish(self, code, problem_paths):
        """Write the stamp, unless something makes it untrustworthy: an input seen in two
        states or too fresh, or a problem with the cache (it must be said again next time)."""
        if self.cache_folder is None or self.spoiled or self.racy():
            return
        if any(_under(os.path.abspath(path), self.cache_folder) for path in problem_paths):
            return
        stamp = {
            "parts": self.parts,
            "inputs": [(path, *status) for path, status in sorted(self.inputs.items())],
            "output": self.output,
            "exit": code,
        }
        folder = os.path.join(self.cache_folder, FOLDER)
        try:
            from .files import write_atomic

            os.makedirs(folder, exist_ok=True)
            write_atomic(os.path.join(folder, _name(self.parts)), marshal.dumps(stamp), 0o644, durable=False)
            _prune(folder)
        except (OSError, ValueError):
            pass  # no stamp: the next run scans, as it would have without one


def _under(path, folder):
    """Is `path` (absolute) `folder` or inside it? Never, for no folder."""
    return folder is not None and (path == folder or path.startswith(folder + os.sep))


def _tick(mtime_ns):
    """The timestamp granularity an mtime shows: a file system that keeps whole seconds
    (ext3, HFS+) or two (FAT) makes every time a multiple of it; one that keeps 10 ms
    (exFAT) or 100 ns (NTFS), of those. A nanosecond time ends in a zero one time in ten."""
    if mtime_ns % 1_000_000_000 == 0:
        return 2_000_000_000
    tick = 1
    while mtime_ns % (tick * 10) == 0:
        tick *= 10
    return tick


def _prune(folder):
    """Keep the newest stamps: one per command line, and command lines come and go."""
    stamps = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".marshal"):
            try:
                stamps.append((entry.stat().st_mtime_ns, entry.path))
            except OSError:
                continue
    for _, path in sorted(stamps, reverse=True)[_KEPT:]:
        try:
            os.unlink(path)
        except OSError:
            pass


def start(targets):
    """Record this scan's inputs, if its command may be replayed: the command `serve` was
    given, and no other (a program that runs `main` and then scans through click's runner)."""
    global candidate, recording
    if candidate is not None and candidate[0] == sys.argv[1:]:
        recording = Recorder(candidate[1], [os.fspath(t) for t in targets])
    candidate = None
    return recording


def stop():
    """This scan will write no stamp (`--no-cache`, a cache elsewhere, an error)."""
    global recording
    recording = None


def note(path, info=None):
    """An input of the running scan (when one is recording): `path` as it is now, or as
    `info` (its `os.stat`) says it was when it was read."""
    if recording is not None:
        recording.note(path, info)
