"""The `scan` command's work, and a way into it that does not import click.

Importing click, and building its command objects, took a small app's cold scan about a
tenth of its instructions (`uuid`, `platform`, `gettext`, `inspect`'s users; 15-25 ms of
every process). What CI and pre-commit run is `complint scan` with a few plain options,
so `__main__` asks `scan_arguments` first: when every argument is one it can read exactly
as click would (a known option of `scan`, a value click would accept unchanged, a path
that is not an option), it gives the parameters and `run` does the scan without click;
for anything else (`--help`, a value click would refuse, an option spelled in a way
this reader does not take, `--staged` and the other options that need click's context,
another command, output streams that are not plain text files of a Unicode encoding) it
gives None and click reads the command line, as before. Both ways run `scan` below with
the same parameters and write with `echo`, which writes what `click.echo` writes to those
streams; `tests/test_command.py` compares the parameters with click's for many command
lines, and the output and exit code of both ways.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence, Tuple

from . import replay, timing
from .errors import UsageError
from .findings import SEVERITIES
from .report import FORMATS

if TYPE_CHECKING:
    from .baseline import BaselineOutcome
    from .engine import ScanResult
    from .gitfiles import StagedTree

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# Ended by a signal, as shells report it: 128 + SIGINT (2), 128 + SIGTERM (15).
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143

# The choices of `--color` (cli.py gives the same to click).
COLOR_CHOICES = ("auto", "always", "never")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the command is, like Ctrl-C, so that it stops what it started."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated()


class BadOption(ValueError):
    """A value `scan` refuses (click.BadParameter through cli.py)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


# ---- writing, as click.echo writes to a plain text stream

_ANSI = None
# `click.echo`, once cli.py is imported: then click reads the command line, and writes.
_click_echo: Optional[Callable[..., None]] = None


def _strip_ansi(text: str) -> str:
    global _ANSI
    if _ANSI is None:
        import re

        _ANSI = re.compile(r"\033\[[0-?]*[ -/]*[@-~]")  # click's own expression
    return _ANSI.sub("", text)


def echo(message: str, err: bool = False, nl: bool = True, color: Optional[bool] = None) -> None:
    """`click.echo(message, err=err, nl=nl, color=color)` for a text message: colour codes
    removed unless `color` (None: unless the stream is a terminal), then written and
    flushed. Where click would write elsewhere (no stream, or one it wraps) cli.py uses
    click itself: `plain_streams`."""
    if _click_echo is not None:
        _click_echo(message, err=err, nl=nl, color=color)
        return
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    out = message + "\n" if nl else message
    if not out:
        stream.flush()
        return
    if (not _isatty(stream)) if color is None else not color:
        out = _strip_ansi(out)
    stream.write(out)
    stream.flush()


def plain_streams() -> bool:
    """Are standard output and error the streams click writes to unchanged: text files of
    an encoding that is not ASCII, with an error handler (click wraps the others)?"""
    import codecs
    import io

    for stream in (sys.stdout, sys.stderr):
        if type(stream) is not io.TextIOWrapper or not stream.errors:
            return False
        try:
            if codecs.lookup(stream.encoding).name == "ascii":
                return False
        except LookupError:
            return False
    return True


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:  # as click: a stream that cannot say is not a terminal
        return False


def _terminal(stream: Any) -> bool:
    """Is `stream` a terminal? None (a command started with it closed) is not."""
    return stream is not None and stream.isatty()  # type: ignore[no-any-return]


# ---- reading `scan`'s command line without click

# Each option of `scan` this reader takes: its parameter, and what it holds (a flag, a
# value, a repeatable value).
_FLAG, _ONE, _MANY = "flag", "one", "many"
_OPTIONS: Dict[str, Tuple[str, str]] = {
    "--format": ("fmt", _ONE),
    "-o": ("outputs", _MANY), "--output": ("outputs", _MANY),
    "--color": ("color", _ONE),
    "--select": ("select", _MANY),
    "--extend-select": ("extend_select", _MANY),
    "--ignore": ("ignore", _MANY),
    "--fail-on": ("fail_on", _ONE),
    "--exit-zero": ("exit_zero", _FLAG),
    "--config": ("config_file", _ONE),
    "-q": ("quiet", _FLAG), "--quiet": ("quiet", _FLAG),
    "--statistics": ("statistics", _FLAG),
    "--baseline": ("baseline_file", _ONE),
    "-j": ("jobs", _ONE), "--jobs": ("jobs", _ONE),
    "--no-cache": ("no_cache", _FLAG),
    "--no-prefilter": ("no_prefilter", _FLAG),
}
# What click gives for an option not on the command line.
DEFAULTS: Dict[str, Any] = {
    "paths": (), "fmt": "text", "outputs": (), "color": "auto", "select": (), "extend_select": (), "ignore": (),
    "fail_on": None, "exit_zero": False, "config_file": None, "quiet": False, "statistics": False,
    "baseline_file": None, "write_baseline": None, "jobs": None, "no_cache": False, "no_prefilter": False,
    "staged": False, "diff_base": None, "show_settings": False, "show_files": False,
}
_CHOICES = {"fmt": tuple(FORMATS), "color": COLOR_CHOICES, "fail_on": SEVERITIES}


