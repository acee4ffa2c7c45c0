"""The game's screens (Textual). Importing this package makes Rich and Textual keep a no-break
space's words on one line (simulator.tui.nobreak): French typography never breaks before `?`."""

from simulator.tui import nobreak

nobreak.install()
