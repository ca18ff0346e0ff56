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

-- What GET /billing answers: billing events per filename, kept up to date by the trigger below in the
-- same transaction as each insert into billing_event and each compensating delete, so the answer costs a
-- read of a few dozen rows (one per photo) however long the ledger grows, instead of an aggregate over
-- all of it. Counting a filename's events takes that row's lock for the moment of the statement: inserts
-- of the same filename serialise on it only inside the database, never across a network round trip.
CREATE TABLE IF NOT EXISTS billing_count (
    filename text PRIMARY KEY,
    events   bigint NOT NULL CHECK (events >= 0)
);

CREATE OR REPLACE FUNCTION count_billing_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO billing_count(filename, events) VALUES (NEW.filename, 1)
            ON CONFLICT (filename) DO UPDATE SET events = billing_count.events + 1;
        RETURN NEW;
    END IF;
    UPDATE billing_count SET events = events - 1 WHERE filename = OLD.filename;
    RETURN OLD;
END
$$;

CREATE OR REPLACE FUNCTION clear_billing_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM billing_count;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER billing_event_counted
    AFTER INSERT OR DELETE ON billing_event FOR EACH ROW EXECUTE FUNCTION count_billing_event();

CREATE OR REPLACE TRIGGER billing_event_truncated
    AFTER TRUNCATE ON billing_event FOR EACH STATEMENT EXECUTE FUNCTION clear_billing_counts();

-- A ledger that existed before the counts: counted once, when the counts are still empty.
INSERT INTO billing_count(filename, events)
SELECT filename, count(*) FROM billing_event
WHERE NOT EXISTS (SELECT 1 FROM billing_count)
GROUP BY filename;
