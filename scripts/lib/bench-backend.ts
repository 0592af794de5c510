import { spawnSync } from "node:child_process";
import { freshDatabase } from "./fresh-database";

type Backend = "pglite" | "postgres";

/**
 * Which backend this benchmark process measures. With several, it re-runs itself once per backend and
 * exits: settings (and the database connection) are read once per process.
 */
export function benchBackend(requested: string | undefined, fallback: Backend[]): Backend {
  const backends = (requested && requested !== "both" ? [requested] : fallback) as Backend[];
  if (backends.length === 1) return backends[0];
  const rest = process.argv.slice(2).filter((a, i, all) => a !== "--backend" && all[i - 1] !== "--backend");
  for (const b of backends)
    spawnSync(process.execPath, [...process.execArgv, process.argv[1], ...rest, "--backend", b], { stdio: "inherit" });
  process.exit(0);
}

/** A fresh database for the benchmark: a new PostgreSQL database (BENCH_POSTGRES_URL's server) or PGlite folder. */
export function benchDatabase(name: string, backend: Backend) {
  return freshDatabase(
    name,
    backend === "postgres"
      ? (process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres")
      : undefined,
  );
}
