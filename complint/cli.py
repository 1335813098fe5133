"""The command line: parse flags, call the engine, pick a reporter, set the exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

import click

from . import __version__, command
from .command import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Terminated  # noqa: F401  (Terminated: for __main__ and tests)
from .findings import SEVERITIES
from .report import FORMATS

# With click reading the command line, click writes too: as before, whatever the streams.
command._click_echo = click.echo


class _Group(click.Group):
    """Turns configuration and pack errors into one line and exit 2, never a traceback
    (command.guarded)."""

    def invoke(self, ctx: click.Context) -> Any:
        return command.guarded(
            lambda: super(_Group, self).invoke(ctx),
            lambda: ctx.invoked_subcommand,
            debug=bool(ctx.params.get("debug")),
            passing=(click.exceptions.Exit, click.ClickException, click.Abort),
        )


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="complint", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
def main(debug: bool) -> None:
    """complint: checks apps built on AI model APIs against the provider's usage policy."""


COLOR_OPTION = click.option(
    "--color", type=click.Choice(list(command.COLOR_CHOICES)), default="auto", show_default=True,
    help="Colour the text printed to the terminal; auto follows NO_COLOR and FORCE_COLOR.",
)


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
def scan(**params: Any) -> None:
    """Report where the apps at PATHS (default: .) break the usage policy.

    Several paths are several apps, or parts of one: the report is the same in any order."""
    # The work is command.scan's, which `__main__` also runs without click for a command
    # line it reads exactly as click does (command.scan_arguments).
    # (The parameters are command.scan's, named by the options above.)
    try:
        command.report_targets(params["fmt"], params["outputs"])
    except command.BadOption as exc:
        raise click.BadParameter(str(exc), param_hint=exc.hint) from None
    command.scan(**params, context=click.get_current_context())


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List every check with its code, severity and policy section."""
    import json

    from .policy import load_pack

    command.stdout_open()
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

    command.stdout_open()
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
    options = ReportOptions(base=report_base(target), color=output is None and command.colored(color))
    text = importlib.import_module(CHECK_FORMATS[fmt]).render(report, options)
    command.print_problems(result, options.base)
    command.emit(text, output)
    sys.exit(EXIT_CLEAN if report.verdict.passed else EXIT_FINDINGS)


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
    """The `complint` command: `main`, then an exit that skips tearing the interpreter down
    (command.finish). Tests call `main` (through click's runner) and keep the usual exit."""
    command.finish(main)
