import { z } from "zod";
import { parseOutboundAllow } from "@/lib/schemas/outbound-allow";

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
  /**
   * A read replica of DATABASE_URL (streaming or logical): the dashboard, the audit explorer and audit exports
   * read from it while its heartbeat is fresh. PostgreSQL only.
   */
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_REPLICA_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  /** Beyond this lag (the age of the heartbeat the replica shows), reads go back to the primary. */
  DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  PGLITE_DIR: z.string().default(".data/pglite"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  SESSION_MAX_AGE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(8 * 60),
  /**
   * Reverse proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For entries name the client.
   * Empty: the socket's address is the client, whatever the request says.
   */
  WARDEN_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
          error: (issue) =>
            `WARDEN_TRUSTED_PROXIES: "${String(issue.input)}" is not an IP address or CIDR (e.g. 10.0.0.0/8, fd00::/8)`,
        }),
      ),
    ),
  WARDEN_SIGNING_KEY: z.string().optional(),
  /** Redis (redis://host:6379) for rate limits shared by every console and gateway; else PostgreSQL holds them. */
  WARDEN_REDIS_URL: z.string().optional(),
  /**
   * Where the console's rate limits are shared with other instances. Unset: Redis when WARDEN_REDIS_URL is set,
   * else PostgreSQL when the console runs on it (embedded PGlite: this process counts alone). "off": this
   * process counts alone, exactly; "postgres" or "redis" (which needs WARDEN_REDIS_URL) name the store.
   */
  WARDEN_SHARED_RATE_LIMITS: z.enum(["off", "postgres", "redis"]).optional(),
  /** Public keys (PEM, one or more) of rotated signing keys whose checkpoints still verify. */
  WARDEN_TRUSTED_KEYS: z.string().optional(),
  /** A folder outside the database (a WORM mount, ideally) that receives every signed checkpoint. */
  WARDEN_CHECKPOINT_DIR: z.string().optional(),
  /** A folder outside the database (a WORM or object-lock mount) that receives sealed months; unset: none is sealed. */
  WARDEN_ARCHIVE_DIR: z.string().optional(),
  WARDEN_DEMO_PASSWORD: z.string().min(12, "WARDEN_DEMO_PASSWORD must be at least 12 characters").optional(),
  WARDEN_SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_GROUPS_CLAIM: z.string().default("groups"),
  OIDC_ROLE_MAP: z.string().default(""),
  OIDC_SCOPES: z
    .string()
    .trim()
    .default("openid email profile")
    .refine((s) => s.split(/\s+/).includes("openid"), "OIDC_SCOPES must include openid"),
  /** SSO sessions end this long after sign-in, so the identity provider's group changes apply within it. */
  OIDC_SESSION_MAX_AGE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  WARDEN_PASSWORD_LOGIN: z.enum(["on", "off"]).default("on"),
  /** With WARDEN_PASSWORD_LOGIN=off, the one local account that may still sign in with a password. */
  WARDEN_BREAK_GLASS_EMAIL: z.string().trim().toLowerCase().pipe(z.email()).optional(),
  /** An OpenAI-compatible API (e.g. an internal LLM gateway, ".../v1") for an advisory second opinion on tool poisoning; off when unset. */
  POISONING_REVIEW_URL: z.string().url("POISONING_REVIEW_URL must be a URL").optional(),
  POISONING_REVIEW_MODEL: z.string().min(1).default("gpt-4o-mini"),
  POISONING_REVIEW_API_KEY: z.string().optional(),
  POISONING_REVIEW_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
  /** SIEM and webhook targets that may be loopback, private or link-local: CIDRs or host:port, comma-separated. */
  WARDEN_OUTBOUND_ALLOW: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      try {
        parseOutboundAllow(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
      }
    }),
});

/** Settings that only make sense together. */
const ZCheckedEnv = ZEnv.superRefine((e, ctx) => {
  if (e.WARDEN_SHARED_RATE_LIMITS === "redis" && !e.WARDEN_REDIS_URL)
    ctx.addIssue({
      code: "custom",
      path: ["WARDEN_SHARED_RATE_LIMITS"],
      message: "WARDEN_SHARED_RATE_LIMITS=redis needs WARDEN_REDIS_URL (redis://host:6379)",
    });
  // Gateways share limits through Redis whenever WARDEN_REDIS_URL is set: consoles counting in PostgreSQL
  // beside them would make two pools, and up to twice each limit.
  if (e.WARDEN_SHARED_RATE_LIMITS === "postgres" && e.WARDEN_REDIS_URL)
    ctx.addIssue({
      code: "custom",
      path: ["WARDEN_SHARED_RATE_LIMITS"],
      message:
        "WARDEN_SHARED_RATE_LIMITS=postgres with WARDEN_REDIS_URL set would split each limit in two pools (gateways count in Redis): use redis, or unset WARDEN_REDIS_URL",
    });
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL)
    ctx.addIssue({
      code: "custom",
      path: ["DATABASE_REPLICA_URL"],
      message:
        "DATABASE_REPLICA_URL needs DATABASE_URL: the embedded PGlite database has no replicas (set DATABASE_URL to the primary PostgreSQL, or unset DATABASE_REPLICA_URL)",
    });
  if (e.WARDEN_PASSWORD_LOGIN === "on") return;
  if (!(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET)) {
    ctx.addIssue({
      code: "custom",
      path: ["WARDEN_PASSWORD_LOGIN"],
      message: "WARDEN_PASSWORD_LOGIN=off needs single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)",
    });
  }
  if (!e.WARDEN_BREAK_GLASS_EMAIL) {
    ctx.addIssue({
      code: "custom",
      path: ["WARDEN_BREAK_GLASS_EMAIL"],
      message: "WARDEN_PASSWORD_LOGIN=off needs WARDEN_BREAK_GLASS_EMAIL: the local ADMIN kept for when SSO fails",
    });
  }
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
  const parsed = ZCheckedEnv.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** Where the console shares its rate limits (WARDEN_SHARED_RATE_LIMITS): null when it counts alone, exactly. */
export function sharedRateLimitStore(
  e: Pick<Env, "WARDEN_SHARED_RATE_LIMITS" | "WARDEN_REDIS_URL">,
  database: "pglite" | "postgres",
): "redis" | "postgres" | null {
  if (e.WARDEN_SHARED_RATE_LIMITS === "off") return null;
  if (e.WARDEN_REDIS_URL && e.WARDEN_SHARED_RATE_LIMITS !== "postgres") return "redis";
  return database === "postgres" ? "postgres" : null;
}

export function isEmbedded(): boolean {
  return !env().DATABASE_URL;
}

/**
 * A SIEM token named by a target (never stored in the database). Only WARDEN_SIEM_* variables can be
 * read this way, so an admin cannot aim a target at NEXTAUTH_SECRET or the signing key.
 */
export function siemSecret(name: string): string | undefined {
  if (!/^WARDEN_SIEM_[A-Z0-9_]{1,64}$/.test(name)) return undefined;
  return process.env[name] || undefined;
}

/**
 * WARDEN_OUTBOUND_ALLOW, read at each outbound call as siemSecret is (tests vary it between calls);
 * env() has checked its syntax at start-up.
 */
export function outboundAllowSetting(): string | undefined {
  return process.env.WARDEN_OUTBOUND_ALLOW || undefined;
}
