-- A tenant's intents and their examples: the training data of its model.
CREATE TABLE nlu_intent (
    tenant_id   VARCHAR(100) NOT NULL,
    name        VARCHAR(100) NOT NULL,
    description VARCHAR(500),
    created_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

CREATE TABLE nlu_example (
    id         BIGSERIAL     PRIMARY KEY,
    tenant_id  VARCHAR(100)  NOT NULL,
    intent     VARCHAR(100)  NOT NULL,
    text       VARCHAR(2000) NOT NULL,
    -- the normalised text: two examples that normalise alike are the same example
    text_key   VARCHAR(2100) NOT NULL,
    created_at TIMESTAMPTZ   NOT NULL,
    FOREIGN KEY (tenant_id, intent) REFERENCES nlu_intent (tenant_id, name) ON DELETE CASCADE,
    UNIQUE (tenant_id, text_key)
);

-- Trained model versions; at most one active per tenant.
CREATE TABLE nlu_model (
    tenant_id  VARCHAR(100) NOT NULL,
    version    VARCHAR(120) NOT NULL,
    bytes      BYTEA        NOT NULL,
    checksum   VARCHAR(64)  NOT NULL,
    examples   INTEGER      NOT NULL,
    report     TEXT,
    active     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, version)
);
CREATE UNIQUE INDEX nlu_model_one_active ON nlu_model (tenant_id) WHERE active;

-- Background jobs: training (kind TRAINING) and evaluation (kind EVALUATION).
CREATE TABLE nlu_job (
    id            VARCHAR(36)  PRIMARY KEY,
    tenant_id     VARCHAR(100) NOT NULL,
    kind          VARCHAR(20)  NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    progress      DOUBLE PRECISION NOT NULL,
    model_version VARCHAR(120),
    report        TEXT,
    errors        TEXT,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX nlu_job_tenant ON nlu_job (tenant_id, created_at);

-- Per-tenant NLU settings; absent means the service defaults.
CREATE TABLE nlu_tenant_settings (
    tenant_id            VARCHAR(100) PRIMARY KEY,
    confidence_threshold DOUBLE PRECISION,
    order_number_pattern VARCHAR(200),
    updated_at           TIMESTAMPTZ  NOT NULL
);
