"""The `complint` command and `python -m complint`: first thing, a scan's parser starts
loading on another core (prewarm.py), before even the command line is read."""

import sys

from . import prewarm, timing  # noqa: F401  (timing: its clock starts now)


def main() -> None:
    try:
        prewarm.fork_early(sys.argv[1:])
        from .cli import entry

        entry()
    except KeyboardInterrupt:  # Ctrl-C while the command starts, before it can catch it
        sys.stderr.write("complint: interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
