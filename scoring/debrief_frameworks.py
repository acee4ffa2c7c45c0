"""The frameworks a principle cites, named for a reader of the debrief's language: the acronyms
spelt out (LAST, HEARD, BLAST), ISO 10002 clause names and the justice dimensions translated.

The one table of these names: the catalogue (scoring/principles.yaml) writes each framework once,
in English, as its key; what a reader sees is looked up here.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

# acronym → (the English words its letters stand for, the same in French)
ACRONYMS: dict[str, tuple[str, str]] = {
    "LAST": ("Listen, Apologise, Solve, Thank",
             "écouter, s’excuser, résoudre, remercier"),
    "HEARD": ("Hear, Empathise, Apologise, Resolve, Diagnose",
              "entendre, faire preuve d’empathie, s’excuser, résoudre, diagnostiquer"),
    "BLAST": ("Believe, Listen, Apologise, Satisfy, Thank",
              "croire le client, écouter, s’excuser, satisfaire, remercier"),
}

# ISO 10002:2018 clause names (its guiding principles, clause 4), English → French
ISO_CLAUSES: dict[str, str] = {
    "commitment": "engagement",
    "capability": "capacité",
    "transparency": "transparence",
    "accessibility": "accessibilité",
    "responsiveness": "réactivité",
    "objectivity": "objectivité",
    "charges": "frais",
    "information integrity": "intégrité de l’information",
    "confidentiality": "confidentialité",
    "customer-focused approach": "approche centrée sur le client",
    "accountability": "responsabilité",
    "improvement": "amélioration",
    "competence": "compétence",
    "timeliness": "rapidité",
}

# the justice dimensions of complaint handling (Tax, Brown & Chandrashekaran 1998)
JUSTICE: dict[str, tuple[str, str, str]] = {  # English name → (English gloss, French name, French gloss)
    "Distributive justice": ("a fair outcome", "Justice distributive", "un résultat équitable"),
    "Procedural justice": ("a fair process", "Justice procédurale", "une procédure équitable"),
    "Interactional justice": ("fair treatment", "Justice interactionnelle", "un traitement équitable"),
}

OTHERS: dict[str, str] = {  # other names, English → French
    "ACPR 2022-R-01 (French banks and insurers)":
        "Recommandation ACPR 2022-R-01 (banques et assurances)",
}

_ISO = re.compile(r"^ISO 10002:2018 (\d+(?:\.\d+)*) (.+)$")
_JUSTICE = re.compile(r"^(\w+ justice) \((.+)\)$")


def framework_name(name: str, lang: str) -> str:
    """`name` (as the catalogue writes it) for a reader of `lang`; unknown names as they are."""
    fr = lang == "fr"
    if name in ACRONYMS:
        en_words, fr_words = ACRONYMS[name]
        return f"{name} ({en_words}{NBSP}: {fr_words})" if fr else f"{name} ({en_words})"
    if m := _ISO.match(name):
        clause, what = m.groups()
        if fr:
            return f"ISO 10002:2018, article {clause} ({ISO_CLAUSES.get(what, what)})"
        return f"ISO 10002:2018, clause {clause} ({what})"
    if (m := _JUSTICE.match(name)) and m.group(1) in JUSTICE:
        gloss, fr_name, fr_gloss = JUSTICE[m.group(1)]
        cited = m.group(2).replace(" & ", " et ") if fr else m.group(2)
        return f"{fr_name}, {fr_gloss} ({cited})" if fr else f"{m.group(1)}, {gloss} ({cited})"
    if fr and name in OTHERS:
        return OTHERS[name]
    return name
