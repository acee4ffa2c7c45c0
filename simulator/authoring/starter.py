"""The commented starter scenario `litige new` writes, in French or English.

It is a small but complete dispute (a damaged parcel) that shows every part of the format:
a customer card, a meter with its moods, two variants, a flag set by one answer and read by a
guard, a time limit, principles applied and violated with their feedback, and the three kinds
of ending. It passes `litige check --strict`
as written, so a trainer starts from a clean file and sees at once what their edits change.
"""

from __future__ import annotations

import re

from simulator.format.fields import SLUG

SCHEMA_NAME = "litige.schema.json"

FR = """\
# yaml-language-server: $schema=./litige.schema.json
# Scénario de départ écrit par `litige new`. Modifiez-le, puis vérifiez-le :
#   litige check --strict --stats __ID__.yaml  (erreurs, avertissements et scores de chaque fin)
#   litige play __ID__.yaml --choices 2,3      (jouer sans écran, voir le débriefing)
#   litige graph __ID__.yaml --out carte.md    (la carte du scénario)
#   litige preview __ID__.yaml                 (le jeu, rechargé à chaque enregistrement)
# Le format complet et la notation : docs/authoring.md. Les lignes qui commencent par # sont des commentaires.
# La notation juge chaque décision parmi les réponses proposées : valeur d'une réponse = poids des
# principes appliqués − poids des principes enfreints. Une bonne réponse peut être courte et une
# mauvaise longue et polie : `check` prévient si la meilleure est trop souvent la plus longue ou à la
# même place.
format: litige/1
id: __ID__                 # identifiant : minuscules, chiffres et tirets (le nom du fichier, de préférence)
lang: fr                   # langue des textes écrits simplement
title: Le colis abîmé       # ou {fr: Le colis abîmé, en: The damaged parcel} pour deux langues
summary: Un client reçoit un colis écrasé et appelle le service client.
role: Vous répondez au téléphone du service client d'une boutique en ligne.
customer:                  # la fiche du client : son nom s'affiche devant ses répliques
  name: M. Roland P.
  description: Il a commandé un cadeau pour sa sœur. Il veut qu'on le prenne au sérieux.
difficulty: 1              # 1 (facile) à 3
pass_score: 70             # score (sur 100) à atteindre pour réussir, sans finir « lost »
meters:                    # jauges de 0 à 100 ; les choix les font monter ou descendre
  confiance:
    start: 40
    label: Confiance
    moods: {0: furieux, 30: agacé, 60: rassuré}   # un mot par tranche, affiché près de la jauge
variants:                  # facultatif : des faits cachés tirés au début de chaque partie
  - id: habitue
    meters: {confiance: 50}                        # valeurs de départ propres à cette variante
    reveal: C'était un client fidèle depuis des années.
  - id: premier-achat
    meters: {confiance: 30}                        # (une variante peut aussi mettre des drapeaux : set: [...])
    reveal: C'était sa toute première commande.
start: accueil             # le premier nœud
nodes:
  accueil:
    speaker: customer      # customer, narrator, colleague, manager ou you
    text: Mon colis est arrivé complètement écrasé. Franchement, je ne m'attendais pas à ça !
    time_limit: 40         # facultatif : en secondes ; ensuite on va à on_timeout
    on_timeout: silence
    choices:               # 1 à 9 réponses, dans l'ordre affiché
      - text: Les colis abîmés relèvent du transporteur. Je vous donne leur numéro, ils traiteront votre réclamation.
        violates: [own-it]                # principes enfreints (voir scoring/principles.yaml)
        effects: {confiance: -20}         # effet sur les jauges
        feedback: >-
          Renvoyer vers le transporteur laisse le client seul avec un problème qui est le nôtre.
          Prenez-le en charge : c'est à nous qu'il a commandé.
        next: agacement
      - text: Je suis désolé·e. Que contenait-il ?
        applies: [empathize, listen]      # principes appliqués
        effects: {confiance: 20}
        set: [ecoute]                     # un drapeau, que des gardes « when » peuvent lire
        feedback: Reconnaître la gêne puis poser une question ouverte invite le client à tout raconter.
        next: contenu
  silence:
    speaker: narrator
    text: Vous n'avez rien dit. Le client soupire bruyamment.
    choices:
      - text: Pardon, je vous écoute. Que s'est-il passé ?
        applies: [listen]
        feedback: Mieux vaut tard que jamais, mais le silence a coûté un peu de confiance.
        effects: {confiance: -5}
        next: contenu
  agacement:
    text: Super. Donc je me débrouille tout seul, c'est ça ?
    choices:
      - text: "Non, vous avez raison : c'est à nous de régler ça."
        applies: [own-it, courtesy]
        effects: {confiance: 15}
        feedback: Se reprendre et assumer rouvre la conversation.
        next: contenu
      - text: Je comprends, Monsieur, mais c'est la procédure et je ne peux malheureusement rien faire d'autre.
        violates: [courtesy]
        effects: {confiance: -20}
        feedback: >-
          Poli en apparence, mais se retrancher derrière une procédure ferme la porte. Dites plutôt ce
          que vous pouvez faire, vous, maintenant.
        next: fin-perdue
  contenu:
    text: Un service à thé, offert à ma sœur. Deux tasses sont cassées.
    choices:
      - text: Renvoyez-nous le colis à vos frais et nous verrons.
        violates: [no-charge, spare-effort]
        effects: {confiance: -30}
        feedback: >-
          Faire payer et attendre le client pour notre propre erreur le fait partir. Proposez une
          solution qui ne lui coûte rien.
        next: fin-perdue
      - text: Voulez-vous un remplacement, un avoir ou un remboursement ?
        when: "confiance >= 50 and ecoute"   # n'est proposé que si la garde est vraie
        applies: [offer-options]
        effects: {confiance: 15}
        feedback: >-
          Laisser choisir le client lui rend la main. Il manque encore une solution sans frais et un
          engagement daté : c'est ce qui le fidélise.
        next: fin-gardee
      - text: Je vous renvoie un service complet aujourd'hui, sans frais, et je vous écris demain avec le suivi.
        applies: [fair-remedy, no-charge, follow-up]
        effects: {confiance: 25}
        feedback: Une solution juste, gratuite, et un engagement daté que vous pourrez tenir.
        next: fin-fidele
  fin-fidele:
    text: Parfait, merci. Ma sœur sera contente.
    ending:
      outcome: won         # won (gagné), kept (gardé) ou lost (perdu)
      title: Client fidélisé
      text: Le service arrive le lendemain ; le client laisse un avis positif.
  fin-gardee:
    text: Bon, je vais réfléchir à ce que je préfère.
    ending:
      outcome: kept
      title: Client gardé
  fin-perdue:
    text: Laissez tomber. Je ne commanderai plus chez vous.
    ending:
      outcome: lost
      title: Client perdu
      text: Il annule sa commande en cours et le raconte autour de lui.
"""

