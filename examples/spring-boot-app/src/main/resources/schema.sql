CREATE TABLE IF NOT EXISTS message_status (
    id          BIGSERIAL PRIMARY KEY,
    message_sid TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    request_id  TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
