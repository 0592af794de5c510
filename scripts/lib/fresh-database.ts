import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { createScratchDatabase } from "@/lib/db/scratch-database";

/**
 * Points this process's environment at a fresh, empty database: a new PostgreSQL database on the
 * server of `postgresUrl`, or a new PGlite folder. Returns how to remove it afterwards.
 */
export async function freshDatabase(
  name: string,
  postgresUrl?: string,
): Promise<{ kind: "postgres" | "pglite"; drop: () => Promise<void> }> {
  if (postgresUrl) {
    const scratch = await createScratchDatabase(postgresUrl, `${name}_${Date.now()}`);
    process.env.DATABASE_URL = scratch.url;
    process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");
    return { kind: "postgres", drop: scratch.drop };
  }
  const dir = `.data/${name}`;
  rmSync(dir, { recursive: true, force: true });
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = `${dir}/pglite`;
  return { kind: "pglite", drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
