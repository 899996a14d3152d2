"""The map as a yEd (GraphML) and a draw.io diagram: parsed as those tools read them.

GraphML: the GraphML structure (keys declared before the graph and referenced by every data
element, unique node ids, edges between existing nodes) and yEd's extensions (a ShapeNode with
geometry, fill and label per card; a PolyLineEdge with line style and arrows per line).
draw.io: an mxfile whose mxGraphModel has the two root cells, a vertex with geometry per card
and an edge between existing vertices per line. Both: the same positions as the drawing,
and names with markup characters kept as names.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path

import pytest

from keyplan.exchange.map.design import map_drawing
from keyplan.exchange.map.formats import map_document
from keyplan.store.map.rows import MapAccount, MapData, MapLine, MapPerson

TODAY = date(2026, 11, 23)
G = "{http://graphml.graphdrawing.org/xmlns}"
Y = "{http://www.yworks.com/xml/graphml}"
TRICKY = 'Ingrid <b>Olsen</b> & "Co"'


def person(pid, name, manager=None, **extra) -> MapPerson:
    values = dict(
        id=pid, account_id=1, full_name=name, job_title="Director", department="IT",
        level=None, reports_to_id=manager, buying_role="decision_maker", influence="high",
        stance="champion", strength=2, has_left=False, contact_frequency_days=None,
        map_position=None, owners=("Ana Costa",), last_contact=None,
    )  # fmt: skip
    values.update(extra)
    return MapPerson(**values)


def sample() -> MapData:
    return MapData(
        account_id=1,
        accounts={1: MapAccount(1, "Acme", None, None)},
        people=[
            person(1, TRICKY),
            person(2, "Harald Berg", 1, stance="blocker"),
            person(3, "Mia Lund", 1, stance="supporter"),
            person(4, "Tom Ek", 2, stance="neutral"),
        ],
        lines=[MapLine(1, 4, 1, "influences", 2, None), MapLine(2, 2, 3, "rival", 3, None)],
    )


def test_the_graphml_is_graphml_as_yed_reads_it():
    text = map_document(sample(), ".graphml", title="Acme & Co", today=TODAY)
    root = ElementTree.fromstring(text)
    assert root.tag == f"{G}graphml"
    keys = {k.get("id"): k.get("for") for k in root.findall(f"{G}key")}
    children = [child.tag for child in root]
    assert children.index(f"{G}graph") > max(i for i, t in enumerate(children) if t == f"{G}key")
    (graph,) = root.findall(f"{G}graph")
    assert graph.get("edgedefault") == "directed"
    nodes = graph.findall(f"{G}node")
    ids = [n.get("id") for n in nodes]
    assert len(ids) == len(set(ids)) == 4
    for element in root.iter(f"{G}data"):
        assert element.get("key") in keys  # every data element names a declared key ...
    for node in nodes:  # ... of the right domain
        assert all(keys[d.get("key")] == "node" for d in node.findall(f"{G}data"))
        shape = node.find(f".//{Y}ShapeNode")
        geometry = shape.find(f"{Y}Geometry")
        assert float(geometry.get("width")) == 200.0 and float(geometry.get("height")) == 84.0
        assert shape.find(f"{Y}Fill").get("color").startswith("#")
        assert shape.find(f"{Y}NodeLabel").text
    labels = {n.find(f".//{Y}NodeLabel").text.split("\n")[0] for n in nodes}
    assert TRICKY in labels  # the markup characters came back as they were typed
    edges = graph.findall(f"{G}edge")
    assert {e.get("source") for e in edges} | {e.get("target") for e in edges} <= set(ids)
    kinds = {e.find(f"{G}data[@key='d3']").text: e for e in edges}
    assert set(kinds) == {"reports to", "Influences", "Rival / conflict"}
    arrows = kinds["Influences"].find(f".//{Y}Arrows")
    assert (arrows.get("source"), arrows.get("target")) == ("none", "standard")
    assert kinds["Rival / conflict"].find(f".//{Y}Arrows").get("source") == "circle"
    assert kinds["Influences"].find(f".//{Y}LineStyle").get("type") == "dashed"


def test_the_graphml_has_the_drawings_positions_and_routes():
    data = sample()
    drawing = map_drawing(data, TODAY)
    root = ElementTree.fromstring(map_document(data, ".graphml", title="t", today=TODAY))
    for card in drawing.cards:
        node = root.find(f".//{G}node[@id='p{card.person_id}']")
        geometry = node.find(f".//{Y}Geometry")
        assert (float(geometry.get("x")), float(geometry.get("y"))) == (card.x, card.y)
    line = next(line for line in drawing.influence if line.kind == "influences")
    edge = next(e for e in root.iter(f"{G}edge") if e.find(f"{G}data").text == "Influences")
    bends = [(float(p.get("x")), float(p.get("y"))) for p in edge.iter(f"{Y}Point")]
    assert bends == [(round(x, 1), round(y, 1)) for x, y in line.points[1:-1]]


def test_the_drawio_file_is_an_mx_graph_model_with_the_same_layout():
    data = sample()
    drawing = map_drawing(data, TODAY)
    root = ElementTree.fromstring(map_document(data, ".drawio", title="Acme <map>", today=TODAY))
    assert root.tag == "mxfile"
    model = root.find("diagram/mxGraphModel")
    cells = model.findall("root/mxCell")
    assert cells[0].get("id") == "0" and cells[1].get("parent") == "0"
    vertices = {c.get("id"): c for c in cells if c.get("vertex") == "1"}
    edges = [c for c in cells if c.get("edge") == "1"]
    assert len(vertices) == 4 and len(edges) == 3 + len(drawing.influence)
    for card in drawing.cards:
        cell = vertices[f"p{card.person_id}"]
        geometry = cell.find("mxGeometry")
        assert geometry.get("as") == "geometry"
        assert (float(geometry.get("x")), float(geometry.get("y"))) == (card.x, card.y)
        assert f"fillColor={card.fill}" in cell.get("style") and "html=0" in cell.get("style")
    assert vertices["p1"].get("value").split("\n")[0] == TRICKY
    # The stance reads without colour; nothing recent backs it, so it carries a "?" and the
    # card a dashed outline.
    assert "[C?] Champion? · DM? · H?" in vertices["p1"].get("value")
    assert "dashed=1" in vertices["p1"].get("style")
    for edge in edges:
        assert edge.get("source") in vertices and edge.get("target") in vertices
        assert edge.find("mxGeometry").get("relative") == "1"
    styles = [e.get("style") for e in edges]
    assert sum("endArrow=block" in s for s in styles) == 1  # the influence line's arrow head
    assert sum("startArrow=oval" in s for s in styles) == 1  # the rivalry's end dots
    assert all("dashPattern=" in s for s in styles if "dashed=1" in s)


@pytest.mark.parametrize("suffix", [".graphml", ".drawio"])
def test_export_map_writes_a_diagram_and_refuses_an_unknown_format(
    suffix, tmp_path: Path, demo_db: Path
):
    out = tmp_path / f"map{suffix}"
    command = [sys.executable, "-m", "keyplan", "--db", str(demo_db), "export-map"]
    done = subprocess.run(
        [*command, "--account", "Aldermark Group", "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    ElementTree.parse(out)  # a whole, well-formed file
    bad = subprocess.run(
        [*command, "--account", "Aldermark Group", "--out", str(tmp_path / "map.vsdx")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert bad.returncode == 1 and ".graphml (yEd) or .drawio" in bad.stderr
    assert "Traceback" not in bad.stderr and not (tmp_path / "map.vsdx").exists()


def test_export_map_never_writes_over_the_database(demo_db: Path):
    command = [sys.executable, "-m", "keyplan", "--db", str(demo_db), "export-map"]
    before = demo_db.read_bytes()
    target = demo_db.with_suffix(".drawio")
    demo_db.rename(target)
    try:
        command[4] = str(target)
        done = subprocess.run(
            [*command, "--account", "Aldermark Group", "--out", str(target)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert target.read_bytes() == before
    finally:
        target.rename(demo_db)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from keyplan.store.database import open_database
    from keyplan.store.demo import create_demo_portfolio

    path = tmp_path_factory.mktemp("demo") / "demo.keyplan"
    db = open_database(path)
    create_demo_portfolio(db)
    db.close()
    return path
