"""Every output file is whole or not there: written beside, checked, renamed; a failure is one line.

A full disk is simulated with a small file-size limit (RLIMIT_FSIZE) in a child process:
Python ignores SIGXFSZ, so a write past the limit fails with EFBIG as it would with ENOSPC.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta

import numpy as np
import pygame
import pytest

from bbf_sim.core.recording import play_bot
from bbf_sim.errors import CannotWrite
from bbf_sim.levels.loader import level_hash, load_level, shipped_levels_dir
from bbf_sim.persistence import safe_files
from bbf_sim.persistence.history import History, HistoryUnavailable
from bbf_sim.practice import attempts as attempts_module
from bbf_sim.practice.attempts import REPLAYS_DIR, FinishedRun, save_attempt, tidy_data_dir
from bbf_sim.ui.png_file import save_png
from tests.hostile.helpers import one_line_error, run_cli

T0 = datetime(2026, 3, 1, 19, 0, tzinfo=UTC)
LEVEL = shipped_levels_dir() / "control-static.toml"


def _limit(limit_bytes):
    resource = pytest.importorskip("resource")  # POSIX only

    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return apply


def _run():
    level = load_level(LEVEL)
    rec = play_bot(level, 3, "bbf")
    return FinishedRun.from_recorder(rec, level_hash(LEVEL), "bbf", 3, T0, T0 + timedelta(seconds=5))


def test_a_screenshot_on_a_full_disk_keeps_the_good_png(tmp_path):
    shot = tmp_path / "shot.png"
    argv = ["play", "control-static", "--demo", "--seconds", "0.3", "--size", "960x540", "--screenshot", str(shot)]
    good = run_cli(*argv, data_dir=tmp_path / "data")
    assert good.returncode == 0, good.stderr
    before = shot.read_bytes()
    assert len(before) > 4000
    out = run_cli(*argv, data_dir=tmp_path / "data", preexec_fn=_limit(4000))
    line = one_line_error(out, "play", status=73)
    assert f"cannot write {shot}" in line and "saved" not in out.stdout
    assert shot.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["shot.png"]  # no temporary left


def test_stats_plot_and_csv_on_a_full_disk(tmp_path):
    data = tmp_path / "data"
    made = run_cli("practice-history", "--generate", "2", "--level", "control-static", "--jobs", "1", data_dir=data)
    assert made.returncode == 0, made.stderr
    plot = tmp_path / "chart.png"
    # 40 KB: room for SQLite's 32 KB shared memory, not for the ~50 KB chart.
    out = run_cli("stats", "--plot", str(plot), data_dir=data, preexec_fn=_limit(40_000))
    assert f"cannot write {plot}" in one_line_error(out, "stats", status=73)
    assert not plot.exists()
    csv = tmp_path / "rows.csv"
    out = run_cli("stats", "--csv", str(csv), data_dir=data, preexec_fn=_limit(100))
    assert f"cannot write {csv}" in one_line_error(out, "stats", status=73)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_save_png_refuses_a_png_that_does_not_read_back(tmp_path, monkeypatch):
    surface = pygame.Surface((64, 48))
    pygame.surfarray.blit_array(surface, np.random.default_rng(1).integers(0, 2**24, (64, 48)))
    path = tmp_path / "x.png"
    save_png(surface, path)
    before = path.read_bytes()
    assert len(before) > 5000  # noise does not compress

    def truncated(surf, name):
        # What SDL left on a full disk: the first part of the file, and a success.
        with open(name, "wb") as f:
            f.write(before[: len(before) // 2])

    monkeypatch.setattr(pygame.image, "save", truncated)
    with pytest.raises(CannotWrite, match="is not whole"):
        save_png(surface, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["x.png"]


def test_a_replay_that_cannot_be_written_records_nothing(tmp_path, monkeypatch):
    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("bbf_sim.persistence.replay_file.atomic_write_bytes", full)
    with History.open(tmp_path) as h:
        with pytest.raises(CannotWrite, match="No space left on device") as caught:
            save_attempt(tmp_path, h, _run())
        assert caught.value.exit_status == 73
        assert h.attempts() == []
    assert list((tmp_path / REPLAYS_DIR).iterdir()) == []


def test_a_row_that_cannot_be_written_leaves_no_orphan_replay(tmp_path, monkeypatch):
    def refuse(self, rec):
        raise HistoryUnavailable("could not save the attempt: database or disk is full")

    monkeypatch.setattr(History, "record_attempt", refuse)
    with History.open(tmp_path) as h, pytest.raises(HistoryUnavailable):
        save_attempt(tmp_path, h, _run())
    assert list((tmp_path / REPLAYS_DIR).iterdir()) == []


def test_an_unwritable_replays_folder(tmp_path):
    (tmp_path / REPLAYS_DIR).write_text("a file where the folder should be")
    with History.open(tmp_path) as h:
        with pytest.raises(CannotWrite, match="cannot write its replay"):
            save_attempt(tmp_path, h, _run())
        assert h.attempts() == []


def test_leftovers_are_cleaned_on_the_next_start(tmp_path):
    with History.open(tmp_path) as h:
        kept = save_attempt(tmp_path, h, _run()).replay_path
    folder = tmp_path / REPLAYS_DIR
    orphan = folder / "20260101T000000000000Z-control-static-bbf-1.bbf-replay.gz"
    orphan.write_bytes(b"a crash came between the replay and its row")
    young = folder / "20260101T000000000000Z-control-static-bbf-2.bbf-replay.gz"
    young.write_bytes(b"another copy of the game is writing its row now")
    tmp = folder / ".20260101T0-control-static-bbf-3.bbf-replay.k2j4_x9q.tmp.gz"
    tmp.write_bytes(b"half")
    settings_tmp = tmp_path / ".settings.abcd1234.tmp.json"
    settings_tmp.write_bytes(b"{")
    old = time.time() - 2 * attempts_module.ORPHAN_AGE_S
    for p in (orphan, tmp, settings_tmp, kept):
        os.utime(p, (old, old))
    with History.open(tmp_path) as h:
        removed = tidy_data_dir(tmp_path, h)
    assert sorted(removed) == sorted([orphan, tmp, settings_tmp])
    assert kept.exists() and young.exists()
    # A file of the user's that only looks a little like a temporary one stays.
    mine = tmp_path / ".notes.tmp"
    mine.write_text("mine")
    os.utime(mine, (old, old))
    with History.open(tmp_path) as h:
        assert tidy_data_dir(tmp_path, h) == []
    assert mine.exists()


def test_atomic_write_leaves_the_old_file_when_the_disk_fills(tmp_path, monkeypatch):
    target = tmp_path / "settings.json"
    target.write_text("old")
    real_replace = os.replace

    def short_write(path, write, check=None, **options):
        # What a full disk does to a buffered write: the last bytes never reach the file.
        def truncating(tmp):
            write(tmp)
            with open(tmp, "r+b") as f:
                f.truncate(3)

        return real_write_checked(path, truncating, check, **options)

    real_write_checked = safe_files.write_checked
    monkeypatch.setattr(safe_files, "write_checked", short_write)
    with pytest.raises(OSError, match="differs|too big"):
        safe_files.atomic_write_text(target, "the new settings")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
    assert real_replace is os.replace
    monkeypatch.undo()
    safe_files.atomic_write_bytes(tmp_path / "empty", b"")  # an empty file written on purpose is fine
    assert (tmp_path / "empty").read_bytes() == b""


def test_a_screenshot_into_a_folder_that_cannot_be_written(tmp_path, monkeypatch):
    # Root may write anywhere, so the refusal a user would meet is simulated where the file is made.
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # safe_files imports it where it writes
    with pytest.raises(CannotWrite, match="Permission denied") as caught:
        save_png(pygame.Surface((8, 8)), tmp_path / "shot.png")
    assert caught.value.exit_status == 73
    assert list(tmp_path.iterdir()) == []
