"""The results store: one SQLite file holding trainees, plays, steps, verdicts, settings and the
xAPI outbox. The only package that opens SQLite; its callers hold a Store (database.py).

Any SQLite failure becomes a StoreError with one clear line (errors.py). The user's file is never
deleted, truncated or rewritten to "repair" it: a file that is not a results database, a schema
version that disagrees with the tables (schema.py), a row changed behind Litige's back
(damage.py, encoding.py) is refused or left out, and named.

The modules, from the file up: location (where the file is), files (what it is before SQLite
opens it), schema (tables, versions, migrations), connection (opening, WAL, the transaction);
moments, names, keys, encoding (how values are written and read back); rows, selection, queries,
learning, aggregate (reading); writes, outbox (writing); database (the Store that ties them)."""

from simulator.results.store.aggregate import Aggregate
from simulator.results.store.database import Store
from simulator.results.store.errors import StoreError
from simulator.results.store.learning import ProgressPlay
from simulator.results.store.location import default_db_path
from simulator.results.store.moments import now_utc
from simulator.results.store.names import match_names, name_key
from simulator.results.store.outbox import OutboxItem
from simulator.results.store.rows import PlayRow, StoredPlay
from simulator.results.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Aggregate", "OutboxItem", "PlayRow", "ProgressPlay", "Store", "StoreError",
           "StoredPlay", "default_db_path", "match_names", "name_key", "now_utc"]
