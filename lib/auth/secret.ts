import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: string | undefined;

/**
 * NEXTAUTH_SECRET signs session cookies. The embedded demo generates one into its data folder
 * so sessions survive restarts; a PostgreSQL deployment must set it explicitly.
 */
export function authSecret(): string {
  if (cached) return cached;
  const { NEXTAUTH_SECRET, DATABASE_URL, PGLITE_DIR } = env();
  if (NEXTAUTH_SECRET) return (cached = NEXTAUTH_SECRET);
  if (DATABASE_URL) throw new Error("NEXTAUTH_SECRET is required when DATABASE_URL is set");
  if (PGLITE_DIR === "memory://") return (cached = randomBytes(32).toString("hex"));
  const file = path.join(path.dirname(path.resolve(PGLITE_DIR)), "auth-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    cached = randomBytes(32).toString("hex");
    writeFileSync(file, cached, { mode: 0o600 });
  }
  return cached;
}
