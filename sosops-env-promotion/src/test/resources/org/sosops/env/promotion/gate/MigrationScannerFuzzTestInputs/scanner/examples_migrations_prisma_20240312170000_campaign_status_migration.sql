-- A function whose body mentions risky SQL: dollar-quoted bodies run later, not at migration time.
CREATE FUNCTION purge_log() RETURNS void LANGUAGE plpgsql AS $body$
BEGIN
    DELETE FROM message_log WHERE id < 0;
    EXECUTE 'TRUNCATE message_log';
END
$body$;

DO $$ BEGIN RAISE NOTICE 'DROP TABLE campaigns'; END $$;

CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'sending', 'sent');
ALTER TYPE "CampaignStatus" ADD VALUE 'archived';

TRUNCATE TABLE message_log;
