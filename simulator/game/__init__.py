"""The game for every front end: the library, a play's session with the store, line mode."""
