"""Two runs writing to one folder: the second stops with a clear error instead of mixing its
files with the first's; a lock left by a run that died is taken over."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ptce_graph.analysis import analyze
from ptce_graph.errors import OptionError
from ptce_graph.outputs import LOCK_FILE, write_outputs


def test_a_folder_being_written_is_refused(tiny, tmp_path):
    analysis = analyze(tiny)
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (out / LOCK_FILE).write_text(str(holder.pid))
        with pytest.raises(OptionError, match=f"another ptce-graph run \\(pid {holder.pid}\\)"):
            write_outputs(analysis, out)
        assert not (out / "summary.json").exists()  # nothing written beside the other run
    finally:
        holder.kill()
        holder.wait()
    written = write_outputs(analysis, out)  # the holder is gone: its lock is taken over
    assert (out / "summary.json") in written.files
    assert not (out / LOCK_FILE).exists()  # released
