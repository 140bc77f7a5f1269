-- Questions the knowledge base could not answer (UNANSWERED) or only guessed at (SUGGESTED), for hot topics.
-- Phone numbers and e-mail addresses are masked before a question is stored.
CREATE TABLE unanswered_question (
    id          BIGSERIAL    PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL,
    question    TEXT         NOT NULL,
    decision    VARCHAR(16)  NOT NULL,
    best_score  DOUBLE PRECISION NOT NULL,
    source      VARCHAR(16)  NOT NULL,
    asked_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT unanswered_question_decision_ck CHECK (decision IN ('UNANSWERED', 'SUGGESTED'))
);

CREATE INDEX unanswered_question_tenant_time_idx ON unanswered_question (tenant_id, asked_at);
