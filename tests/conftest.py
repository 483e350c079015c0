from __future__ import annotations

from pathlib import Path

import pytest

from advisor.pack import Pack, load

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
# the day the suite pretends it is: facts age against it, so results do not change with the calendar
TODAY = "2026-11-26"


@pytest.fixture(autouse=True)
def hermetic(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test runs in a fresh folder with its own user folders and a fixed date.

    Nothing a test does (saving a decision, caching a pack, remembering a theme) can reach the
    repository or the developer's home.
    """
    home = tmp_path_factory.mktemp("home")
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        folder = home / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    for name in ("ADVISOR_STATE_DIR", "ADVISOR_CACHE_DIR", "ADVISOR_CONFIG_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ADVISOR_TODAY", TODAY)
    work = home / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load(RULES, cache=False)


# -- the suite leaves the repository as it found it ------------------------------------------------
def _untracked() -> set[str] | None:
    """Files in the checkout that git neither tracks nor ignores (None outside a git checkout)."""
    import subprocess

    try:
        out = subprocess.run(
            ["git", "ls-files", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return set(out.stdout.splitlines()) if out.returncode == 0 else None


_BEFORE: dict[str, set[str] | None] = {}


def pytest_sessionstart(session: pytest.Session) -> None:
    _BEFORE["untracked"] = _untracked()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before, after = _BEFORE.get("untracked"), _untracked()
    if before is None or after is None:
        return
    created = sorted(after - before)
    if created:  # a test wrote into the checkout: it must use its temporary folder
        print(f"\nthe test suite left files in the repository: {', '.join(created[:10])}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
