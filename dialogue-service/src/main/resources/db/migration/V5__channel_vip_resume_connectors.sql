-- what the channel told us about the conversation, latest hints win: carried into handoff requests
ALTER TABLE conversation ADD COLUMN channel_type     VARCHAR(32);
ALTER TABLE conversation ADD COLUMN customer_profile TEXT;
ALTER TABLE conversation ADD COLUMN call_id          VARCHAR(128);
-- the VIP trigger fires once per conversation: an agent who gives a VIP back to the bot is not overruled
ALTER TABLE conversation ADD COLUMN vip_handed_off   BOOLEAN NOT NULL DEFAULT FALSE;
-- a flow interrupted by another topic: DUE (offer to resume once the other question is answered) or OFFERED
ALTER TABLE conversation ADD COLUMN flow_resume      VARCHAR(8);

-- connectors managed over REST: base URL, an authentication header with an encrypted secret, fault tolerance
ALTER TABLE connector ADD COLUMN base_url            TEXT;
ALTER TABLE connector ADD COLUMN auth_header         VARCHAR(64);
ALTER TABLE connector ADD COLUMN auth_secret         TEXT;
ALTER TABLE connector ADD COLUMN retries             INTEGER NOT NULL DEFAULT 0;
ALTER TABLE connector ADD COLUMN cb_failure_ratio    DOUBLE PRECISION NOT NULL DEFAULT 0.5;
ALTER TABLE connector ADD COLUMN cb_request_volume   INTEGER NOT NULL DEFAULT 4;
ALTER TABLE connector ADD COLUMN cb_delay_ms         INTEGER NOT NULL DEFAULT 10000;
ALTER TABLE connector ADD COLUMN revision            INTEGER NOT NULL DEFAULT 1;
ALTER TABLE connector ADD COLUMN updated_at          TIMESTAMPTZ;
-- reads are safe to repeat: the seeded GET connectors keep the one retry they always had
UPDATE connector SET retries = 1 WHERE method = 'GET';

-- a flow put aside when the customer started another flow mid-way; offered again when that one ends
ALTER TABLE conversation ADD COLUMN suspended_flow   VARCHAR(64);
ALTER TABLE conversation ADD COLUMN suspended_step   VARCHAR(64);
ALTER TABLE conversation ADD COLUMN suspended_slots  TEXT;
