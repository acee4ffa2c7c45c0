"""The words of litige import / export-twee (simulator.authoring.twine, cli/commands/twee.py):
reading a Twee file, the story as a scenario, the comments written. Part of check's table."""

WORDS: dict[str, dict[str, str]] = {
    # reading the Twee file (simulator/authoring/twine/story.py, pieces.py)
    "twee.tags_unclosed": {"en": "tag block not closed with ']': tags ignored",
                           "fr": "bloc d'étiquettes non fermé par « ] » : étiquettes ignorées"},
    "twee.metadata_not_object": {"en": "passage metadata is not a JSON object: ignored",
                                 "fr": "les métadonnées du passage ne sont pas un objet JSON : ignorées"},
    "twee.after_name": {"en": "unexpected text after the passage name: ignored",
                        "fr": "texte inattendu après le nom du passage : ignoré"},
    "twee.no_name": {"en": "passage without a name: skipped", "fr": "passage sans nom : ignoré"},
    "twee.preamble": {"en": "text before the first passage header ({header}) is not part of any passage: ignored",
                      "fr": "le texte avant le premier en-tête de passage ({header}) n'appartient à aucun passage : "
                            "ignoré"},
    "twee.comment_unclosed": {"en": "comment not closed with {end}: the rest of the passage is taken as a comment",
                              "fr": "commentaire non fermé par {end} : la suite du passage est prise comme un "
                                    "commentaire"},
    "twee.link_unclosed": {"en": "link not closed with {end}: kept as text",
                           "fr": "lien non fermé par {end} : gardé comme texte"},
    "twee.macro_unclosed": {"en": "macro not closed with {end}: kept as text",
                            "fr": "macro non fermée par {end} : gardée comme texte"},
    "twee.hooks_unclosed": {"en": "{n} hook(s) not closed with {end}",
                            "fr": "{n} {n|bloc (hook) non fermé|blocs (hooks) non fermés} par {end}"},
    # the story as a scenario (twine/importer.py, passages.py, variables.py, scenario.py)
    "twee.no_passage": {"en": "no passage: a Twee file is made of passages, each starting with a line {header}",
                        "fr": "aucun passage : un fichier Twee est fait de passages, qui commencent chacun par une "
                              "ligne {header}"},
    "twee.no_story": {"en": "no story passage: only special passages (StoryTitle, StoryData, scripts…)",
                      "fr": "aucun passage d'histoire : seulement des passages spéciaux (StoryTitle, StoryData, "
                            "scripts…)"},
    "twee.control": {"en": "the story contains the control character {char}; remove it",
                     "fr": "l'histoire contient le caractère de contrôle {char} ; supprimez-le"},
    "twee.twice": {"en": "passage {name} is defined twice (first at line {first}): this one is ignored",
                   "fr": "le passage {name} est défini deux fois (d'abord à la ligne {first}) : celui-ci est ignoré"},
    "twee.special_tag": {"en": "a {tag} passage has no place in a scenario: not imported",
                         "fr": "un passage « {tag} » n'a pas sa place dans un scénario : non importé"},
    "twee.special_name": {"en": "the special passage {name} has no place in a scenario: not imported",
                          "fr": "le passage spécial {name} n'a pas sa place dans un scénario : non importé"},
    "twee.start_unknown": {"en": "StoryData's start {name} is not a story passage",
                           "fr": "le départ {name} que donne StoryData n'est pas un passage de l'histoire"},
    "twee.no_start": {"en": "no start passage named (StoryData's start, or {default}): the first passage, {name}, "
                            "is the start",
                      "fr": "aucun passage de départ nommé (start de StoryData, ou {default}) : le premier passage, "
                            "{name}, est le départ"},
    "twee.json_bad": {"en": "{name} is not JSON ({reason}): ignored",
                      "fr": "{name} n'est pas du JSON valide ({reason}) : ignoré"},
    "twee.json_not_object": {"en": "{name} is not a JSON object: ignored",
                             "fr": "{name} n'est pas un objet JSON : ignoré"},
    "twee.data_not_mapping": {"en": "the {tag} passage is not a YAML mapping: ignored",
                              "fr": "le passage {tag} n'est pas une table YAML (des clés et leurs valeurs) : ignoré"},
    "twee.data_key": {"en": "the {tag} passage's key {key} is not a scenario key: ignored",
                      "fr": "la clé {key} du passage {tag} n'est pas une clé de scénario : ignorée"},
    "twee.html": {"en": "an HTML <{element}> element has no equivalent in a scenario: not imported",
                  "fr": "un élément HTML <{element}> n'a pas d'équivalent dans un scénario : non importé"},
    "twee.setter_bad": {"en": "the link's setter {part} is not a simple setting ($x to N, $x to $x + N, $x to true): "
                              "not imported",
                        "fr": "l'affectation {part} du lien n'est pas une affectation simple (`$x to N`, "
                              "`$x to $x + N`, `$x to true`) : non importée"},
    "twee.set_bad": {"en": "{part} is not a simple setting ($x to N, $x to $x + N, $x to true): not imported",
                     "fr": "{part} n'est pas une affectation simple (`$x to N`, `$x to $x + N`, `$x to true`) : "
                           "non importée"},
    "twee.if_unclosed": {"en": "<<if>> not closed with <</if>> in this passage",
                         "fr": "<<if>> non fermé par <</if>> dans ce passage"},
    "twee.set_in_condition": {"en": "a setting inside a condition cannot be an effect (effects are not conditional): "
                                    "not imported",
                              "fr": "une affectation à l'intérieur d'une condition ne peut pas être un effet (les "
                                    "effets ne sont pas conditionnels) : non importée"},
    "twee.macro": {"en": "the macro {macro} has no equivalent in a scenario: not imported",
                   "fr": "la macro {macro} n'a pas d'équivalent dans un scénario : non importée"},
    "twee.init_link": {"en": "a link in {name} has no place in a scenario: not imported",
                       "fr": "un lien dans {name} n'a pas sa place dans un scénario : non importé"},
    "twee.both_kinds": {"en": "${var} is set both to a number and to true/false: taken as a meter, its true/false "
                              "settings not imported",
                        "fr": "${var} reçoit à la fois un nombre et true/false : prise comme une jauge, ses "
                              "affectations à true/false ne sont pas importées"},
    "twee.start_clamped": {"en": "${var} starts at {value}: meters go from 0 to 100, so it starts at {clamped}",
                           "fr": "${var} commence à {value} : les jauges vont de 0 à 100, elle commence donc à "
                                 "{clamped}"},
    "twee.flag_at_start": {"en": "${var} is true from the start: flags start unset in a scenario; set it with a "
                                 "choice or a variant",
                           "fr": "${var} est vrai dès le départ : dans un scénario, les drapeaux commencent non "
                                 "posés ; posez-le par un choix ou une variante"},
    "twee.start_loops": {"en": "the start passage sets values and links lead back to it: its values are the meters' "
                               "start values, not effects of those links",
                         "fr": "le passage de départ donne des valeurs et des liens y ramènent : ses valeurs sont "
                               "les valeurs de départ des jauges, pas des effets de ces liens"},
    "twee.abs_effect": {"en": "${var} is set to {value}: an effect is a change (${var} to ${var} + N); only the start "
                              "passage and StoryInit give values: not imported",
                        "fr": "${var} reçoit la valeur {value} : un effet est un changement (`${var} to ${var} + N`) "
                              "; seuls le passage de départ et StoryInit donnent des valeurs : non importé"},
    "twee.time_limit_gone": {"en": "the time limit's passage {name} is no longer in the story: the time limit is not "
                                   "imported",
                             "fr": "le passage du délai, {name}, n'est plus dans l'histoire : le délai n'est pas "
                                   "importé"},
    "twee.tag_meaningless": {"en": "tag {tag} means nothing in a scenario: not imported",
                             "fr": "l'étiquette {tag} ne veut rien dire dans un scénario : non importée"},
    "twee.ending_links": {"en": "passage tagged {outcome} is an ending: its {n} link(s) not imported",
                          "fr": "le passage étiqueté {outcome} est une fin : {n} {n|lien non importé|liens non "
                                "importés}"},
    "twee.ending_default": {"en": "a passage without links is an ending; without a won, kept or lost tag its "
                                  "outcome is 'kept'",
                            "fr": "un passage sans liens est une fin ; sans étiquette won, kept ou lost, son issue "
                                  "est « kept »"},
    "twee.too_many": {"en": "a node offers at most {max} choices: this link is not imported",
                      "fr": "un nœud propose au plus {max} choix : ce lien n'est pas importé"},
    "twee.link_empty": {"en": "an empty link: this link is not imported", "fr": "un lien vide : ce lien n'est pas importé"},
    "twee.link_nowhere": {"en": "no story passage is named {target}: this link is not imported",
                          "fr": "aucun passage de l'histoire ne s'appelle {target} : ce lien n'est pas importé"},
    "twee.bad_principle": {"en": "tag {tag}: {id} is not a principle of the catalogue: not imported",
                           "fr": "étiquette {tag} : {id} n'est pas un principe du catalogue : non importée"},
    "twee.cond_bad": {"en": "condition {cond} cannot be a guard ({reason}): the links inside it are offered without it",
                      "fr": "la condition {cond} ne peut pas devenir un `when` ({reason}) : les liens qu'elle "
                            "contient sont proposés sans condition"},
    "twee.cond_not_simple": {"en": "{text} is not a simple comparison", "fr": "{text} n'est pas une comparaison simple"},
    "twee.cond_word": {"en": "{word} is not a comparison the guard language has",
                       "fr": "{word} n'est pas une comparaison du langage des conditions"},
    "twee.cond_alone": {"en": "{word} alone is not a guard", "fr": "{word} seul n'est pas une condition"},
    "twee.cond_meter": {"en": "${meter} is compared with a number but no passage sets it to one",
                        "fr": "${meter} est comparée à un nombre, mais aucun passage ne lui en donne un"},
    "twee.cond_flag": {"en": "${flag} is never set to true or false",
                       "fr": "${flag} ne reçoit jamais true ni false"},
    # the comments written into the scenario made (in the messages' language, as the warnings they repeat)
    "twee.header": {"en": "Imported from {file} by `litige import`: check it with `litige check`, then add\n"
                          "principles (applies / violates) and feedback to the choices.",
                    "fr": "Importé de {file} par `litige import` : vérifiez-le avec `litige check`, puis ajoutez\n"
                          "aux choix des principes (applies / violates) et des retours (feedback)."},
    "twee.kept_comment": {"en": "comment kept from the story: {text}",
                          "fr": "commentaire gardé de l'histoire : {text}"},
    # the commands (commands/twee.py)
    "twee.not_utf8": {"en": "not UTF-8 text (Twee files are UTF-8)",
                      "fr": "ce n'est pas du texte UTF-8 (les fichiers Twee sont en UTF-8)"},
    "twee.too_large": {"en": "{file}: the story is larger than {mib} MiB",
                       "fr": "{file} : l'histoire dépasse {mib}\u202fMio"},
    "twee.cannot_write": {"en": "cannot write {file}: {reason}", "fr": "impossible d'écrire {file} : {reason}"},
    "twee.made_errors": {"en": "the scenario made has {n} error(s), the first at line {line}: {message}; "
                               "`litige check` lists them",
                         "fr": "le scénario produit a {n} {n|erreur|erreurs} ; la première, ligne {line} : "
                               "{message} ; `litige check` les liste"},
}
