"""LibreOffice for the collection tests: workbooks saved again as a user's spreadsheet
program saves them. `make test` installs Debian's libreoffice-calc-nogui; a missing soffice
fails the tests that need it (never a silent skip)."""

import shutil
import subprocess
from pathlib import Path

import pytest


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.fail("LibreOffice (soffice) is not installed: run `make test-tools`, which "
                    "installs Debian's libreoffice-calc-nogui")
    return found


@pytest.fixture(scope="session")
def libreoffice_profile(tmp_path_factory) -> Path:
    """A private LibreOffice profile, so that tests never touch (or wait on) a user's own."""
    return tmp_path_factory.mktemp("libreoffice-profile")


@pytest.fixture
def resave(libreoffice_profile, tmp_path):
    """``resave(path) -> path``: the workbook converted once by LibreOffice headless into a
    new .xlsx (same file name, in a fresh folder)."""

    def convert(path: Path) -> Path:
        out = tmp_path / f"libreoffice-{path.stem}"
        out.mkdir(exist_ok=True)
        done = subprocess.run(
            [_soffice(), f"-env:UserInstallation={libreoffice_profile.as_uri()}", "--headless",
             "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
             str(out), str(path)],
            capture_output=True, text=True, timeout=180)
        result = out / f"{path.stem}.xlsx"
        assert done.returncode == 0 and result.exists(), done.stdout + done.stderr
        return result

    return convert
