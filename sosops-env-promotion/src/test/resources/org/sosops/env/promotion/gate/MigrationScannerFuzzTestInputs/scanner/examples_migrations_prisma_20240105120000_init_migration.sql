-- Initial schema. Nothing here is risky, but everything below tries to look risky.
-- DROP TABLE contacts;  (a line comment: never a finding)

/* A block comment: DROP TABLE campaigns; TRUNCATE contacts;
   /* nested: DELETE FROM contacts; */
   still a comment: ALTER TABLE contacts DROP COLUMN phone; */

CREATE TABLE "contacts" (
    "id"         TEXT PRIMARY KEY,
    "phone"      TEXT NOT NULL,
    "drop table" TEXT,                -- a quoted identifier that spells DROP TABLE
    "note"       TEXT DEFAULT 'DELETE FROM contacts; -- not a comment either',
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE "campaigns" (
    "id"        TEXT PRIMARY KEY,
    "status"    TEXT NOT NULL,
    "truncate"  BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE "message_log" ("id" BIGSERIAL PRIMARY KEY, "body" TEXT);

INSERT INTO "message_log" ("body") VALUES ('It''s fine: TRUNCATE message_log; DROP TABLE contacts;');
INSERT INTO "message_log" ("body") VALUES (E'escaped quote \' then DELETE FROM contacts; still inside');
