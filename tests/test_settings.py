"""One Settings object (issue 20, item 4): each knob from the command line, else the environment,
else the choice saved in the game, else the default; the saved choices read only when needed."""

from __future__ import annotations

import argparse

import pytest

from simulator.game.settings import LrsAccess, Settings, saved_in


class Saved:
    """A stand-in for the game's saved choices that remembers what it was asked."""

    def __init__(self, **choices: str):
        self.choices = choices
        self.asked: list[str] = []

    def __call__(self, name: str) -> str | None:
        self.asked.append(name)
        return self.choices.get(name)


def resolve(environ: dict[str, str] | None = None, saved: Saved | None = None, **flags: object) -> Settings:
    return Settings.resolve(argparse.Namespace(**flags), environ or {}, saved or Saved())


def test_the_language_is_the_flag_then_the_environment_then_the_saved_choice_then_french():
    saved = Saved(lang="en")
    assert resolve({"LITIGE_LANG": "fr"}, saved, lang="en").lang == "en"  # the flag first
    assert resolve({"LITIGE_LANG": "en"}, saved, lang="fr").lang == "fr"
    assert saved.asked == []                                              # the saved choice not read
    assert resolve({"LITIGE_LANG": "fr"}, saved).lang == "fr"             # then the environment
    assert saved.asked == []
    assert resolve({}, saved).lang == "en" and saved.asked == ["lang"]    # then the saved choice
    assert resolve({}, Saved()).lang == "fr"                              # then French
    # a value that is no known language is passed over, wherever it comes from
    assert resolve({"LITIGE_LANG": "xx"}, Saved(lang="en"), lang="de").lang == "en"
    assert resolve({"LITIGE_LANG": ""}, Saved(lang="xx")).lang == "fr"


def test_the_language_flag_is_kept_as_given():
    assert resolve({"LITIGE_LANG": "en"}).lang_flag is None
    assert resolve(lang="fr").lang_flag == "fr"


def test_the_database_is_the_flag_then_the_environment_then_the_default():
    assert resolve({"LITIGE_DB": "env.db"}, db="flag.db").db == "flag.db"
    assert resolve({"LITIGE_DB": "env.db"}).db == "env.db"
    assert resolve({"LITIGE_DB": "env.db"}, db=None).db == "env.db"  # a subcommand's --db not given
    assert resolve({"LITIGE_DB": ""}).db is None                    # an empty variable names nothing
    assert resolve().db is None                                     # the store's default file


def test_the_saved_choices_are_read_from_the_database_the_settings_name(tmp_path, monkeypatch):
    from simulator.results.store import Store
    monkeypatch.delenv("LITIGE_DB", raising=False)
    db = tmp_path / "chosen.db"
    with Store.open(db) as store:
        store.set_setting("lang", "en")
    args = argparse.Namespace(db=None, lang=None)
    assert Settings.resolve(args, {"LITIGE_DB": str(db)}).lang == "en"
    assert Settings.resolve(argparse.Namespace(db=str(db)), {}).lang == "en"
    # no database there: nothing saved, and nothing created on disk
    missing = tmp_path / "none.db"
    assert saved_in(str(missing))("lang") is None and not missing.exists()
    assert Settings.resolve(argparse.Namespace(db=str(missing)), {}).lang == "fr"


def test_the_timer_switches_come_from_the_command_line():
    settings = resolve()
    assert settings.no_timers is False and settings.timers is False
    assert resolve(no_timers=True).no_timers and resolve(timers=True).timers


def test_the_xapi_base_is_the_flag_then_the_environment_then_the_default():
    env = {"LITIGE_XAPI_BASE": "https://env.example/x"}
    assert resolve(env, xapi_base="https://flag.example/x").xapi_base == "https://flag.example/x"
    assert resolve(env, xapi_base=None).xapi_base == "https://env.example/x"
    assert resolve(env).xapi_base == "https://env.example/x"
    assert resolve({"LITIGE_XAPI_BASE": ""}).xapi_base is None  # None: xapi.BASE, where it is used


PUSH = {"lrs": None, "user": None, "password": None}  # the options of `litige push` not given
ENV_LRS = {"LITIGE_LRS": "https://env.example/xAPI/", "LITIGE_LRS_USER": "env", "LITIGE_LRS_PASSWORD": "env-pw"}


def test_the_lrs_is_resolved_for_push_alone():
    assert resolve(ENV_LRS).lrs is None  # a command that sends nothing has no LRS
    assert resolve({}, **PUSH).lrs == LrsAccess(None, None, None)


def test_the_lrs_address_is_the_flag_then_the_environment():
    assert resolve(ENV_LRS, **{**PUSH, "lrs": "https://flag.example/xAPI/"}).lrs == \
        LrsAccess("https://flag.example/xAPI/", "env", "env-pw")
    assert resolve(ENV_LRS, **PUSH).lrs == LrsAccess("https://env.example/xAPI/", "env", "env-pw")


@pytest.mark.parametrize("flags, environ, expected", [
    ({"user": "ben", "password": "other"}, ENV_LRS, ("ben", "other")),  # the options first
    ({}, ENV_LRS, ("ana", "s3cr@t")),                                   # then the address's own
    ({"lrs": "https://lrs.example/xAPI/"}, ENV_LRS, ("env", "env-pw")),  # then the environment's
    ({"lrs": "https://ana@lrs.example/xAPI/"}, ENV_LRS, ("ana", "env-pw")),  # each on its own
    ({"lrs": "https://lrs.example/xAPI/"}, {}, (None, None)),
    ({"lrs": "https://lrs.example/xAPI/", "user": ""}, ENV_LRS, ("", "env-pw")),  # an empty one is given
])
def test_each_lrs_credential_is_its_option_then_the_address_s_then_the_environment_s(flags, environ, expected):
    flags = {**PUSH, "lrs": "https://ana:s3cr%40t@lrs.example/xAPI/", **flags}
    lrs = resolve(environ, **flags).lrs
    assert lrs is not None and (lrs.user, lrs.password) == expected


def test_nothing_is_read_from_the_process_environment(monkeypatch):
    for name, value in {**ENV_LRS, "LITIGE_LANG": "en", "LITIGE_DB": "x.db",
                        "LITIGE_XAPI_BASE": "https://env.example/x"}.items():
        monkeypatch.setenv(name, value)
    settings = resolve({}, **PUSH)
    assert (settings.lang, settings.db, settings.xapi_base) == ("fr", None, None)
    assert settings.lrs == LrsAccess(None, None, None)
