/* Retire the old list table. */
DROP TABLE IF EXISTS
    legacy_lists;

alter table lists alter name type varchar(200);

WITH gone AS (
    delete from list_members WHERE contact_id IS NULL RETURNING list_id
)
SELECT count(*) FROM gone;

ALTER TABLE lists DROP COLUMN truncated, DROP COLUMN drop_date;
