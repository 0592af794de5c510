/**
 * SQL that turns the user triggers of the audit tables off or on: the append-only guards of `AuditEvent` and
 * `AuditCheckpoint`, and each monthly partition's own TRUNCATE guard (a statement trigger, which partitions do
 * not inherit). What a tampering test or a benchmark's reset does as the tables' owner.
 */
export const auditTriggers = (state: "DISABLE" | "ENABLE") => `
  ALTER TABLE "AuditEvent" ${state} TRIGGER USER; ALTER TABLE "AuditCheckpoint" ${state} TRIGGER USER;
  DO $$ DECLARE p regclass; BEGIN
    FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = '"AuditEvent"'::regclass LOOP
      EXECUTE format('ALTER TABLE %s ${state} TRIGGER USER', p);
    END LOOP;
  END $$;`;
