-- mailwright-outbox's embedded store (SQLite), version 1: the same table as
-- db/mailwright-postgresql/V1__outbox.sql in SQLite's types. Applied by the store itself.
CREATE TABLE mailwright_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('queued', 'leased', 'sent', 'failed', 'dead')),
    domain TEXT NOT NULL,
    recipient TEXT NOT NULL,
    envelope_from TEXT NOT NULL,
    message_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    lifetime_from_ms INTEGER NOT NULL,
    due_at_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until_ms INTEGER,
    finished_at_ms INTEGER,
    queue_id TEXT,
    failure_category TEXT,
    failure_code INTEGER,
    failure_status TEXT,
    failure_detail TEXT
);
CREATE INDEX mailwright_outbox_state ON mailwright_outbox (state, due_at_ms, id);
-- The message's bytes apart: SQLite rewrites a whole row on every update, 4 KB included otherwise.
CREATE TABLE mailwright_outbox_message (
    id INTEGER PRIMARY KEY,
    content BLOB NOT NULL
);
