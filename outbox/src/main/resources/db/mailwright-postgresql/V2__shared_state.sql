--liquibase formatted sql

--changeset mailwright:2
--comment: mailwright: the state several nodes share besides the outbox (delivery ledger, notice throttle, suppression list)
-- Mailwright's PostgreSQL schema, version 2. Run it after V1 with Flyway, Liquibase or
-- Outbox.migrate() (PostgresStores.migrate() for a host without an outbox). Times are
-- milliseconds since the epoch (UTC).
-- The inbound delivery ledger: one row per delivery key (Message-ID, target, sender, body hash).
-- state P: a node is calling the handler (owner_lock names it: a live node holds the advisory lock
-- (1836148839, owner_lock) on its own session), D: delivered, R: released after a handler failure.
CREATE TABLE mailwright_inbound_delivery (
    delivery_key CHAR(32) PRIMARY KEY,
    state CHAR(1) NOT NULL CHECK (state IN ('P', 'D', 'R')),
    owner_lock INTEGER NOT NULL,
    source_id VARCHAR(1000) NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
-- The rejection-notice throttle: a row per sender and reason (hashed, no address in clear) and UTC day.
CREATE TABLE mailwright_inbound_notice (
    notice_key CHAR(32) NOT NULL,
    notice_day DATE NOT NULL,
    PRIMARY KEY (notice_key, notice_day)
);
-- The suppression list: one row per address, lower case.
CREATE TABLE mailwright_suppression (
    address VARCHAR(320) PRIMARY KEY,
    score INTEGER NOT NULL DEFAULT 0,
    hard_bounces INTEGER NOT NULL DEFAULT 0,
    soft_bounces INTEGER NOT NULL DEFAULT 0,
    complaints INTEGER NOT NULL DEFAULT 0,
    last_event_at_ms BIGINT,
    last_problem VARCHAR(20),
    last_detail VARCHAR(2000) NOT NULL DEFAULT '',
    last_event_id VARCHAR(1000) NOT NULL DEFAULT '',
    suppressed_at_ms BIGINT
);
