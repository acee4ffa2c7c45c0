"""Workshop mode: a room of trainees playing in their browsers, and the facilitator's view.

Plain Python: `gate` (who may start a game process) and `admissions` (its decisions, counted),
`game_command` (the command each participant's game runs), `lifeline` (a game ends with its
server), `room` and `source` (what the room did), `plain_play` (a seat in line mode),
`simulate` (seeded plays for tests and benchmarks). The web half, imported only by
`litige serve`: `server` wraps textual-serve's aiohttp server, `seat` each participant's game
process, `pages` and `plain_page` the HTML, `plain` the accessible page's sessions.
"""
