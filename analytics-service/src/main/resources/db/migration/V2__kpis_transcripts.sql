-- KPIs per tenant, time bucket (hour and day, UTC), channel, intent ('' when the event has none), metric and
-- dimension ('' or e.g. a handoff reason, a sentiment label, a survey score). count and total (a sum, e.g. of wait
-- milliseconds or survey scores) only ever grow, in the same transaction as processed_event.
CREATE TABLE kpi (
    tenant_id     VARCHAR(64)       NOT NULL,
    granularity   VARCHAR(4)        NOT NULL CHECK (granularity IN ('hour', 'day')),
    bucket_start  TIMESTAMPTZ       NOT NULL,
    channel_id    VARCHAR(64)       NOT NULL,
    intent        VARCHAR(64)       NOT NULL,
    metric        VARCHAR(32)       NOT NULL,
    dimension     VARCHAR(64)       NOT NULL,
    count         BIGINT            NOT NULL,
    total         DOUBLE PRECISION  NOT NULL,
    PRIMARY KEY (tenant_id, granularity, bucket_start, channel_id, intent, metric, dimension)
);

-- One row per conversation, by the hash of its id; no raw ids.
CREATE TABLE conversation (
    tenant_id          VARCHAR(64)  NOT NULL,
    conversation_hash  VARCHAR(64)  NOT NULL,
    channel_id         VARCHAR(64)  NOT NULL,
    customer_hash      VARCHAR(64)  NOT NULL,
    started_at         TIMESTAMPTZ  NOT NULL,
    handed_off         BOOLEAN      NOT NULL,
    csat               INTEGER      NOT NULL,
    counted            BOOLEAN      NOT NULL,
    PRIMARY KEY (tenant_id, conversation_hash)
);
CREATE INDEX conversation_by_start ON conversation (tenant_id, started_at);

-- Masked transcript lines: customer messages (m:<channel>:<message id>) and replies (r:<reply id>).
CREATE TABLE transcript_line (
    tenant_id          VARCHAR(64)    NOT NULL,
    line_id            VARCHAR(160)   NOT NULL,
    conversation_hash  VARCHAR(64)    NOT NULL,
    channel_id         VARCHAR(64)    NOT NULL,
    sender             VARCHAR(16)    NOT NULL,
    text               VARCHAR(4000)  NOT NULL,
    intent             VARCHAR(64)    NOT NULL,
    sentiment          VARCHAR(64)    NOT NULL,
    at                 TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (tenant_id, line_id)
);
CREATE INDEX transcript_line_by_conversation ON transcript_line (tenant_id, conversation_hash, at);

-- Questions the knowledge base could not answer, masked.
CREATE TABLE unanswered_question (
    event_id           VARCHAR(64)    PRIMARY KEY,
    tenant_id          VARCHAR(64)    NOT NULL,
    channel_id         VARCHAR(64)    NOT NULL,
    conversation_hash  VARCHAR(64)    NOT NULL,
    language           VARCHAR(64)    NOT NULL,
    question           VARCHAR(4000)  NOT NULL,
    asked_at           TIMESTAMPTZ    NOT NULL
);
CREATE INDEX unanswered_question_by_time ON unanswered_question (tenant_id, asked_at);

-- The hash secret made on first start when none is configured (see lingxi.analytics.hash-secret).
CREATE TABLE installation_secret (
    id      INTEGER  PRIMARY KEY CHECK (id = 1),
    secret  BYTEA    NOT NULL
);
