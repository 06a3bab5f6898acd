"""Hostile input files end in a clear problem, quickly, never in a hang, a MemoryError or a
traceback: a named pipe, /dev/zero, a file beyond the size limit, a zip-bomb workbook."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ptce_graph.cli import cli
from ptce_graph.ingest import read_dataset

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"


def validate(*args) -> tuple[int, str, float]:
    started = time.perf_counter()
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output, time.perf_counter() - started


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_is_refused_not_waited_for(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "edges.csv").write_bytes((TINY / "edges.csv").read_bytes())
    os.mkfifo(folder / "nodes.csv")  # nobody writes to it: reading would block forever
    code, output, seconds = validate("validate", folder)
    assert code == 1 and "nodes.csv" in output and "not a regular file" in output
    assert seconds < 30
    os.mkfifo(tmp_path / "pipe.xlsx")
    data = read_dataset(tmp_path / "pipe.xlsx")
    assert "not a regular file" in data.errors[0].message


def test_dev_zero_is_refused():
    data = read_dataset("/dev/zero")
    assert len(data.errors) == 1 and "not a regular file" in data.errors[0].message


def test_the_size_limit_names_the_flag_that_raises_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PTCE_GRAPH_MAX_FILE_MB", "512")  # restored after the flag changed it
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("nodes.csv", "edges.csv"):
        (folder / name).write_bytes((TINY / name).read_bytes())
    code, output, _ = validate("--max-file-mb", "0.0001", "validate", folder)
    assert code == 1 and "--max-file-mb" in output and "nodes.csv" in output
    code, output, _ = validate("--max-file-mb", "1", "validate", folder)
    assert code == 0, output


def test_a_zip_bomb_workbook_is_refused_before_unpacking(tmp_path, monkeypatch):
    """A workbook whose sheet declares 64 MB of blanks (64 kB on disk): refused from the
    sizes the archive declares, under a limit of 1 MB, in well under a second."""
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            block = b" " * 2**20
            for _ in range(64):
                sheet.write(block)
    assert bomb.stat().st_size < 2**20
    monkeypatch.setenv("PTCE_GRAPH_MAX_FILE_MB", "1")
    started = time.perf_counter()
    data = read_dataset(bomb)
    assert time.perf_counter() - started < 5
    assert "zip bomb" in data.errors[0].message and "64 MB" in data.errors[0].message
