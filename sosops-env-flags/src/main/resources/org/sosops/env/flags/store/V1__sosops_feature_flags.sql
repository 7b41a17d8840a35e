-- Feature flag values of the "db" layer (CONTRACT §5: org > env > db > default).
-- Shipped for Flyway/Liquibase users as is; JdbcFlagStore.migrate() applies it with the configured
-- table name in place of sosops_feature_flags (the channel and trigger names follow that name).
CREATE TABLE IF NOT EXISTS sosops_feature_flags (
    flag_key   text        PRIMARY KEY CHECK (length(flag_key) BETWEEN 1 AND 200),
    value      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every change, from this library or from any SQL client, tells the listening instances which flag moved.
CREATE OR REPLACE FUNCTION sosops_feature_flags_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sosops_feature_flags_changed',
                      CASE WHEN TG_OP = 'DELETE' THEN OLD.flag_key ELSE NEW.flag_key END);
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS sosops_feature_flags_changed ON sosops_feature_flags;
CREATE TRIGGER sosops_feature_flags_changed
    AFTER INSERT OR UPDATE OR DELETE ON sosops_feature_flags
    FOR EACH ROW EXECUTE FUNCTION sosops_feature_flags_notify();
