-- A plain SQL file: scanned like the others.
SELECT $tag$ DROP TABLE lists; $tag$ AS "delete from", U&'TRUNCATE \0041' AS trap;
select 'a' || $$ TRUNCATE lists $$;
