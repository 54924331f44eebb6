"""Where the data folder is: --data-dir, then BBF_SIM_DATA_DIR, then the platform default."""

import pytest

from bbf_sim.errors import UserError
from bbf_sim.persistence import data_dir
from bbf_sim.persistence.data_dir import ENV_VAR, resolve_data_dir


@pytest.fixture
def platform_default(tmp_path, monkeypatch):
    default = tmp_path / "platform" / "bbf-sim"
    calls = []

    def fake_user_data_dir(appname, appauthor=None):
        calls.append((appname, appauthor))
        return str(default)

    monkeypatch.setattr(data_dir.platformdirs, "user_data_dir", fake_user_data_dir)
    monkeypatch.delenv(ENV_VAR, raising=False)
    return default, calls


def test_cli_value_wins_over_env_and_is_created(tmp_path, monkeypatch, platform_default):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    got = resolve_data_dir(str(tmp_path / "from-cli" / "nested"))
    assert got == tmp_path / "from-cli" / "nested"
    assert got.is_dir()
    assert not (tmp_path / "from-env").exists()


def test_env_var_wins_over_platform_default(tmp_path, monkeypatch, platform_default):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert resolve_data_dir() == tmp_path / "from-env"
    assert (tmp_path / "from-env").is_dir()


@pytest.mark.parametrize("env_value", [None, "", "  "], ids=["unset", "empty", "blank"])
def test_platform_default_when_no_override(monkeypatch, platform_default, env_value):
    default, calls = platform_default
    if env_value is not None:
        monkeypatch.setenv(ENV_VAR, env_value)
    assert resolve_data_dir() == default
    assert default.is_dir()
    assert calls == [("bbf-sim", False)]


def test_tilde_is_expanded(tmp_path, monkeypatch, platform_default):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    assert resolve_data_dir("~/bbf") == tmp_path / "bbf"


def test_a_file_in_the_way_is_a_user_error_naming_the_path(tmp_path, platform_default):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(UserError, match="not-a-folder.*--data-dir"):
        resolve_data_dir(str(blocker))


def test_empty_cli_value_is_a_user_error(platform_default):
    with pytest.raises(UserError, match="--data-dir is empty"):
        resolve_data_dir("")
