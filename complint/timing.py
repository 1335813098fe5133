"""Where one run's time goes, by phase, for `benchmarks/speed.py`.

With `COMPLINT_TIMINGS=FILE` in the environment, the `complint` command writes to FILE, as
it exits, one JSON object: the wall seconds of each phase (configuration, pack,
discovery, extraction, project, rules, report) and, inside extraction, the seconds spent
prefiltering and extracting files of each language, summed over the processes that did
it. Without the variable, nothing is measured beyond two clock readings a phase.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from typing import Dict, Iterator

ENVIRONMENT = "COMPLINT_TIMINGS"
STARTED = time.perf_counter()
_spent: Dict[str, float] = {}


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Adds the wall time of the block to the phase `name`."""
    begun = time.perf_counter()
    try:
        yield
    finally:
        add(name, time.perf_counter() - begun)


def add(name: str, seconds: float) -> None:
    _spent[name] = _spent.get(name, 0.0) + seconds


def write() -> None:
    """Writes the phases to the file the environment names, if it names one; a file that
    cannot be written costs the figures, never the run."""
    target = os.environ.get(ENVIRONMENT)
    if not target:
        return
    import json

    figures = {"phases": dict(_spent), "in_process": time.perf_counter() - STARTED}
    try:
        with open(target, "w", encoding="utf-8") as out:
            json.dump(figures, out)
    except OSError:
        pass
