-- Input events already counted (ce_id); written in the same transaction as the counters they moved.
CREATE TABLE processed_event (
    event_id      VARCHAR(64)  PRIMARY KEY,
    processed_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Running totals per tenant, channel and metric. No message text and no customer ids are stored here.
CREATE TABLE counter (
    tenant_id   VARCHAR(64)  NOT NULL,
    channel_id  VARCHAR(64)  NOT NULL,
    metric      VARCHAR(32)  NOT NULL,
    value       BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, channel_id, metric)
);
