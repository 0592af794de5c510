import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { API_TOKEN_PREFIX } from "@/lib/crypto/prefixed-secret";
import { ZOAuthConfig, ZUpstreamAuth } from "./oauth/config";
import { hostName, originOf } from "./request-guard";

const ZSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "an upstream is named by its registry slug");

/** How the gateway holds an upstream's sessions, whatever its transport. */
const sessionOptions = {
  /**
   * One connection for every agent (a stateless server, or a heavy process). It is never given
   * sampling or elicitation, and its log messages reach no agent (only a call's own progress does).
   */
  shared: z.boolean().default(false),
  /** the most agent sessions open at once, each with its own upstream session (a process, for stdio) */
  max_sessions: z.number().int().min(1).max(10_000).default(32),
  /** whether the server may ask an agent for an LLM completion (sampling/createMessage); only an ACTIVE server may */
  sampling: z.enum(["allowed", "off"]).default("allowed"),
};
const ZStdioUpstream = z.strictObject({
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  cwd: z.string().optional(),
  ...sessionOptions,
});
const ZHttpUpstream = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }),
  headers: z.record(z.string(), z.string()).default({}),
  auth: ZUpstreamAuth.optional(),
  ...sessionOptions,
});

export const ZGatewayConfig = z
  .strictObject({
    warden: z.strictObject({
      url: z.url({ protocol: /^https?$/, error: "warden.url must be an http(s) URL" }),
      token: z.string().startsWith(API_TOKEN_PREFIX, "warden.token must be a Warden API token (wdn_…)"),
    }),
    /** host:port the HTTP listener binds; 127.0.0.1 unless you mean to expose it */
    listen: z
      .string()
      .regex(/^[^:]+:\d{1,5}$/, "listen is host:port, e.g. 127.0.0.1:8787")
      .default("127.0.0.1:8787"),
    /** extra host names the Host header may carry besides localhost / 127.0.0.1 / [::1] (DNS rebinding guard; any port) */
    allowed_hosts: z
      .array(
        z
          .string()
          .refine((h) => hostName(h) !== undefined, "an allowed host is a name or address, e.g. gw.corp.example"),
      )
      .default([]),
    /** browser origins (scheme://host[:port]) whose requests are served; none by default: a request with any other Origin gets 403 */
    allowed_origins: z
      .array(
        z
          .string()
          .refine(
            (o) => originOf(o) !== undefined,
            "an allowed origin is scheme://host[:port], e.g. https://app.corp.example",
          ),
      )
      .default([]),
    gateway_id: z.string().min(1).max(120).optional(),
    /** sha256 (hex) of each bearer token that may call POST /v1/decide; the endpoint is off while empty */
    decide_tokens_sha256: z
      .array(z.string().regex(/^[0-9a-f]{64}$/, "a token hash is 64 lowercase hex digits (sha256)"))
      .default([]),
    bundle_max_age_seconds: z.number().int().min(1).max(86_400).default(60),
    approval_wait_seconds: z.number().int().min(0).max(3_600).default(0),
    /** "sse" streams progress and notifications on each call; "json" answers with plain JSON bodies */
    response_mode: z.enum(["sse", "json"]).default("sse"),
    spool_dir: z.string().min(1).default(".data/gateway-spool"),
    spool_max_bytes: z
      .number()
      .int()
      .min(1024)
      .default(256 * 1024 * 1024),
    /** fsync each spool write: survives a power cut, at a cost per call; without it a process crash loses nothing */
    spool_fsync: z.boolean().default(false),
    ship_interval_ms: z.number().int().min(50).max(60_000).default(1_000),
    /** an agent session with no request for this long is closed, with its upstream session */
    session_idle_seconds: z.number().int().min(5).max(86_400).default(1_800),
    upstreams: z.record(ZSlug, z.union([ZStdioUpstream, ZHttpUpstream])).refine((u) => Object.keys(u).length > 0, {
      error: "name at least one upstream",
    }),
    /** the URL clients reach the gateway at (https://mcp.corp.example): each /mcp/<slug> under it is an OAuth resource */
    public_url: z
      .url({ protocol: /^https?$/, error: "public_url must be an http(s) URL, e.g. https://mcp.corp.example" })
      .refine((u) => !/[?#]/.test(u), "public_url has no query or fragment")
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
    /** the IdP whose access tokens the gateway accepts (MCP authorization); static wag_ credentials work either way */
    oauth: ZOAuthConfig.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.oauth && !c.public_url)
      ctx.addIssue({
        code: "custom",
        path: ["public_url"],
        message: "oauth needs public_url: the resource clients ask tokens for",
      });
    for (const [slug, u] of Object.entries(c.upstreams))
      if ("url" in u && u.auth?.mode === "token_exchange" && !c.oauth?.client)
        ctx.addIssue({
          code: "custom",
          path: ["upstreams", slug, "auth"],
          message: "token_exchange needs oauth.client (the gateway's own client id and secret at the IdP)",
        });
  });
export type GatewayConfig = z.infer<typeof ZGatewayConfig>;
export type UpstreamConfig = GatewayConfig["upstreams"][string];

/** `${NAME}` in any string value becomes that environment variable; a missing one is an error. */
function interpolate(value: unknown, env: NodeJS.ProcessEnv, missing: Set<string>): unknown {
  if (typeof value === "string")
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      if (env[name] === undefined) missing.add(name);
      return env[name] ?? "";
    });
  if (Array.isArray(value)) return value.map((v) => interpolate(v, env, missing));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env, missing)]));
  return value;
}

