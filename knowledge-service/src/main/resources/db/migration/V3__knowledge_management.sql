-- Knowledge management: keywords, tags and per-channel answers on entries, a version history, per-tenant
-- synonym groups and confidence thresholds.
ALTER TABLE faq_entry
    ADD COLUMN keywords         TEXT        NOT NULL DEFAULT '[]',
    ADD COLUMN tags             TEXT        NOT NULL DEFAULT '[]',
    ADD COLUMN answer_variants  TEXT        NOT NULL DEFAULT '{}',
    ADD COLUMN version          INTEGER     NOT NULL DEFAULT 1,
    ADD COLUMN created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD CONSTRAINT faq_entry_keywords_ck CHECK (jsonb_typeof(keywords::jsonb) = 'array'),
    ADD CONSTRAINT faq_entry_tags_ck CHECK (jsonb_typeof(tags::jsonb) = 'array'),
    ADD CONSTRAINT faq_entry_answer_variants_ck CHECK (jsonb_typeof(answer_variants::jsonb) = 'object');

-- Every saved state of an entry, the current one included; snapshot is the entry as JSON.
CREATE TABLE faq_entry_version (
    entry_id    VARCHAR(64)  NOT NULL,
    version     INTEGER      NOT NULL,
    tenant_id   VARCHAR(64)  NOT NULL,
    snapshot    TEXT         NOT NULL,
    change      VARCHAR(16)  NOT NULL,
    changed_by  VARCHAR(128),
    changed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (entry_id, version),
    CONSTRAINT faq_entry_version_change_ck CHECK (change IN ('created', 'updated', 'deleted', 'imported'))
);
CREATE INDEX faq_entry_version_tenant_idx ON faq_entry_version (tenant_id, entry_id);

-- A group of words that mean the same to customers; terms is a JSON array of at least two strings.
CREATE TABLE synonym_group (
    id          VARCHAR(64)  PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL,
    terms       TEXT         NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT synonym_group_terms_ck CHECK (jsonb_typeof(terms::jsonb) = 'array' AND jsonb_array_length(terms::jsonb) >= 2)
);
CREATE INDEX synonym_group_tenant_idx ON synonym_group (tenant_id);

-- A tenant's confidence thresholds; tenants without a row use the configured defaults.
CREATE TABLE knowledge_settings (
    tenant_id          VARCHAR(64)  PRIMARY KEY,
    answer_threshold   DOUBLE PRECISION NOT NULL,
    suggest_threshold  DOUBLE PRECISION NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT knowledge_settings_thresholds_ck
        CHECK (suggest_threshold > 0 AND suggest_threshold <= answer_threshold AND answer_threshold <= 1)
);

INSERT INTO synonym_group (id, tenant_id, terms) VALUES
    ('demo-syn-parcel', 'demo', '["快递", "物流", "包裹"]'),
    ('demo-syn-refund', 'demo', '["退款", "退钱"]'),
    ('demo-syn-invoice', 'demo', '["发票", "票据"]'),
    ('demo-syn-customer-service', 'demo', '["客服", "人工客服"]'),
    ('demo-syn-parcel-en', 'demo', '["parcel", "package"]'),
    ('demo-syn-refund-en', 'demo', '["refund", "money back", "reimbursement"]');
