-- Webhook subscriptions: who wants which content events, signed with which secret.
CREATE TABLE webhook_subscription (
    id                          uuid        PRIMARY KEY,
    url                         text        NOT NULL,
    -- Webhook event types (post.published, ...); empty means every type.
    events                      varchar[]   NOT NULL DEFAULT '{}',
    tag                         text,
    category                    text,
    description                 text,
    active                      boolean     NOT NULL DEFAULT true,
    secret                      text        NOT NULL,
    -- After a rotation the old secret keeps signing, next to the new one, until this time.
    previous_secret             text,
    previous_secret_expires_at  timestamptz,
    -- Set when the CMS disabled the subscription (410 Gone, failing for days), with why.
    disabled_reason             text,
    disabled_at                 timestamptz,
    -- Start of the current run of failed attempts; null while deliveries succeed.
    failing_since               timestamptz,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL
);

-- One message to one subscription. The body is fixed when the delivery is planned, so every retry
-- sends the same bytes under the same webhook-id.
CREATE TABLE webhook_delivery (
    id               uuid        PRIMARY KEY,
    -- Planning order: per subscription and post, a delivery waits for every earlier pending one.
    seq              bigserial   NOT NULL UNIQUE,
    subscription_id  uuid        NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    -- The CloudEvents id of the Kafka event (or a generated id for test messages): planning the same
    -- event twice for a subscription is a no-op.
    event_id         text        NOT NULL,
    event_type       text        NOT NULL,
    post_id          uuid,
    post_version     bigint,
    occurred_at      timestamptz NOT NULL,
    payload          text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    -- Attempts made in the current retry schedule (a redelivery starts a new schedule).
    attempts         int         NOT NULL DEFAULT 0,
    max_attempts     int         NOT NULL,
    next_attempt_at  timestamptz,
    -- A replica that claimed the delivery owns it until then; a crashed replica's claim runs out.
    lease_until      timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_pending_by_post ON webhook_delivery (subscription_id, post_id, seq) WHERE status = 'pending';
CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, seq DESC);

-- Every HTTP attempt of a delivery, for the delivery log.
CREATE TABLE webhook_attempt (
    id            bigserial   PRIMARY KEY,
    delivery_id   uuid        NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempted_at  timestamptz NOT NULL,
    status_code   int,
    error         text,
    latency_ms    int         NOT NULL,
    response_body text
);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, id);
