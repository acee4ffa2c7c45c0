"""A scenario as a map: nodes, choices, endings and the principles each choice applies or violates.

`build(scenario, lang, path=...)` gives a plain graph (nodes and edges with their meaning);
`mermaid(graph)` renders it through `transitions`' own diagram support — a `GraphMachine` with
the mermaid engine, built from the scenario as the engine builds its machine (nodes are states,
choices are transitions) — and `dot(graph)` writes Graphviz DOT text directly: transitions'
DOT engines need the `graphviz` or `pygraphviz` Python packages (the latter a C build against
libgraphviz), which the game does not otherwise need, for what is a few lines of text.

Meaning is never carried by colour alone: endings say "END · won" in their label (and have
their own shape in DOT), choices list the principles they apply (+) and violate (−).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from simulator.format.model import Node, Scenario
from simulator.lang.i18n import t
from simulator.lang.typography import NNBSP, one_line

OUTCOME_COLOURS = {  # fill, border
    "won": ("#c8e6c9", "#2e7d32"),
    "kept": ("#fff3c4", "#b7791f"),
    "lost": ("#ffcdd2", "#c62828"),
}
EDGE_COLOURS = {"good": "#2e7d32", "bad": "#c62828", "mixed": "#b7791f", "neutral": "#616161", "timeout": "#616161"}
LABEL_WIDTH = 48  # characters of a node's text shown in its label


@dataclass(frozen=True)
class GraphNode:
    id: str
    label: str
    kind: str  # "node" | "ending"
    outcome: str | None = None
    start: bool = False
    visited: bool = False


@dataclass(frozen=True)
class GraphEdge:
    source: str
    dest: str
    label: str
    kind: str  # good | bad | mixed | neutral | timeout
    applies: tuple[str, ...] = ()
    violates: tuple[str, ...] = ()
    taken: bool = False


@dataclass(frozen=True)
class Graph:
    id: str
    title: str
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    line = one_line(text)  # no-break spaces kept: the text's typography
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _node_label(node: Node, lang: str) -> str:
    if node.ending is not None:
        return (f"{t('graph.end', lang)} · {t('outcome.' + node.ending.outcome, lang)} · {node.id} · "
                f"{_short(node.ending.title.get(lang), 32)}")
    return f"{node.id} · {_short(node.text.get(lang))}"


def _guard_text(source: str) -> str:
    return " ".join(source.replace(">=", "≥").replace("<=", "≤").replace("!=", "≠").split())


def build(scenario: Scenario, lang: str = "fr", *, path: Iterable[tuple[str, str | None]] = ()) -> Graph:
    """The scenario's map. `path` is a play as (node id, choice id or None for a timeout) steps:
    its nodes and moves are marked (visited, taken)."""
    steps = list(path)
    visited = {nid for nid, _ in steps}
    if steps:
        last_node, last_choice = steps[-1]
        node = scenario.nodes[last_node]
        nxt = node.on_timeout if last_choice is None else next(
            (c.next for c in node.choices if c.id == last_choice), None)
        if nxt:
            visited.add(nxt)
    taken = {(nid, cid) for nid, cid in steps}
    nodes = tuple(GraphNode(n.id, _node_label(n, lang), "ending" if n.is_ending else "node",
                            n.ending.outcome if n.ending else None, n.id == scenario.start, n.id in visited)
                  for n in scenario.nodes.values())
    edges: list[GraphEdge] = []
    for n in scenario.nodes.values():
        for pos, c in enumerate(n.choices, 1):
            marks = [f"+{p}" for p in c.applies] + [f"−{p}" for p in c.violates]
            label = " ".join([str(pos), *marks] + ([f"[{_guard_text(c.when_source)}]"] if c.when_source else []))
            kind = ("mixed" if c.applies and c.violates else "good" if c.applies
                    else "bad" if c.violates else "neutral")
            edges.append(GraphEdge(n.id, c.next, label, kind, c.applies, c.violates, (n.id, c.id) in taken))
        if n.on_timeout:
            seconds = f"{n.time_limit}{NNBSP if lang == 'fr' else ' '}s"  # a number and its unit kept together
            edges.append(GraphEdge(n.id, n.on_timeout, f"{t('graph.timeout', lang)} ({seconds})", "timeout",
                                   taken=(n.id, None) in taken))
    return Graph(scenario.id, scenario.title.get(lang), nodes, tuple(edges))


def reading_order(graph: Graph) -> list[tuple[GraphNode, list[GraphEdge]]]:
    """The map as text reads it: each node with its outgoing moves, from the start outwards
    (breadth first, choices in their order), then the nodes no move leads to."""
    by_id = {n.id: n for n in graph.nodes}
    out_edges: dict[str, list[GraphEdge]] = {n.id: [] for n in graph.nodes}
    for e in graph.edges:
        out_edges[e.source].append(e)
    start = next(n.id for n in graph.nodes if n.start)
    order, seen = [start], {start}
    for nid in order:  # grows while it is read: a breadth-first walk
        for e in out_edges[nid]:
            if e.dest in by_id and e.dest not in seen:
                seen.add(e.dest)
                order.append(e.dest)
    order += [n.id for n in graph.nodes if n.id not in seen]
    return [(by_id[nid], out_edges[nid]) for nid in order]


# -- Mermaid, through transitions -----------------------------------------------------------------

def mermaid_id(node_id: str) -> str:
    """Mermaid state ids cannot hold '-' and some words are keywords (state, note, class,
    default…): 'n_' plus the slug with '_' for '-' (slugs have no '_', so ids stay distinct)."""
    return "n_" + node_id.replace("-", "_")


_NO_BREAK_COMMA = re.compile(r"[\u00a0\u202f];")
_DIRECTION = re.compile(r"(direction)(\s+)(tb|bt|rl|lr)", re.IGNORECASE)


def _mermaid_text(text: str) -> str:
    """Mermaid labels end at ':', ';', a newline, state labels at '"'; '%%' starts a comment and
    any line holding 'direction LR' (or TB, BT, RL) is read as a direction: keep them out."""
    text = _NO_BREAK_COMMA.sub(",", text)  # a French `\u202f;` becomes `,`, not `\u202f,`
    text = text.replace('"', "'").replace(":", "·").replace(";", ",").replace("%%", "%")
    return _DIRECTION.sub(r"\1-\3", one_line(text))


def mermaid(graph: Graph) -> str:
    from transitions import State
    from transitions.extensions import GraphMachine

    class _LabelledState(State):
        def __init__(self, *args: Any, label: str | None = None, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.label = label or self.name

    styles = copy.deepcopy(GraphMachine.style_attributes)  # never touch the library's own dict
    node_styles = styles["node"]
    assert isinstance(node_styles, dict)
    node_styles["node"] = {"fillcolor": "#ffffff", "color": "#000000", "stroke": "#424242"}
    node_styles["start"] = {"fillcolor": "#e3f2fd", "color": "#000000", "stroke": "#1565c0", "stroke-width": "3px"}
    for outcome, (fill, border) in OUTCOME_COLOURS.items():
        node_styles[outcome] = {"fillcolor": fill, "color": "#000000", "stroke": border, "stroke-width": "3px"}
    node_styles["visited"] = {"stroke-width": "5px", "stroke-dasharray": "4"}

    class _Machine(GraphMachine):
        state_cls = _LabelledState
        style_attributes = styles

    class _Model:
        pass

    states = [{"name": mermaid_id(n.id),
               "label": _mermaid_text(("▶ " if n.visited else "") + n.label) or n.id} for n in graph.nodes]
    transitions = [{"trigger": f"c{i}", "source": mermaid_id(e.source), "dest": mermaid_id(e.dest),
                    "label": _mermaid_text(("▶ " if e.taken else "") + e.label)} for i, e in enumerate(graph.edges)]
    start = next(n.id for n in graph.nodes if n.start)
    model = _Model()
    machine = _Machine(model=model, states=states, transitions=transitions, initial=mermaid_id(start),
                       auto_transitions=False, graph_engine="mermaid", title=graph.title)
    drawing = machine.model_graphs[id(model)]
    drawing.reset_styling()
    for n in graph.nodes:
        drawing.set_node_style(mermaid_id(n.id), n.outcome or ("start" if n.start else "node"))
    drawn = machine.models[0].get_graph().draw(None)  # the model's graph (get_graph is bound by the machine)
    assert drawn is not None  # no file given: the text itself
    lines = drawn.splitlines()
    # transitions writes the title as a bare front-matter line; Mermaid reads `title: …`
    if len(lines) > 2 and lines[0] == "---" and lines[2] == "---":
        lines[1] = f"title: {json.dumps(_mermaid_text(graph.title), ensure_ascii=False)}"
    visited = [mermaid_id(n.id) for n in graph.nodes if n.visited]
    if visited:
        lines.append(f"  class {','.join(visited)} s_visited")
    return "\n".join(lines) + "\n"


# -- DOT ---------------------------------------------------------------------------------------

def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot(graph: Graph) -> str:
    out = [f"digraph {_q(graph.id)} {{",
           f"  graph [rankdir=LR, label={_q(graph.title)}, labelloc=t, fontname=Helvetica];",
           '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#424242", fontname=Helvetica];',
           "  edge [fontname=Helvetica, fontsize=10];",
           '  "__start__" [shape=point, width=0.15, label=""];']
    for n in graph.nodes:
        attrs = [f"label={_q(('▶ ' if n.visited else '') + n.label)}"]
        if n.outcome:
            fill, border = OUTCOME_COLOURS[n.outcome]
            attrs += ["shape=doubleoctagon", f'fillcolor="{fill}"', f'color="{border}"']
        elif n.start:
            attrs += ['fillcolor="#e3f2fd"', 'color="#1565c0"']
        if n.visited:
            attrs.append("penwidth=3")
        out.append(f"  {_q(n.id)} [{', '.join(attrs)}];")
    start = next(n.id for n in graph.nodes if n.start)
    out.append(f'  "__start__" -> {_q(start)};')
    for e in graph.edges:
        colour = EDGE_COLOURS[e.kind]
        attrs = [f"label={_q(('▶ ' if e.taken else '') + e.label)}", f'color="{colour}"', f'fontcolor="{colour}"']
        if e.kind == "timeout":
            attrs.append("style=dashed")
        if e.taken:
            attrs.append("penwidth=3")
        out.append(f"  {_q(e.source)} -> {_q(e.dest)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"
