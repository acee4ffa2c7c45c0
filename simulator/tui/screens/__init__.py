"""The game's screens, one module each: name, library, briefing, play, debrief (with its map and
model conversation), history, help and the quit confirmation; base.py holds what they share."""

from simulator.tui.screens.base import Base
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.library import LibraryScreen
from simulator.tui.screens.map import MapScreen
from simulator.tui.screens.model import ModelScreen
from simulator.tui.screens.name import NameScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.screens.quit import QuitScreen

__all__ = ["Base", "BriefingScreen", "DebriefScreen", "HelpScreen", "HistoryScreen", "LibraryScreen", "MapScreen",
           "ModelScreen", "NameScreen", "PlayScreen", "QuitScreen"]
