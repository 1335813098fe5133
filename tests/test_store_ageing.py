"""The stores beside the bytecode keep what runs use (`patterns.Clock`): an entry that no
write of its store used for `KEPT_SAVES` writes (a pattern or a class of past code, pack or
configuration) is left out, one a run uses stays, and a store nobody changes never ages."""

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
    patterns.use(tmp_path)
    yield tmp_path
    patterns.use(patterns.DEFAULT_FOLDER)


def _new_run(folder):
    patterns.use(None)
    patterns.use(folder)


def _kept(folder):
    return set(marshal.loads(patterns.store_path().read_bytes())["patterns"])


def test_a_pattern_no_run_uses_any_more_leaves_the_store(folder):
    old, steady = r"past\s+version\s+(\d+)", r"always\s+used"
    patterns.compile(old)
    patterns.compile(steady)
    patterns.save()
    keys = {patterns._key(old, 0), patterns._key(steady, 0)}
    assert _kept(folder) == keys
    for n in range(patterns.KEPT_SAVES):  # runs that each compile something new, and use `steady`
        _new_run(folder)
        patterns.compile(steady)
        patterns.compile(r"new\s+pattern\s+%d" % n)
        patterns.save()
    kept = _kept(folder)
    assert patterns._key(steady, 0) in kept and patterns._key(old, 0) not in kept
    assert patterns._key(r"new\s+pattern\s+0", 0) in kept  # used less than KEPT_SAVES writes ago
    # Dropped only means compiled again, to the same pattern.
    _new_run(folder)
    assert patterns.compile(old).match("past  version 7").group(1) == "7"


def test_a_store_that_nothing_changes_is_not_written_and_does_not_age(folder):
    patterns.compile(r"kept\s+once")
    patterns.save()
    written = patterns.store_path().read_bytes()
    for _ in range(patterns.KEPT_SAVES * 2):
        _new_run(folder)
        patterns.compile(r"kept\s+once")  # restored: nothing new to write
        patterns.save()
    assert patterns.store_path().read_bytes() == written


@pytest.mark.parametrize(
    "clock", ["not a clock", (3,), ("3", {}), (3, {"key": "not a number"}), (3, [])], ids=str,
)
def test_a_store_whose_clock_is_damaged_still_works(folder, clock):
    patterns.compile(r"one")
    patterns.compile(r"three")
    patterns.save()
    data = marshal.loads(patterns.store_path().read_bytes())
    if isinstance(clock, tuple) and len(clock) == 2 and isinstance(clock[1], dict) and clock[1]:
        clock = (clock[0], {key: clock[1]["key"] for key in data["patterns"]})
    patterns.store_path().write_bytes(marshal.dumps({**data, "clock": clock}))
    _new_run(folder)
    assert patterns.compile(r"one").match("one")
    patterns.compile(r"two")
    patterns.save()
    # What this run used is kept; an entry whose clock cannot be read may be dropped.
    assert {patterns._key(r"one", 0), patterns._key(r"two", 0)} <= _kept(folder)


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


def test_the_code_of_a_class_no_run_makes_any_more_leaves_its_store(classes):
    dataclasses.make_dataclass("Gone", [("old_field", int)])
    dataclasses.make_dataclass("Stays", [("name", str)])
    classcode.save()
    assert any("old_field" in source for source in _codes(classes))
    for n in range(patterns.KEPT_SAVES):
        classcode._state.codes = None  # a new process
        dataclasses.make_dataclass("Stays", [("name", str)])
        dataclasses.make_dataclass(f"New{n}", [(f"field_{n}", int)])
        classcode.save()
    kept = _codes(classes)
    assert not any("old_field" in source for source in kept)
    assert any("self.name=name" in source for source in kept) and any("field_0" in source for source in kept)
    classcode._state.codes = None
    Gone = dataclasses.make_dataclass("Gone", [("old_field", int)])
    assert re.fullmatch(r"Gone\(old_field=3\)", repr(Gone(3)))
