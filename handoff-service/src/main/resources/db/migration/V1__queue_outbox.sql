-- Customers waiting for a human agent. One WAITING entry per conversation at most.
CREATE TABLE queue_entry (
    id                VARCHAR(64)  PRIMARY KEY,
    tenant_id         VARCHAR(64)  NOT NULL,
    conversation_id   VARCHAR(64)  NOT NULL,
    channel_id        VARCHAR(64)  NOT NULL,
    customer_id       VARCHAR(128),
    message_id        VARCHAR(128),
    reason            VARCHAR(64)  NOT NULL,
    skill_group       VARCHAR(64)  NOT NULL,
    priority          VARCHAR(16)  NOT NULL,
    language          VARCHAR(16)  NOT NULL,
    status            VARCHAR(16)  NOT NULL DEFAULT 'WAITING',
    requested_at      TIMESTAMPTZ  NOT NULL,
    request_event_id  VARCHAR(64)  NOT NULL
);
CREATE UNIQUE INDEX queue_entry_waiting_conversation_uq ON queue_entry (tenant_id, conversation_id)
    WHERE status = 'WAITING';
CREATE INDEX queue_entry_queue_idx ON queue_entry (tenant_id, skill_group, status);

-- Input events already handled (ce_id), written in the same transaction as their effects.
CREATE TABLE processed_event (
    event_id      VARCHAR(64)  PRIMARY KEY,
    processed_at  TIMESTAMPTZ  NOT NULL
);

-- Transactional outbox: events decided in a transaction, sent after it commits, re-sent until acknowledged.
CREATE TABLE outbox_event (
    id              VARCHAR(64)   PRIMARY KEY,
    input_event_id  VARCHAR(64)   NOT NULL,
    topic           VARCHAR(128)  NOT NULL,
    kafka_key       VARCHAR(128)  NOT NULL,
    ce_type         VARCHAR(128)  NOT NULL,
    tenant_id       VARCHAR(64)   NOT NULL,
    correlation_id  VARCHAR(128),
    payload         TEXT          NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    published_at    TIMESTAMPTZ
);
CREATE INDEX outbox_event_input_idx ON outbox_event (input_event_id);
CREATE INDEX outbox_event_unpublished_idx ON outbox_event (created_at) WHERE published_at IS NULL;