/**
 * Parses and validates a gateway config. WARDEN_URL, WARDEN_GATEWAY_TOKEN and WARDEN_GATEWAY_LISTEN override
 * the file. With `baseDir` (the config file's folder), paths are resolved against it, as Compose does:
 * `spool_dir`, each stdio upstream's `cwd` (the folder itself when unset), and any `env` value written as a
 * relative path (`./…` or `../…`), against that upstream's cwd. A server reads such a value on its own
 * terms: @modelcontextprotocol/server-memory joins a relative MEMORY_FILE_PATH to its own package folder.
 */
export function parseGatewayConfig(
  yamlText: string,
  env: NodeJS.ProcessEnv = process.env,
  baseDir?: string,
): GatewayConfig {
  const raw = (parse(yamlText) ?? {}) as Record<string, unknown>;
  const warden = (raw.warden ?? {}) as Record<string, unknown>;
  if (env.WARDEN_URL) warden.url = env.WARDEN_URL;
  if (env.WARDEN_GATEWAY_TOKEN) warden.token = env.WARDEN_GATEWAY_TOKEN;
  if (env.WARDEN_GATEWAY_LISTEN) raw.listen = env.WARDEN_GATEWAY_LISTEN;
  const missing = new Set<string>();
  const resolved = interpolate({ ...raw, warden }, env, missing);
  if (missing.size) throw new Error(`Gateway config: unset environment variable(s) ${[...missing].join(", ")}`);
  const parsed = ZGatewayConfig.safeParse(resolved);
  if (!parsed.success)
    throw new Error(
      `Gateway config is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n")}`,
    );
  return baseDir === undefined ? parsed.data : resolvePaths(parsed.data, path.resolve(baseDir));
}

const RELATIVE_PATH = /^\.\.?[\\/]/;

function resolvePaths(config: GatewayConfig, baseDir: string): GatewayConfig {
  const upstreams = Object.fromEntries(
    Object.entries(config.upstreams).map(([slug, u]) => {
      if (!("command" in u)) return [slug, u];
      const cwd = path.resolve(baseDir, u.cwd ?? ".");
      const env = Object.fromEntries(
        Object.entries(u.env).map(([k, v]) => [k, RELATIVE_PATH.test(v) ? path.resolve(cwd, v) : v]),
      );
      return [slug, { ...u, cwd, env }];
    }),
  );
  return { ...config, spool_dir: path.resolve(baseDir, config.spool_dir), upstreams };
}

/** Reads a gateway config file; its relative paths are resolved against the file's folder. */
export function loadGatewayConfig(file: string, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return parseGatewayConfig(readFileSync(file, "utf8"), env, path.dirname(path.resolve(file)));
}
