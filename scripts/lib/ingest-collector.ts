import { systemActor } from "@/lib/authz/actor";
import { createToken } from "@/lib/services/tokens/create-token";
import { ensureDatabase } from "@/lib/startup/ensure-database";
import { seedDemo } from "@/prisma/seed/demo";

/**
 * The ingest benches' database: migrated, the demo organisation seeded (the servers and agents events name),
 * and a day's ingest token for the collector that sends them. Returns the token.
 */
export async function seedIngestCollector(): Promise<string> {
  await ensureDatabase();
  await seedDemo("bench-password-123");
  const { token } = await createToken(systemActor("bench"), {
    name: "bench-collector",
    scopes: ["ingest"],
    expiresInDays: 1,
  });
  return token;
}