def scan_arguments(argv: Sequence[str]) -> Optional[Dict[str, Any]]:
    """The parameters click would give `scan` for `argv` (the arguments after the program's
    name), when `argv` is a scan this reader can read exactly as click does; else None."""
    if not argv or argv[0] != "scan" or not plain_streams():
        return None
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return None  # click's shell completion
    params: Dict[str, Any] = dict(DEFAULTS)
    many: Dict[str, List[str]] = {}
    paths: List[str] = []
    rest = list(argv[1:])
    while rest:
        arg = rest.pop(0)
        if not arg or not arg.startswith("-"):
            if not arg:
                return None
            paths.append(arg)
            continue
        name, equals, value = arg.partition("=")
        if not name.startswith("--") and equals:
            return None  # `-o=FILE`: click reads that as the value "=FILE"
        known = _OPTIONS.get(name)
        if known is None:
            return None  # --help, --staged, `-qo FILE`, an unknown option: click says what it makes of it
        key, kind = known
        if kind == _FLAG:
            if equals:
                return None
            params[key] = True
            continue
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        if kind == _MANY:
            many.setdefault(key, []).append(value)
        else:
            params[key] = value
    for key, values in many.items():
        params[key] = tuple(values)
    for key, choices in _CHOICES.items():
        if params[key] is not None and params[key] not in choices:
            return None
    if params["jobs"] is not None:
        jobs = params["jobs"]
        if not (jobs.isascii() and jobs.isdigit()) or int(jobs) < 1:
            return None
        params["jobs"] = int(jobs)
    for key in ("config_file", "baseline_file"):
        if params[key] is not None:
            if not _readable(params[key], directory=False):
                return None
            params[key] = Path(params[key])
    if not all(_readable(p, directory=True) for p in paths):
        return None
    params["paths"] = tuple(Path(p) for p in paths)
    try:
        report_targets(params["fmt"], params["outputs"])
    except BadOption:
        return None
    return params


def _readable(path: str, directory: bool) -> bool:
    """Would click's `Path` type take `path` as it is: absent, or present, readable, and
    a folder only where one is allowed?"""
    import stat

    try:
        st = os.stat(path)
    except OSError:
        return True  # click's Path does not ask that it exists
    except ValueError:
        return False  # an embedded NUL: let click say so
    if not directory and stat.S_ISDIR(st.st_mode):
        return False
    return os.access(path, os.R_OK)


def run(params: Dict[str, Any]) -> None:
    """`complint scan` read by `scan_arguments`: as `cli.entry` runs click's command, with
    the errors click's group (cli._Group) turns into one line and an exit code."""
    finish(lambda: guarded(lambda: scan(**params), lambda: "scan"))


def guarded(
    work: Callable[[], Any], subcommand: Callable[[], Optional[str]], debug: bool = False,
    passing: Tuple[type, ...] = (),
) -> Any:
    """`work()`, with configuration and pack errors as one line and exit 2, never a
    traceback; `passing`: exceptions that go through as they are (click's own)."""
    try:
        return work()
    except UsageError as exc:
        echo(f"complint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except passing:
        raise
    except KeyboardInterrupt as exc:  # click would say "Aborted!" and exit 1, the code for findings
        terminated = isinstance(exc, Terminated)
        echo(f"complint: {'terminated' if terminated else 'interrupted'}", err=True)
        sys.exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
    except BrokenPipeError:
        # `complint rules | head`: the reader has gone; stop writing, quietly. What a
        # scan found still sets its exit code; a listing was read as far as wanted.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_FINDINGS if subcommand() in ("scan", "check") else EXIT_CLEAN)
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRORS:
            internal_error(exc, debug)
        # A full disk (`> /dev/full`), a quota, a dead terminal: the report is lost.
        echo(f"complint: error: cannot write the output: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # a bug: say so in one line unless asked for more
        internal_error(exc, debug)


OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)})


