"""`litige progress`: a trainee's profile — each principle's verdicts over time, the best and last
score per scenario, the plays per day — and what to practise next (simulator/results/progress.py)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from simulator.cli.commands import Common
    from simulator.game.settings import Settings
    from simulator.results.progress import Profile
    from simulator.results.store import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Common) -> None:
    p = sub.add_parser("progress", help="a trainee's progress: principles over time, scores, what to practise next")
    p.add_argument("--trainee", metavar="NAME", default=None,
                   help="the trainee (default: the name saved in the game; without one, the trainees are listed)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    common.db(p)
    common.lang(p)
    p.set_defaults(handler=cmd_progress)


def today() -> date:
    """The clock of the schedule: today's UTC date."""
    from datetime import datetime
    return datetime.now(UTC).date()


def find_trainee(store: Store, given: str | None) -> str | None:
    """The one stored name `given` selects, as --trainee does everywhere (Store.matching_trainees:
    a name equal to it but for case and accents, else the names starting with it); without one,
    the name saved in the game. None: neither (the caller lists the trainees). No name or several
    names is one line: a profile is one person's."""
    from simulator.format.errors import LitigeError
    from simulator.format.fields import hint
    if given is None:
        saved = (store.get_setting("trainee") or "").strip()
        return saved or None
    matched = store.matching_trainees(given)
    if len(matched) == 1:
        return matched[0]
    if given in matched:  # "Ana" beside "ana": two people, and this one named exactly
        return given
    if matched:
        from simulator.lang.plaintext import shown
        raise LitigeError(f"--trainee {given!r}: {len(matched)} trainees match "
                          f"({', '.join(shown(m) for m in matched)}); give more of the name")
    raise LitigeError(f"--trainee {given!r}: no trainee of this name in {store.path}"
                      f"{hint(' '.join(given.split()), store.trainees())}")


@dataclass(frozen=True)
class Loaded:
    """A trainee's profile and what it is told with."""

    profile: Profile
    names: dict[str, str]  # principle id → name in `lang`
    titles: dict[str, str]  # scenario id → title in `lang`
    lang: str
    first_rules: int  # finished plays still scored by the first rules


def load_profile(store: Store, trainee: str, lang: str | None, fallback: str = "fr") -> Loaded:
    """The trainee's profile from an open store, told in `lang`; None: in the language of the
    trainee's latest finished play, else `fallback`."""
    from scoring.catalogue import load_catalogue
    from scoring.version import RULES
    from simulator.lang.i18n import LANGS
    from simulator.results.progress import profile
    from simulator.results.progress_render import principle_names
    from simulator.results.shipped import load_scenarios
    catalogue = load_catalogue()
    plays = store.progress_plays(trainee)  # oldest finished first
    if lang is None:
        played = [p.lang for p in plays if p.lang in LANGS]
        lang = played[-1] if played else fallback
    prof = profile(trainee, plays, [p.id for p in catalogue], today(), judgement=store.judgement)
    scenario_map = load_scenarios(s.scenario for s in prof.scenarios)
    titles = {sid: sc.title.get(lang) for sid, sc in scenario_map.items() if sc is not None}
    return Loaded(prof, principle_names(catalogue, scenario_map.values(), lang), titles, lang,
                  sum(1 for p in plays if p.rules != RULES))


def check_certificate_args(args: argparse.Namespace) -> None:
    """`litige export --format certificate`: one trainee's, over all their plays."""
    from simulator.format.errors import LitigeError
    if not args.trainee:
        raise LitigeError("--format certificate needs --trainee NAME (the trainee whose certificate it is)")
    given = [f"--{name}" for name in ("scenario", "since") if getattr(args, name, None)]
    if getattr(args, "anonymous", False):
        given.append("--anonymous")
    if given:
        raise LitigeError(f"{' and '.join(given)}: not for --format certificate (it covers all of a trainee's plays)")


def certificate(args: argparse.Namespace, settings: Settings, store: Store) -> str:
    """The trainee's one-page certificate (HTML), in their language unless --lang says otherwise."""
    from simulator.results.progress_render import certificate_html
    from simulator.results.store import now_utc
    trainee = find_trainee(store, args.trainee)
    assert trainee is not None  # check_certificate_args: --trainee is given
    loaded = load_profile(store, trainee, settings.lang_flag, settings.lang)
    return certificate_html(loaded.profile, loaded.lang, loaded.names, loaded.titles, generated_at=now_utc(),
                            first_rules=loaded.first_rules)


def cmd_progress(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from simulator.cli.commands.results_common import rescore
    from simulator.lang.i18n import t
    from simulator.results.progress_render import profile_dict, profile_text
    from simulator.results.store import Store

    rescore(settings.db)
    with Store.open(settings.db, readonly=True) as store:
        trainee = find_trainee(store, args.trainee)
        if trainee is None:
            names = store.trainees()
            if args.json:
                print(json.dumps({"trainee": None, "trainees": names}, ensure_ascii=False, indent=2))
            else:
                print(t("progress.trainees", settings.lang) if names else t("progress.no_trainees", settings.lang))
                from simulator.lang.plaintext import shown
                for name in names:
                    print(f"  {shown(name)}")
            return 0
        loaded = load_profile(store, trainee, settings.lang)
    if args.json:
        print(json.dumps(profile_dict(loaded.profile, loaded.lang, loaded.names, loaded.titles), ensure_ascii=False,
                         indent=2))
    else:
        print(profile_text(loaded.profile, loaded.lang, loaded.names, loaded.titles), end="")
    from simulator.cli.commands.results_common import left_out
    return left_out(store)  # the plays the profile could not read, named as every command does
