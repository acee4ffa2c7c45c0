"""`litige check`'s words for reading a file and its YAML (format.yaml_reader), and the plain-words
hints for YAML syntax errors (format.yaml_hints). Part of check's table."""

WORDS: dict[str, dict[str, str]] = {
    # ---- simulator/format/yaml_reader.py: reading the file and its YAML
    "yaml.control_text": {"en": "text contains the control character {char}; remove it",
                          "fr": "le texte contient le caractère de contrôle {char} ; retirez-le"},
    "yaml.control_file": {"en": "the file contains the control character {char}; remove it",
                          "fr": "le fichier contient le caractère de contrôle {char} ; retirez-le"},
    "yaml.number_too_long": {"en": "number too long ({chars} characters): a scenario's numbers are written with at "
                                   "most {max} (such as 3, 70 or -20)",
                             "fr": "nombre trop long ({chars} caractères) : les nombres d'un scénario s'écrivent avec "
                                   "{max} caractères au plus (comme 3, 70 ou -20)"},
    "yaml.bad_int": {"en": "{value} is not a valid !!int value; write a plain value",
                     "fr": "{value} n'est pas une valeur !!int valable ; écrivez une valeur simple"},
    "yaml.bad_value": {"en": "{value} is not a valid {tag} value; write a plain value",
                       "fr": "{value} n'est pas une valeur {tag} valable ; écrivez une valeur simple"},
    "yaml.custom_tag": {"en": "custom or unsupported YAML tag {tag}; write a plain value",
                        "fr": "étiquette YAML personnalisée ou non prise en charge {tag} ; écrivez une valeur simple"},
    "yaml.too_deep": {"en": "nested too deeply (more than {max} levels); a scenario needs far fewer",
                      "fr": "imbrication trop profonde (plus de {max} niveaux) ; un scénario en demande bien moins"},
    "yaml.tag_mapping": {"en": "custom or unsupported YAML tag {tag} on a mapping",
                         "fr": "étiquette YAML personnalisée ou non prise en charge {tag} sur un dictionnaire"},
    "yaml.key_not_plain": {"en": "a key must be a plain name, not a list or mapping",
                           "fr": "une clé doit être un nom simple, pas une liste ni un dictionnaire"},
    "yaml.tag_key": {"en": "custom or unsupported YAML tag {tag} on a key; write a plain name",
                     "fr": "étiquette YAML personnalisée ou non prise en charge {tag} sur une clé ; écrivez un nom simple"},
    "yaml.duplicate_key": {"en": "duplicate key {key} (first at line {line})",
                           "fr": "clé en double {key} (la première à la ligne {line})"},
    "yaml.tag_list": {"en": "custom or unsupported YAML tag {tag} on a list",
                      "fr": "étiquette YAML personnalisée ou non prise en charge {tag} sur une liste"},
    "yaml.alias": {"en": "YAML alias {name} is not allowed; write the value out in full",
                   "fr": "l'alias YAML {name} n'est pas permis ; écrivez la valeur en entier"},
    "yaml.anchor": {"en": "YAML anchor {name} is not allowed; write the value out in full",
                    "fr": "l'ancre YAML {name} n'est pas permise ; écrivez la valeur en entier"},
    "yaml.error": {"en": "YAML error: {reason}", "fr": "erreur YAML ({reason})"},
    "yaml.size": {"en": "file is {size} MiB; scenario files are limited to 1 MiB",
                  "fr": "le fichier fait {size} Mio ; un fichier de scénario est limité à 1 Mio"},
    "yaml.size_more": {"en": "file is more than {size} MiB; scenario files are limited to 1 MiB",
                       "fr": "le fichier fait plus de {size} Mio ; un fichier de scénario est limité à 1 Mio"},
    "yaml.cannot_read": {"en": "cannot read file: {reason}", "fr": "fichier illisible ({reason})"},
    "yaml.not_regular": {"en": "cannot read file: it is {kind}, not a scenario file",
                         "fr": "fichier illisible : c'est {kind}, pas un fichier de scénario"},
    "yaml.kind.folder": {"en": "a folder", "fr": "un dossier"},
    "yaml.kind.fifo": {"en": "a named pipe (FIFO)", "fr": "un tube nommé (FIFO)"},
    "yaml.kind.char": {"en": "a character device", "fr": "un périphérique en mode caractère"},
    "yaml.kind.block": {"en": "a block device", "fr": "un périphérique en mode bloc"},
    "yaml.kind.socket": {"en": "a socket", "fr": "une socket"},
    "yaml.kind.other": {"en": "not a regular file", "fr": "autre chose qu'un fichier ordinaire"},
    "yaml.not_utf8": {"en": "file is not valid UTF-8 text", "fr": "le fichier n'est pas un texte UTF-8 valable"},
    "yaml.empty": {"en": "file is empty", "fr": "le fichier est vide"},
    # PyYAML's own reason ({problem}, {context}) is English: French quotes it as the parser's words
    "yaml.syntax": {"en": "YAML syntax error: {problem}{context}{hint}",
                    "fr": "erreur de syntaxe YAML (« {problem} »{context}){hint}"},
    "yaml.syntax_context": {"en": " ({context} started at line {line}, column {col})",
                            "fr": ", « {context} » ouvert à la ligne {line}, colonne {col}"},
    "yaml.syntax_hint": {"en": ". Hint: {hint}", "fr": ". Conseil : {hint}"},
    "yaml.syntax_unknown": {"en": "syntax error", "fr": "erreur de syntaxe"},
    "yaml.merge": {"en": "YAML merge keys ({key}) are not allowed; write the keys out",
                   "fr": "les clés de fusion YAML ({key}) ne sont pas permises ; écrivez les clés en entier"},
    "yaml.unsupported_node": {"en": "unsupported YAML node", "fr": "élément YAML non pris en charge"},
    # ---- simulator/format/yaml_hints.py: plain-words hints for YAML syntax errors
    "yhint.tab": {"en": "line {line} is indented with a tab: indent with spaces only (editors can be set to insert "
                        "spaces when Tab is pressed)",
                  "fr": "la ligne {line} est indentée avec une tabulation : indentez avec des espaces seulement (un "
                        "éditeur peut insérer des espaces à l'appui sur Tab)"},
    "yhint.colon_in_text": {"en": "this text contains \": \", which YAML reads as a new key: put the whole text in "
                                  "double quotes{fix}",
                            "fr": "ce texte contient « : », que YAML lit comme une nouvelle clé : mettez tout le texte "
                                  "entre guillemets droits doubles{fix}"},
    "yhint.fix": {"en": " ({example})", "fr": " ({example})"},
    "yhint.key_indent": {"en": "check the indentation of line {line} against the line above: a key must start in the "
                               "same column as the other keys of its block",
                         "fr": "vérifiez l'indentation de la ligne {line} par rapport à la ligne du dessus : une clé "
                               "doit commencer dans la même colonne que les autres clés de son bloc"},
    "yhint.quote_open": {"en": "a quote opened{where} is never closed: end the text with the same quote mark",
                         "fr": "un guillemet ouvert{where} n'est jamais fermé : terminez le texte par le même "
                               "guillemet"},
    "yhint.at_line": {"en": " at line {line}", "fr": " à la ligne {line}"},
    "yhint.quote_then_more": {"en": "a text that starts with a quote ends at the next same quote mark, and more "
                                    "follows it on this line: put the quotes around the whole text (and write a "
                                    "{dq} inside a double-quoted text as {escaped})",
                              "fr": "un texte qui commence par un guillemet s'arrête au guillemet identique suivant, "
                                    "et la ligne continue après : mettez les guillemets autour de tout le texte (et "
                                    "écrivez un {dq} à l'intérieur d'un texte entre guillemets doubles sous la forme "
                                    "{escaped})"},
    "yhint.block_indent": {"en": "check the indentation of line {line} against the line above: lines of the same "
                                 "block start in the same column (with spaces), and the items of a list each start "
                                 "with {dash}",
                           "fr": "vérifiez l'indentation de la ligne {line} par rapport à la ligne du dessus : les "
                                 "lignes d'un même bloc commencent dans la même colonne (avec des espaces), et les "
                                 "éléments d'une liste commencent chacun par {dash}"},
    "yhint.no_colon": {"en": "a key on line {line} or just above has no {colon} after it, or a text runs onto a new "
                             "line: write {example}, and quote a text that spans lines",
                       "fr": "une clé de la ligne {line} ou juste au-dessus n'est pas suivie de {colon}, ou un texte "
                             "continue sur une nouvelle ligne : écrivez {example}, et mettez entre guillemets un texte "
                             "sur plusieurs lignes"},
    "yhint.bad_start": {"en": "a text cannot start with {char} in YAML: put the whole text in double quotes",
                        "fr": "en YAML, un texte ne peut pas commencer par {char} : mettez tout le texte entre "
                              "guillemets droits doubles"},
}
