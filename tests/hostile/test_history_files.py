"""A history file in every bad state a user's disk can hold: each ends in a message and a usable history.

Damaged rows are skipped and counted; an unknown schema version, a dropped table, a folder,
a device or a named pipe where the file should be is set aside and a fresh file started; a
folder that cannot be written is read read-only; a full disk is one line and exit 73.
"""

from __future__ import annotations

import os
import sqlite3

import pytest

from bbf_sim.cli import main
from bbf_sim.persistence import history as history_module
from bbf_sim.persistence.history import HISTORY_FILE, History
from tests.hostile.helpers import one_line_error, run_cli
from tests.persistence.factories import make_record


def _fill(data_dir, n=3):
    with History.open(data_dir) as h:
        for i in range(n):
            h.record_attempt(make_record(i))


def _sql(data_dir, *statements):
    conn = sqlite3.connect(data_dir / HISTORY_FILE)
    for s in statements:
        conn.execute(s)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("damage", "column_value"),
    [
        ("bad JSON in a summary", "summary_json = '{\"frames\": 2,'"),
        ("a summary that is a list", "summary_json = '[1, 2]'"),
        ("a non-integer seed", "seed = 'forty-two'"),
        ("a bad date", "started_at = 'yesterday'"),
        ("a hit count that is text", 'summary_json = \'{"hits": "many"}\''),
        ("settings nested 5000 deep", "settings_json = '" + "[" * 5000 + "]" * 5000 + "'"),
    ],
)
def test_damaged_rows_are_skipped_and_reported(tmp_path, capsys, damage, column_value):
    _fill(tmp_path)
    _sql(tmp_path, f"UPDATE attempts SET {column_value} WHERE id = 2")
    with History.open(tmp_path) as h:
        kept = h.attempts()
        assert [a.id for a in kept] == [1, 3], damage
        assert h.skipped_rows == 1
        assert any("1 attempt could not be read" in n for n in h.notices)
    assert main(["stats", "--json", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert '"attempts": 2' in out.out
    assert "1 attempt could not be read (damaged values) and is left out" in out.err


def test_a_damaged_frame_row_leaves_the_others(tmp_path):
    _fill(tmp_path, 1)
    _sql(tmp_path, "UPDATE frames SET grade = 'blurry' WHERE idx = 1")
    with History.open(tmp_path) as h:
        assert len(h.frames(1)) == 3


@pytest.mark.parametrize(
    ("statements", "reason"),
    [
        (["PRAGMA user_version = -3"], "unknown schema version -3"),
        (["DROP TABLE frames"], "without its table frames"),
        (["DROP TABLE attempts"], "without its table attempts"),
        (["ALTER TABLE frames DROP COLUMN reason"], "without column frames.reason"),
    ],
)
def test_a_history_with_an_unknown_version_or_dropped_tables_is_set_aside(tmp_path, statements, reason):
    _fill(tmp_path)
    _sql(tmp_path, *statements)
    out = run_cli("stats", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    assert reason in out.stderr and "moved to" in out.stderr and "Traceback" not in out.stderr
    assert "No attempts yet" in out.stdout
    assert any(p.name.startswith(f"{HISTORY_FILE}.corrupt-") for p in tmp_path.iterdir())
    # And the fresh file works: the next run says nothing.
    again = run_cli("stats", data_dir=tmp_path)
    assert again.returncode == 0 and "moved to" not in again.stderr


@pytest.mark.parametrize("kind", ["folder", "dev-null", "fifo"])
def test_something_else_where_the_history_should_be_is_set_aside(tmp_path, kind):
    target = tmp_path / HISTORY_FILE
    if kind == "folder":
        target.mkdir()
        (target / "keep.txt").write_text("the user's")
    elif kind == "dev-null":
        target.symlink_to(os.devnull)
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes")
        os.mkfifo(target)
    out = run_cli("stats", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "not a regular file" in out.stderr and "moved to" in out.stderr
    assert target.is_file()  # a fresh database
    [aside] = [p for p in tmp_path.iterdir() if p.name.startswith(f"{HISTORY_FILE}.corrupt-")]
    if kind == "folder":
        assert (aside / "keep.txt").read_text() == "the user's"  # moved, never deleted


def test_a_read_only_folder_is_read_read_only(tmp_path, monkeypatch, capsys):
    # Root passes every permission check, so the folder's answer is simulated.
    _fill(tmp_path)
    before = (tmp_path / HISTORY_FILE).read_bytes()
    monkeypatch.setattr(history_module, "_can_write", lambda p: p != tmp_path)
    with History.open(tmp_path) as h:
        assert h.read_only and "read-only" in h.not_recorded_reason
        assert len(h.attempts()) == 3
        assert h.record_attempt(make_record(9)) is None
    assert main(["stats", "--json", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert '"attempts": 3' in out.out and "is shown read-only" in out.err
    assert (tmp_path / HISTORY_FILE).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [HISTORY_FILE]  # no -wal, no -shm


def _limit_file_size(limit_bytes):
    resource = pytest.importorskip("resource")  # POSIX only

    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return apply


def test_a_full_disk_while_saving_attempts(tmp_path):
    # A 24 KB file-size limit: SQLite's 32 KB shared-memory file cannot be made, as on a full disk.
    out = run_cli(
        "practice-history",
        "--generate",
        "1",
        "--level",
        "control-static",
        "--jobs",
        "1",
        data_dir=tmp_path,
        preexec_fn=_limit_file_size(24_000),
    )
    line = one_line_error(out, "practice-history", status=73)
    assert "the disk is full, or a file-size limit was reached" in line
    assert not [p for p in tmp_path.rglob("*") if ".tmp" in p.name]
    assert not list((tmp_path / "replays").glob("*")) if (tmp_path / "replays").exists() else True


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_fifo_history_in_a_read_only_folder_is_not_opened(tmp_path, monkeypatch):
    os.mkfifo(tmp_path / HISTORY_FILE)
    monkeypatch.setattr(history_module, "_can_write", lambda p: False)
    with History.open(tmp_path) as h:
        assert h.read_only and h.attempts() == []
        assert any("named pipe" in n for n in h.notices)


def test_a_set_aside_history_is_told_in_one_line_even_with_debug_on(tmp_path, capsys, monkeypatch):
    # BBF_SIM_DEBUG shows bbf_sim's debug log: it must not say the notice a second time.
    monkeypatch.setenv("BBF_SIM_DEBUG", "1")
    (tmp_path / HISTORY_FILE).write_bytes(b"this is not a database" * 50)
    assert main(["stats", "--data-dir", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    about_the_file = [line for line in err.splitlines() if HISTORY_FILE in line]
    assert len(about_the_file) == 1, err
    assert "was unreadable (file is not a database); moved to" in about_the_file[0]
