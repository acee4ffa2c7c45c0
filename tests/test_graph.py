"""`litige graph`: the Mermaid text of every shipped scenario has the structure Mermaid's
state-diagram grammar accepts, with endings and principles visible; the DOT text renders
with Graphviz's own `dot -Tsvg`."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import FIXTURES, needs, run_cli

import scenarios
from simulator.authoring.graph import build, dot, mermaid, mermaid_id
from simulator.format.loader import load

SHIPPED = scenarios.shipped()
IDS = [p.stem for p in SHIPPED]

# Mermaid stateDiagram-v2 lexical rules (packages/mermaid/src/diagrams/state/parser/stateDiagram.jison):
# an id is [^:\n\s\-\{]+ (a class statement's ids are \w+); a transition's text runs from ':'
# to the end of the line and may hold no ':' or ';'; a state's description is "…" without '"'.
STATE = re.compile(r'^state "(?P<label>[^"]*)" as (?P<id>\w+)$')
EDGE = re.compile(r"^(?P<src>\w+) --> (?P<dst>\w+): (?P<label>[^:;]+)$")
CLASS = re.compile(r"^Class (?P<id>\w+) (?P<cls>\w+)$", re.IGNORECASE)
CLASSES = re.compile(r"^class (?P<ids>\w+(?:,\w+)*) (?P<cls>\w+)$")
CLASSDEF = re.compile(r"^classDef (?P<cls>\w+) (?P<style>[^\n]+)$")
KEYWORDS = {"state", "note", "class", "classdef", "default", "direction", "scale", "end"}


def parse_mermaid(text: str) -> dict:
    """Check a Mermaid state diagram line by line; return its states, edges and classes."""
    lines = text.splitlines()
    assert lines[0] == "---" and lines[1].startswith("title: ") and lines[2] == "---", lines[:3]
    assert lines[3] == "stateDiagram-v2"
    states: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    node_class: dict[str, str] = {}
    defs: set[str] = set()
    start = None
    for raw in lines[4:]:
        line = raw.strip()
        if not line or line == "direction LR":
            continue
        if m := CLASSDEF.match(line):
            defs.add(m["cls"])
        elif m := STATE.match(line):
            assert m["id"].lower() not in KEYWORDS
            states[m["id"]] = m["label"]
        elif m := CLASS.match(line):
            node_class[m["id"]] = m["cls"]
        elif m := CLASSES.match(line):
            assert all(i in states for i in m["ids"].split(","))
        elif m := EDGE.match(line):
            edges.append((m["src"], m["dst"], m["label"]))
        elif line.startswith("[*] --> "):
            start = line[len("[*] --> "):]
        else:
            pytest.fail(f"line Mermaid would not read as intended: {raw!r}")
        assert not re.search(r"direction\s+(tb|bt|rl|lr)", line, re.I) or line == "direction LR"
    assert set(node_class.values()) <= defs
    return {"states": states, "edges": edges, "classes": node_class, "start": start}


@pytest.mark.parametrize("path", SHIPPED, ids=IDS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_mermaid_structure(path, lang):
    s = load(path)
    parsed = parse_mermaid(mermaid(build(s, lang)))
    assert set(parsed["states"]) == {mermaid_id(n) for n in s.nodes}
    assert parsed["start"] == mermaid_id(s.start)
    pairs = {(mermaid_id(n.id), mermaid_id(c.next)) for n in s.nodes.values() for c in n.choices}
    pairs |= {(mermaid_id(n.id), mermaid_id(n.on_timeout)) for n in s.nodes.values() if n.on_timeout}
    assert {(a, b) for a, b, _ in parsed["edges"]} == pairs
    end_word = "FIN" if lang == "fr" else "END"
    for n in s.nodes.values():
        mid = mermaid_id(n.id)
        if n.ending:  # label and colour class both say it is an ending, and which
            assert parsed["states"][mid].startswith(end_word) and parsed["classes"][mid] == f"s_{n.ending.outcome}"
        else:
            assert not parsed["states"][mid].startswith(end_word)
        for c in n.choices:  # every principle a choice applies or violates is on its arrow
            labels = " | ".join(l for a, b, l in parsed["edges"] if (a, b) == (mid, mermaid_id(c.next)))
            for p in c.applies:
                assert f"+{p}" in labels
            for p in c.violates:
                assert f"−{p}" in labels


def test_mermaid_survives_hostile_text():
    text = """format: litige/1
id: state
title: 'Titre: "avec" ; %% direction LR'
start: state
nodes:
  state:
    text: 'Il dit: "non"; puis %% direction TB {rien}'
    choices:
      - {text: x, next: default, when: "calm or not calm", set: [calm]}
  default:
    text: fin
    ending: {outcome: won, title: 'Fin: "ok"; direction RL'}
