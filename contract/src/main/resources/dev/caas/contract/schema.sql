-- The whole schema. Applied by whoever starts the database (testbed, or the user for an external one).
-- billing_event is an append-only ledger, not a hot counter row: many concurrent increments of one row
-- would serialise on its lock; inserts of distinct rows do not.
CREATE TABLE IF NOT EXISTS dog (
    filename text PRIMARY KEY,
    name     text NOT NULL
);

CREATE TABLE IF NOT EXISTS billing_event (
    request_id uuid PRIMARY KEY,
    filename   text        NOT NULL,
    billed_at  timestamptz NOT NULL DEFAULT now()
);

-- What GET /billing answers: billing events per filename, kept up to date by the triggers below in the
-- same transaction as each insert into billing_event and each compensating delete, so the answer costs a
-- read of a few dozen rows (one per photo) however long the ledger grows, instead of an aggregate over
-- all of it. Counting a filename's events takes that row's lock for the moment of the statement: inserts
-- of the same filename serialise on it only inside the database, never across a network round trip.
CREATE TABLE IF NOT EXISTS billing_count (
    filename text PRIMARY KEY,
    events   bigint NOT NULL CHECK (events >= 0)
);

-- Statement-level, over the rows the statement touched: a step's single-row insert or compensating delete
-- costs one upsert or update, and a bulk statement (emptying the ledger) one per filename, not one per row.
CREATE OR REPLACE FUNCTION count_billed_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO billing_count(filename, events)
    SELECT filename, count(*) FROM billed GROUP BY filename
    ON CONFLICT (filename) DO UPDATE SET events = billing_count.events + EXCLUDED.events;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION count_unbilled_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE billing_count SET events = billing_count.events - unbilled_counts.events
    FROM (SELECT filename, count(*) AS events FROM unbilled GROUP BY filename) AS unbilled_counts
    WHERE billing_count.filename = unbilled_counts.filename;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION clear_billing_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM billing_count;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER billing_event_billed
    AFTER INSERT ON billing_event REFERENCING NEW TABLE AS billed
    FOR EACH STATEMENT EXECUTE FUNCTION count_billed_events();

CREATE OR REPLACE TRIGGER billing_event_unbilled
    AFTER DELETE ON billing_event REFERENCING OLD TABLE AS unbilled
    FOR EACH STATEMENT EXECUTE FUNCTION count_unbilled_events();

CREATE OR REPLACE TRIGGER billing_event_truncated
    AFTER TRUNCATE ON billing_event FOR EACH STATEMENT EXECUTE FUNCTION clear_billing_counts();

-- A ledger that existed before the counts: counted once, when the counts are still empty.
INSERT INTO billing_count(filename, events)
SELECT filename, count(*) FROM billing_event
WHERE NOT EXISTS (SELECT 1 FROM billing_count)
GROUP BY filename;
