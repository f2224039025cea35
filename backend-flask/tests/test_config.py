import pytest

from lib.config import ConfigError, load_settings


def test_missing_connection_url_is_named(monkeypatch):
    monkeypatch.delenv("CONNECTION_URL", raising=False)
    with pytest.raises(ConfigError, match="CONNECTION_URL is required"):
        load_settings()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CONNECTION_URL", "mysql://localhost/cruddur"),
        ("CRUDDUR_ENV", "staging"),
        ("LOG_LEVEL", "LOUD"),
        ("DB_POOL_SIZE", "many"),
    ],
)
def test_malformed_setting_is_named(monkeypatch, name, value):
    monkeypatch.setenv("CONNECTION_URL", "postgresql://localhost/cruddur")
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        load_settings()


def test_environment_is_read(monkeypatch):
    monkeypatch.setenv("CONNECTION_URL", "postgresql://db.internal/cruddur")
    monkeypatch.setenv("FRONTEND_URL", "https://cruddur.example, https://www.cruddur.example/")
    settings = load_settings()
    assert settings.connection_url == "postgresql://db.internal/cruddur"
    assert settings.frontend_origins == ["https://cruddur.example", "https://www.cruddur.example"]
    assert settings.cruddur_env == "production"
