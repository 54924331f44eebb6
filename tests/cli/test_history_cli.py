"""History commands as a user runs them (`main()`, stdout, stderr and exit status) on a newer bbf-sim's
history and a damaged one."""

import json

from bbf_sim.persistence.history import HISTORY_FILE, SCHEMA_VERSION
from tests.commands import run_in_process
from tests.persistence.factories import NEWER_SCHEMA, fingerprint, newer_history


def run_cli(*args: str):
    return run_in_process(*args)


def test_stats_on_a_newer_history_shows_it_says_so_once_and_changes_nothing(tmp_path):
    newer_history(tmp_path)
    before = fingerprint(tmp_path)

    out = run_cli("stats", "--data-dir", str(tmp_path))
    assert out.returncode == 0 and "Traceback" not in out.stderr
    [line] = [n for n in out.stderr.splitlines() if "newer bbf-sim" in n]
    assert line.startswith("bbf-sim stats: ") and str(tmp_path / HISTORY_FILE) in line
    assert f"schema v{NEWER_SCHEMA}; this one knows up to v{SCHEMA_VERSION}" in line
    assert "will not change it" in line and "not recorded" in line and "Update bbf-sim" in line
    assert "moved to" not in out.stderr and "No attempts yet" not in out.stdout
    assert "l01-bird" in out.stdout  # the attempts it can read are shown

    as_json = run_cli("stats", "--json", "--data-dir", str(tmp_path))
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["attempts"] == 2  # stdout stays pure JSON; the notice is on stderr
    assert "newer bbf-sim" in as_json.stderr

    assert fingerprint(tmp_path) == before


def test_stats_on_a_newer_history_it_cannot_read_says_so(tmp_path):
    newer_history(tmp_path, "ALTER TABLE attempts RENAME COLUMN summary_json TO summary")
    before = fingerprint(tmp_path)
    out = run_cli("stats", "--data-dir", str(tmp_path))
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "newer bbf-sim" in out.stderr and "cannot read it" in out.stderr and "left as it is" in out.stderr
    assert fingerprint(tmp_path) == before


def test_practice_history_refuses_a_newer_history_before_playing(tmp_path):
    newer_history(tmp_path)
    before = fingerprint(tmp_path)
    out = run_cli(
        "practice-history", "--generate", "1", "--level", "control-static", "--jobs", "1", "--data-dir", str(tmp_path)
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "nothing generated" in out.stderr and "newer bbf-sim" in out.stderr
    assert out.stdout == ""
    assert fingerprint(tmp_path) == before
    assert not (tmp_path / "replays").exists()


def test_stats_still_sets_a_damaged_history_aside(tmp_path):
    (tmp_path / HISTORY_FILE).write_bytes(b"not a database\x00" * 300)
    out = run_cli("stats", "--data-dir", str(tmp_path))
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "moved to" in out.stderr and "newer bbf-sim" not in out.stderr
    assert any(p.name.startswith(f"{HISTORY_FILE}.corrupt-") for p in tmp_path.iterdir())
    assert "No attempts yet" in out.stdout
