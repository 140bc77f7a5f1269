CREATE TABLE channel (
    id          VARCHAR(64) PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL,
    type        VARCHAR(32)  NOT NULL,
    key_hash    VARCHAR(64)  NOT NULL,
    enabled     BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX channel_tenant_idx ON channel (tenant_id);

CREATE TABLE conversation (
    id               VARCHAR(64) PRIMARY KEY,
    tenant_id        VARCHAR(64)  NOT NULL,
    channel_id       VARCHAR(64)  NOT NULL REFERENCES channel (id),
    customer_id      VARCHAR(128) NOT NULL,
    started_at       TIMESTAMPTZ  NOT NULL,
    last_message_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX conversation_customer_idx ON conversation (channel_id, customer_id, started_at DESC);

CREATE TABLE message (
    id               BIGSERIAL PRIMARY KEY,
    conversation_id  VARCHAR(64)  NOT NULL REFERENCES conversation (id),
    tenant_id        VARCHAR(64)  NOT NULL,
    channel_id       VARCHAR(64)  NOT NULL,
    customer_id      VARCHAR(128),
    sender           VARCHAR(16)  NOT NULL,
    external_id      VARCHAR(128) NOT NULL,
    event_id         VARCHAR(64)  NOT NULL,
    text             TEXT         NOT NULL,
    language         VARCHAR(8),
    quick_replies    TEXT,
    in_reply_to      VARCHAR(128),
    agent_id         VARCHAR(64),
    published        BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMPTZ  NOT NULL,
    CONSTRAINT message_external_id_uq UNIQUE (channel_id, external_id)
);
CREATE INDEX message_conversation_idx ON message (conversation_id, id);
CREATE INDEX message_unpublished_idx ON message (created_at) WHERE published = FALSE;
