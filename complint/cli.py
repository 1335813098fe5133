"""The command line: parse flags, call the engine, pick a reporter, set the exit code."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Sequence, Tuple

import click

from . import __version__
from .errors import UsageError
from .findings import SEVERITIES
from .report import FORMATS

if TYPE_CHECKING:
    from .baseline import BaselineOutcome
    from .engine import ScanResult

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
            # `complint rules | head`: the reader has gone; stop writing, quietly.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(EXIT_FINDINGS)
        except Exception as exc:  # a bug: say so in one line unless asked for more
            if ctx.params.get("debug") or os.environ.get("COMPLINT_DEBUG"):
                import traceback

                traceback.print_exc()
            else:
                click.echo(
                    f"complint: internal error: {type(exc).__name__}: {exc} "
                    "(this is a bug in complint; rerun with --debug for the traceback)",
                    err=True,
                )
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="complint", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
def main(debug: bool) -> None:
    """complint: checks apps built on AI model APIs against the provider's usage policy."""


def _codes(values: Tuple[str, ...]) -> Tuple[str, ...]:
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
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
@click.option("--no-prefilter", is_flag=True, hidden=True,
              help="Parse every file, even those without the words a fact needs (for debugging).")
def scan(
    paths: Tuple[Path, ...],
    fmt: str,
    output: Optional[Path],
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
) -> None:
    """Report where the app at PATHS (default: .) breaks the usage policy."""
    from .config import load_config, with_overrides
    from .engine import scan as run_scan
    from .policy import load_pack
    from .report import ReportOptions, reporter

    targets: Sequence[Path] = paths or (Path("."),)
    config = load_config(targets[0], explicit=config_file)
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

    parsers = claim(config.cache, cache_directory(config), config.jobs or default_jobs())
    try:
        pack = load_pack(cache_dir=cache_directory(config) if config.cache else None)
        result = run_scan(targets, config, pack, parsers=parsers)
    finally:
        if parsers is not None:
            parsers.stop()
    cwd = Path.cwd()
    color = output is None and _terminal(sys.stdout) and "NO_COLOR" not in os.environ
    text = reporter(fmt)(result, ReportOptions(cwd=cwd, color=color, quiet=quiet, statistics=statistics))
    _print_problems(result, cwd)
    if write_baseline is not None and not result.missing_paths:
        _write_baseline(write_baseline, result, cwd)
    if result.baseline is not None:
        _report_baseline(result.baseline, cwd)
    _emit(text, output)
    if result.missing_paths:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if result.failing() and not exit_zero else EXIT_CLEAN)


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
    if outcome.known:
        plural = "s" if outcome.known != 1 else ""
        click.echo(f"complint: baseline {shown}: {outcome.known} known finding{plural} not shown", err=True)
    if outcome.stale:
        count = len(outcome.stale)
        listed = ", ".join(f"{e.rule} in {e.path}" for e in outcome.stale[:5]) + (", ..." if count > 5 else "")
        click.echo(
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
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this configuration file instead of the closest one.")
def check(path: Optional[Path], fmt: str, output: Optional[Path], config_file: Optional[Path]) -> None:
    """The pre-deploy gate: every obligation that applies, met or not, with its evidence."""
    import importlib

    from .config import load_config
    from .engine import scan as run_scan
    from .obligations import CheckReport, evaluate, read_snippets, verdict
    from .policy import load_pack
    from .report import ReportOptions
    from .rules import Context

    target = path or Path(".")
    if not target.exists():
        click.echo(f"complint: error: {target}: no such file or directory", err=True)
        sys.exit(EXIT_ERROR)
    config = load_config(target, explicit=config_file)
    pack = load_pack()
    result = run_scan([target], config, pack)
    obligations = evaluate(result, Context(pack=pack, config=config))
    report = CheckReport(result, tuple(obligations), verdict(obligations, result), read_snippets(config.root, obligations))
    color = output is None and _terminal(sys.stdout) and "NO_COLOR" not in os.environ
    text = importlib.import_module(CHECK_FORMATS[fmt]).render(report, ReportOptions(cwd=Path.cwd(), color=color))
    _print_problems(result, Path.cwd())
    _emit(text, output)
    sys.exit(EXIT_CLEAN if report.verdict.passed else EXIT_FINDINGS)


def _print_problems(result: "ScanResult", cwd: Path) -> None:
    from .report import display_path

    for problem in result.problems:
        where = display_path(result.root, problem.path, cwd)
        if problem.line:
            where += f":{problem.line}:{problem.column or 1}"
        click.echo(f"complint: {where}: {problem.message}", err=True)


def _emit(text: str, output: Optional[Path]) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
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
    from .atomic import write_atomically

    try:  # whole or not at all: a full disk must not leave half a table in pyproject.toml
        write_atomically(file.resolve(), text.encode("utf-8"))
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
    if _observed():
        sys.exit(code)  # a profiler or coverage writes its data at exit: let it
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with it closed: Python gives None
            continue
        try:
            stream.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass  # the reader has gone (`complint scan | head`): nothing more to say
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
