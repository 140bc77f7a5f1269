-- The bot's first reply to each customer message: the arrival (MessageReceived.receivedAt) and the first bot reply
-- (ReplyCreated.createdAt with inReplyTo), whichever event comes first; the pair counts once into bot_first_reply_ms.
-- The message id is hashed like every other id.
CREATE TABLE bot_response (
    tenant_id     VARCHAR(64)  NOT NULL,
    message_hash  VARCHAR(64)  NOT NULL,
    channel_id    VARCHAR(64)  NOT NULL,
    received_at   TIMESTAMPTZ,
    replied_at    TIMESTAMPTZ,
    counted       BOOLEAN      NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, message_hash)
);

-- The knowledge entries customers hit (hits[0] of ANSWERED/SUGGESTED), with the question of the latest hit, masked;
-- the hits themselves are the kpi metric knowledge_hits (dimension = entry id).
CREATE TABLE knowledge_entry (
    tenant_id  VARCHAR(64)    NOT NULL,
    entry_id   VARCHAR(64)    NOT NULL,
    question   VARCHAR(1000)  NOT NULL,
    seen_at    TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (tenant_id, entry_id)
);

-- Unanswered questions are grouped by a normalised form of their masked text (QuestionKey); older rows get an
-- approximation here and the exact key from a rebuild.
ALTER TABLE unanswered_question ADD COLUMN question_key VARCHAR(4000) NOT NULL DEFAULT '';
UPDATE unanswered_question SET question_key = lower(regexp_replace(question, '[[:space:][:punct:]？！，。、：；“”‘’（）]', '', 'g'));
CREATE INDEX unanswered_question_by_key ON unanswered_question (tenant_id, question_key);
