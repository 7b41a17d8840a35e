-- Flyway layout. Identifiers that contain risky words are not risky.
CREATE TABLE lists (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, drop_date DATE, truncated BOOLEAN);
CREATE TABLE list_members (list_id BIGINT REFERENCES lists (id) ON DELETE CASCADE, contact_id TEXT);
COMMENT ON TABLE lists IS 'DROP TABLE lists is what we never do';
