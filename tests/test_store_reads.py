"""What every process reads beside the bytecode, read without copying it more than needed."""

from __future__ import annotations

import os

from complint import files


def test_a_file_is_read_in_one_read_of_its_size_then_to_its_end(tmp_path, monkeypatch):
    path = tmp_path / "store.bin"
    data = os.urandom(3 << 20) + b"end"
    path.write_bytes(data)
    asked = []
    real = os.read

    def counted(fd, size):
        asked.append(size)
        return real(fd, size)

    monkeypatch.setattr(files.os, "read", counted)
    assert files.read_regular(path) == data
    assert asked[0] == len(data) + 1 and len(asked) == 2  # the whole, then the end found
    asked.clear()
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert files.read_regular(empty) == b"" and asked == [1]


def test_a_file_that_says_it_is_empty_is_still_read_to_its_end(monkeypatch):
    assert b"Name:" in files.read_regular("/proc/self/status")  # its size says 0


def test_a_run_reads_only_the_programs_of_the_patterns_it_asks_for(tmp_path, monkeypatch):
    import re
    import sys

    import pytest

    from complint import patterns

    if patterns._engine() is None:
        pytest.skip("this Python's re has no compiler parts at hand")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    patterns.use(tmp_path)
    try:
        sources = [r"(?:%s)\s+w%d" % ("|".join(f"word{i}x{n}" for i in range(200)), n) for n in range(30)]
        for source in sources:
            patterns.compile(source, re.IGNORECASE)
        patterns.save()
        size = patterns.store_path().stat().st_size
        patterns.use(None)
        patterns.use(tmp_path)  # a new run
        read = []
        real = os.pread

        def counted(fd, length, offset):
            read.append(length)
            return real(fd, length, offset)

        monkeypatch.setattr(os, "pread", counted)
        restored = patterns.compile(sources[7], re.IGNORECASE)
        assert restored.search("say WORD13X7 \n w7") and not restored.search("word13x6 w6")
        assert sum(read) < size / 10  # the table and one program, not thirty
        # A store cut short where a program stands: that pattern is compiled, the others read.
        monkeypatch.undo()
        monkeypatch.setattr(sys, "dont_write_bytecode", False)
        store = patterns.store_path()
        store.write_bytes(store.read_bytes()[: size - 10])
        patterns.use(None)
        patterns.use(tmp_path)
        for n, source in enumerate(sources):
            assert patterns.compile(source, re.IGNORECASE).search(f"word3x{n} w{n}")
    finally:
        patterns.use(patterns.DEFAULT_FOLDER)
