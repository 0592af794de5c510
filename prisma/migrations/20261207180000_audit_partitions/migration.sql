-- The audit log becomes a table partitioned by month of "recordedAt": the database's time when the row joined
-- the chain, never earlier than the row before it, so each month holds one unbroken run of sequence numbers and
-- a month past retention can be sealed and dropped whole (docs/operations.md, "Audit partitions and retention").
-- Rows are copied once, as they are: no hash is recomputed, and the chain is checked against its hashes after.

-- PostgreSQL wants the partition key in every unique constraint, so the keys that must stay unique across
-- months (the record id, and the ingest idempotency key) live in a small table of their own.
CREATE TABLE "AuditEventKey" (
    "id" UUID NOT NULL,
    "eventId" TEXT,
    "sequence" BIGINT NOT NULL,

    CONSTRAINT "AuditEventKey_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "AuditEventKey_eventId_key" ON "AuditEventKey"("eventId");

ALTER TABLE "AuditEvent" RENAME TO "AuditEvent_unpartitioned";
ALTER TABLE "AuditEvent_unpartitioned" RENAME CONSTRAINT "AuditEvent_pkey" TO "AuditEvent_unpartitioned_pkey";
DROP INDEX "AuditEvent_id_key";
DROP INDEX "AuditEvent_eventId_key";
DROP INDEX "AuditEvent_occurredAt_sequence_idx";
DROP INDEX "AuditEvent_category_occurredAt_sequence_idx";
DROP INDEX "AuditEvent_targetType_targetId_idx";
DROP INDEX "AuditEvent_server_occurredAt_sequence_idx";
DROP INDEX "AuditEvent_agent_occurredAt_sequence_idx";
DROP INDEX "AuditEvent_tool_occurredAt_sequence_idx";
DROP INDEX "AuditEvent_onBehalfOf_occurredAt_sequence_idx";

CREATE TABLE "AuditEvent" (
    "sequence" BIGINT NOT NULL,
    "id" UUID NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "outcome" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "attributes" JSONB,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "eventId" TEXT,
    "server" TEXT,
    "tool" TEXT,
    "agent" TEXT,
    "onBehalfOf" TEXT,
    "sessionId" TEXT,
    "userSource" TEXT,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("sequence", "recordedAt")
) PARTITION BY RANGE ("recordedAt");

-- The partition of the (UTC) month holding `at`, created when missing, with the statement trigger that
-- refuses TRUNCATE (row triggers are inherited from "AuditEvent"; statement triggers are not), and without
-- the UPDATE, DELETE or TRUNCATE that default privileges would give the application's role on a new table.
-- SECURITY DEFINER: the application's role, which has no DDL, may create next month's partition and nothing else.
-- Attaching a partition locks "AuditEvent" against every reader and writer: rather than queue them all behind a
-- long export, give up after 5 s (the hourly sweep tries again; a month's first append fails and is retried).
-- Anyone may run it: all it can do is create an empty month of the log.
CREATE FUNCTION warden_audit_partition(at TIMESTAMPTZ) RETURNS TEXT AS $$
DECLARE
  month TIMESTAMP := date_trunc('month', at AT TIME ZONE 'UTC');
  name TEXT := 'AuditEvent_p' || to_char(month, 'YYYYMM');
  grantee TEXT;
BEGIN
  -- One creator at a time (the hourly sweep and a month's first append may meet): the second finds it made.
  PERFORM pg_advisory_xact_lock(hashtext('warden_audit_partition'));
  IF to_regclass(format('%I', name)) IS NULL THEN
    EXECUTE format(
      'CREATE TABLE IF NOT EXISTS %I PARTITION OF "AuditEvent" FOR VALUES FROM (%L) TO (%L)',
      name, (month AT TIME ZONE 'UTC'), ((month + interval '1 month') AT TIME ZONE 'UTC'));
    EXECUTE format(
      'CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION warden_audit_no_truncate()',
      name || '_no_truncate', name);
    FOR grantee IN
      SELECT DISTINCT a.grantee::regrole::text FROM pg_class c, aclexplode(c.relacl) a
      WHERE c.oid = format('%I', name)::regclass AND a.grantee NOT IN (0, c.relowner)
        AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
    LOOP
      EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I FROM %s', name, grantee);
    END LOOP;
  END IF;
  RETURN name;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '5s';

-- Where each existing row goes: the time it was recorded is not stored, so it is its claimed time, never past
-- now, and never before the row ahead of it (a running maximum in sequence order: a late event joins the month
-- of the rows around it; an event claiming a future time is counted as recorded now).
CREATE TEMP TABLE audit_recorded ON COMMIT DROP AS
  SELECT "sequence", max(least("occurredAt", now())) OVER (ORDER BY "sequence") AS "recordedAt"
  FROM "AuditEvent_unpartitioned";

SELECT warden_audit_partition(m) FROM (
  SELECT DISTINCT date_trunc('month', "recordedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m FROM audit_recorded
  UNION SELECT now() UNION SELECT now() + interval '1 month'
) months ORDER BY m;

INSERT INTO "AuditEvent" ("sequence", "id", "occurredAt", "actorType", "actorId", "actorLabel", "category", "action",
    "targetType", "targetId", "outcome", "before", "after", "attributes", "prevHash", "hash", "eventId", "server",
    "tool", "agent", "onBehalfOf", "sessionId", "userSource", "recordedAt")
  SELECT a."sequence", a."id", a."occurredAt", a."actorType", a."actorId", a."actorLabel", a."category", a."action",
    a."targetType", a."targetId", a."outcome", a."before", a."after", a."attributes", a."prevHash", a."hash",
    a."eventId", a."server", a."tool", a."agent", a."onBehalfOf", a."sessionId", a."userSource", r."recordedAt"
  FROM "AuditEvent_unpartitioned" a JOIN audit_recorded r USING ("sequence");

INSERT INTO "AuditEventKey" ("id", "eventId", "sequence") SELECT "id", "eventId", "sequence" FROM "AuditEvent_unpartitioned";

-- The old table refuses TRUNCATE and DELETE; DROP is what leaves it (its rows now live in the partitions).
DROP TABLE "AuditEvent_unpartitioned";

CREATE INDEX "AuditEvent_recordedAt_idx" ON "AuditEvent" USING BRIN ("recordedAt");
CREATE INDEX "AuditEvent_occurredAt_sequence_idx" ON "AuditEvent"("occurredAt", "sequence");
CREATE INDEX "AuditEvent_category_occurredAt_sequence_idx" ON "AuditEvent"("category", "occurredAt", "sequence");
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");
CREATE INDEX "AuditEvent_server_occurredAt_sequence_idx" ON "AuditEvent"("server", "occurredAt", "sequence");
CREATE INDEX "AuditEvent_agent_occurredAt_sequence_idx" ON "AuditEvent"("agent", "occurredAt", "sequence");
CREATE INDEX "AuditEvent_tool_occurredAt_sequence_idx" ON "AuditEvent"("tool", "occurredAt", "sequence");
CREATE INDEX "AuditEvent_onBehalfOf_occurredAt_sequence_idx" ON "AuditEvent"("onBehalfOf", "occurredAt", "sequence");

-- Append-only, as before: row triggers on "AuditEvent" reach every partition, present and future.
CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION warden_audit_append_only();
CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION warden_audit_no_truncate();
CREATE TRIGGER "AuditEventKey_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEventKey"
  FOR EACH ROW EXECUTE FUNCTION warden_audit_append_only();
CREATE TRIGGER "AuditEventKey_no_truncate"
  BEFORE TRUNCATE ON "AuditEventKey"
  FOR EACH STATEMENT EXECUTE FUNCTION warden_audit_no_truncate();
