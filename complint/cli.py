"""The command line: parse flags, call the engine, pick a reporter, set the exit code."""

from __future__ import annotations

import errno
import os
import sys
from dataclasses import replace
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Tuple

import click

from . import __version__, replay, timing
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


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the command is, like Ctrl-C, so that it stops what it started."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated()


class _Group(click.Group):
    """Turns configuration and pack errors into one line and exit 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            click.echo(f"complint: error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt as exc:  # click would say "Aborted!" and exit 1, the code for findings
            terminated = isinstance(exc, Terminated)
            click.echo(f"complint: {'terminated' if terminated else 'interrupted'}", err=True)
            ctx.exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
        except BrokenPipeError:
            # `complint rules | head`: the reader has gone; stop writing, quietly. What a
            # scan found still sets its exit code; a listing was read as far as wanted.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(EXIT_FINDINGS if ctx.invoked_subcommand in ("scan", "check") else EXIT_CLEAN)
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRORS:
                _internal_error(ctx, exc)
            # A full disk (`> /dev/full`), a quota, a dead terminal: the report is lost.
            click.echo(f"complint: error: cannot write the output: {exc.strerror or exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except Exception as exc:  # a bug: say so in one line unless asked for more
            _internal_error(ctx, exc)


_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)})


def _internal_error(ctx: click.Context, exc: BaseException) -> None:
    if ctx.params.get("debug") or os.environ.get("COMPLINT_DEBUG"):
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__)
    else:
        click.echo(
            f"complint: internal error: {type(exc).__name__}: {exc} "
            "(this is a bug in complint; rerun with --debug for the traceback)",
            err=True,
        )
    ctx.exit(EXIT_ERROR)


def _stdout(verdict: bool = False) -> None:
    """A command started with standard output closed says so: a listing cannot be given
    (exit 2); a scan's report is lost, but its verdict (the exit code) stands."""
    if sys.stdout is not None:
        return
    if verdict:
        click.echo("complint: warning: standard output is closed: the report is not shown (-o FILE writes it)", err=True)
        return
    click.echo("complint: error: standard output is closed: nothing can be printed", err=True)
    sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="complint", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
def main(debug: bool) -> None:
    """complint: checks apps built on AI model APIs against the provider's usage policy."""


COLOR_OPTION = click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
    help="Colour the text printed to the terminal; auto follows NO_COLOR and FORCE_COLOR.",
)


def _codes(values: Tuple[str, ...]) -> Tuple[str, ...]:
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", "outputs", multiple=True, metavar="[FORMAT:]FILE",
              help="Write the report to FILE, in --format; FORMAT:FILE (sarif:complint.sarif) writes that "
                   "format instead, and can be repeated, so one scan writes several reports.")
@COLOR_OPTION
@click.option("--select", multiple=True, help="Only these rule codes or prefixes (comma-separated).")
@click.option("--extend-select", multiple=True, help="Add rule codes or prefixes to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rule codes or prefixes (comma-separated).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this configuration file instead of the closest one.")
@click.option("-q", "--quiet", is_flag=True, help="Findings only: no evidence, no summary.")
@click.option("--statistics", is_flag=True, help="Count findings per rule, grouped by policy section.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record the current findings in FILE as the baseline, and exit 0.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes that read and parse files [default: the machine's cores].")
@click.option("--no-cache", is_flag=True, help="Read every file again; neither use nor write the facts cache.")
@click.option("--no-prefilter", is_flag=True,
              help="Parse every file, even those without the words a fact needs (slower; also reports "
                   "syntax errors in files the prefilter would skip).")
@click.option("--staged", is_flag=True,
              help="Check the commit being made: the index's content of tracked files (for hooks).")
@click.option("--diff", "diff_base", metavar="BASE",
              help="Judge only the apps with a file changed since BASE (a commit or branch), each as a whole.")
@click.option("--show-settings", is_flag=True, help="Show the apps found and each one's configuration, and exit.")
@click.option("--show-files", is_flag=True, help="Show the files read, each with its app, and those skipped with why; exit.")
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
) -> None:
    """Report where the apps at PATHS (default: .) break the usage policy.

    Several paths are several apps, or parts of one: the report is the same in any order."""
    from .config import common_folder, load_config, with_overrides
    from .engine import scan as run_scan
    from .policy import load_pack
    from .report import ReportOptions, reporter, report_base

    reports = _report_targets(fmt, outputs)
    targets: Sequence[Path] = paths or (Path("."),)
    recorder = replay.start(targets)  # only a plain scan: no -o, --staged, --diff, --no-cache ...
    tree = None
    if staged:
        from .gitfiles import staged_tree

        tree = staged_tree(targets, click.get_current_context())
    if tree is not None:
        targets = tree.targets
    configuring = perf_counter()
    config = load_config(common_folder(targets), explicit=config_file)
    if tree is not None:  # the cache stays in the working tree, where the next run finds it
        from .cache import cache_directory

        config = replace(config, cache_dir=tree.real(cache_directory(config)))
    config = with_overrides(
        config,
        select=_codes(select) or None,
        extend_select=_codes(extend_select) or None,
        ignore=_codes(ignore) or None,
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
        click.echo(shown, nl=False)
        sys.exit(EXIT_ERROR if result.missing_paths else EXIT_CLEAN)
    _print_problems(result, base)
    if result.missing_paths:
        # Nothing was scanned there: a report would look clean (and an uploaded SARIF with no
        # results closes open alerts), so none is printed or written, not even an empty one.
        missing = ", ".join(result.missing_paths)
        click.echo(f"complint: error: nothing scanned at {missing}; no report written", err=True)
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
            (reporter(report_fmt)(result, replace(options, color=file is None and _colored(color))), file)
            for report_fmt, file in reports
        ]
        for text, file in rendered:
            _emit(text, file)
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


