"""One play: the `transitions` state machine, what a choice does, and the play record."""
