"""The `complint` command and `python -m complint`: first thing, a scan's parser starts
loading on another core (prewarm.py), before even the command line is read."""

import sys

from . import prewarm, timing  # noqa: F401  (timing: its clock starts now)


def main() -> None:
    try:
        prewarm.fork_early(sys.argv[1:])
        from .cli import entry

        entry()
    except KeyboardInterrupt as exc:  # Ctrl-C (or SIGTERM: cli.Terminated) outside the command's own catch
        terminated = type(exc).__name__ == "Terminated"  # cli is not imported here: the name says it
        sys.stderr.write("complint: terminated\n" if terminated else "complint: interrupted\n")
        sys.exit(143 if terminated else 130)


if __name__ == "__main__":
    main()
