"""Atomic writes and setting unreadable files aside without ever overwriting a copy."""

from datetime import UTC, datetime

import pytest

from bbf_sim.persistence import safe_files
from bbf_sim.persistence.safe_files import (
    atomic_write_bytes,
    atomic_write_text,
    set_aside,
    set_aside_notice,
)

NOW = datetime(2026, 11, 29, 10, 15, 0, tzinfo=UTC)


def test_atomic_write_replaces_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "f.json"
    target.write_text("old")
    atomic_write_text(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]


def test_atomic_write_failure_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "f.json"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_files.os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]


def test_set_aside_renames_with_utc_stamp_and_keeps_bytes(tmp_path):
    bad = tmp_path / "history.sqlite3"
    bad.write_bytes(b"\x00garbage")
    moved = set_aside(bad, now=NOW)
    assert moved == tmp_path / "history.sqlite3.corrupt-20261129T101500Z"
    assert moved.read_bytes() == b"\x00garbage"
    assert not bad.exists()


def test_set_aside_stamp_is_utc_whatever_zone_now_is_in(tmp_path):
    from datetime import timedelta, timezone

    bad = tmp_path / "s.json"
    bad.write_text("{")
    local = NOW.astimezone(timezone(timedelta(hours=-5)))
    assert set_aside(bad, now=local).name == "s.json.corrupt-20261129T101500Z"


def test_set_aside_never_overwrites_an_earlier_copy(tmp_path):
    bad = tmp_path / "settings.json"
    names = []
    for content in (b"first", b"second", b"third"):
        bad.write_bytes(content)
        names.append(set_aside(bad, now=NOW))
    assert [p.name for p in names] == [
        "settings.json.corrupt-20261129T101500Z",
        "settings.json.corrupt-20261129T101500Z-1",
        "settings.json.corrupt-20261129T101500Z-2",
    ]
    assert [p.read_bytes() for p in names] == [b"first", b"second", b"third"]


def test_set_aside_moves_sidecars_with_the_file(tmp_path):
    bad = tmp_path / "history.sqlite3"
    bad.write_bytes(b"db")
    (tmp_path / "history.sqlite3-wal").write_bytes(b"wal")
    moved = set_aside(bad, sidecar_suffixes=("-wal", "-shm"), now=NOW)
    assert (tmp_path / f"{moved.name}-wal").read_bytes() == b"wal"
    assert not (tmp_path / "history.sqlite3-wal").exists()
    assert not (tmp_path / f"{moved.name}-shm").exists()


def test_set_aside_without_hard_links_still_never_overwrites(tmp_path, monkeypatch):
    def no_links(src, dst):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(safe_files.os, "link", no_links)
    bad = tmp_path / "settings.json"
    bad.write_bytes(b"one")
    first = set_aside(bad, now=NOW)
    bad.write_bytes(b"two")
    second = set_aside(bad, now=NOW)
    assert first != second
    assert (first.read_bytes(), second.read_bytes()) == (b"one", b"two")


def test_notice_names_both_files_and_the_reason(tmp_path):
    text = set_aside_notice(tmp_path / "a", tmp_path / "a.corrupt-X", "truncated")
    assert text == (
        f"{tmp_path / 'a'} was unreadable (truncated); moved to {tmp_path / 'a.corrupt-X'}; starting a fresh one."
    )
