"""The `complint` command and `python -m complint`: first thing, a scan's parser starts
loading on another core (prewarm.py), before even the command line is read."""

import sys

from . import prewarm


def main() -> None:
    prewarm.fork_early(sys.argv[1:])
    from .cli import entry

    entry()


if __name__ == "__main__":
    main()
