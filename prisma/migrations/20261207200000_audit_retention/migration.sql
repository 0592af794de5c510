-- Audit retention (docs/operations.md, "Audit retention"): a month past retention is sealed (a signed statement
-- of its rows, chained to the previous seal), archived outside the database, then its partition is dropped whole.

ALTER TABLE "OrgSettings" ADD COLUMN "auditRetentionDays" INTEGER NOT NULL DEFAULT 365,
ADD COLUMN "auditRetentionByClass" JSONB NOT NULL DEFAULT '{}';

CREATE TABLE "AuditSeal" (
    "month" TEXT NOT NULL,
    "firstSequence" BIGINT NOT NULL,
    "lastSequence" BIGINT NOT NULL,
    "rows" BIGINT NOT NULL,
    "firstPrevHash" TEXT NOT NULL,
    "lastHash" TEXT NOT NULL,
    "prevSealHash" TEXT NOT NULL,
    "sealHash" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "ndjsonFile" TEXT NOT NULL,
    "ndjsonSha256" TEXT NOT NULL,
    "manifestFile" TEXT NOT NULL,
    "manifestSha256" TEXT NOT NULL,
    "sealedAt" TIMESTAMPTZ(3) NOT NULL,
    "droppedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AuditSeal_pkey" PRIMARY KEY ("month")
);

CREATE UNIQUE INDEX "AuditSeal_sealHash_key" ON "AuditSeal"("sealHash");
CREATE INDEX "AuditSeal_lastSequence_idx" ON "AuditSeal"("lastSequence");

-- A seal is evidence: never deleted nor changed, except that its month's drop stamps "droppedAt" once.
CREATE FUNCTION warden_audit_seal_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."droppedAt" IS NULL AND NEW."droppedAt" IS NOT NULL
     AND to_jsonb(NEW) - 'droppedAt' = to_jsonb(OLD) - 'droppedAt' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditSeal is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditSeal_append_only"
  BEFORE UPDATE OR DELETE ON "AuditSeal"
  FOR EACH ROW EXECUTE FUNCTION warden_audit_seal_guard();
CREATE TRIGGER "AuditSeal_no_truncate"
  BEFORE TRUNCATE ON "AuditSeal"
  FOR EACH STATEMENT EXECUTE FUNCTION warden_audit_no_truncate();

-- Detaches and drops the partition of a sealed month ('YYYY-MM'), the only way rows leave the audit log.
-- SECURITY DEFINER: the application's role cannot drop tables; this lets it drop a month only once a seal stands
-- for exactly the rows the partition holds (same count, same first and last sequence, same last hash), the month
-- is older than the previous one, and it is the oldest month left (the chain is only ever cut at its front).
CREATE FUNCTION warden_audit_drop_month(m TEXT) RETURNS TEXT AS $$
DECLARE
  seal public."AuditSeal"%ROWTYPE;
  start TIMESTAMP;
  name TEXT;
  stats RECORD;
BEGIN
  IF m !~ '^\d{4}-(0[1-9]|1[0-2])$' THEN RAISE EXCEPTION 'not a month: %', m; END IF;
  start := to_timestamp(m || '-01', 'YYYY-MM-DD')::timestamp;
  name := 'AuditEvent_p' || replace(m, '-', '');
  IF start >= date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month' THEN
    RAISE EXCEPTION 'month % is the current or the previous month: it is never dropped', m;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('warden_audit_partition'));
  SELECT * INTO seal FROM public."AuditSeal" WHERE month = m FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'month % has no seal: its partition is not dropped', m; END IF;
  IF seal."droppedAt" IS NOT NULL OR to_regclass(format('public.%I', name)) IS NULL THEN RETURN NULL; END IF;
  IF EXISTS (SELECT 1 FROM public."AuditEvent" WHERE "recordedAt" < (start AT TIME ZONE 'UTC')) THEN
    RAISE EXCEPTION 'month % is not the oldest month left in the audit log', m;
  END IF;
  EXECUTE format('SELECT count(*) AS n, min(sequence) AS lo, max(sequence) AS hi,
    (SELECT hash FROM public.%I ORDER BY sequence DESC LIMIT 1) AS last FROM public.%I', name, name) INTO stats;
  IF stats.n <> seal."rows" OR stats.lo <> seal."firstSequence" OR stats.hi <> seal."lastSequence"
     OR stats.last <> seal."lastHash" THEN
    RAISE EXCEPTION 'month % holds % rows (#% to #%), its seal says % (#% to #%): not dropped',
      m, stats.n, stats.lo, stats.hi, seal."rows", seal."firstSequence", seal."lastSequence";
  END IF;
  EXECUTE format('ALTER TABLE public."AuditEvent" DETACH PARTITION public.%I', name);
  EXECUTE format('DROP TABLE public.%I', name);
  UPDATE public."AuditSeal" SET "droppedAt" = now() WHERE month = m;
  RETURN name;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '5s';

-- Only the owner drops a month unless a deployment grants more: with its credentials alone the application could
-- insert a seal row that matches a partition (a forged seal is found by verification, but only after the rows are
-- gone). `npm run audit:retention` runs the whole retention as the owner; GRANT EXECUTE ON FUNCTION
-- warden_audit_drop_month(TEXT) TO the application's role to let its daily job drop too (docs/operations.md).
REVOKE EXECUTE ON FUNCTION warden_audit_drop_month(TEXT) FROM PUBLIC;
