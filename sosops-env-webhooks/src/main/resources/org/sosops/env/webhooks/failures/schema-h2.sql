-- Webhook failure records (sosops-env-webhooks). Applied on every open: each statement is idempotent,
-- and the ALTERs bring a table created by an older version up to date (older rows count as refused
-- and carry no signing headers, so replay skips them).
CREATE TABLE IF NOT EXISTS sosops_webhook_failures (
    id             VARCHAR(36)              PRIMARY KEY,
    request_id     VARCHAR(128)             NOT NULL,
    endpoint       VARCHAR(512)             NOT NULL,
    provider       VARCHAR(32)              NOT NULL,
    reason         VARCHAR(1024)            NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    headers        CLOB                     NOT NULL,
    signing_headers CLOB                    NOT NULL DEFAULT '{}',
    raw_query      CLOB,
    body           VARBINARY                NOT NULL,
    truncated      BOOLEAN                  NOT NULL DEFAULT FALSE,
    refused        BOOLEAN                  NOT NULL DEFAULT TRUE,
    source_address VARCHAR(64),
    replayed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX IF NOT EXISTS sosops_webhook_failures_received ON sosops_webhook_failures (received_at);
ALTER TABLE sosops_webhook_failures ADD COLUMN IF NOT EXISTS signing_headers CLOB NOT NULL DEFAULT '{}';
ALTER TABLE sosops_webhook_failures ADD COLUMN IF NOT EXISTS raw_query CLOB;
ALTER TABLE sosops_webhook_failures ADD COLUMN IF NOT EXISTS truncated BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sosops_webhook_failures ADD COLUMN IF NOT EXISTS refused BOOLEAN NOT NULL DEFAULT TRUE;
