-- A question the bot asked through cs.knowledge.query.v1 carries the query event's ce_id: a redelivered event is
-- recorded once. Questions of the search API have no event id (NULLs never collide in a unique constraint).
ALTER TABLE unanswered_question
    ADD COLUMN event_id VARCHAR(128),
    ADD CONSTRAINT unanswered_question_event_uk UNIQUE (tenant_id, event_id);
