"""`litige check`'s own words: lint warnings (authoring.checker), states in words
(analysis.reach), the summary (authoring.summary), the closing count (cli.main). Part of check's table."""

WORDS: dict[str, dict[str, str]] = {
    # ---- simulator/authoring/checker.py: lint warnings
    "lint.ending_unreached": {"en": "ending {node} is never reached: no play ends there, no choice or timeout leads to it",
                              "fr": "la fin {node} n'est jamais atteinte : aucune partie ne s'y termine, aucun choix "
                                    "ni délai écoulé n'y mène"},
    "lint.node_unreached": {"en": "node {node} is never reached: no choice or timeout leads to it",
                            "fr": "le nœud {node} n'est jamais atteint : aucun choix ni délai écoulé n'y mène"},
    "lint.no_ending_from": {"en": "no ending can be reached from node {node}: a play would be stuck",
                            "fr": "aucune fin n'est accessible depuis le nœud {node} : une partie y resterait bloquée"},
    "lint.won_below_pass": {
        "en": "ending {node} is won, but a play reaches it scoring {score}, below pass_score {pass_score} (litige play "
              "{play}): make the way to it ask for the choices the principles reward (a guard on a meter or flag that "
              "good choices move), or make the ending `kept`",
        "fr": "la fin {node} est gagnée (won), mais une partie l'atteint avec un score de {score}, sous pass_score "
              "{pass_score} (litige play {play}) : faites que le chemin qui y mène demande les choix que les principes "
              "récompensent (une condition sur une jauge ou un drapeau que les bons choix font bouger), ou faites de "
              "cette fin une fin `kept`"},
    "lint.won_unscored": {
        "en": "ending {node} is won, but a play reaches it without any judged decision (no score): give the choices "
              "on the way to it different values",
        "fr": "la fin {node} est gagnée (won), mais une partie l'atteint sans aucune décision jugée (pas de score) : "
              "donnez des valeurs différentes aux choix qui y mènent"},
    "lint.lost_above_pass": {
        "en": "ending {node} is lost, but a play reaches it scoring {score}, at or above pass_score {pass_score} "
              "(litige play {play}): a trainee who chose well should not lose the customer; route good plays "
              "elsewhere, or name the principle the losing choice breaks",
        "fr": "la fin {node} est perdue (lost), mais une partie l'atteint avec un score de {score}, égal ou supérieur "
              "à pass_score {pass_score} (litige play {play}) : qui a bien choisi ne devrait pas perdre le client ; "
              "menez les bonnes parties ailleurs, ou nommez le principe que le choix perdant enfreint"},
    "lint.no_score": {
        "en": "no play can score: no decision of any play is judged, since the choices offered at each node are all "
              "worth the same; give some choices principles they apply or violate",
        "fr": "aucune partie ne peut être notée : aucune décision n'est jugée, car les choix proposés à chaque nœud "
              "valent tous la même chose ; donnez à certains choix des principes qu'ils appliquent ou enfreignent"},
    "lint.all_lost": {"en": "every play that can be found ends 'lost': no play can pass",
                      "fr": "toutes les parties trouvées se terminent en « lost » : aucune partie ne peut réussir"},
    "lint.best_below_pass": {
        "en": "the best play that does not end 'lost' scores {score}, below pass_score {pass_score}: no play can pass",
        "fr": "la meilleure partie qui ne finit pas en « lost » obtient {score}, sous pass_score {pass_score} : "
              "aucune partie ne peut réussir"},
    "lint.no_decision": {"en": "(no decision)", "fr": "(aucune décision)"},
    "lint.no_good_choice": {
        "en": "at node {node} every choice offered violates a principle when {state} (reached by litige play "
              "--choices {picks}{variant}, then stopping there): the trainee is forced into a fault; offer a choice "
              "that breaks nothing",
        "fr": "au nœud {node}, chaque choix proposé enfreint un principe quand {state} (atteint par litige play "
              "--choices {picks}{variant}, en s'arrêtant là) : l'apprenant·e est forcé·e à la faute ; proposez un "
              "choix qui n'enfreint rien"},
    "lint.length_cue": {
        "en": "the longest answer is a best one in {hits} of the {graded} nodes whose choices differ in value (text "
              "in {lang}): a trainee can win by picking the longest text; make some good answers short and some weak "
              "ones long",
        "fr": "la réponse la plus longue est une des meilleures dans {hits} des {graded} nœuds dont les choix n'ont "
              "pas tous la même valeur (texte en {lang}) : on peut gagner en prenant toujours le texte le plus long ; "
              "raccourcissez de bonnes réponses et allongez-en de faibles"},
    "lint.position_cue": {
        "en": "choice {n} (as written) is a best answer in {hits} of the {graded} nodes whose choices differ in value: "
              "a trainee can win by always picking it; move the best answers around",
        "fr": "le choix {n} (dans l'ordre écrit) est une des meilleures réponses dans {hits} des {graded} nœuds dont "
              "les choix n'ont pas tous la même valeur : on peut gagner en le prenant toujours ; changez les "
              "meilleures réponses de place"},
    "lint.ending_cut_by_guards": {
        "en": "ending {node} is never reached: no play ends there, the guards of the choices leading to it never hold",
        "fr": "la fin {node} n'est jamais atteinte : aucune partie ne s'y termine, les conditions des choix qui y "
              "mènent ne sont jamais remplies"},
    "lint.node_cut_by_guards": {
        "en": "node {node} is never reached: the guards of the choices leading to it never hold",
        "fr": "le nœud {node} n'est jamais atteint : les conditions des choix qui y mènent ne sont jamais remplies"},
    "lint.guard_never": {
        "en": "the guard of choice {choice} of node {node} never holds in any play, so it is never offered: {guard}{why}",
        "fr": "la condition du choix {choice} du nœud {node} n'est remplie dans aucune partie, il n'est donc jamais "
              "proposé : {guard}{why}"},
    "lint.guard_always": {
        "en": "the guard of choice {choice} of node {node} holds in every play, so it changes nothing: {guard}{why}",
        "fr": "la condition du choix {choice} du nœud {node} est remplie dans toutes les parties, elle ne change donc "
              "rien : {guard}{why}"},
    "lint.why": {"en": " ({why})", "fr": " ({why})"},
    "lint.stuck": {
        "en": "a play can be stuck at node {node}: no choice is offered there with {state} (add a choice without a "
              "guard, or a time limit)",
        "fr": "une partie peut rester bloquée au nœud {node} : aucun choix n'y est proposé avec {state} (ajoutez un "
              "choix sans condition, ou un temps limite)"},
    "lint.loop": {
        "en": "plays can loop for ever with no ending reachable through {count|node|nodes} {nodes}: the guards never "
              "let them out",
        "fr": "des parties peuvent tourner sans fin, sans fin de scénario accessible, par {count|le nœud|les nœuds} "
              "{nodes} : les conditions ne les laissent jamais sortir"},
    "lint.principle_once": {
        "en": "principle {principle} is offered at one node only ({node}), in a long scenario (every play makes at "
              "least {shortest} decisions): one answer decides its verdict; offer it at another node too",
        "fr": "le principe {principle} n'est proposé qu'à un seul nœud ({node}), dans un long scénario (chaque "
              "partie compte au moins {shortest} décisions) : une seule réponse décide de son verdict ; proposez-le "
              "aussi à un autre nœud"},
    "check.duplicate_id": {"en": "scenario id {id} is already used by {first}",
                           "fr": "l'identifiant de scénario {id} est déjà utilisé par {first}"},
    # ---- simulator/authoring/summary.py: the summary check prints after each valid file
    "sum.heading": {"en": "{file}: summary of {id}", "fr": "{file} : résumé de {id}"},
    "sum.some_states": {"en": "some {n}", "fr": "quelque {n}"},
    "sum.more_states": {"en": "more than 10^{power}", "fr": "plus de 10^{power}"},
    "sum.too_many": {"en": "scores not proven: the meters and flags allow {states} play states, too many to search "
                           "(the warnings that need it are not given); move meters by fewer different amounts, or "
                           "read fewer of them in guards",
                     "fr": "scores non prouvés : les jauges et les drapeaux permettent {states} états de partie, trop "
                           "pour les parcourir (les avertissements qui en ont besoin ne sont pas donnés) ; faites "
                           "bouger les jauges de moins de valeurs différentes, ou lisez-en moins dans les conditions"},
    "sum.budget": {"en": "scores not proven: the search of play states stopped at its budget (the warnings that need "
                         "it are not given)",
                   "fr": "scores non prouvés : la recherche des états de partie s'est arrêtée à sa limite (les "
                         "avertissements qui en ont besoin ne sont pas donnés)"},
    "sum.no_score": {"en": "no play has a judged decision: no score",
                     "fr": "aucune partie n'a de décision jugée : pas de score"},
    "sum.best_not_lost": {"en": "best not lost {score}", "fr": "meilleur score hors « lost » {score}"},
    "sum.all_lost": {"en": "no play avoids 'lost'", "fr": "aucune partie n'évite « lost »"},
    "sum.scores": {"en": "scores {worst} to {best}, {not_lost}", "fr": "scores de {worst} à {best}, {not_lost}"},
    "sum.no_limit": {"en": "no limit (a loop can go on)", "fr": "sans limite (une boucle peut durer)"},
    "sum.unknown": {"en": "unknown", "fr": "inconnue"},
    "sum.decisions": {"en": "{n} {n|decision|decisions}", "fr": "{n} {n|décision|décisions}"},
    "sum.plays": {"en": "shortest {shortest}, longest {longest}{incomplete}",
                  "fr": "la plus courte {shortest}, la plus longue {longest}{incomplete}"},
    "sum.incomplete": {"en": " (search incomplete: the shortest ignores guards)",
                       "fr": " (recherche incomplète : la plus courte ne tient pas compte des conditions)"},
    "sum.nodes": {"en": "  nodes {nodes} ({choice_nodes} with choices), endings {ends}",
                  "fr": "  nœuds {nodes} ({choice_nodes} avec des choix), fins {ends}"},
    "sum.none": {"en": "none", "fr": "aucune"},
    "sum.per_ending": {"en": "  score range per ending (lowest – highest, with a play of each):",
                       "fr": "  scores par fin (le plus bas – le plus haut, avec une partie pour chacun) :"},
    "sum.range_line": {"en": "    {ending} ({outcome}): {range}", "fr": "    {ending} ({outcome}) : {range}"},
    "sum.variant": {"en": "  variant {id}:", "fr": "  variante {id} :"},
    "sum.best_play": {"en": "  best play: --choices {play}", "fr": "  meilleure partie : --choices {play}"},
    "sum.plays_line": {"en": "  plays {plays}", "fr": "  parties : {plays}"},
    "sum.applied": {"en": "  principles applied {n}: {ids}", "fr": "  principes appliqués {n} : {ids}"},
    "sum.violated": {"en": "  principles violated {n}: {ids}", "fr": "  principes enfreints {n} : {ids}"},
    "sum.range_none": {"en": "no judged decision (no score)", "fr": "aucune décision jugée (pas de score)"},
    "sum.also_unscored": {"en": "; also reached with no judged decision",
                          "fr": "\u202f; aussi atteinte sans décision jugée"},
    # ---- simulator/cli/main.py: check's own lines
    "check.no_such_path": {"en": "no such file or folder", "fr": "aucun fichier ni dossier de ce nom"},
    "check.empty_folder": {"en": "no scenario file (.yaml or .yml) in this folder",
                           "fr": "aucun fichier de scénario (.yaml ou .yml) dans ce dossier"},
    "check.count": {"en": "{files} file(s) checked: {errors} error(s), {warnings} warning(s)",
                    "fr": "{files} {files|fichier vérifié|fichiers vérifiés} : {errors} {errors|erreur|erreurs}, "
                          "{warnings} {warnings|avertissement|avertissements}"},
    # past simulator.authoring.checker.REPORTED problems in a file; {n} formatted, {count} the number
    "check.more": {"en": "… and {n} more {count|problem|problems} in {file}",
                   "fr": "… et {n} {count|autre problème|autres problèmes} dans {file}"},
    # ---- simulator/analysis/reachability.py: states and boxes in words (inside the warnings above)
    "reach.always": {"en": "{meter} is always {value}", "fr": "{meter} vaut toujours {value}"},
    "reach.between": {"en": "{meter} stays between {lo} and {hi}", "fr": "{meter} reste entre {lo} et {hi}"},
    "reach.flag_never": {"en": "flag {flag} is never set", "fr": "le drapeau {flag} n'est jamais posé"},
    "reach.flag_always": {"en": "flag {flag} is always set", "fr": "le drapeau {flag} est toujours posé"},
    "reach.flags": {"en": "flags: {flags}", "fr": "drapeaux : {flags}"},
    "reach.no_flag": {"en": "no flag set", "fr": "aucun drapeau posé"},
    "reach.at_start": {"en": "at the start", "fr": "au départ"},
}
