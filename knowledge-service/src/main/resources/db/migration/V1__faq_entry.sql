-- One row per FAQ entry of one tenant. similar_questions holds a JSON array of strings: other ways customers
-- ask the same question; the matcher compares a query with the standard question and each of them.
CREATE TABLE faq_entry (
    id                 VARCHAR(64)  PRIMARY KEY,
    tenant_id          VARCHAR(64)  NOT NULL,
    question           TEXT         NOT NULL,
    similar_questions  TEXT         NOT NULL DEFAULT '[]',
    answer             TEXT         NOT NULL,
    language           VARCHAR(8)   NOT NULL,
    category           VARCHAR(64),
    status             VARCHAR(16)  NOT NULL DEFAULT 'draft',
    valid_from         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    valid_until        TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT faq_entry_language_ck CHECK (language IN ('zh', 'en')),
    CONSTRAINT faq_entry_status_ck CHECK (status IN ('published', 'draft')),
    CONSTRAINT faq_entry_similar_questions_ck CHECK (jsonb_typeof(similar_questions::jsonb) = 'array'),
    CONSTRAINT faq_entry_validity_ck CHECK (valid_until IS NULL OR valid_until > valid_from)
);

-- The service loads one tenant's published entries at a time.
CREATE INDEX faq_entry_tenant_idx ON faq_entry (tenant_id, status);
