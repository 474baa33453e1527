"""The corpus database: newskit records in SQLite, through sqlite-utils.

``newskit extract ... --db corpus.db`` writes every record into the tidy
tables of :mod:`newskit.write.tables` (``articles``, ``boilerplate``,
``entities``, ``mentions``, ``quotes``, ``dates``) with foreign keys to
``articles.id`` (and from mentions and quotes to their entity, :data:`LINKS`),
indexes on what people filter on, FTS5 full-text search on quote texts and titles, a ``speakers``
view and a ``people`` view (people mentioned and quoted per article, with their gender). ``articles`` also records
how each article was analysed: the SHA-256 of its text, the newskit and model
versions and the time of writing.

* :class:`Corpus` opens (and, for writing, creates) a database, writes a
  batch of records in one transaction, and reads records back in the order
  they were first written.
* :class:`newskit.write.corpusfeed.CorpusWriter` feeds a :class:`Corpus` from an
  engine's output stream (batches, repeated ids, ``resume``).

Sharing: several runs may write one database at once. Each batch is one short
``BEGIN IMMEDIATE`` transaction (the write lock is taken up front), a writer
waits up to :data:`BUSY_SECONDS` for the lock and retries a transaction that
still meets a locked database (:data:`RETRIES` times, with growing pauses), so
no run loses a row or dies of ``database is locked``.

Limits: the article id is the key. Within one run the first article with an id
is kept and a later one with the same id is skipped with one warning per id
(the same rule on every run, with or without ``--resume``); a new run replaces
the rows of the ids it writes. A run stopped by an error, Ctrl-C or SIGTERM
keeps the batches it had committed and drops the batch it was collecting.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Container, Dict, Iterable, Iterator, List, Optional, Tuple

from newskit.records import ArticleRecord
from .tables import ARTICLES, SPECS, TABLES, record_from_rows, record_rows

SQLITE_MAGIC = b"SQLite format 3\x00"
# how each article was analysed: the key of --resume, and provenance
META_COLUMNS: Dict[str, type] = {"text_sha256": str, "newskit_version": str, "model": str,
                                 "model_version": str, "analysed_at": str}
# Links to entities, for Datasette and SQL tools: each entity row has one text key,
# "ARTICLE_ID/ENTITY_ID" (unique, as (article_id, entity_id) is), and mentions and quotes carry
# it in a column with a one-column foreign key (Datasette follows only one-column keys).
# table -> (key column, the column of the entity id it is made from)
LINKS: Dict[str, Tuple[str, str]] = {"entities": ("entity_key", "entity_id"), "mentions": ("entity_key", "entity_id"),
                                     "quotes": ("speaker_key", "speaker_entity")}
INDEXES: Dict[str, List[str]] = {"entities": ["label", "name"], "quotes": ["speaker_name"], "dates": ["value"],
                                 "articles": ["text_sha256", "url"]}  # --resume looks texts and fetched URLs up
# Waiting for another writer: SQLite's busy timeout, then whole-transaction retries. A batch
# transaction takes milliseconds, so a minute of waiting means something is stuck, not busy.
BUSY_SECONDS = 60.0
RETRIES = 8
FTS: Dict[str, List[str]] = {"quotes": ["text"], "articles": ["title"]}
VIEWS: Dict[str, str] = {
    "speakers": (
        "SELECT q.speaker_name AS speaker_name, COUNT(*) AS quotes, COUNT(DISTINCT q.article_id) AS articles, "
        "MIN(a.published) AS first_published, MAX(a.published) AS last_published "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.speaker_name IS NOT NULL GROUP BY q.speaker_name ORDER BY quotes DESC, speaker_name"
    ),
    # one row per person (PERSON, not a credit) per article, as newskit.write.peoplecounts counts them;
    # outlet: the URL's host without "www." (peoplecounts.outlet)
    "people": (
        "SELECT article_id, published, substr(published, 1, 7) AS month, "
        "CASE WHEN host LIKE 'www.%' THEN substr(host, 5) ELSE NULLIF(host, '') END AS outlet, "
        "entity_id, name, gender, gender_source, quotes, quotes > 0 AS quoted FROM ("
        "SELECT e.article_id AS article_id, a.published AS published, e.entity_id AS entity_id, e.name AS name, "
        "e.gender AS gender, e.gender_source AS gender_source, "
        "lower(CASE WHEN instr(a.url, '://') = 0 THEN NULL "
        "WHEN instr(substr(a.url, instr(a.url, '://') + 3), '/') = 0 THEN substr(a.url, instr(a.url, '://') + 3) "
        "ELSE substr(substr(a.url, instr(a.url, '://') + 3), 1, instr(substr(a.url, instr(a.url, '://') + 3), '/') - 1) "
        "END) AS host, "
        "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = e.article_id AND q.speaker_entity = e.entity_id) AS quotes "
        "FROM entities e JOIN articles a ON a.id = e.article_id "
        "WHERE e.label = 'PERSON' AND e.role IS NULL)"
    ),
}
_READ_CHUNK = 500  # articles fetched per round of child-table queries


class CorpusError(Exception):
    """A database that cannot be used; the message names the file."""


@dataclass(frozen=True)
class RunInfo:
    """Which analysis wrote a row: with the text hash, what --resume compares."""

    newskit_version: str
    model: str
    model_version: str

    @classmethod
    def of(cls, nlp) -> "RunInfo":
        from newskit import __version__

        meta = nlp.meta
        return cls(__version__, f"{meta.get('lang', '?')}_{meta.get('name', '?')}", str(meta.get("version", "?")))


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def is_database(path: str) -> bool:
    """Whether ``path`` is an SQLite file (by its header)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def table_columns(name: str) -> List[str]:
    """The columns of a table, in order (``articles`` with its analysis columns)."""
    spec = SPECS[name]
    return spec.column_names + (list(META_COLUMNS) if name == ARTICLES else []) + \
        ([LINKS[name][0]] if name in LINKS else [])


