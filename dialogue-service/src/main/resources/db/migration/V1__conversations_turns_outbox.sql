CREATE TABLE conversation (
    id                     VARCHAR(64) PRIMARY KEY,
    tenant_id              VARCHAR(64)  NOT NULL,
    channel_id             VARCHAR(64)  NOT NULL,
    customer_id            VARCHAR(128) NOT NULL,
    status                 VARCHAR(16)  NOT NULL,
    language               VARCHAR(8)   NOT NULL,
    turns                  INTEGER      NOT NULL DEFAULT 0,
    started_at             TIMESTAMPTZ  NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL
);
CREATE INDEX conversation_tenant_idx ON conversation (tenant_id, updated_at DESC);

CREATE TABLE turn (
    id               BIGSERIAL PRIMARY KEY,
    conversation_id  VARCHAR(64)  NOT NULL REFERENCES conversation (id),
    message_id       VARCHAR(128) NOT NULL,
    input_event_id   VARCHAR(64)  NOT NULL,
    correlation_id   VARCHAR(64),
    text             TEXT         NOT NULL,
    language         VARCHAR(8)   NOT NULL,
    intent           VARCHAR(64)  NOT NULL,
    confidence       DOUBLE PRECISION NOT NULL,
    entities         TEXT,
    state            VARCHAR(24)  NOT NULL,
    reply            TEXT,
    created_at       TIMESTAMPTZ  NOT NULL,
    completed_at     TIMESTAMPTZ,
    CONSTRAINT turn_message_uq UNIQUE (conversation_id, message_id)
);

-- ids of the events already handled, written in the same transaction as their state change
CREATE TABLE processed_event (
    event_id      VARCHAR(64) PRIMARY KEY,
    processed_at  TIMESTAMPTZ NOT NULL
);

-- events to publish, written in the same transaction as the state change that caused them
CREATE TABLE outbox_event (
    id              VARCHAR(64) PRIMARY KEY,
    input_event_id  VARCHAR(64)  NOT NULL,
    seq             INTEGER      NOT NULL,
    topic           VARCHAR(128) NOT NULL,
    kafka_key       VARCHAR(128) NOT NULL,
    ce_type         VARCHAR(64)  NOT NULL,
    tenant_id       VARCHAR(64)  NOT NULL,
    correlation_id  VARCHAR(64),
    payload         TEXT         NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    published_at    TIMESTAMPTZ
);
CREATE INDEX outbox_input_idx ON outbox_event (input_event_id, seq);
CREATE INDEX outbox_unpublished_idx ON outbox_event (occurred_at) WHERE published_at IS NULL;
