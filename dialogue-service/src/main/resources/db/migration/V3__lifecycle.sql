-- handoff triggers and the end of a conversation
ALTER TABLE conversation ADD COLUMN consecutive_fallbacks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversation ADD COLUMN negative_streak       INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversation ADD COLUMN survey_pending        BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE conversation ADD COLUMN survey_score          INTEGER;
ALTER TABLE conversation ADD COLUMN closed_at             TIMESTAMPTZ;
CREATE INDEX conversation_idle_idx ON conversation (updated_at) WHERE status = 'BOT';