"""
    from simulator.format.loader import load_text
    parsed = parse_mermaid(mermaid(build(load_text(text, "t.yaml"), "fr")))
    assert set(parsed["states"]) == {"n_state", "n_default"}


DOT = shutil.which("dot")
needs_dot = needs(None if DOT else "Graphviz's `dot` is not installed (CI installs it: .ci/run)",
                  "LITIGE_REQUIRE_DOT")


@needs_dot
@pytest.mark.parametrize("path", SHIPPED, ids=IDS)
def test_dot_renders_with_graphviz(path):
    assert DOT, "LITIGE_REQUIRE_DOT is set but `dot` is missing"
    s = load(path)
    text = dot(build(s, "fr"))
    proc = subprocess.run([DOT, "-Tsvg"], input=text, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    svg = proc.stdout
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert svg.count('class="node"') == len(s.nodes) + 1  # + the start point
    n_edges = sum(len(n.choices) + (1 if n.on_timeout else 0) for n in s.nodes.values()) + 1
    assert svg.count('class="edge"') == n_edges


def test_dot_structure_endings_and_principles():
    s = load(FIXTURES / "small-sweater.yaml")
    text = dot(build(s, "en"))
    assert text.startswith('digraph "shrunken-sweater" {') and text.rstrip().endswith("}")
    assert re.search(r'"fin-fidele" \[label="END · won · fin-fidele[^"]*", shape=doubleoctagon, fillcolor="#c8e6c9"', text)
    assert re.search(r'"accueil" -> "escalade" \[label="1 −no-blame −courtesy", color="#c62828"', text)
    assert re.search(r'"accueil" -> "etiquette" \[label="2 \+empathize \+listen", color="#2e7d32"', text)


def test_timeout_edges_are_dashed_and_labelled():
    s = load(FIXTURES / "loop-timer.yaml")
    text = dot(build(s, "en"))
    assert re.search(r'label="time out \(\d+ s\)"[^\]]*style=dashed', text)


def test_cli_graph_path_out_and_format(tmp_path):
    out = tmp_path / "map.md"
    proc = run_cli("graph", str(FIXTURES / "small-sweater.yaml"), "--choices", "2,1", "--out", str(out), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("```mermaid\n---\n") and text.endswith("```\n")
    assert "class n_accueil,n_etiquette,n_fin_fidele s_visited" in text
    assert "n_accueil --> n_etiquette: ▶ 2 +empathize +listen" in text
    gv = tmp_path / "map.gv"
    assert run_cli("graph", str(FIXTURES / "small-sweater.yaml"), "--out", str(gv)).returncode == 0
    assert gv.read_text(encoding="utf-8").startswith("digraph ")
    proc = run_cli("graph", str(FIXTURES / "small-sweater.yaml"), "--format", "dot")
    assert proc.returncode == 0 and proc.stdout.startswith("digraph ")
    proc = run_cli("graph", str(FIXTURES / "small-sweater.yaml"), "--out", str(tmp_path / "no" / "such" / "dir.dot"))
    assert proc.returncode == 2 and proc.stderr.startswith("litige: error: cannot write") and "Traceback" not in proc.stderr


@pytest.mark.parametrize("path", SHIPPED, ids=IDS)
def test_reading_order_lists_every_node_once_from_the_start(path):
    from simulator.authoring.graph import reading_order

    scenario = load(path)
    order = reading_order(build(scenario, "en"))
    ids = [node.id for node, _ in order]
    assert ids[0] == scenario.start and sorted(ids) == sorted(scenario.nodes)
    for node, edges in order:               # each node with exactly its own moves, in their order
        own = scenario.nodes[node.id]
        assert [e.dest for e in edges] == [c.next for c in own.choices] + ([own.on_timeout] if own.on_timeout else [])
    position = {nid: i for i, nid in enumerate(ids)}
    for node, _edges in order[1:]:          # breadth first: each node comes after one that leads to it
        if any(node.id == e.dest for _, es in order for e in es):
            assert any(position[src.id] < position[node.id] for src, es in order for e in es if e.dest == node.id)


def test_cli_graph_out_suffix_says_the_format(tmp_path):
    sweater = str(FIXTURES / "small-sweater.yaml")
    for name, start in (("map.mmd", "---\n"), ("map.dot", "digraph "), ("map.md", "```mermaid\n")):
        assert run_cli("graph", sweater, "--out", str(tmp_path / name)).returncode == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name
    # a suffix and a --format that disagree: one clear line, nothing written
    proc = run_cli("graph", sweater, "--format", "mermaid", "--out", str(tmp_path / "x.dot"))
    assert proc.returncode == 2 and "a .dot file is dot, not mermaid" in proc.stderr
    proc = run_cli("graph", sweater, "--format", "mermaid", "--out", str(tmp_path / "x.svg"))
    assert proc.returncode == 2 and "not Mermaid" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.dot").exists() and not (tmp_path / "x.svg").exists()


def test_cli_graph_svg_without_graphviz_refuses_clearly(tmp_path):
    out = tmp_path / "map.svg"
    proc = run_cli("graph", str(FIXTURES / "small-sweater.yaml"), "--out", str(out), env={"PATH": str(tmp_path)})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == (f"litige: error: cannot draw {out}: it needs Graphviz's `dot` program, which is "
                                   "not installed; write a .dot file and draw it elsewhere, or use a .md file (Mermaid)")
    assert not out.exists()


@needs_dot
@pytest.mark.parametrize("suffix, magic", [(".svg", b"<?xml"), (".png", b"\x89PNG")])
def test_cli_graph_svg_and_png_are_drawn_by_graphviz(tmp_path, suffix, magic):
    out = tmp_path / f"map{suffix}"
    proc = run_cli("graph", str(FIXTURES / "small-sweater.yaml"), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data.startswith(magic)
    if suffix == ".svg":
        assert data.decode("utf-8").count('class="node"') == len(load(FIXTURES / "small-sweater.yaml").nodes) + 1
