"""How long a roster survey takes at regional scale: `survey make` for every member of a
bundled dataset's poles, a fixed share of them answering (seeded random answers written into
the questionnaires with openpyxl), then `survey collect`. Prints seconds, per-questionnaire
figures and the ratio collect / make; asserts nothing.

    .venv/bin/python benchmarks/survey_bench.py [--dataset auvergne-rhone-alpes] [--share 0.6]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import load_workbook  # noqa: E402

from ptce_graph.ingest import BUNDLED_DATASETS, bundled_dataset, load_dataset  # noqa: E402
from ptce_graph.survey import (  # noqa: E402
    collect_answers,
    merge_survey,
    read_returns,
    survey_roster,
    write_questionnaires,
)

LABELS = ("pas de lien", "échanges ponctuels", "coopération régulière",
          "projet commun ou activité partagée")


def answer_some(made: Path, back: Path, share: float, rng: random.Random) -> int:
    """Fill ``share`` of the questionnaires: each respondent names about 4 members."""
    back.mkdir()
    answered = 0
    for path in sorted(made.glob("questionnaire-*.xlsx")):
        if rng.random() > share:
            continue
        book = load_workbook(path)
        sheet = book["questionnaire"]
        rows = [r for r in sheet.iter_rows(min_row=8) if r[0].value and r[4].data_type]
        for row in rows:
            if str(row[0].value).startswith(("org-", "col-")):
                row[4].value = rng.choice(LABELS[1:]) if rng.random() < 0.03 else LABELS[0]
        book.save(back / path.name)
        answered += 1
    return answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=BUNDLED_DATASETS, default="auvergne-rhone-alpes")
    parser.add_argument("--share", type=float, default=0.6, help="share who answer")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    data = load_dataset(bundled_dataset(args.dataset))
    with tempfile.TemporaryDirectory() as tmp:
        made, back = Path(tmp) / "made", Path(tmp) / "back"
        start = time.perf_counter()
        mailing = write_questionnaires(data, made, year=2025)
        make_s = time.perf_counter() - start
        answered = answer_some(made, back, args.share, random.Random(args.seed))
        start = time.perf_counter()
        returns = read_returns(back, survey_roster(data)[1])
        read_s = time.perf_counter() - start
        start = time.perf_counter()
        collection = collect_answers(data, returns)
        merge_survey(data.nodes, data.edges, collection)
        collect_s = time.perf_counter() - start
    n = len(mailing)
    print(f"dataset {args.dataset}: {n} questionnaires of {n - 1} members each")
    print(f"survey make      {make_s:7.2f} s  ({make_s / n * 1000:.0f} ms per questionnaire)")
    print(f"read returns     {read_s:7.2f} s  ({answered} returns, "
          f"{read_s / max(answered, 1) * 1000:.0f} ms each)")
    print(f"collect + merge  {collect_s:7.2f} s  ({len(collection.ties)} ties, "
          f"{int(collection.ties['confirmed'].sum())} confirmed)")
    print(f"ratio (read + collect) / make: {(read_s + collect_s) / make_s:.2f}")


if __name__ == "__main__":
    main()
