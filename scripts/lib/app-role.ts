import pg from "pg";
import { appRoleGrants } from "@/lib/db/app-role";
import { connectPostgres } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";

/**
 * On the database of `ownerUrl` (a role that may create roles): migrates as the owner, creates a login
 * role with Warden's application grants, and returns its URL and how to drop it. The e2e server runs
 * as that role, so every spec on PostgreSQL proves Warden works without UPDATE, DELETE or TRUNCATE on
 * the audit tables.
 */
export async function createAppRole(
  ownerUrl: string,
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE ROLE ${name} LOGIN`);
  const owner = connectPostgres(ownerUrl, 1);
  try {
    await migrate(owner);
    await owner.withSession((s) => s.exec(appRoleGrants(name)));
  } finally {
    await owner.close();
  }
  const url = new URL(ownerUrl);
  url.username = name;
  url.password = "";
  return { url: url.toString(), drop: () => admin(`DROP ROLE IF EXISTS ${name}`) };
}
