"""Generated scenarios for benchmarks: realistic shape (bilingual text, meters, guards,
principles, feedback), any size. Deterministic for a given seed."""

from __future__ import annotations

import random

PRINCIPLES = ["listen", "empathize", "apologize", "own-it", "no-blame", "courtesy", "respond-fast",
              "follow-up", "offer-options", "spare-effort", "no-charge", "fair-remedy", "be-human"]
SENTENCE = ("Le client explique calmement ce qui s'est passé et attend une réponse claire de votre part.",
            "The customer calmly explains what happened and expects a clear answer from you.")


def scenario_yaml(sid: str, n_nodes: int, seed: int = 0, branching: int = 3, acyclic: bool = True) -> str:
    rnd = random.Random(seed)
    out = ["format: litige/1", f"id: {sid}", "lang: fr", "title:", f"  fr: Scénario {sid}", f"  en: Scenario {sid}",
           "summary: {fr: Un litige généré., en: A generated dispute.}", "source: {title: Générateur, author: Banc}",
           "difficulty: 2", "pass_score: 50", "meters:", "  trust: {start: 40, label: {fr: Confiance, en: Trust}}",
           "  patience: {start: 60, label: {fr: Patience, en: Patience}}", "start: n0", "nodes:"]
    endings = ["won", "kept", "lost"]
    for i in range(n_nodes):
        out += [f"  n{i}:", "    speaker: customer", "    text:", f"      fr: \"{SENTENCE[0]} ({i})\"",
                f"      en: \"{SENTENCE[1]} ({i})\"", "    choices:"]
        for b in range(branching):
            if i + 1 >= n_nodes:
                nxt = f"end-{endings[b % 3]}"
            elif acyclic or b < branching - 1 or i == 0:
                nxt = f"n{min(n_nodes - 1, i + 1 + rnd.randrange(2))}"
            else:
                nxt = f"n{i - 1}"
            p = rnd.choice(PRINCIPLES)
            kind = "applies" if b != 1 else "violates"
            out += [f"      - text: {{fr: \"Réponse {b + 1} au nœud {i}\", en: \"Answer {b + 1} at node {i}\"}}",
                    f"        {kind}: [{p}]",
                    f"        effects: {{trust: {rnd.randint(-20, 20)}, patience: {rnd.randint(-10, 10)}}}",
                    "        feedback: {fr: \"Pourquoi ce choix compte.\", en: \"Why this choice matters.\"}",
                    f"        next: {nxt}"]
            if b == 2 and i % 5 == 0:
                out.append("        when: \"trust >= 10 or patience > 80\"")
    for e in endings:
        out += [f"  end-{e}:", "    text: {fr: Fin., en: The end.}",
                f"    ending: {{outcome: {e}, title: {{fr: Fin {e}, en: End {e}}}}}"]
    return "\n".join(out) + "\n"


SPEAKERS = ("customer", "colleague", "customer", "manager")
LINES = (("Le client pose son ticket sur le comptoir et attend.",
          "The customer puts the receipt on the counter and waits."),
         ("Il explique que le produit ne correspond pas à la commande et qu'il est déjà venu deux fois cette semaine.",
          "He explains that the product does not match the order and that he has already come twice this week."),
         ("Elle rappelle la promesse faite au téléphone, cite le nom du conseiller, la date et l'heure, et demande "
          "ce que vous comptez faire maintenant, concrètement, avant la fin de la journée.",
          "She recalls the promise made on the phone, quotes the adviser's name, the date and the time, and asks "
          "what you are going to do now, concretely, before the end of the day."))


def chain_nodes(n_nodes: int) -> list[tuple[str, tuple[str, str], list[tuple[str, str]]]]:
    """A cycle of distinct nodes, as (speaker, (fr, en) line, [(fr, en) choice texts]): every node
    has its own line (of one to three lines' length) and its own two to four choices, so that each
    step of a play through it redraws the current line and the whole choice list."""
    out = []
    for i in range(n_nodes):
        fr, en = LINES[i % len(LINES)]
        choices = [(f"Réponse {b + 1} au nœud {i} : je m'en occupe tout de suite.",
                    f"Answer {b + 1} at node {i}: I am taking care of it right away.") for b in range(2 + i % 3)]
        out.append((SPEAKERS[i % len(SPEAKERS)], (f"{fr} (nœud {i})", f"{en} (node {i})"), choices))
    return out


def chain_yaml(sid: str, n_nodes: int) -> str:
    """chain_nodes as a scenario: answer 1 moves to the next node (the last back to the first) and
    moves the meters; the other answers end the play."""
    out = ["format: litige/1", f"id: {sid}", "title: {fr: Chaîne, en: Chain}", "meters:",
           "  trust: {start: 40, label: {fr: Confiance, en: Trust}}",
           "  patience: {start: 60, label: {fr: Patience, en: Patience}}", "start: n0", "nodes:"]
    for i, (who, (fr, en), choices) in enumerate(chain_nodes(n_nodes)):
        out += [f"  n{i}:", f"    speaker: {who}", f"    text: {{fr: \"{fr}\", en: \"{en}\"}}", "    choices:"]
        for b, (cfr, cen) in enumerate(choices):
            step = 5 if i % 2 else -5
            out += [f"      - text: {{fr: \"{cfr}\", en: \"{cen}\"}}",
                    f"        {'applies' if b == 0 else 'violates'}: [{PRINCIPLES[(i + b) % len(PRINCIPLES)]}]",
                    f"        effects: {{trust: {step}, patience: {-step}}}",
                    "        feedback: {fr: \"Pourquoi ce choix compte.\", en: \"Why this choice matters.\"}",
                    f"        next: {f'n{(i + 1) % n_nodes}' if b == 0 else 'end'}"]
    out += ["  end:", "    text: {fr: Fin., en: The end.}", "    ending: {outcome: lost, title: {fr: Fin, en: End}}"]
    return "\n".join(out) + "\n"


# -- files full of errors (issue 17): `litige check` must stay linear in the number of problems --

def _letters(i: int, width: int = 4) -> str:
    """`i` written in the letters a-z, `width` of them (aaaa, aaab…): a key YAML reads as text."""
    out = ""
    for _ in range(width):
        i, r = divmod(i, 26)
        out = chr(97 + r) + out
    return out


def unknown_keys_yaml(n_keys: int, sid: str = "many-keys") -> str:
    """A valid two-node scenario whose top level also holds `n_keys` unknown keys without a
    value (`kaaaa:`, `kaaab:`…): one error each. 137,000 of them make a file just under 1 MiB."""
    out = ["format: litige/1", f"id: {sid}", "title: Many keys", "start: a", "nodes:", "  a:", "    text: Hi",
           "    choices:", "      - {text: Go, next: e}", "  e:", "    text: End", "    ending: {outcome: kept, title: End}"]
    out += [f"k{_letters(i)}:" for i in range(n_keys)]
    return "\n".join(out) + "\n"


def bad_next_yaml(n_nodes: int, sid: str = "bad-next") -> str:
    """`n_nodes` nodes whose one choice each names a node that does not exist (`next: m<i>`, the
    nodes being `n<i>`): one error, with its hint, per node."""
    out = ["format: litige/1", f"id: {sid}", "title: Bad next", "start: n0", "nodes:"]
    for i in range(n_nodes):
        out += [f"  n{i}:", "    text: Hi", "    choices:", f"      - {{text: Go, next: m{i}}}"]
    return "\n".join(out) + "\n"
