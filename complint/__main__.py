"""The `complint` command and `python -m complint`: first thing, a scan whose inputs are as
they were replays its last report (replay.py); else its parser starts loading on another
core (prewarm.py), before even the command line is read, and its dataclasses take their
code from a store (classcode.py); a plain scan's command line is read without importing
click (command.py)."""

import sys

from . import replay


def main() -> None:
    try:
        served = _replayed(sys.argv[1:])
        if served is not None:
            sys.exit(served)
        from . import classcode, prewarm, timing  # noqa: F401  (timing: its clock starts now)

        if any(not arg.startswith("-") for arg in sys.argv[1:]):  # a command: not `--version`
            classcode.install()  # before the fork: the parser process makes dataclasses too
        prewarm.fork_early(sys.argv[1:])
        try:
            params = None
            if sys.argv[1:2] == ["scan"]:  # read without click when it can be (command.py)
                from . import command

                params = command.scan_arguments(sys.argv[1:])
            if params is not None:
                command.run(params)
            else:
                from .cli import entry

                entry()
        finally:
            classcode.save()
    except KeyboardInterrupt as exc:  # Ctrl-C (or SIGTERM: cli.Terminated) outside the command's own catch
        terminated = type(exc).__name__ == "Terminated"  # cli is not imported here: the name says it
        sys.stderr.write("complint: terminated\n" if terminated else "complint: interrupted\n")
        sys.exit(143 if terminated else 130)


def _replayed(argv):
    """The exit code of a replayed scan, or None; with `COMPLINT_TIMINGS`, its time too."""
    import time

    begun = time.perf_counter()
    code = replay.serve(argv)
    target = replay.os.environ.get("COMPLINT_TIMINGS")
    if code is not None and target:
        import json

        seconds = time.perf_counter() - begun
        try:
            with open(target, "w", encoding="utf-8") as out:
                json.dump({"phases": {"replay": seconds}, "in_process": seconds}, out)
        except OSError:
            pass
    return code


if __name__ == "__main__":
    main()