def _report_targets(fmt: str, outputs: Sequence[str]) -> List[Tuple[str, Optional[Path]]]:
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
            raise click.BadParameter(f"{value!r}: unknown format {named!r} (one of {known})", param_hint="'-o'")
        else:
            targets.append((fmt, Path(value)))
            plain = True
    if not plain:
        targets.insert(0, (fmt, None))
    files = [file for _, file in targets if file is not None]
    if len({f.resolve() for f in files}) != len(files):
        raise click.BadParameter("two reports would be written to the same file", param_hint="'-o'")
    return targets


def _colored(choice: str) -> bool:
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
    click.echo(
        f"complint: --diff {base}: judged {judged} app{'s' if judged != 1 else ''} with changes ({names}); "
        f"{skipped} unchanged app{'s' if skipped != 1 else ''} skipped",
        err=True,
    )


def _write_baseline(path: Path, result: "ScanResult", cwd: Path) -> None:
    from .baseline import write_baseline
    from .report import display_path

    count = write_baseline(path, result.findings)
    shown = display_path(cwd, str(path), cwd)
    click.echo(f"complint: wrote {count} finding{'s' if count != 1 else ''} to baseline {shown}", err=True)
    sys.exit(EXIT_CLEAN)


def _report_baseline(outcome: "BaselineOutcome", cwd: Path) -> None:
    """How many known findings the baseline hid, and which of its entries are stale."""
    from .report import display_path

    shown = display_path(cwd, str(outcome.path), cwd)
    if outcome.outdated:
        _say(
            f"complint: baseline {shown}: written by an older complint, whose entries change with a finding's "
            f"wording (after `complint init`, say); refresh it with `complint scan --write-baseline {shown}`",
            err=True,
        )
    if outcome.known:
        plural = "s" if outcome.known != 1 else ""
        _say(f"complint: baseline {shown}: {outcome.known} known finding{plural} not shown", err=True)
    if outcome.stale:
        count = len(outcome.stale)
        listed = ", ".join(f"{e.rule} in {e.path}" for e in outcome.stale[:5]) + (", ..." if count > 5 else "")
        _say(
            f"complint: baseline {shown}: {count} entr{'ies are' if count != 1 else 'y is'} stale "
            f"(fixed, or changed): {listed}; refresh it with `complint scan --write-baseline {shown}`",
            err=True,
        )


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List every check with its code, severity and policy section."""
    import json

    from .policy import load_pack

    _stdout()
    pack = load_pack()
    if fmt == "json":
        data = {
            "pack": pack.name,
            "policy_version": pack.version,
            "rules": [
                {"code": s.code, "name": s.name, "severity": s.severity, "section": s.section, "summary": s.summary}
                for s in pack.checks.values()
            ],
        }
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"Policy pack {pack.name} {pack.version}")
    for section, title in pack.sections:
        specs = [s for s in pack.checks.values() if s.section == section]
        if not specs:
            continue
        click.echo(f"\n{title}")
        for s in specs:
            click.echo(f"  {s.code}  {s.name:<32} {s.severity:<8} {s.summary}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show a rule's page: what it does, why, the policy clause, examples and the fix."""
    import difflib

    from .explain import render_explanation
    from .policy import load_pack

    _stdout()
    pack = load_pack()
    wanted = code.strip()
    spec = pack.checks.get(wanted.upper()) or next(
        (s for s in pack.checks.values() if s.name == wanted.lower()), None
    )
    if spec is None:
        choices = list(pack.checks) + [s.name for s in pack.checks.values()]
        close = difflib.get_close_matches(wanted, choices, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]}?" if close else "; `complint rules` lists them"
        click.echo(f"complint: error: no rule {wanted!r}{hint}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(render_explanation(spec, pack))


CHECK_FORMATS = {
    "text": "complint.report.check_text",
    "json": "complint.report.check_json",
    "markdown": "complint.report.check_markdown",
    "html": "complint.report.check_html",
}


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(CHECK_FORMATS)), default="text", show_default=True,
              help="text for a terminal, markdown for a pull-request comment, html for the reviewer.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
