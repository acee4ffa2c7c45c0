"""The results store (SQLite) and what is made of it: reports, exports, xAPI, push, progress."""
