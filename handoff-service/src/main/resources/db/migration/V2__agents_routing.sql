-- Skill groups of a tenant (售前, 售后, 投诉, VIP …): one queue each.
CREATE TABLE skill_group (
    id          VARCHAR(64)  PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL,
    code        VARCHAR(64)  NOT NULL,
    name        VARCHAR(128) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX skill_group_code_uq ON skill_group (tenant_id, code);

-- Human agents. Every assignment to an agent locks the agent's row first (SELECT … FOR UPDATE), so the count of
-- their ASSIGNED/OFFERED entries read under that lock is exact and capacity can never be exceeded.
CREATE TABLE agent (
    id                 VARCHAR(64)   PRIMARY KEY,
    tenant_id          VARCHAR(64)   NOT NULL,
    name               VARCHAR(128)  NOT NULL,
    username           VARCHAR(64)   NOT NULL,
    password_hash      VARCHAR(256)  NOT NULL,
    skill_groups       VARCHAR(1024) NOT NULL,
    languages          VARCHAR(256)  NOT NULL,
    max_concurrent     INT           NOT NULL,
    supervisor         BOOLEAN       NOT NULL DEFAULT FALSE,
    working_hours      VARCHAR(32),
    time_zone          VARCHAR(64)   NOT NULL DEFAULT 'Asia/Shanghai',
    status             VARCHAR(16)   NOT NULL DEFAULT 'OFFLINE',
    status_changed_at  TIMESTAMPTZ   NOT NULL,
    disconnected_at    TIMESTAMPTZ,
    last_assigned_at   TIMESTAMPTZ,
    created_at         TIMESTAMPTZ   NOT NULL
);
CREATE UNIQUE INDEX agent_username_uq ON agent (tenant_id, username);

-- A queue entry is now the whole handoff of a conversation: WAITING → (OFFERED →) ASSIGNED → CLOSED /
-- RETURNED; a transfer to a group puts it back to WAITING. At most one active entry per conversation.
DROP INDEX queue_entry_waiting_conversation_uq;
ALTER TABLE queue_entry
    ADD COLUMN rank               INT          NOT NULL DEFAULT 0,
    ADD COLUMN requeued           BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN vip                BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN channel_type       VARCHAR(32),
    ADD COLUMN call_id            VARCHAR(128),
    ADD COLUMN customer_json      TEXT,
    ADD COLUMN summary_json       TEXT,
    ADD COLUMN correlation_id     VARCHAR(128),
    ADD COLUMN agent_id           VARCHAR(64),
    ADD COLUMN offer_expires_at   TIMESTAMPTZ,
    ADD COLUMN declined_by        VARCHAR(2048) NOT NULL DEFAULT '',
    ADD COLUMN assigned_at        TIMESTAMPTZ,
    ADD COLUMN first_response_at  TIMESTAMPTZ,
    ADD COLUMN closed_at          TIMESTAMPTZ,
    ADD COLUMN agent_read_at      TIMESTAMPTZ,
    ADD COLUMN told_position      INT,
    ADD COLUMN transfer_note      VARCHAR(1000),
    ADD COLUMN version            BIGINT       NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX queue_entry_active_conversation_uq ON queue_entry (tenant_id, conversation_id)
    WHERE status IN ('WAITING', 'OFFERED', 'ASSIGNED');
CREATE INDEX queue_entry_agent_idx ON queue_entry (agent_id, status);

-- Who handled what, when: one open row per conversation at most, so two agents can never hold one conversation.
CREATE TABLE assignment (
    id               VARCHAR(64)  PRIMARY KEY,
    tenant_id        VARCHAR(64)  NOT NULL,
    queue_entry_id   VARCHAR(64)  NOT NULL,
    conversation_id  VARCHAR(64)  NOT NULL,
    agent_id         VARCHAR(64)  NOT NULL,
    assigned_at      TIMESTAMPTZ  NOT NULL,
    ended_at         TIMESTAMPTZ,
    end_reason       VARCHAR(32)
);
CREATE UNIQUE INDEX assignment_open_conversation_uq ON assignment (tenant_id, conversation_id) WHERE ended_at IS NULL;
CREATE INDEX assignment_agent_idx ON assignment (agent_id);

-- Every line of every conversation as handoff saw it (customer messages from NLU, bot/system/agent replies),
-- keyed by the id of the message or reply so that redeliveries add nothing.
CREATE TABLE transcript_line (
    id               VARCHAR(160) PRIMARY KEY,
    tenant_id        VARCHAR(64)  NOT NULL,
    conversation_id  VARCHAR(64)  NOT NULL,
    sender           VARCHAR(16)  NOT NULL,
    agent_id         VARCHAR(64),
    text             TEXT         NOT NULL,
    language         VARCHAR(16),
    intent           VARCHAR(128),
    sentiment        DOUBLE PRECISION,
    entities_json    TEXT,
    at               TIMESTAMPTZ  NOT NULL,
    seq              BIGSERIAL
);
CREATE INDEX transcript_line_conversation_idx ON transcript_line (tenant_id, conversation_id, at);

-- Messages left while nobody could answer; an agent claims and answers them later.
CREATE TABLE ticket (
    id               VARCHAR(64)  PRIMARY KEY,
    tenant_id        VARCHAR(64)  NOT NULL,
    conversation_id  VARCHAR(64)  NOT NULL,
    channel_id       VARCHAR(64)  NOT NULL,
    customer_id      VARCHAR(128),
    language         VARCHAR(16)  NOT NULL,
    skill_group      VARCHAR(64)  NOT NULL,
    text             TEXT         NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    agent_id         VARCHAR(64),
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX ticket_open_conversation_uq ON ticket (tenant_id, conversation_id) WHERE status <> 'RESOLVED';
CREATE INDEX ticket_tenant_idx ON ticket (tenant_id, status);