@COLOR_OPTION
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this configuration file instead of the closest one.")
def check(path: Optional[Path], fmt: str, output: Optional[Path], color: str, config_file: Optional[Path]) -> None:
    """The pre-deploy gate: every obligation that applies, met or not, with its evidence."""
    import importlib

    from .config import load_config
    from .engine import scan as run_scan
    from .obligations import CheckReport, evaluate, read_snippets, verdict
    from .policy import load_pack
    from .report import ReportOptions, report_base
    from .rules import Context

    target = path or Path(".")
    if not target.exists():
        click.echo(f"complint: error: {target}: no such file or directory", err=True)
        sys.exit(EXIT_ERROR)
    config = load_config(target, explicit=config_file)
    pack = load_pack()
    result = run_scan([target], config, pack)
    obligations = evaluate(result, Context(pack=pack, config=config))
    report = CheckReport(result, tuple(obligations), verdict(obligations, result), read_snippets(result.root, obligations))
    options = ReportOptions(base=report_base(target), color=output is None and _colored(color))
    text = importlib.import_module(CHECK_FORMATS[fmt]).render(report, options)
    _print_problems(result, options.base)
    _emit(text, output)
    sys.exit(EXIT_CLEAN if report.verdict.passed else EXIT_FINDINGS)


def _print_problems(result: "ScanResult", base: Path) -> None:
    """Files that could not be read, one line each, named as the reports name them."""
    from .report import display_path

    for problem in result.problems:
        where = display_path(result.root, problem.path, base)
        if problem.line:
            where += f":{problem.line}:{problem.column or 1}"
        _say(f"complint: {where}: {problem.message}", err=True)


def _say(message: str, err: bool = False, nl: bool = True, color: Optional[bool] = None) -> None:
    """`click.echo`, and what it wrote kept for the scan's replay (replay.py)."""
    click.echo(message, err=err, nl=nl, color=color)
    recorder = replay.recording
    if recorder is not None:
        stream = sys.stderr if err else sys.stdout
        plain = not color if color is not None else not _terminal(stream)  # as click decides
        recorder.echo((click.unstyle(message) if plain else message) + ("\n" if nl else ""), err)


def _emit(text: str, output: Optional[Path]) -> None:
    from .files import write_atomic

    if output is None:
        _stdout(verdict=True)
        # The text holds colour codes only when `_colored` asked for them: click must not
        # strip them from a pipe (`--color always`, FORCE_COLOR in CI logs).
        _say(text, nl=False, color=True)
        return
    try:  # a report replaced whole, or left as it was: never half written, never emptied
        output.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output, text.encode("utf-8", "surrogateescape"), devices=True)
    except OSError as exc:
        click.echo(f"complint: error: --output: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)


@main.command()
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print the declaration instead of writing it.")
@click.option("--force", is_flag=True, help="Replace an existing declaration.")
def init(path: Optional[Path], dry_run: bool, force: bool) -> None:
    """Infer the app's declaration from its code and write it for you to check."""
    from .config import load_config
    from .engine import scan as run_scan
    from .init import InitError, run_init
    from .policy import load_pack
    from .report import display_path
    from .rules import Context

    target = path or Path(".")
    config = load_config(target)
    pack = load_pack()
    result = run_scan([target], config, pack)
    assert result.project is not None
    try:
        file, text, snippet = run_init(result.project, Context(pack=pack, config=config), config.root, force)
    except InitError as exc:
        click.echo(f"complint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    shown = display_path(config.root, str(file), Path.cwd())
    if dry_run:
        click.echo(f"# would be written to {shown}")
        click.echo(snippet, nl=False)
        return
    from .files import write_atomic

    try:  # whole or not at all: a full disk must not leave half a table in pyproject.toml
        write_atomic(file.resolve(), text.encode("utf-8"))
    except OSError as exc:
        click.echo(f"complint: error: cannot write {shown} ({exc.strerror or exc}); it is unchanged", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"complint: wrote the declaration to {shown}; check every value before you commit it", err=True)


def entry() -> None:
    """The `complint` command: `main`, then an exit that skips tearing the interpreter down.

    Once the report is written and flushed there is nothing left to do, and freeing every
    object of a large scan one by one costs a noticeable part of a warm run. Tests call
    `main` (through click's runner) and keep the usual exit.
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
    if _observed():
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


def _terminal(stream: Any) -> bool:
    """Is `stream` a terminal? None (a command started with it closed) is not."""
    return stream is not None and stream.isatty()


def _observed() -> bool:
    """Is a tracer, a profiler or a coverage tool watching this process?"""
    if sys.gettrace() is not None or sys.getprofile() is not None or "coverage" in sys.modules:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python >= 3.12
    return monitoring is not None and any(monitoring.get_tool(tool) for tool in range(6))
