"""`litige progress`: a trainee's profile — each principle's verdicts over time, the best and last
score per scenario, the plays per day — and what to practise next (simulator/progress.py)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common) -> None:
    p = sub.add_parser("progress", help="a trainee's progress: principles over time, scores, what to practise next")
    p.add_argument("--trainee", metavar="NAME", default=None,
                   help="the trainee (default: the name saved in the game; without one, the trainees are listed)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    common.db(p)
    common.lang(p)
    p.set_defaults(handler=cmd_progress)


def today():
    """The clock of the schedule: today's UTC date."""
    from datetime import datetime, timezone
    return datetime.now(timezone.utc).date()


def find_trainee(store, given: str | None) -> str | None:
    """The stored name `given` stands for (as typed, else the one name equal to it but for case);
    without one, the name saved in the game. None: neither (the caller lists the trainees). An
    unknown name is one line with a did-you-mean."""
    from simulator.errors import LitigeError
    from simulator.fields import hint
    names = store.trainees()
    if given is None:
        saved = (store.get_setting("trainee") or "").strip()
        return saved or None
    name = " ".join(given.split())
    if name in names:
        return name
    same = [n for n in names if n.casefold() == name.casefold()]
    if len(same) == 1:
        return same[0]
    raise LitigeError(f"--trainee {given!r}: no trainee of this name in {store.path}{hint(name, names)}")


def load_profile(store, trainee: str, lang: str):
    """(profile, principle names, scenario titles) for the trainee, from an open store."""
    from scoring.catalogue import load_catalogue
    from simulator.commands.results_common import load_scenarios
    from simulator.progress import from_store
    from simulator.progress_render import principle_names
    catalogue = load_catalogue()
    prof = from_store(store, trainee, [p.id for p in catalogue], today())
    scenario_map = load_scenarios(s.scenario for s in prof.scenarios)
    titles = {sid: sc.title.get(lang) for sid, sc in scenario_map.items() if sc is not None}
    return prof, principle_names(catalogue, scenario_map.values(), lang), titles


def cmd_progress(args: argparse.Namespace) -> int:
    import json

    from simulator.commands.results_common import rescore
    from simulator.i18n import t
    from simulator.progress_render import profile_dict, profile_text
    from simulator.store import Store

    rescore(args.db)
    with Store.open(args.db, readonly=True) as store:
        trainee = find_trainee(store, args.trainee)
        if trainee is None:
            names = store.trainees()
            if args.json:
                print(json.dumps({"trainee": None, "trainees": names}, ensure_ascii=False, indent=2))
            else:
                print(t("progress.trainees", args.lang) if names else t("progress.no_trainees", args.lang))
                for name in names:
                    print(f"  {name}")
            return 0
        prof, names, titles = load_profile(store, trainee, args.lang)
    if args.json:
        print(json.dumps(profile_dict(prof, args.lang, names, titles), ensure_ascii=False, indent=2))
    else:
        print(profile_text(prof, args.lang, names, titles), end="")
    return 0
