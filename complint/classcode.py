"""The code `dataclasses` writes for complint's classes, compiled once and kept beside its
bytecode.

Each `@dataclass` writes the source of its `__init__`, `__repr__`, `__eq__`, `__hash__`
and, frozen, `__setattr__` and `__delattr__`, and compiles it: about 300 functions for the
fact types, findings, configuration and rules that a scan imports, a quarter of its import
time (0.03 s of CPU a run). The `complint` command (`install`, from `__main__`, never
complint used as a library) hands `dataclasses` an `exec` that looks the source up in a
store of code objects before compiling it: marshalled, as Python keeps bytecode, in the
package's `__pycache__` folder, named after the interpreter's bytecode tag, checksummed
whole, and written (`save`) as the command ends when it compiled something new, only
where Python writes bytecode. The code is what `exec` would have compiled from the same
text; an absent, damaged or foreign store is compiled as usual. Like the compiled patterns'
store (`patterns.Clock`), the first run of another version of complint that writes it keeps
only the classes that run made: the code of past versions' classes does not pile up.
"""

from __future__ import annotations

import sys
from typing import Any, Dict, Optional

_FORMAT = 3
# A store grown past this (classes made from many sources) starts again.
_MAX_ENTRIES = 4096


class _State:
    codes: Optional[Dict[str, Any]] = None
    changed = False
    clock: Any = None  # patterns.Clock, made with the codes


_state = _State()


def _store_name() -> str:
    return f"dataclass-code.{sys.implementation.cache_tag}.marshal"


def _codes() -> Dict[str, Any]:
    if _state.codes is None:
        from . import patterns

        _state.codes, _state.clock = {}, patterns.Clock()

        path = patterns.beside_bytecode(_store_name())
        if path is not None:
            import marshal

            from .files import read_regular

            try:
                raw = read_regular(path)
                body = patterns.unsealed(raw)
                data = marshal.loads(body) if body is not None else None
            except (OSError, ValueError, EOFError, TypeError):
                data = None  # absent or damaged: compiled again, written anew
            if isinstance(data, dict) and data.get("format") == _FORMAT and isinstance(data.get("codes"), dict):
                _state.codes, _state.clock = data["codes"], patterns.Clock.read(data.get("clock"))
    return _state.codes


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """`exec`, for the source texts `dataclasses` writes: their code from the store."""
    if not isinstance(source, str):
        return exec(source, globals, locals)
    import marshal

    codes = _codes()
    _state.clock.used.add(source)
    kept = codes.get(source)
    try:
        code = marshal.loads(kept) if isinstance(kept, bytes) else None
    except (ValueError, EOFError, TypeError):
        code = None
    if type(code).__name__ != "code":
        # What `exec(source)` compiles in dataclasses' functions: no future flags there.
        code = compile(source, "<string>", "exec", dont_inherit=True)
        if len(codes) < _MAX_ENTRIES:
            codes[source] = marshal.dumps(code)  # each read back only when its class is made
            _state.changed = True
    exec(code, globals, locals)


def install() -> None:
    """Give `dataclasses` the `exec` that reads the store, where what it compiles with the
    builtin `exec` is sure to be the same (it imports no `__future__` feature)."""
    import __future__
    import dataclasses

    if any(isinstance(value, __future__._Feature) for value in vars(dataclasses).values()):
        return
    if "exec" not in vars(dataclasses):
        dataclasses.exec = _exec  # type: ignore[attr-defined]


def save() -> None:
    """Write the store, if this process compiled code it did not hold."""
    if not _state.changed or _state.codes is None:
        return
    import marshal

    from . import patterns

    _state.clock.age(_state.codes)
    try:
        data = marshal.dumps({"format": _FORMAT, "codes": _state.codes, "clock": _state.clock.as_data()})
    except ValueError:
        return
    if patterns.keep(patterns.beside_bytecode(_store_name()), patterns.sealed(data)):
        _state.changed = False
