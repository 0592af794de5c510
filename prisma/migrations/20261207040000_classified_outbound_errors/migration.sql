-- Outbound failures are stored as classified reasons (lib/net/outbound-reasons.ts), never as what the
-- target answered. Free text stored before this version (which could quote an internal service's
-- response body) is replaced; the next attempt writes a classified reason.
UPDATE "SiemTarget" SET "lastError" = 'unclassified_error'
WHERE "lastError" IS NOT NULL AND "lastError" !~ '^(http_[1-5][0-9][0-9]|[a-z_]+)$';

UPDATE "WebhookDelivery" SET "lastError" = 'unclassified_error'
WHERE "lastError" IS NOT NULL AND "lastError" !~ '^(http_[1-5][0-9][0-9]|[a-z_]+)$';
