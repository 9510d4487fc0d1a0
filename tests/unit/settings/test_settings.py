import os
import stat

import pytest

from feedback_api.settings import ConfigError, Settings, load_settings


def test_the_default_database_is_a_sqlite_file_under_var(tmp_path):
    settings = Settings(var_dir=tmp_path / "var")
    assert settings.resolved_database_url == f"sqlite:///{(tmp_path / 'var' / 'yousaid.db')}"


def test_a_bad_database_url_is_one_clear_sentence():
    with pytest.raises(ConfigError) as err:
        load_settings(database_url="not a url")
    assert str(err.value).startswith("Invalid setting YOUSAID_DATABASE_URL")
    assert "\n" not in str(err.value)


def test_an_unsupported_database_is_refused():
    with pytest.raises(ConfigError):
        load_settings(database_url="mysql://root@localhost/test")


def test_an_unwritable_var_dir_is_one_clear_sentence(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ConfigError) as err:
        Settings(var_dir=blocker / "var").prepare_var_dir()
    assert "not writable" in str(err.value)


def test_the_pepper_is_generated_once_with_owner_only_permissions(tmp_path):
    settings = Settings(var_dir=tmp_path)
    first = settings.pepper_bytes()
    assert first == Settings(var_dir=tmp_path).pepper_bytes()
    mode = stat.S_IMODE(os.stat(tmp_path / "pepper").st_mode)
    assert mode == 0o600
    assert len(first) == 64


def test_a_configured_pepper_is_used_and_not_written(tmp_path):
    settings = Settings(var_dir=tmp_path, pepper="from-the-environment")
    assert settings.pepper_bytes() == b"from-the-environment"
    assert not (tmp_path / "pepper").exists()


def test_secrets_are_not_shown_in_the_settings_repr(tmp_path):
    settings = Settings(var_dir=tmp_path, pepper="hunter2", telegram_token="123:abc")
    assert "hunter2" not in repr(settings)
    assert "123:abc" not in repr(settings)


def test_settings_come_from_yousaid_environment_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("YOUSAID_RETENTION_DAYS", "30")
    monkeypatch.setenv("YOUSAID_VAR_DIR", str(tmp_path))
    settings = load_settings()
    assert settings.retention_days == 30
    assert settings.var_dir == tmp_path
