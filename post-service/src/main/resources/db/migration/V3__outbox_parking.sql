-- An event Kafka refuses for good (larger than a topic takes, say) is parked in place instead of
-- blocking every event behind it: the relay skips parked rows, an admin lists and retries them
-- (GET /api/outbox/parked, POST /api/outbox/parked/retry), and the relay retries them on its own
-- every cms.outbox.parked-retry. A parked row keeps its id, so a retry publishes it in its old place.
ALTER TABLE outbox
    ADD COLUMN parked_at   timestamptz,
    ADD COLUMN park_reason text,
    ADD COLUMN attempts    integer NOT NULL DEFAULT 0;

CREATE INDEX outbox_parked ON outbox (id) WHERE parked_at IS NOT NULL;
