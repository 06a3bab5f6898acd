"""Keyed pseudonyms: stable with the same key, not recomputable without it, never written out."""

from click.testing import CliRunner

from ptce_graph.cli import cli
from ptce_graph.pseudonym import pseudonym_map

from .conftest import DATA


def test_keyed_pseudonyms_are_stable_and_differ_from_unkeyed(tiny):
    plain = pseudonym_map(tiny)
    keyed = pseudonym_map(tiny, key="secret one")
    assert pseudonym_map(tiny, key="secret one") == keyed  # stable across runs
    assert set(keyed) == set(plain) == {"org-1", "org-2", "org-3"}
    assert all(keyed[i] != plain[i] for i in keyed)  # a reader cannot recompute them
    other = pseudonym_map(tiny, key="secret two")
    assert all(other[i] != keyed[i] for i in keyed)
    assert len({new for new, _ in keyed.values()}) == len(keyed)  # still one-to-one


def test_the_key_never_reaches_an_output(tmp_path, tiny):
    secret = "Kx9-very-private-key"
    result = CliRunner().invoke(
        cli, ["analyze", str(DATA / "tiny"), "-o", str(tmp_path), "--pseudonymise"],
        env={"PTCE_GRAPH_PSEUDONYM_KEY": secret}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    expected = {new for new, _ in pseudonym_map(tiny, key=secret).values()}
    written = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert len(written) > 10
    assert not [p for p, raw in written.items() if secret.encode() in raw]
    nodes = (tmp_path / "metrics" / "nodes.csv").read_text(encoding="utf-8")
    assert all(new in nodes for new in expected)
    assert "Atelier Un" not in nodes and "org-1" not in nodes
    assert '"pseudonym_keyed": true' in (tmp_path / "summary.json").read_text(encoding="utf-8")
