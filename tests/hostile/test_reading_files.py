"""Files that are not what they seem: FIFOs, devices, huge or BOM-marked text, numbers of 5000 digits.

Every command that reads a path refuses anything but a regular file before opening it, and
reads at most its cap (`safe_files.read_capped`); each case ends in seconds with one line.
"""

from __future__ import annotations

import os
import re

import pytest

from bbf_sim.levels.loader import LevelError, level_hash, load_level, shipped_levels_dir
from bbf_sim.persistence.safe_files import FileRefused, read_capped
from tests.hostile.helpers import one_line_error, run_cli, write_replay

SHIPPED = shipped_levels_dir() / "control-static.toml"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
def test_read_capped_refuses_a_fifo_without_blocking(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused, match="named pipe"):
        read_capped(fifo, 100)


def test_read_capped_stops_at_the_cap(tmp_path):
    sparse = tmp_path / "sparse.toml"
    with sparse.open("wb") as f:
        f.truncate(6 * 1024**3)  # 6 GB that take no disk
    with pytest.raises(FileRefused, match="too big"):
        read_capped(sparse, 1_000_000)
    with pytest.raises(LevelError, match="too big"):
        load_level(sparse)
    with pytest.raises(LevelError, match="too big"):
        level_hash(sparse)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_validate_a_device_is_refused_not_read(device):
    out = run_cli("validate", device)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert f"{device}: is a device, not a regular file" in out.stdout


@needs_fifo
def test_validate_and_play_a_fifo_level(tmp_path):
    fifo = tmp_path / "level.toml"
    os.mkfifo(fifo)
    out = run_cli("validate", str(fifo))
    assert out.returncode == 1 and "named pipe (FIFO)" in out.stdout
    out = run_cli("play", str(fifo), "--demo", "--seconds", "1", data_dir=tmp_path / "data")
    assert "named pipe" in one_line_error(out, "play")


@needs_fifo
def test_replay_a_fifo(tmp_path):
    fifo = tmp_path / "x.bbf-replay.gz"
    os.mkfifo(fifo)
    out = run_cli("replay", str(fifo), "--json", data_dir=tmp_path / "data")
    assert "named pipe" in one_line_error(out, "replay")


@needs_fifo
def test_replay_with_a_fifo_as_its_level(tmp_path):
    from tests.hostile.helpers import replay_body

    fifo = tmp_path / "level.toml"
    os.mkfifo(fifo)
    replay = write_replay(tmp_path / "r.bbf-replay.gz", replay_body("my-level"))
    out = run_cli("replay", str(replay), "--json", "--level", str(fifo), data_dir=tmp_path / "data")
    assert "named pipe" in one_line_error(out, "replay")


def test_a_level_saved_by_notepad_with_a_bom_is_valid(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8")
    bom = tmp_path / "notepad.toml"
    bom.write_text(text.replace("\n", "\r\n"), encoding="utf-8-sig")
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    assert load_level(bom).model_dump(exclude={"id"}) == load_level(SHIPPED).model_dump(exclude={"id"})
    out = run_cli("validate", str(bom))
    assert out.returncode == 0, out.stdout


def test_a_5000_digit_integer_is_refused_cleanly(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8")
    for name, edited in (
        ("extra.toml", text + "\nhuge = " + "9" * 5000 + "\n"),
        ("duration.toml", re.sub(r"duration_s = [0-9.]+", "duration_s = " + "9" * 5000, text)),
    ):
        (tmp_path / name).write_text(edited, encoding="utf-8")
        out = run_cli("validate", str(tmp_path / name))
        assert out.returncode == 1 and "Traceback" not in out.stderr
        assert f"{name}: not valid TOML: a number too long to be read" in out.stdout


@needs_fifo
def test_a_fifo_in_a_level_folder_is_named_not_skipped(tmp_path):
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "good.toml").write_text(SHIPPED.read_text(encoding="utf-8"))
    out = run_cli("validate", str(tmp_path))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert f"{tmp_path / 'pipe.toml'}: is a named pipe (FIFO), not a regular file" in out.stdout
    assert "2 level files: 1 valid, 1 with problems" in out.stdout
