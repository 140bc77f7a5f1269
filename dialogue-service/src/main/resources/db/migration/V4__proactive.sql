-- customers who asked not to receive proactive messages
CREATE TABLE proactive_opt_out (
    id           BIGSERIAL PRIMARY KEY,
    tenant_id    VARCHAR(64)  NOT NULL,
    customer_id  VARCHAR(128) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT proactive_opt_out_uq UNIQUE (tenant_id, customer_id)
);

-- proactive messages sent, for the per-customer rate limit and idempotent retries
CREATE TABLE proactive_message (
    id               VARCHAR(64) PRIMARY KEY,
    tenant_id        VARCHAR(64)  NOT NULL,
    customer_id      VARCHAR(128) NOT NULL,
    conversation_id  VARCHAR(64)  NOT NULL,
    sent_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX proactive_message_customer_idx ON proactive_message (tenant_id, customer_id, sent_at DESC);
