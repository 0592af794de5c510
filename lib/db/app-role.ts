/** Tables the application may only append to and read: the evidence, and the keys named by it. */
export const APPEND_ONLY_TABLES = [
  "AuditEvent",
  "AuditEventKey",
  "AuditCheckpoint",
  "AuditSeal",
  "SigningKey",
] as const;

/**
 * The grants, run as the tables' owner after migrating, that let `role` run Warden and nothing more:
 * read and write the ordinary tables (and those later migrations create, through default privileges),
 * but only INSERT and SELECT the audit tables, and no DDL at all. Without UPDATE, DELETE and TRUNCATE,
 * and without ownership (so it cannot disable the triggers), the role cannot rewrite the evidence. The audit
 * log's monthly partitions are revoked alike (later ones by warden_audit_partition, which creates them).
 */
export function appRoleGrants(role: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`Unsafe role name: ${role}`);
  const audit = APPEND_ONLY_TABLES.map((t) => `"${t}"`).join(", ");
  return `
GRANT USAGE ON SCHEMA public TO ${role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${audit} FROM ${role};
DO $$ DECLARE p regclass; BEGIN
  FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = '"AuditEvent"'::regclass LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %s FROM ${role}', p);
  END LOOP;
END $$;
REVOKE ALL ON "_prisma_migrations" FROM ${role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role};
`;
}
