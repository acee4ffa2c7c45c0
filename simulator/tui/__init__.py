"""The game's screens (Textual). Importing this package makes Rich and Textual keep a no-break
space's words on one line (simulator.tui.nobreak): French typography never breaks before `?`;
and adds the game's own messages to the program's (simulator.tui.strings)."""

from simulator.tui import nobreak, strings

nobreak.install()
strings.install()
