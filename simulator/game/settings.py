"""The program's settings, built once from the command line, the environment, the choices saved
in the game and the defaults, in that order of precedence, then passed down (`Settings.resolve`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeAlias

from simulator.format.errors import LitigeError
from simulator.lang.i18n import LANGS

DEFAULT_LANG = "fr"
LANG_ENV = "LITIGE_LANG"
DB_ENV = "LITIGE_DB"
XAPI_BASE_ENV = "LITIGE_XAPI_BASE"
LRS_ENV, LRS_USER_ENV, LRS_PASSWORD_ENV = "LITIGE_LRS", "LITIGE_LRS_USER", "LITIGE_LRS_PASSWORD"

Saved: TypeAlias = Callable[[str], str | None]
"""A choice saved in the game by its name (the results database's settings: `lang`, …); None: none."""


@dataclass(frozen=True)
class LrsAccess:
    """Where `litige push` sends the statements, and as whom."""

    address: str | None
    """--lrs, else $LITIGE_LRS, as given (a user:password@ written in it included); None: neither."""
    user: str | None
    """HTTP Basic user: --user, else the one written in the address, else $LITIGE_LRS_USER."""
    password: str | None
    """HTTP Basic password: --password, else the one written in the address, else $LITIGE_LRS_PASSWORD."""


@dataclass(frozen=True)
class Settings:
    """What the command line, the environment, the saved choices and the defaults decide, for
    every command and for the game."""

    lang: str = DEFAULT_LANG
    """The language of the game and of every command: --lang, else $LITIGE_LANG, else the choice
    saved in the game (`l`), else French. A value that is not a known language is passed over."""
    lang_flag: str | None = None
    """--lang as given (None without it): a certificate is in the trainee's language unless told."""
    db: str | None = None
    """The results database: --db, else $LITIGE_DB (when not empty); None: neither, the store's
    default file in the user's data directory."""
    no_timers: bool = False
    """The game's time limits off (--no-timers); the game keeps its own toggle besides, saved in
    its store."""
    timers: bool = False
    """Line mode's time limits on (--timers); off by default."""
    xapi_base: str | None = None
    """The xAPI activity base IRI: --xapi-base, else $LITIGE_XAPI_BASE; None: neither (xapi.BASE).
    Checked by the commands that make statements, so that a bad variable stops only them."""
    lrs: LrsAccess | None = None
    """The LRS of a command that sends to one (`litige push`, the one with --lrs); None for the
    others, which send nothing (reading the credentials written in an address imports the HTTP
    client: only push pays for it)."""
    participant: bool = False
    """The game is a workshop seat (--participant, given by `litige serve`): it asks the trainee's
    name first, and neither reads nor writes anyone's saved choices (the room shares one database)."""
    workshop_coach: bool = False
    """A seat plays in coach mode (--coach, the facilitator's `litige serve --coach`)."""
    start_scenario: str | None = None
    """The scenario a seat plays (--scenario: a shipped id, or the file `litige serve --scenario` checked)."""

    @classmethod
    def resolve(cls, args: argparse.Namespace, environ: Mapping[str, str],
                saved: Saved | None = None) -> Settings:
        """The settings of the command line `args` in the environment `environ` (os.environ in the
        program). `saved` reads a choice saved in the game, and is called only when neither the
        command line nor the environment gave the setting; None: read-only from the results
        database these settings name (`saved_in`)."""
        db = _text(args, "db")
        if db is None:
            db = environ.get(DB_ENV) or None
        lang_flag = _text(args, "lang")
        participant = bool(getattr(args, "participant", False))
        if participant:  # a seat: the room's database holds nobody's choices for it
            saved = _nothing_saved
        return cls(
            lang=_lang(lang_flag, environ, saved or saved_in(db)),
            lang_flag=lang_flag,
            db=db,
            no_timers=bool(getattr(args, "no_timers", False)),
            timers=bool(getattr(args, "timers", False)),
            xapi_base=_text(args, "xapi_base") or environ.get(XAPI_BASE_ENV) or None,
            lrs=_lrs(args, environ) if hasattr(args, "lrs") else None,
            participant=participant,
            workshop_coach=bool(getattr(args, "coach", False)),
            start_scenario=_text(args, "start_scenario"),
        )


def _nothing_saved(name: str) -> None:
    return None


def _text(args: argparse.Namespace, name: str) -> str | None:
    """The option `name` of the command line as given; None when not given (or not an option of
    this command)."""
    value = getattr(args, name, None)
    return value if isinstance(value, str) else None


def _lang(flag: str | None, environ: Mapping[str, str], saved: Saved) -> str:
    """The one order of precedence of the language (see Settings.lang)."""
    def given() -> Iterator[str | None]:  # lazily: the saved choice is read only when needed
        yield flag
        yield environ.get(LANG_ENV)
        yield saved("lang")
    return next((lang for lang in given() if lang is not None and lang in LANGS), DEFAULT_LANG)


def _lrs(args: argparse.Namespace, environ: Mapping[str, str]) -> LrsAccess:
    """The LRS access of `litige push` (see LrsAccess): each credential the first given of its
    option, the address's own, the environment's."""
    address = _text(args, "lrs") or environ.get(LRS_ENV) or None
    written_user = written_password = None
    if address:
        from simulator.results.lrs import split_credentials  # http and sockets: for push alone
        _, written_user, written_password = split_credentials(address)
    return LrsAccess(address, _first(_text(args, "user"), written_user, environ.get(LRS_USER_ENV)),
                     _first(_text(args, "password"), written_password, environ.get(LRS_PASSWORD_ENV)))


def _first(*values: str | None) -> str | None:
    """The first value given (an empty one counts: it was given)."""
    return next((v for v in values if v is not None), None)


def saved_in(db: str | None) -> Saved:
    """The choices saved in the game, read when asked from the results database at `db` (None:
    the default file): read-only, nothing is created or migrated on disk; None when there is no
    database or it cannot be read."""
    def read(name: str) -> str | None:
        from simulator.results.store import Store
        try:
            with Store.open(db, readonly=True, must_exist=True) as store:
                return store.get_setting(name)
        except (LitigeError, OSError):
            return None
    return read
