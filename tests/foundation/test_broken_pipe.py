"""Output piped to a reader that stops early (`| head`) ends the command quietly, as Unix
tools do: no 'Error: : Broken pipe' line on stderr (a real shell pipeline)."""

import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "ptce-graph"


@pytest.mark.parametrize("command", [["summary"], ["timeline", "--show", "funding"]])
def test_a_reader_that_stops_early_gets_no_error(tmp_path, command):
    data = tmp_path / "big"
    # large enough that the command still writes once `head` has gone
    subprocess.run([str(BIN), "generate", "--poles", "200", "-o", str(data)], check=True,
                   capture_output=True)
    full = subprocess.run([str(BIN), command[0], str(data), *command[1:]], capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", "LANG": "C"})
    assert full.returncode == 0 and len(full.stdout) > 20_000, full.stderr
    piped = subprocess.run(f"'{BIN}' {command[0]} '{data}' {' '.join(command[1:])} | head -n 1",
                           shell=True, capture_output=True, text=True,
                           env={"PATH": "/usr/bin:/bin", "LANG": "C"})
    assert piped.stdout.count("\n") == 1
    assert "Broken pipe" not in piped.stderr and "Error" not in piped.stderr, piped.stderr
