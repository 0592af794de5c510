-- TRUNCATE fires no row triggers, so the append-only rule needs statement-level ones: the audit
-- log and its checkpoints refuse to be emptied, even by their owner (short of disabling the trigger,
-- which the application's role may not do).
CREATE FUNCTION warden_audit_no_truncate() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: TRUNCATE is refused', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION warden_audit_no_truncate();

CREATE TRIGGER "AuditCheckpoint_no_truncate"
  BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION warden_audit_no_truncate();
