"""Shared helpers for the test suite: write a small app, scan it, run the CLI."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from click.testing import CliRunner

from complint.cli import main
from complint.config import load_config, with_overrides
from complint.engine import ScanResult, scan
from complint.policy import load_pack

PACK = load_pack()


def write_app(root: Path, files: Dict[str, str]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def scan_app(root: Path, files: Optional[Dict[str, str]] = None, **overrides) -> ScanResult:
    if files is not None:
        write_app(root, files)
    config = with_overrides(load_config(root), **overrides)
    return scan([root], config, PACK)


def codes(result: ScanResult) -> List[str]:
    return [f.code for f in result.findings]


def runner() -> CliRunner:
    try:  # click < 8.2 mixes stderr into output unless told not to
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def run_cli(args: Sequence[str], cwd: Optional[Path] = None):
    import os

    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return runner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def load_benchmark(filename: str, module_name: str):
    """Import one of the scripts in benchmarks/ (not a package) as a module."""
    import importlib.util
    import sys

    path = Path(__file__).resolve().parent.parent / "benchmarks" / filename
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def pack_without(tmp_path: Path, section: str, lexicon: str):
    """The built-in pack with one lexicon removed from one section file: a pack of one's own
    written before that lexicon existed."""
    import re
    import shutil

    from complint.policy import builtin_pack_dir

    pack_dir = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), pack_dir)
    path = pack_dir / section
    text, n = re.subn(rf"\n  {re.escape(lexicon)}:\n(?:    .*\n)+", "\n", path.read_text(encoding="utf-8"))
    assert n == 1
    path.write_text(text, encoding="utf-8")
    return load_pack(pack_dir, cache_dir=tmp_path / "cache")


def scan_with(pack, root: Path, files: Dict[str, str]) -> ScanResult:
    write_app(root, files)
    return scan([root], load_config(root), pack)
