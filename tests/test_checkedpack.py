"""The built-in pack, once loaded and checked without a scan's cache, is kept beside the
bytecode (complint/checkedpack.py): read back the same, never for other files, and a
damaged store is loaded again."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from complint import checkedpack, derived, patterns, policy


@pytest.fixture
def pack_dir(tmp_path, monkeypatch):
    """A copy of the built-in pack, taken for the built-in one, and a store of its own."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    patterns.use(tmp_path / "pycache")
    derived.forget()
    folder = tmp_path / "checks"
    shutil.copytree(policy.builtin_pack_dir(), folder)
    monkeypatch.setattr(policy, "builtin_pack_dir", lambda: folder)
    yield folder
    patterns.use(patterns.DEFAULT_FOLDER)
    derived.forget()


def _same(a, b) -> bool:
    def lexicons(pack):
        return {
            name: (lex.phrases, lex.negations, lex.qualifies,
                   [(a.verbs, a.objects, a.context, a.window, a.not_between, a.context_reach, a.unless, a.either_order)
                    for a in lex.acts])
            for name, lex in pack.lexicons.items()
        }

    fields = ("name", "version", "policy_title", "policy_text", "checks", "sections", "digest", "root", "notes")
    return all(getattr(a, f) == getattr(b, f) for f in fields) and lexicons(a) == lexicons(b)


def _not_loaded_again(monkeypatch):
    def loaded(*args):
        raise AssertionError("the pack was loaded and checked again")

    monkeypatch.setattr(policy, "_pack_from", loaded)


def test_the_checked_pack_is_read_back_unchanged(pack_dir, monkeypatch):
    first = policy.load_pack()
    assert checkedpack._path().is_file()
    _not_loaded_again(monkeypatch)
    again = policy.load_pack()
    assert again is not first and _same(again, first)


def test_changed_files_are_loaded_again(pack_dir):
    before = policy.load_pack()
    domains = pack_dir / "domains.yaml"  # its lexicons come last
    domains.write_text(domains.read_text().rstrip("\n") + "\n  test-only-words:\n    phrases: [robo helper]\n")
    after = policy.load_pack()
    assert after.digest != before.digest and after.lexicons["test-only-words"].phrases == ("robo helper",)
    text = pack_dir / "usage-policy.txt"
    text.write_text(text.read_text() + "\nOne more sentence.\n")
    assert policy.load_pack().policy_text.endswith("One more sentence.\n")


def test_a_damaged_store_is_loaded_again(pack_dir):
    first = policy.load_pack()
    path = checkedpack._path()
    path.write_bytes(path.read_bytes()[:-50])
    assert checkedpack.kept(pack_dir, {}) is None
    assert _same(policy.load_pack(), first)
    path.write_bytes(b"\x80\x05garbage")
    assert _same(policy.load_pack(), first)


def test_a_scan_with_its_cache_reads_its_own_copy(pack_dir, tmp_path, monkeypatch):
    policy.load_pack()  # kept
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / policy.PACK_CACHE).write_text('{"digest": 3}')
    pack = policy.load_pack(cache_dir=cache)
    assert [n.message.split(";")[0] for n in pack.notes] == ["the cache of the parsed policy pack is damaged"]


def test_nothing_is_kept_where_python_writes_no_bytecode(pack_dir, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    policy.load_pack()
    assert not checkedpack._path().exists()


def test_a_scan_with_its_cache_checks_its_copy_once(pack_dir, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    first = policy.load_pack(cache_dir=cache)  # parsed, checked, kept with the copy's digest
    assert checkedpack.for_scans().is_file() and not first.notes
    with monkeypatch.context() as patch:
        _not_loaded_again(patch)
        again = policy.load_pack(cache_dir=cache)
    assert again is not first and _same(again, first)
    # The copy damaged since (a digest that is no text): not the bytes the pack was checked
    # from, so it is read again, and its damage noted.
    copy = cache / policy.PACK_CACHE
    data = json.loads(copy.read_bytes())
    copy.write_text(json.dumps({**data, "digest": 3}))
    damaged = policy.load_pack(cache_dir=cache)
    assert [n.message.split(";")[0] for n in damaged.notes] == ["the cache of the parsed policy pack is damaged"]
    # Another pack's files: the kept pack is not theirs.
    domains = pack_dir / "domains.yaml"
    domains.write_text(domains.read_text().rstrip("\n") + "\n  test-only-words:\n    phrases: [robo helper]\n")
    assert policy.load_pack(cache_dir=cache).lexicons["test-only-words"].phrases == ("robo helper",)


def test_a_new_store_removes_the_packs_kept_by_past_code(pack_dir, tmp_path):
    folder = tmp_path / "pycache"
    folder.mkdir(parents=True, exist_ok=True)
    past = [folder / "checked-pack.1.0123456789abcdef.pickle", folder / "checked-pack.0.0123456789abcdef.pickle"]
    scans = folder / "checked-pack-scans.1.0123456789abcdef.pickle"  # the other kind: its own writes remove it
    kept = [scans, folder / "checked-pack.1.0123456789abcdef.pickle.tmp", folder / "my-checked-pack.1.0123456789abcdef.pickle"]
    for path in past + kept:
        path.write_bytes(b"old")
    policy.load_pack()
    assert checkedpack._path().is_file() and not any(p.exists() for p in past)
    assert all(p.read_bytes() == b"old" for p in kept)
    cache = tmp_path / "cache"
    cache.mkdir()
    policy.load_pack(cache_dir=cache)
    assert checkedpack.for_scans().is_file() and not scans.exists() and checkedpack._path().is_file()
