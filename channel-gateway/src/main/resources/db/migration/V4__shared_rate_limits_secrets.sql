-- Rate limits shared by every replica: one counter per key (channel, customer of a channel, new visitors) and
-- minute window. Unlogged: counters need no crash safety, and writes skip the WAL.
CREATE UNLOGGED TABLE rate_counter (
    key           VARCHAR(300) NOT NULL,
    window_start  BIGINT       NOT NULL,
    count         INTEGER      NOT NULL,
    PRIMARY KEY (key, window_start)
);

-- Secrets at rest are encrypted (AES-256-GCM, "enc:v1:" prefix): the ciphertext is longer than the secret.
ALTER TABLE channel ALTER COLUMN webhook_secret TYPE TEXT;
