"""No bad input ends in a traceback: whatever bytes the files hold, validation returns problems."""


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_graph.ingest import read_dataset, read_table

from ..realdata import REALDATA

cells = st.text(alphabet=st.sampled_from(list("ab1,;\"\n €-'é\t.0x")), max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nodes=st.binary(max_size=300) | cells.map(lambda t: ("id;type;name\n" + t).encode()),
       edges=st.binary(max_size=300) | cells.map(lambda t: ("source,target,type\n" + t).encode()))
def test_any_bytes_give_problems_not_exceptions(tmp_path_factory, nodes, edges):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "nodes.csv").write_bytes(nodes)
    (folder / "edges.csv").write_bytes(edges)
    data = read_dataset(folder)
    for problem in data.problems:
        assert problem.file in ("nodes.csv", "edges.csv")
        assert problem.message


def test_real_french_open_data_files_are_read(tmp_path):
    """Real files published by others: their encodings and separators are detected."""
    files = sorted(REALDATA.glob("*/*.csv"))
    assert len(files) >= 8
    for path in files:
        table = read_table(path)
        assert len(table.header) >= 3, path
        assert len(table.rows) >= 1, path
        text = " ".join(table.header) + " ".join(" ".join(r) for r in table.rows[:200])
        assert "\ufffd" not in text, path  # nothing decoded into replacement characters
