"""What a dataset that validates must survive (issue 15): mixed encodings are never silent,
control characters are cleaned with a warning, names the store cannot take are reported by
`validate`; a dataset that validates loads into a real FalkorDB and exports well-formed
GraphML and GEXF."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_graph.build import build_graph, write_gexf, write_graphml
from ptce_graph.cli import cli
from ptce_graph.ingest import bundled_dataset, read_dataset
from ptce_graph.store import load_into_store, pull_tables


def _copy(tmp_path, name="pays-de-bray"):
    folder = tmp_path / name
    shutil.copytree(bundled_dataset(name), folder)
    return folder


def test_one_windows_1252_line_in_a_utf8_file_is_said_and_read_right(tmp_path):
    folder = _copy(tmp_path)
    lines = (folder / "nodes.csv").read_bytes().split(b"\n")
    fields = lines[5].decode("utf-8").split(",")
    fields[2] = "Pôle Sud – Éco"  # pasted from a Windows-1252 spreadsheet
    lines[5] = ",".join(fields).encode("cp1252")
    (folder / "nodes.csv").write_bytes(b"\n".join(lines))
    data = read_dataset(folder)
    warnings = [p for p in data.warnings if "Windows-1252" in p.message]
    assert [(p.file, p.line) for p in warnings] == [("nodes.csv", 6)]
    assert "rest of the file is UTF-8" in warnings[0].message
    names = dict(zip(data.nodes["id"], data.nodes["name"], strict=True))
    assert names[fields[0]] == "Pôle Sud – Éco"
    assert names["org-mes-bray"] == "Maison d'Économie Solidaire du Pays de Bray (SCIC)"
    assert not any("Ã" in str(n) for n in names.values())  # nothing garbled


def test_validate_reports_a_backticked_column_and_cleans_control_characters(tmp_path):
    folder = _copy(tmp_path)
    text = (folder / "nodes.csv").read_text(encoding="utf-8").splitlines()
    text[0] += ",note`x"
    text[1] += ",plain"
    text[2] = text[2].replace("Maison", "Mai\x0bson\x1b[0m")
    (folder / "nodes.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "nodes.csv:1: note`x:" in result.output and "backtick" in result.output
    assert "nodes.csv:3: name:" in result.output and "control characters removed" in result.output


def test_nul_after_the_first_4_kb_is_cleaned_with_a_warning(tmp_path):
    folder = _copy(tmp_path)
    raw = (folder / "nodes.csv").read_bytes()
    assert len(raw) > 4096
    last = raw.rstrip(b"\n").rsplit(b"\n", 1)
    (folder / "nodes.csv").write_bytes(last[0] + b"\n" + last[1].replace(b",", b",\x00", 1)
                                       + b"\n")
    data = read_dataset(folder)
    assert not data.errors
    assert any("\\x00" in p.message for p in data.warnings)
    assert not any("\x00" in str(v) for v in data.nodes.to_numpy().ravel())


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_TEXT, note=_TEXT, column=st.text(st.characters(codec="utf-8",
                                                          exclude_categories=("Cs",)),
                                              min_size=1, max_size=12))
def test_a_dataset_that_validates_loads_and_exports_well_formed_xml(store, tmp_path_factory,
                                                                   name, note, column):
    """Any text in a name, in an extra column and as that column's name: either `validate`
    reports an error, or the dataset loads into the store (and comes back) and its GraphML and
    GEXF parse as XML."""
    folder = tmp_path_factory.mktemp("hostile") / "ds"
    folder.mkdir()
    quoted = [f'"{v}"' for v in (name.replace('"', '""'), note.replace('"', '""'),
                                 column.replace('"', '""'))]
    (folder / "nodes.csv").write_text(
        f"id,type,name,{quoted[2]}\npole-a,pole,{quoted[0]},{quoted[1]}\n"
        "org-b,organisation,B,\n", encoding="utf-8", newline="")
    (folder / "edges.csv").write_text("source,target,type\norg-b,pole-a,member_of\n",
                                      encoding="utf-8")
    data = read_dataset(folder)
    if data.errors:
        return
    load_into_store(store, data, replace=True)
    nodes, _ = pull_tables(store)
    assert set(nodes["id"]) == {"pole-a", "org-b"}
    G = build_graph(data.nodes, data.edges)
    out = tmp_path_factory.mktemp("xml")
    write_graphml(G, out / "g.graphml")
    write_gexf(G, out / "g.gexf")
    ET.parse(out / "g.graphml")
    ET.parse(out / "g.gexf")
