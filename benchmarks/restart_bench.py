"""Restart time of the local store after real use (issue 15): load a generated national-scale
dataset three times (plain loads, as a user re-loading an edited dataset does), stop the store,
start it again and time how long `db start` takes until the data answers.

    .venv/bin/python benchmarks/restart_bench.py --poles 800

Prints the size of the files in the data folder after the loads and after the stop, the time of
each load, of the stop and of the restart, and checks the graph came back whole (same counts).
A throwaway data folder is used (and removed unless --keep)."""

from __future__ import annotations

import argparse
import inspect
import shutil
import tempfile
import time
from pathlib import Path

from ptce_graph.generate import write_generated_dataset
from ptce_graph.ingest import load_dataset
from ptce_graph.store import load_into_store, open_store, start_server, stop_server
from ptce_graph.store.load import stored_counts


def folder_size(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".log"))
    total = sum(p.stat().st_size for p in files)
    detail = ", ".join(f"{p.relative_to(folder)} {p.stat().st_size / 1e6:.1f} MB" for p in files
                       if p.stat().st_size > 100_000)
    return f"{total / 1e6:.1f} MB ({detail})"


def start(folder: Path):
    """start_server, with as long a wait as the code in use accepts (the code before issue 15
    killed the server after a fixed 20 s unless told otherwise)."""
    if "wait" in inspect.signature(start_server).parameters:
        return start_server(folder, wait=3600)
    return start_server(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--poles", type=int, default=800)
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ptce-restart-"))
    try:
        dataset = load_dataset(write_generated_dataset(args.poles, work / "dataset",
                                                       seed=args.seed))
        print(f"dataset: {args.poles} poles, {len(dataset.nodes)} nodes, "
              f"{len(dataset.edges)} edges")
        data = work / "store"
        state, _ = start(data)
        try:
            with open_store("local", address=(state.host, state.port)) as store:
                for n in range(args.loads):
                    began = time.perf_counter()
                    load_into_store(store, dataset)
                    print(f"load {n + 1}: {time.perf_counter() - began:.1f} s")
                before = stored_counts(store)
            print(f"data folder after the loads: {folder_size(data)}")
        finally:
            began = time.perf_counter()
            stop_server(data)
            print(f"db stop: {time.perf_counter() - began:.1f} s; data folder: "
                  f"{folder_size(data)}")
        began = time.perf_counter()
        state, _ = start(data)
        restart = time.perf_counter() - began
        try:
            with open_store("local", address=(state.host, state.port)) as store:
                after = stored_counts(store)
        finally:
            stop_server(data)
        print(f"db start after {args.loads} loads: {restart:.1f} s "
              f"({'same' if after == before else 'DIFFERENT'} counts: {after[0]} nodes, "
              f"{after[1]} relationships)")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
