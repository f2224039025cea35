"""bin/db/generate-migration NAME, in a copy of the scripts and the migrations:
the next number, a dependency on the latest migration that yoyo follows, the
rollback beside it, and bad or taken names refused with nothing written."""

from __future__ import annotations

import shutil

import pytest
from ops_stubs import REPO, run, script_env
from yoyo import read_migrations

MIGRATIONS = REPO / "backend-flask" / "db" / "migrations"


@pytest.fixture
def clone(tmp_path):
    root = tmp_path / "clone"
    shutil.copytree(REPO / "bin" / "lib", root / "bin" / "lib")
    (root / "bin" / "db").mkdir(parents=True)
    shutil.copy2(REPO / "bin" / "db" / "generate-migration", root / "bin" / "db" / "generate-migration")
    shutil.copytree(MIGRATIONS, root / "backend-flask" / "db" / "migrations")
    return root


def ids(folder) -> list[str]:
    return sorted(path.name.removesuffix(".sql") for path in folder.glob("*.sql") if ".rollback." not in path.name)


def test_the_next_number_depends_on_the_latest(clone, tmp_path):
    folder = clone / "backend-flask" / "db" / "migrations"
    latest = ids(folder)[-1]
    number = int(latest.split(".")[0]) + 1
    result = run(clone / "bin/db/generate-migration", ["create-follows"], script_env(tmp_path))
    assert result.returncode == 0, result.stderr
    new = f"{number:04d}.create-follows"
    assert ids(folder)[-1] == new
    migration, rollback = folder / f"{new}.sql", folder / f"{new}.rollback.sql"
    assert migration.read_text().splitlines()[0] == f"-- depends: {latest}"
    assert rollback.read_text().startswith(f"-- Undoes {new}")
    assert f"backend-flask/db/migrations/{new}.sql" in result.stderr
    # yoyo reads it as the newest migration, after the one it depends on
    read = {migration.id: migration for migration in read_migrations(str(folder))}
    assert [dependency.id for dependency in read[new].depends] == [latest]

    again = run(clone / "bin/db/generate-migration", ["index-replies-by-parent"], script_env(tmp_path))
    assert again.returncode == 0, again.stderr
    assert ids(folder)[-1] == f"{number + 1:04d}.index-replies-by-parent"
    assert (folder / f"{number + 1:04d}.index-replies-by-parent.sql").read_text().startswith(f"-- depends: {new}\n")


def test_the_first_migration_depends_on_nothing(clone, tmp_path):
    folder = clone / "backend-flask" / "db" / "migrations"
    shutil.rmtree(folder)
    folder.mkdir()
    assert run(clone / "bin/db/generate-migration", ["create-users"], script_env(tmp_path)).returncode == 0
    assert (folder / "0001.create-users.sql").read_text().startswith("-- depends:\n")


@pytest.mark.parametrize(
    ("name", "status", "message"),
    [
        ("Create-Follows", 2, "is not a migration name"),
        ("create_follows", 2, "is not a migration name"),
        ("create follows", 2, "is not a migration name"),
        ("9-lives", 2, "is not a migration name"),
        ("../../escape", 2, "is not a migration name"),
        ("trailing-", 2, "is not a migration name"),
        ("a" * 61, 2, "is not a migration name"),
        ("create-users", 1, "there is already a migration named 'create-users'"),
    ],
)
def test_bad_and_taken_names_write_nothing(name, status, message, clone, tmp_path):
    folder = clone / "backend-flask" / "db" / "migrations"
    before = sorted(path.name for path in folder.iterdir())
    result = run(clone / "bin/db/generate-migration", [name], script_env(tmp_path))
    assert result.returncode == status, result.stderr
    assert message in result.stderr
    assert sorted(path.name for path in folder.iterdir()) == before
