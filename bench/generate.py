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
    out = [f"format: litige/1", f"id: {sid}", "lang: fr", "title:", f"  fr: Scénario {sid}", f"  en: Scenario {sid}",
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
                    f"        feedback: {{fr: \"Pourquoi ce choix compte.\", en: \"Why this choice matters.\"}}",
                    f"        next: {nxt}"]
            if b == 2 and i % 5 == 0:
                out.append("        when: \"trust >= 10 or patience > 80\"")
    for e in endings:
        out += [f"  end-{e}:", "    text: {fr: Fin., en: The end.}",
                f"    ending: {{outcome: {e}, title: {{fr: Fin {e}, en: End {e}}}}}"]
    return "\n".join(out) + "\n"
