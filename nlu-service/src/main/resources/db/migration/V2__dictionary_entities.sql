-- A tenant's dictionary entities (products, brands, …): a canonical value per type with its synonyms.
CREATE TABLE nlu_dictionary_entry (
    tenant_id   VARCHAR(100) NOT NULL,
    entity_type VARCHAR(100) NOT NULL,
    value       VARCHAR(200) NOT NULL,
    synonyms    TEXT[]       NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, entity_type, value)
);
