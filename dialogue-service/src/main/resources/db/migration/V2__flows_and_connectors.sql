-- where each conversation stands in its active flow
ALTER TABLE conversation ADD COLUMN active_flow   VARCHAR(64);
ALTER TABLE conversation ADD COLUMN flow_step     VARCHAR(64);
ALTER TABLE conversation ADD COLUMN flow_slots    TEXT;
ALTER TABLE conversation ADD COLUMN flow_attempts INTEGER NOT NULL DEFAULT 0;

-- a tenant's flow sets; the newest valid upload is active, the default flows serve tenants without one
CREATE TABLE flow_version (
    id           BIGSERIAL PRIMARY KEY,
    tenant_id    VARCHAR(64) NOT NULL,
    version      INTEGER     NOT NULL,
    definition   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   VARCHAR(128),
    CONSTRAINT flow_version_uq UNIQUE (tenant_id, version)
);

-- the enterprise systems a tenant's flows call
CREATE TABLE connector (
    id                BIGSERIAL PRIMARY KEY,
    tenant_id         VARCHAR(64)  NOT NULL,
    name              VARCHAR(64)  NOT NULL,
    method            VARCHAR(8)   NOT NULL,
    url_template      TEXT         NOT NULL,
    headers           TEXT,
    body_template     TEXT,
    response_mapping  TEXT         NOT NULL,
    timeout_ms        INTEGER      NOT NULL DEFAULT 2000,
    CONSTRAINT connector_name_uq UNIQUE (tenant_id, name)
);

-- the demo tenant talks to the demo order API; ${config:...} is resolved from lingxi.dialogue.connector-values.*
INSERT INTO connector (tenant_id, name, method, url_template, headers, body_template, response_mapping, timeout_ms) VALUES
('demo', 'order_status', 'GET', '${config:demo-order-api}/orders/{order_number}',
 '{"X-Api-Key": "${config:demo-order-api-key}"}', NULL,
 '{"status_zh": "/statusText/zh", "status_en": "/statusText/en", "carrier": "/carrier", "tracking_number": "/trackingNumber", "eta": "/eta"}',
 2000),
('demo', 'cancel_order', 'POST', '${config:demo-order-api}/orders/{order_number}/cancel',
 '{"X-Api-Key": "${config:demo-order-api-key}", "Content-Type": "application/json"}', '{"reason": "customer request"}',
 '{"status_en": "/status"}',
 2000);