EN = """\
# yaml-language-server: $schema=./litige.schema.json
# Starter scenario written by `litige new`. Edit it, then check it:
#   litige check --strict --stats __ID__.yaml  (errors, warnings and the scores of each ending)
#   litige play __ID__.yaml --choices 2,3      (play headless, read the debrief)
#   litige graph __ID__.yaml --out map.md      (the scenario's map)
#   litige preview __ID__.yaml                 (the game, reloaded each time you save)
# The whole format and the scoring: docs/authoring.md. Lines starting with # are comments.
# Each decision is judged among the answers offered: an answer's value = weights of the principles
# it applies − weights of those it violates. A good answer can be short and a weak one long and
# polite: `check` warns when the best answer is too often the longest, or at the same place.
format: litige/1
id: __ID__                 # id: lowercase letters, digits and hyphens (best: the file's name)
lang: en                   # language of plain texts
title: The damaged parcel   # or {en: The damaged parcel, fr: Le colis abîmé} for two languages
summary: A customer receives a crushed parcel and calls customer service.
role: You answer the customer service phone of an online shop.
customer:                  # the customer's card: the name is shown before their lines
  name: Mr Roland P.
  description: He ordered a present for his sister. He wants to be taken seriously.
difficulty: 1              # 1 (easy) to 3
pass_score: 70             # score (out of 100) needed to pass, without ending "lost"
meters:                    # gauges from 0 to 100; choices move them up or down
  trust:
    start: 40
    label: Trust
    moods: {0: furious, 30: annoyed, 60: reassured}   # a word per band, shown beside the gauge
variants:                  # optional: hidden facts drawn at the start of each play
  - id: regular
    meters: {trust: 50}                            # start values of this variant
    reveal: He had been a loyal customer for years.
  - id: first-order
    meters: {trust: 30}                            # (a variant may also set flags: set: [...])
    reveal: It was his very first order.
start: welcome             # the first node
nodes:
  welcome:
    speaker: customer      # customer, narrator, colleague, manager or you
    text: My parcel arrived completely crushed. Honestly, I didn't expect that!
    time_limit: 40         # optional: seconds; then on_timeout is taken
    on_timeout: silence
    choices:               # 1 to 9 answers, in the order shown
      - text: Damaged parcels are the carrier's business. I'll give you their number; they'll handle your claim.
        violates: [own-it]                # principles violated (see scoring/principles.yaml)
        effects: {trust: -20}             # effect on the meters
        feedback: >-
          Sending the customer to the carrier leaves them alone with a problem that is ours. Take it
          on: they ordered from us.
        next: annoyed
      - text: I'm so sorry. What was inside?
        applies: [empathize, listen]      # principles applied
        effects: {trust: 20}
        set: [heard]                      # a flag, which "when" guards can read
        feedback: Acknowledging the trouble, then asking an open question, invites the whole story.
        next: contents
  silence:
    speaker: narrator
    text: You said nothing. The customer sighs loudly.
    choices:
      - text: Sorry, I'm listening. What happened?
        applies: [listen]
        feedback: Better late than never, but the silence cost some trust.
        effects: {trust: -5}
        next: contents
  annoyed:
    text: Great. So I'm on my own, is that it?
    choices:
      - text: "No, you're right: it's ours to fix."
        applies: [own-it, courtesy]
        effects: {trust: 15}
        feedback: Correcting yourself and owning it reopens the conversation.
        next: contents
      - text: I do understand, sir, but that's the procedure and I'm afraid there's nothing else I can do.
        violates: [courtesy]
        effects: {trust: -20}
        feedback: >-
          Polite on the surface, but hiding behind a procedure closes the door. Say what you can do,
          yourself, now.
        next: end-lost
  contents:
    text: A tea set, a present for my sister. Two cups are broken.
    choices:
      - text: Send the parcel back at your own cost and we'll see.
        violates: [no-charge, spare-effort]
        effects: {trust: -30}
        feedback: >-
          Making the customer pay and wait for our own mistake drives them away. Offer a remedy that
          costs them nothing.
        next: end-lost
      - text: Would you like a replacement, a credit or a refund?
        when: "trust >= 50 and heard"     # only offered when the guard holds
        applies: [offer-options]
        effects: {trust: 15}
        feedback: >-
          Letting the customer choose gives them back some control. Still missing: a remedy at no cost
          and a dated commitment, which is what keeps them.
        next: end-kept
      - text: I'll send you a complete set today, free of charge, and write tomorrow with the tracking.
        applies: [fair-remedy, no-charge, follow-up]
        effects: {trust: 25}
        feedback: A fair remedy, free, and a dated commitment you can keep.
        next: end-loyal
  end-loyal:
    text: Perfect, thank you. My sister will be pleased.
    ending:
      outcome: won         # won, kept or lost
      title: A loyal customer
      text: The set arrives the next day; the customer leaves a good review.
  end-kept:
    text: Well, I'll think about which I prefer.
    ending:
      outcome: kept
      title: Customer kept
  end-lost:
    text: Forget it. I won't order from you again.
    ending:
      outcome: lost
      title: Customer lost
      text: He cancels his pending order and tells the story around him.
"""

TEMPLATES = {"fr": FR, "en": EN}


def starter(scenario_id: str, lang: str = "fr") -> str:
    """The starter scenario's text for this id, in `lang` (fr or en)."""
    if not re.match(SLUG, scenario_id):
        raise ValueError(f"scenario id {scenario_id!r} must be a slug: lowercase letters, digits and single hyphens")
    return TEMPLATES[lang].replace("__ID__", scenario_id)