def internal_error(exc: BaseException, debug: bool) -> None:
    """A bug: one line (the traceback with --debug or COMPLINT_DEBUG), and exit 2."""
    if debug or os.environ.get("COMPLINT_DEBUG"):
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__)
    else:
        echo(
            f"complint: internal error: {type(exc).__name__}: {exc} "
            "(this is a bug in complint; rerun with --debug for the traceback)",
            err=True,
        )
    sys.exit(EXIT_ERROR)


def finish(main: Callable[[], Any]) -> None:
    """Run `main`, then exit without tearing the interpreter down.

    Once the report is written and flushed there is nothing left to do, and freeing every
    object of a large scan one by one costs a noticeable part of a warm run. Tests call
    `cli.main` (through click's runner) and keep the usual exit.
    """
    import signal

    from . import prewarm

    signal.signal(signal.SIGTERM, _terminate)
    try:
        main()
        code = 0
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            code = done.code or 0
        else:  # sys.exit("message"): the message on stderr and exit 1, as Python does
            print(done.code, file=sys.stderr)
            code = 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # from here on nothing is left to stop
        prewarm.stop_early()  # started by `__main__` for a scan that never claimed it (`--help`)
        timing.write()
    if observed():
        sys.exit(code)  # a profiler or coverage writes its data at exit: let it
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with it closed: Python gives None
            continue
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass  # the reader has gone (`complint scan | head`): nothing more to say
        except OSError as exc:  # the last of the output is lost (a full disk): say so
            if stream is sys.stdout:
                print(f"complint: error: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
                code = EXIT_ERROR
    os._exit(code)


def observed() -> bool:
    """Is a tracer, a profiler or a coverage tool watching this process?"""
    if sys.gettrace() is not None or sys.getprofile() is not None or "coverage" in sys.modules:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python >= 3.12
    return monitoring is not None and any(monitoring.get_tool(tool) for tool in range(6))


# ---- the scan


def stdout_open(verdict: bool = False) -> None:
    """A command started with standard output closed says so: a listing cannot be given
    (exit 2); a scan's report is lost, but its verdict (the exit code) stands."""
    if sys.stdout is not None:
        return
    if verdict:
        echo("complint: warning: standard output is closed: the report is not shown (-o FILE writes it)", err=True)
        return
    echo("complint: error: standard output is closed: nothing can be printed", err=True)
    sys.exit(EXIT_ERROR)


def codes(values: Tuple[str, ...]) -> Tuple[str, ...]:
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def scan(
    paths: Tuple[Path, ...],
    fmt: str,
    outputs: Tuple[str, ...],
    color: str,
    select: Tuple[str, ...],
    extend_select: Tuple[str, ...],
    ignore: Tuple[str, ...],
    fail_on: Optional[str],
    exit_zero: bool,
    config_file: Optional[Path],
    quiet: bool,
    statistics: bool,
    baseline_file: Optional[Path],
    write_baseline: Optional[Path],
    jobs: Optional[int],
    no_cache: bool,
    no_prefilter: bool,
    staged: bool,
    diff_base: Optional[str],
    show_settings: bool,
    show_files: bool,
    context: Any = None,
) -> None:
    """`complint scan` (cli.py says what each parameter is); `context`: click's, which a
    `--staged` scan's copy of the index is removed with."""
    from dataclasses import replace

    from .config import common_folder, load_config, with_overrides
    from .engine import scan as run_scan
    from .policy import load_pack
    from .report import ReportOptions, report_base, reporter

    reports = report_targets(fmt, outputs)
    targets: Sequence[Path] = paths or (Path("."),)
    recorder = replay.start(targets)  # only a plain scan: no -o, --staged, --diff, --no-cache ...
    tree = None
    if staged:
        from .gitfiles import staged_tree

        tree = staged_tree(targets, context)
    if tree is not None:
        targets = tree.targets
    configuring = perf_counter()
    config = load_config(common_folder(targets), explicit=config_file)
    if tree is not None:  # the cache stays in the working tree, where the next run finds it
        from .cache import cache_directory

        config = replace(config, cache_dir=tree.real(cache_directory(config)))
    config = with_overrides(
        config,
        select=codes(select) or None,
        extend_select=codes(extend_select) or None,
        ignore=codes(ignore) or None,
        fail_on=fail_on,
        jobs=jobs,
        cache=False if no_cache else None,
        prefilter=False if no_prefilter else None,
    )
    if baseline_file is not None:
        config = with_overrides(config, baseline=baseline_file.resolve())
    if write_baseline is not None:  # record every current finding, whatever a baseline knows
        config = replace(config, baseline=None)
    from .cache import cache_directory
    from .parallel import default_jobs
    from .prewarm import claim

    if recorder is not None:
        recorder = _recording(recorder, config, targets)
    changed = _changed_files(targets, tree, diff_base) if diff_base is not None else None
    parsers = claim(config.cache, cache_directory(config), config.jobs or default_jobs())
    timing.add("configuration", perf_counter() - configuring)
    try:
        with timing.phase("pack"):
            pack = load_pack(cache_dir=cache_directory(config) if config.cache else None)
        result = run_scan(targets, config, pack, parsers=parsers, changed=changed)
    finally:
        if parsers is not None:
            parsers.stop()
    if tree is not None:  # reports name the files of the working tree, not of the copy
        result = replace(result, root=tree.real(result.root))
    cwd = Path.cwd()
    # Paths from the scanned folder's repository (not the configuration's), on stderr too.
    base = report_base(tree.real(targets[0]) if tree is not None else targets[0], cwd)
    if show_settings or show_files:
        from .report.settings import render_files, render_settings

        if show_files and tree is not None:
            result = tree.with_untracked(result)
        shown = (render_settings(result, base) if show_settings else "") + (render_files(result, base) if show_files else "")
        echo(shown, nl=False)
        sys.exit(EXIT_ERROR if result.missing_paths else EXIT_CLEAN)
    print_problems(result, base)
    if result.missing_paths:
        # Nothing was scanned there: a report would look clean (and an uploaded SARIF with no
        # results closes open alerts), so none is printed or written, not even an empty one.
        missing = ", ".join(result.missing_paths)
        echo(f"complint: error: nothing scanned at {missing}; no report written", err=True)
        sys.exit(EXIT_ERROR)
    if diff_base is not None:
        _report_diff(result, diff_base)
    if write_baseline is not None:
        _write_baseline(write_baseline, result, cwd)
    if result.baseline is not None:
        _report_baseline(result.baseline, cwd)
    options = ReportOptions(base=base, quiet=quiet, statistics=statistics)
    with timing.phase("report"):
        rendered = [  # every report first, so a failure writes none
            (reporter(report_fmt)(result, replace(options, color=file is None and colored(color))), file)
            for report_fmt, file in reports
        ]
        for text, file in rendered:
            emit(text, file)
    code = EXIT_FINDINGS if result.failing() and not exit_zero else EXIT_CLEAN
    if recorder is not None:
        recorder.finish(code, [p.path for p in result.problems])
    sys.exit(code)


def _recording(recorder: "replay.Recorder", config: Any, targets: Sequence[Path]) -> "Optional[replay.Recorder]":
    """The recorder, if the next run can find and trust its stamp: the cache is on, and in
    a `.complint_cache` folder where the next run of this command looks (replay.py)."""
    from .cache import CACHE_DIR, cache_directory, mark
    from .policy import builtin_pack_dir

    folder = os.path.abspath(cache_directory(config))
    looked = {os.path.join(f, CACHE_DIR) for f in replay.folders([os.fspath(t) for t in targets])}
    if not config.cache or folder not in looked:
        replay.stop()
        return None
    try:  # made now, not once the files are listed: the folder holding it would change
        os.makedirs(folder, exist_ok=True)
        mark(Path(folder))
    except OSError:
        replay.stop()
        return None
    recorder.use_cache(folder)
    recorder.note_pack(builtin_pack_dir())
    return recorder


def report_targets(fmt: str, outputs: Sequence[str]) -> List[Tuple[str, Optional[Path]]]:
    """Each report to write, as (format, file); None: standard output.

    `-o FILE` writes `--format` to FILE; `-o FORMAT:FILE` writes FORMAT there. Standard
    output gets `--format` unless a plain `-o FILE` took it.
    """
    targets: List[Tuple[str, Optional[Path]]] = []
    plain = False
    for value in outputs:
        named, sep, rest = value.partition(":")
        if sep and named.lower() in FORMATS and rest:
            targets.append((named.lower(), Path(rest)))
        elif sep and named.isalpha() and len(named) > 1 and rest:  # a format name that is not one
            known = ", ".join(FORMATS)
            raise BadOption(f"{value!r}: unknown format {named!r} (one of {known})", "'-o'")
        else:
            targets.append((fmt, Path(value)))
            plain = True
    if not plain:
        targets.insert(0, (fmt, None))
    files = [file for _, file in targets if file is not None]
    if len({f.resolve() for f in files}) != len(files):
        raise BadOption("two reports would be written to the same file", "'-o'")
    return targets


def colored(choice: str) -> bool:
    """Colour for standard output: --color, else NO_COLOR, FORCE_COLOR, then whether it is a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _terminal(sys.stdout)


def _changed_files(targets: Sequence[Path], tree: Optional["StagedTree"], base: str) -> Tuple[Path, ...]:
    """`--diff BASE`: the files changed since BASE, as absolute paths where the scan reads."""
    from .gitfiles import changed_files, repository_top

    if tree is not None:
        return tuple(tree.copy / rel for rel in changed_files(tree.top, base, staged=True))
    top = repository_top(Path(os.path.abspath(targets[0])), f"--diff {base}")
    return tuple(top / rel for rel in changed_files(top, base, staged=False))


def _report_diff(result: "ScanResult", base: str) -> None:
    """Which apps `--diff` judged, and how many it left out, on stderr."""
    judged, skipped = len(result.apps), len(result.skipped_apps)
    names = ", ".join(a.name for a in result.apps) or "none"
    echo(
        f"complint: --diff {base}: judged {judged} app{'s' if judged != 1 else ''} with changes ({names}); "
        f"{skipped} unchanged app{'s' if skipped != 1 else ''} skipped",
        err=True,
    )


def _write_baseline(path: Path, result: "ScanResult", cwd: Path) -> None:
    from .baseline import write_baseline
    from .report import display_path

    count = write_baseline(path, result.findings)
    shown = display_path(cwd, str(path), cwd)
    echo(f"complint: wrote {count} finding{'s' if count != 1 else ''} to baseline {shown}", err=True)
    sys.exit(EXIT_CLEAN)


def _report_baseline(outcome: "BaselineOutcome", cwd: Path) -> None:
    """How many known findings the baseline hid, and which of its entries are stale."""
    from .report import display_path

    shown = display_path(cwd, str(outcome.path), cwd)
    if outcome.outdated:
        say(
            f"complint: baseline {shown}: written by an older complint, whose entries change with a finding's "
            f"wording (after `complint init`, say); refresh it with `complint scan --write-baseline {shown}`",
            err=True,
        )
    if outcome.known:
        plural = "s" if outcome.known != 1 else ""
        say(f"complint: baseline {shown}: {outcome.known} known finding{plural} not shown", err=True)
    if outcome.stale:
        count = len(outcome.stale)
        listed = ", ".join(f"{e.rule} in {e.path}" for e in outcome.stale[:5]) + (", ..." if count > 5 else "")
        say(
            f"complint: baseline {shown}: {count} entr{'ies are' if count != 1 else 'y is'} stale "
            f"(fixed, or changed): {listed}; refresh it with `complint scan --write-baseline {shown}`",
            err=True,
        )


def print_problems(result: "ScanResult", base: Path) -> None:
    """Files that could not be read, one line each, named as the reports name them."""
    from .report import display_path

    for problem in result.problems:
        where = display_path(result.root, problem.path, base)
        if problem.line:
            where += f":{problem.line}:{problem.column or 1}"
        say(f"complint: {where}: {problem.message}", err=True)


def say(message: str, err: bool = False, nl: bool = True, color: Optional[bool] = None) -> None:
    """`echo`, and what it wrote kept for the scan's replay (replay.py)."""
    echo(message, err=err, nl=nl, color=color)
    recorder = replay.recording
    if recorder is not None:
        stream = sys.stderr if err else sys.stdout
        plain = not color if color is not None else not _terminal(stream)  # as click decides
        recorder.echo((_strip_ansi(message) if plain else message) + ("\n" if nl else ""), err)


def emit(text: str, output: Optional[Path]) -> None:
    from .files import write_atomic

    if output is None:
        stdout_open(verdict=True)
        # The text holds colour codes only when `colored` asked for them: they must not be
        # stripped from a pipe (`--color always`, FORCE_COLOR in CI logs).
        say(text, nl=False, color=True)
        return
    try:  # a report replaced whole, or left as it was: never half written, never emptied
        output.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output, text.encode("utf-8", "surrogateescape"), devices=True)
    except OSError as exc:
        echo(f"complint: error: --output: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)
