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
