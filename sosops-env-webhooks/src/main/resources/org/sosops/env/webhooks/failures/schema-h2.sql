-- Webhook failure records (sosops-env-webhooks). Applied when the table is missing.
CREATE TABLE IF NOT EXISTS sosops_webhook_failures (
    id             VARCHAR(36)              PRIMARY KEY,
    request_id     VARCHAR(128)             NOT NULL,
    endpoint       VARCHAR(512)             NOT NULL,
    provider       VARCHAR(32)              NOT NULL,
    reason         VARCHAR(1024)            NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    headers        CLOB                     NOT NULL,
    body           VARBINARY                NOT NULL,
    source_address VARCHAR(64),
    replayed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX IF NOT EXISTS sosops_webhook_failures_received ON sosops_webhook_failures (received_at);
