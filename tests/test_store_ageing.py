"""The stores beside the bytecode keep what the current code uses (`patterns.Clock`): the
first write by another version of complint keeps only the entries its run used (the
patterns and classes of past versions do not pile up); writes by one version only add."""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import re
import sys

import pytest

from complint import classcode, patterns

pytestmark = pytest.mark.skipif(patterns._engine() is None, reason="this Python's re has no compiler parts at hand")


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)  # as where Python writes bytecode
    monkeypatch.setattr(patterns, "code_generation", lambda: "version 1")
    patterns.use(tmp_path)
    yield tmp_path
    patterns.use(patterns.DEFAULT_FOLDER)


def _new_run(folder):
    patterns.use(None)
    patterns.use(folder)


def _kept(folder):
    return set(patterns.decode(patterns.store_path().read_bytes())["patterns"])


def _keys(*sources):
    return {patterns._key(source, 0) for source in sources}


def test_runs_of_one_version_only_add_to_the_store(folder):
    # Scans of other apps each compile their own patterns: none is dropped for it.
    for n in range(20):
        _new_run(folder)
        patterns.compile(r"app\s+%d" % n)
        patterns.save()
    assert _kept(folder) == _keys(*(r"app\s+%d" % n for n in range(20)))


def test_the_first_write_of_another_version_keeps_what_its_run_used(folder, monkeypatch):
    for source in (r"past\s+only", r"used\s+by\s+both"):
        patterns.compile(source)
    patterns.save()
    monkeypatch.setattr(patterns, "code_generation", lambda: "version 2")
    _new_run(folder)
    assert patterns.compile(r"used\s+by\s+both").match("used by  both")  # restored
    patterns.compile(r"new\s+in\s+2")
    patterns.save()
    assert _kept(folder) == _keys(r"used\s+by\s+both", r"new\s+in\s+2")
    _new_run(folder)  # the same version again: it adds
    patterns.compile(r"another\s+app")
    patterns.save()
    assert _kept(folder) == _keys(r"used\s+by\s+both", r"new\s+in\s+2", r"another\s+app")
    _new_run(folder)  # dropped only means compiled again, to the same pattern
    assert patterns.compile(r"past\s+only").match("past only")


def test_a_store_that_nothing_changes_is_not_written(folder, monkeypatch):
    patterns.compile(r"kept\s+once")
    patterns.save()
    written = patterns.store_path().read_bytes()
    monkeypatch.setattr(patterns, "code_generation", lambda: "version 2")
    _new_run(folder)
    patterns.compile(r"kept\s+once")  # restored: nothing new to write
    patterns.save()
    assert patterns.store_path().read_bytes() == written


@pytest.mark.parametrize("clock", [None, 3, (3, {}), b"version 1"], ids=str)
def test_a_store_whose_clock_is_damaged_still_works(folder, clock):
    patterns.compile(r"one")
    patterns.compile(r"three")
    patterns.save()
    data = patterns.decode(patterns.store_path().read_bytes())
    patterns.store_path().write_bytes(patterns.encode({**data, "clock": clock}))
    _new_run(folder)
    assert patterns.compile(r"one").match("one")
    patterns.compile(r"two")
    patterns.save()
    # A store of unknown code: what this run used is kept.
    assert _kept(folder) == _keys(r"one", r"two")


def test_the_generation_is_complints_code():
    from complint.cache import code_fingerprint

    assert patterns.code_generation() == code_fingerprint()


@pytest.fixture()
def classes(folder, monkeypatch):
    classcode._state.codes, classcode._state.changed = None, False
    monkeypatch.delattr(dataclasses, "exec", raising=False)
    classcode.install()
    yield folder / classcode._store_name()
    classcode._state.codes, classcode._state.changed = None, False


def _codes(path):
    raw = path.read_bytes()
    assert hashlib.sha256(raw[16:]).digest()[:16] == raw[:16]
    return marshal.loads(raw[16:])["codes"]


def test_the_code_of_a_class_another_version_no_longer_makes_leaves_its_store(classes, monkeypatch):
    dataclasses.make_dataclass("Gone", [("old_field", int)])
    dataclasses.make_dataclass("Stays", [("name", str)])
    classcode.save()
    assert any("old_field" in source for source in _codes(classes))
    monkeypatch.setattr(patterns, "code_generation", lambda: "version 2")
    classcode._state.codes = None  # a new process, of another version
    dataclasses.make_dataclass("Stays", [("name", str)])
    dataclasses.make_dataclass("New", [("new_field", int)])
    classcode.save()
    kept = _codes(classes)
    assert not any("old_field" in source for source in kept)
    assert any("self.name=name" in source for source in kept) and any("new_field" in source for source in kept)
    classcode._state.codes = None
    Gone = dataclasses.make_dataclass("Gone", [("old_field", int)])
    assert re.fullmatch(r"Gone\(old_field=3\)", repr(Gone(3)))
