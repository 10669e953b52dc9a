"""The data folder: where it is, and that only its owner can read what is in it."""

import stat
import subprocess
import sys

from sqlalchemy import text

from resilience_app.core import settings
from resilience_app.core.db import make_engine


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_and_its_journal_files_are_owner_only(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'nest' / 'resilience.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
        connection.execute(text("INSERT INTO t VALUES (1)"))
    files = sorted((tmp_path / "nest").iterdir())
    assert {p.name for p in files} >= {"resilience.db", "resilience.db-wal", "resilience.db-shm"}
    assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
    engine.dispose()


def test_data_dir_from_the_environment_is_0700_and_holds_the_secret_key_0600(tmp_path, monkeypatch):
    folder = tmp_path / "resilience-data"
    monkeypatch.setenv("RESILIENCE_DATA_DIR", str(folder))
    monkeypatch.delenv("RESILIENCE_SECRET_KEY", raising=False)
    monkeypatch.delenv("RESILIENCE_DB_URL", raising=False)
    settings.get_settings.cache_clear()
    try:
        first = settings.get_settings()
        assert first.db_url == f"sqlite:///{folder / 'resilience.db'}"
        assert _mode(folder) == 0o700
        assert _mode(folder / "secret_key") == 0o600 and len(first.secret_key) >= 48
        settings.get_settings.cache_clear()
        assert settings.get_settings().secret_key == first.secret_key  # kept, not made anew
    finally:
        settings.get_settings.cache_clear()


def test_an_existing_world_readable_folder_and_key_are_tightened(tmp_path, monkeypatch):
    folder = tmp_path / "old"
    folder.mkdir(mode=0o755)
    (folder / "secret_key").write_text("an old key kept from before")
    (folder / "secret_key").chmod(0o644)
    monkeypatch.setenv("RESILIENCE_DATA_DIR", str(folder))
    monkeypatch.delenv("RESILIENCE_SECRET_KEY", raising=False)
    settings.get_settings.cache_clear()
    try:
        assert settings.get_settings().secret_key == "an old key kept from before"
        assert _mode(folder) == 0o700 and _mode(folder / "secret_key") == 0o600
    finally:
        settings.get_settings.cache_clear()


def test_an_installed_package_never_writes_into_site_packages(tmp_path):
    """Outside a checkout (no pyproject.toml beside the package) the data goes to the user's data folder."""
    code = (
        "import resilience_app.core.settings as s, pathlib;"
        "s.PROJECT_ROOT = pathlib.Path(%r);"
        "print(s.data_dir())" % str(tmp_path / "site-packages")
    )
    env = {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(tmp_path / "home" / ".local" / "share" / "resilience")
    assert not (tmp_path / "site-packages").exists()
