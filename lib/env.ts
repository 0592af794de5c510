import { z } from "zod";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  /** The table owner, for migrations only, so DATABASE_URL can be a role that may only append to the audit tables. */
  DATABASE_MIGRATE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_MIGRATE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  SESSION_MAX_AGE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(8 * 60),
  WARDEN_SIGNING_KEY: z.string().optional(),
  /** Public keys (PEM, one or more) of rotated signing keys whose checkpoints still verify. */
  WARDEN_TRUSTED_KEYS: z.string().optional(),
  /** A folder outside the database (a WORM mount, ideally) that receives every signed checkpoint. */
  WARDEN_CHECKPOINT_DIR: z.string().optional(),
  WARDEN_DEMO_PASSWORD: z.string().min(12, "WARDEN_DEMO_PASSWORD must be at least 12 characters").optional(),
  WARDEN_SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_GROUPS_CLAIM: z.string().default("groups"),
  OIDC_ROLE_MAP: z.string().default(""),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

/** The only reader of process.env: every setting is validated once, with a clear message. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** A variable set to "" (as compose files and CI matrices often leave them) counts as unset. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = ZEnv.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function isEmbedded(): boolean {
  return !env().DATABASE_URL;
}
