-- Bulk imports run as background jobs. A job is all or nothing: its rows are written in one transaction that also
-- moves the job to phase 'indexing', so a job that stops without finishing (the service restarted) wrote nothing.
-- heartbeat_at is refreshed by the instance running the job; a queued/running job whose heartbeat is old is failed.
CREATE TABLE import_job (
    id            VARCHAR(36)  PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    phase         VARCHAR(16)  NOT NULL,
    format        VARCHAR(8)   NOT NULL,
    total         INTEGER      NOT NULL,
    processed     INTEGER      NOT NULL DEFAULT 0,
    created       INTEGER      NOT NULL DEFAULT 0,
    updated       INTEGER      NOT NULL DEFAULT 0,
    rejected      INTEGER      NOT NULL DEFAULT 0,
    -- the first rejected rows: JSON array of {"line", "id", "errors": [...]}
    errors        TEXT         NOT NULL DEFAULT '[]',
    reason        TEXT,
    created_by    VARCHAR(128),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    heartbeat_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT import_job_status_ck CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    CONSTRAINT import_job_phase_ck CHECK (phase IN ('queued', 'validating', 'writing', 'indexing', 'done')),
    CONSTRAINT import_job_errors_ck CHECK (jsonb_typeof(errors::jsonb) = 'array')
);

-- One unfinished import per tenant, across every instance.
CREATE UNIQUE INDEX import_job_one_active_idx ON import_job (tenant_id) WHERE status IN ('queued', 'running');
CREATE INDEX import_job_tenant_idx ON import_job (tenant_id, created_at);
