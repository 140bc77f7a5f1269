-- A tenant's annotated examples: sentences with the names it marked, the training data of its name finder.
CREATE TABLE nlu_annotated_example (
    id         BIGSERIAL     PRIMARY KEY,
    tenant_id  VARCHAR(100)  NOT NULL,
    text       VARCHAR(2000) NOT NULL,
    -- [{"type", "start", "end"}], offsets into text
    entities   TEXT          NOT NULL,
    created_at TIMESTAMPTZ   NOT NULL,
    UNIQUE (tenant_id, text)
);

-- The name finder trained with a model version (OpenNLP TokenNameFinderModel bytes); null when the tenant had no
-- annotated examples then.
ALTER TABLE nlu_model ADD COLUMN name_finder BYTEA;