def _chunks(items: list, size: int = _READ_CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _retry_locked(step: Callable[[], None]) -> None:
    """Run ``step``; while it fails because another run holds the database, try again with
    growing pauses (at most :data:`RETRIES` times)."""
    for attempt in range(RETRIES + 1):
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if attempt == RETRIES or not _locked(exc):
                raise
            time.sleep(min(2.0, 0.05 * 2 ** attempt))


class Corpus:
    """A newskit corpus database (see the module docstring)."""

    def __init__(self, path: str, create: bool = True):
        import sqlite_utils

        self.path = path
        exists = os.path.exists(path) and os.path.getsize(path) > 0
        if exists and not is_database(path):
            raise CorpusError(f"{path}: not an SQLite database")
        if not exists and not create:
            raise CorpusError(f"{path}: no such database")
        try:
            self.db = sqlite_utils.Database(sqlite3.connect(path, timeout=BUSY_SECONDS))
        except sqlite3.Error as exc:
            raise CorpusError(f"{path}: cannot open ({exc})") from exc
        try:
            self._settings(create)
            self._check_tables(create)
            if create:
                self._retrying(self._create)
        except sqlite3.Error as exc:
            self.db.close()
            raise CorpusError(f"{path}: {exc}") from exc
        except CorpusError:
            self.db.close()
            raise

    def _check_tables(self, create: bool) -> None:
        names = set(self.db.table_names())
        if not create and ARTICLES not in names:
            raise CorpusError(f"{self.path}: not a newskit database (no articles table)")
        self._unlinked = []  # tables written before LINKS: their key column is added on writing
        self._missing: Dict[str, List[str]] = {}  # columns newer than the table: added on writing
        for spec in TABLES:
            have = list(self.db[spec.name].columns_dict) if spec.name in names else None
            want = table_columns(spec.name)
            if have is not None and have != want:
                if not set(spec.keys) <= set(have) or not set(have) <= set(want):
                    raise CorpusError(f"{self.path}: table {spec.name} does not have newskit's columns "
                                      "(another program's, or another newskit version's); use a new file")
                missing = [c for c in want if c not in have]  # an older newskit's table
                if spec.name in LINKS and LINKS[spec.name][0] in missing:
                    self._unlinked.append(spec.name)
                    missing.remove(LINKS[spec.name][0])
                if missing:
                    self._missing[spec.name] = missing
            if not create and spec.name not in names:
                raise CorpusError(f"{self.path}: not a newskit database (no {spec.name} table)")

    @contextmanager
    def _immediate(self):
        """One write transaction that holds the write lock from its start (no deadlock between
        two writers that both read first)."""
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        conn.execute("COMMIT")

    def _retrying(self, work: Callable[[], None]) -> None:
        """Run ``work`` in a write transaction; when the database stays locked past the busy
        timeout, roll back and try the whole transaction again, with growing pauses."""
        def transaction() -> None:
            with self._immediate():
                work()
        _retry_locked(transaction)

    def _settings(self, create: bool) -> None:
        """Connection settings, made outside any transaction (where SQLite honours them)."""
        if create:
            _retry_locked(self._wal)
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")

    def _wal(self) -> None:
        """WAL mode: commits are cheap and readers can watch a run. (Switching to it needs the
        file to itself for a moment; SQLite answers "locked" at once then, without waiting for
        the busy timeout, when several runs open a new database together: hence the retries.)"""
        if self.db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            self.db.enable_wal()

    def _create(self) -> None:
        """Tables, indexes, full-text search and views, each only if missing (in one
        transaction, so two runs creating one database at once do not collide)."""
        db = self.db
        self._add_columns()
        self._add_links()
        for spec in TABLES:
            columns = {k: int if k == "n" else str for k in spec.keys}
            columns.update({c.name: c.type for c in spec.columns})
            fks = None
            if spec.name == ARTICLES:
                columns.update(META_COLUMNS)
            else:
                fks = [("article_id", ARTICLES, "id")]
            if spec.name in LINKS:
                columns[LINKS[spec.name][0]] = str
                if spec.name != "entities":
                    fks.append((LINKS[spec.name][0], "entities", "entity_key"))
            db[spec.name].create(columns, pk=spec.pk, foreign_keys=fks, not_null=set(spec.keys) or {"id"},
                                 if_not_exists=True)
            if spec.name == "entities":  # the keys the links point at
                db["entities"].create_index(["entity_key"], unique=True, if_not_exists=True)
                db["entities"].create_index(["article_id", "entity_id"], unique=True, if_not_exists=True)
        for table, cols in INDEXES.items():
            for col in cols:
                db[table].create_index([col], if_not_exists=True)
        for table, cols in FTS.items():
            if not db[table].detect_fts():
                db[table].enable_fts(cols, create_triggers=True, tokenize="porter")
        for name, sql in VIEWS.items():
            db.create_view(name, sql, replace=True)

    def _add_columns(self) -> None:
        """Give a table written by an older newskit the record fields added since (null in its
        rows: those articles were analysed without them)."""
        for table, missing in self._missing.items():
            spec = SPECS[table]
            types = {c.name: c.type for c in spec.columns}
            for col in missing:
                if col not in self.db[table].columns_dict:  # another run may have added it first
                    sql_type = "INTEGER" if types.get(col) is int else "TEXT"
                    self.db.execute(f"ALTER TABLE {_q(table)} ADD COLUMN {_q(col)} {sql_type}")
        self._missing = {}

    def _add_links(self) -> None:
        """Give a database written before :data:`LINKS` its entity keys, filled from the rows."""
        for table in [t for t in LINKS if t in self._unlinked]:  # entities first
            key, source = LINKS[table]
            if key in self.db[table].columns_dict:
                continue  # another run added it first
            fk = "" if table == "entities" else " REFERENCES entities(entity_key)"
            known = "" if table == "entities" else (
                f" AND EXISTS (SELECT 1 FROM entities e WHERE e.article_id = {_q(table)}.article_id "
                f"AND e.entity_id = {_q(table)}.{_q(source)})")
            self.db.execute(f"ALTER TABLE {_q(table)} ADD COLUMN {_q(key)} TEXT{fk}")
            self.db.execute(f"UPDATE {_q(table)} SET {_q(key)} = article_id || '/' || {_q(source)} "
                            f"WHERE {_q(source)} IS NOT NULL{known}")
            if table == "entities":
                self.db["entities"].create_index(["entity_key"], unique=True, if_not_exists=True)
        self._unlinked = []

    # ------------------------------------------------------------------ writing

    def fingerprint(self, article_id: str) -> Optional[Tuple[str, RunInfo]]:
        """(text hash, analysis) of the stored article with this id, if any."""
        row = self.db.execute(
            "SELECT text_sha256, newskit_version, model, model_version FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        return (row[0], RunInfo(*row[1:])) if row else None

    def analysed(self, article_id: str, digest: str, run: RunInfo, ignore: Container[str] = ()) -> bool:
        """Whether this text was already analysed the same way: stored under this id, or under
        any other id outside ``ignore`` (the ids the current run writes itself, so that what it
        has committed so far never decides what it skips)."""
        if self.fingerprint(article_id) == (digest, run):
            return True
        rows = self.db.execute(
            "SELECT id FROM articles WHERE text_sha256 = ? AND newskit_version = ? AND model = ? "
            "AND model_version = ?", [digest, run.newskit_version, run.model, run.model_version])
        return any(rid not in ignore for (rid,) in rows)

    def write(self, items: Iterable[Tuple[ArticleRecord, str]], run: RunInfo) -> None:
        """Upsert (record, text hash) pairs in one transaction.

        Each article's child rows are deleted, then its row upserted and its
        new child rows inserted, so a re-run replaces rather than duplicates.
        """
        latest = {rec.id: (rec, digest) for rec, digest in items}  # a repeated id: the last one wins
        if not latest:
            return
        when = now()
        meta = {"newskit_version": run.newskit_version, "model": run.model, "model_version": run.model_version,
                "analysed_at": when}
        rows: Dict[str, List[dict]] = {spec.name: [] for spec in TABLES}
        for rec, digest in latest.values():
            for table, got in _linked(record_rows(rec)).items():
                rows[table] += got
            rows[ARTICLES][-1].update(meta, text_sha256=digest)
        ids = list(latest)

        def work() -> None:
            for spec in reversed(TABLES[1:]):  # rows that point at entities go before the entities
                for part in _chunks(ids):
                    self.db[spec.name].delete_where(f"article_id IN ({', '.join('?' * len(part))})", part)
            self.db[ARTICLES].upsert_all(rows[ARTICLES], pk="id")
            for spec in TABLES[1:]:
                self.db[spec.name].insert_all(rows[spec.name])

        self._retrying(work)

    # ------------------------------------------------------------------ reading

    def counts(self) -> Dict[str, int]:
        return {spec.name: self.db[spec.name].count for spec in TABLES}

    def records(self) -> Iterator[ArticleRecord]:
        """Every stored record, in the order the articles were first written."""
        names = [c for c in table_columns(ARTICLES) if c not in META_COLUMNS]
        cursor = self.db.execute(f"SELECT {', '.join(_q(c) for c in names)} FROM articles ORDER BY rowid")
        while True:
            chunk = [dict(zip(names, row)) for row in cursor.fetchmany(_READ_CHUNK)]
            if not chunk:
                return
            yield from self._with_children(chunk)

    def _with_children(self, articles: List[dict]) -> Iterator[ArticleRecord]:
        ids = [a["id"] for a in articles]
        marks = ", ".join("?" * len(ids))
        children: Dict[str, Dict[str, List[dict]]] = {}
        for spec in TABLES[1:]:
            order = "article_id, entity_id, n" if spec.name == "mentions" else "article_id, n"
            rows = self.db.query(f"SELECT * FROM {_q(spec.name)} WHERE article_id IN ({marks}) ORDER BY {order}", ids)
            per: Dict[str, List[dict]] = {}
            for row in rows:
                per.setdefault(row["article_id"], []).append(row)
            children[spec.name] = per
        for art in articles:
            yield record_from_rows(art, {t: per.get(art["id"], []) for t, per in children.items()})

    def close(self) -> None:
        self.db.close()


def _linked(rows: Dict[str, List[dict]]) -> Dict[str, List[dict]]:
    """One record's rows with the entity keys of :data:`LINKS` filled in (a quote whose speaker is
    no entity of the article gets none)."""
    known = set()
    for table, (key, source) in LINKS.items():
        for row in rows[table]:
            value = f"{row['article_id']}/{row[source]}" if row[source] is not None else None
            if table == "entities":
                known.add(value)
            row[key] = value if value in known else None
    return rows


def now() -> str:
    """The time written to ``analysed_at`` (UTC, ISO 8601, seconds)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _locked(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_records(path: str, on_error) -> Iterator[ArticleRecord]:
    """Records stored in a database; a database that cannot be read is reported through ``on_error``."""
    try:
        corpus = Corpus(path, create=False)
    except CorpusError as exc:
        on_error(str(exc))
        return
    try:
        yield from corpus.records()
    except sqlite3.Error as exc:
        on_error(f"{path}: cannot read ({exc})")
    finally:
        corpus.close()


class StoredURLs:
    """``stored(url)``: whether an article fetched from ``url`` is in the database at ``path``
    (as its id, or as its URL after redirects). Read-only, with its own connection, opened at the
    first question, so it may run in another thread than the writer; a database that does not
    exist (yet) holds nothing."""

    def __init__(self, path: str):
        self.path = path
        self._conn: Optional[sqlite3.Connection] = None

    def __call__(self, url: str) -> bool:
        if self._conn is None:
            if not is_database(self.path):
                return False
            from urllib.request import pathname2url

            uri = f"file:{pathname2url(os.path.abspath(self.path))}?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            row = self._conn.execute("SELECT 1 FROM articles WHERE id = ? OR url = ? LIMIT 1", [url, url]).fetchone()
        except sqlite3.OperationalError:  # no articles table yet
            return False
        return row is not None
