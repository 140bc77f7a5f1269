-- Channels as data: configuration, credentials, rate limits and API key rotation with an overlap window.
ALTER TABLE channel ADD COLUMN name VARCHAR(128);
ALTER TABLE channel ADD COLUMN reply_webhook_url VARCHAR(2048);
-- The shared secret that signs outbound webhooks; the gateway needs it in clear to sign.
ALTER TABLE channel ADD COLUMN webhook_secret VARCHAR(128);
-- Channel-type credentials (WeChat appId, appSecret, token, EncodingAESKey, API base URL) as JSON.
ALTER TABLE channel ADD COLUMN credentials TEXT;
ALTER TABLE channel ADD COLUMN rate_channel_per_minute INTEGER;
ALTER TABLE channel ADD COLUMN rate_customer_per_minute INTEGER;
ALTER TABLE channel ADD COLUMN previous_key_hash VARCHAR(64);
ALTER TABLE channel ADD COLUMN previous_key_valid_until TIMESTAMPTZ;
ALTER TABLE channel ADD COLUMN updated_at TIMESTAMPTZ;

-- Rich messages: what kind of message a line is, and its structured part (attachment, location, event, call) as JSON.
ALTER TABLE message ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'text';
ALTER TABLE message ADD COLUMN payload TEXT;

-- Profile hints a channel sends about its customer (latest wins).
CREATE TABLE customer_profile (
    channel_id   VARCHAR(64)  NOT NULL REFERENCES channel (id),
    customer_id  VARCHAR(128) NOT NULL,
    tenant_id    VARCHAR(64)  NOT NULL,
    name         VARCHAR(64),
    vip_level    VARCHAR(32),
    external_id  VARCHAR(128),
    updated_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (channel_id, customer_id)
);

-- Outbound delivery of replies to channels that are pushed to (webhook, WeChat); one row per reply.
CREATE TABLE delivery (
    id               BIGSERIAL PRIMARY KEY,
    message_id       BIGINT       NOT NULL REFERENCES message (id),
    tenant_id        VARCHAR(64)  NOT NULL,
    channel_id       VARCHAR(64)  NOT NULL,
    conversation_id  VARCHAR(64)  NOT NULL,
    reply_id         VARCHAR(128) NOT NULL,
    event_id         VARCHAR(64)  NOT NULL,
    correlation_id   VARCHAR(64),
    status           VARCHAR(16)  NOT NULL,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    last_error       VARCHAR(500),
    reported         BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ,
    CONSTRAINT delivery_reply_uq UNIQUE (channel_id, reply_id)
);
CREATE INDEX delivery_pending_idx ON delivery (conversation_id, id) WHERE status = 'PENDING';
CREATE INDEX delivery_unreported_idx ON delivery (finished_at) WHERE status <> 'PENDING' AND reported = FALSE;

-- WeChat access tokens, shared by every replica; refreshed under an advisory lock by one of them.
CREATE TABLE wechat_token (
    channel_id    VARCHAR(64) PRIMARY KEY REFERENCES channel (id),
    access_token  VARCHAR(600) NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL
);
