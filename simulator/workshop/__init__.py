"""Workshop mode: a room of trainees playing in their browsers, and the facilitator's view.

`gate` (who may start a game process) and `room` (what the room did) are plain Python;
`server` wraps textual-serve's aiohttp server and `seat` each participant's game process; both
are imported only by `litige serve`.
"""
