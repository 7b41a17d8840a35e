-- Clean-up of contacts: three risky statements, split across lines and in mixed case.
ALTER TABLE "contacts"
    ADD COLUMN "opted_out" BOOLEAN NOT NULL DEFAULT false,
    drop   column
        "note";

Delete
  From "contacts" WHERE "phone" = '';

-- Column type change (ALTER TYPE).
ALTER TABLE "contacts" ALTER COLUMN "phone" SET DATA TYPE VARCHAR(32);

-- Not risky: dropping a constraint and a default.
ALTER TABLE "contacts" DROP CONSTRAINT IF EXISTS "contacts_phone_key";
ALTER TABLE "contacts" ALTER COLUMN "created_at" DROP DEFAULT;
