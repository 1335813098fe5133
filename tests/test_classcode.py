"""The code dataclasses write is kept beside the bytecode (complint/classcode.py): classes
made from it behave as classes made by compiling, a damaged store is compiled again, and
nothing is written where Python writes no bytecode."""

from __future__ import annotations

import __future__
import dataclasses
import sys
from dataclasses import FrozenInstanceError, field

import pytest

from complint import classcode, patterns


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    patterns.use(tmp_path)
    classcode._state.codes, classcode._state.changed = None, False
    monkeypatch.delattr(dataclasses, "exec", raising=False)
    classcode.install()
    assert dataclasses.exec is classcode._exec  # type: ignore[attr-defined]
    yield tmp_path
    patterns.use(patterns.DEFAULT_FOLDER)
    classcode._state.codes, classcode._state.changed = None, False


def _make():
    return dataclasses.make_dataclass(
        "Spot",
        [("path", str), ("line", int, field(default=1)), ("tags", tuple, field(default_factory=tuple))],
        frozen=True,
        order=True,
    )


def _behaviour(cls):
    a, b = cls("app.py"), cls("app.py", 2, ("x",))
    try:
        a.line = 5
        frozen = False
    except FrozenInstanceError:
        frozen = True
    return (repr(a), repr(b), a == cls("app.py"), a < b, hash(a) == hash(cls("app.py")), a.tags, frozen)


def test_classes_made_from_the_store_behave_as_compiled_ones(store):
    compiled = _behaviour(_make())
    assert classcode._state.changed
    classcode.save()
    assert classcode._store_name() in [p.name for p in store.iterdir()]
    classcode._state.codes = None  # a new process
    kept = _behaviour(_make())
    assert not classcode._state.changed  # every function came from the store
    assert kept == compiled == ("Spot(path='app.py', line=1, tags=())", "Spot(path='app.py', line=2, tags=('x',))",
                                True, True, True, (), True)


def test_a_damaged_store_is_compiled_again(store):
    _make()
    classcode.save()
    path = store / classcode._store_name()
    path.write_bytes(path.read_bytes()[:-9] + b"damaged!!")
    classcode._state.codes = None
    assert classcode._codes() == {}
    assert _behaviour(_make())[0] == "Spot(path='app.py', line=1, tags=())"


def test_nothing_is_written_where_python_writes_no_bytecode(store, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    _make()
    classcode.save()
    assert not (store / classcode._store_name()).exists()


def test_not_installed_where_dataclasses_compiles_with_future_features(monkeypatch):
    monkeypatch.delattr(dataclasses, "exec", raising=False)
    monkeypatch.setattr(dataclasses, "annotations", __future__.annotations, raising=False)
    classcode.install()
    assert "exec" not in vars(dataclasses)
