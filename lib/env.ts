import { z } from "zod";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
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
  WARDEN_DEMO_PASSWORD: z.string().min(12, "WARDEN_DEMO_PASSWORD must be at least 12 characters").optional(),
  WARDEN_SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_GROUPS_CLAIM: z.string().default("groups"),
  OIDC_ROLE_MAP: z.string().default(""),
  /** An OpenAI-compatible API (e.g. an internal LLM gateway, ".../v1") for an advisory second opinion on tool poisoning; off when unset. */
  POISONING_REVIEW_URL: z.string().url("POISONING_REVIEW_URL must be a URL").optional(),
  POISONING_REVIEW_MODEL: z.string().min(1).default("gpt-4o-mini"),
  POISONING_REVIEW_API_KEY: z.string().optional(),
  POISONING_REVIEW_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
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
