-- Evaluation jobs (POST /api/v1/knowledge/evaluations): status, progress and report, so that any instance, and this
-- one after a restart, answers GET. The job's input (entries, queries) is held only by the instance running it:
-- heartbeat_at is refreshed by that instance every 5 s, and a queued/running job whose heartbeat is old (the
-- instance stopped) is failed with a reason instead of showing RUNNING for ever.
CREATE TABLE evaluation_job (
    id            VARCHAR(36)  PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    backend       VARCHAR(16)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    phase         VARCHAR(16)  NOT NULL,
    processed     INTEGER      NOT NULL DEFAULT 0,
    total         INTEGER      NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ,
    heartbeat_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    error         TEXT,
    -- the report of a DONE job, as JSON (figures and misses)
    report        TEXT,
    CONSTRAINT evaluation_job_status_ck CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    CONSTRAINT evaluation_job_report_ck CHECK (report IS NULL OR jsonb_typeof(report::jsonb) = 'object')
);

CREATE INDEX evaluation_job_tenant_idx ON evaluation_job (tenant_id, created_at);
CREATE INDEX evaluation_job_unfinished_idx ON evaluation_job (heartbeat_at) WHERE status IN ('QUEUED', 'RUNNING');
