import fc from "fast-check";

/** What the world looks like to the fuzzer: real ids and slugs, so some requests reach deep into services. */
export type FuzzPool = { ids: string[]; slugs: string[]; plausible: unknown[] };

// Field and query names Warden's schemas use, so generated objects hit real validation paths.
const FIELDS = [
  "name",
  "slug",
  "id",
  "email",
  "password",
  "roles",
  "teamIds",
  "disabled",
  "reason",
  "status",
  "decision",
  "comment",
  "agent",
  "server",
  "tool",
  "arguments",
  "onBehalfOf",
  "sessionId",
  "toolHash",
  "events",
  "timestamp",
  "outcome",
  "eventId",
  "tools",
  "description",
  "inputSchema",
  "yaml",
  "apply",
  "paused",
  "definitionHash",
  "scopes",
  "expiresInDays",
  "agentId",
  "serverId",
  "allowedTools",
  "allowedOperations",
  "allowedObjects",
  "deniedFields",
  "maxRecords",
  "validFrom",
  "expiresAt",
  "durationHours",
  "justification",
  "endpoint",
  "transport",
  "environment",
  "hosting",
  "vendor",
  "siemForward",
  "url",
  "format",
  "provider",
  "reference",
  "kind",
  "rotationDays",
  "lastRotatedAt",
  "dynamicSecret",
  "businessTimezone",
  "businessStartHour",
  "businessEndHour",
  "fallbackApproverTeamId",
  "enabled",
  "requiresApproval",
  "riskOverride",
  "suspended",
  "clientId",
  "purpose",
  "ownerId",
  "teamId",
  "ownerTeamId",
  "primaryOwnerId",
  "tags",
  "auditRetentionDays",
  "requiresActiveSession",
  "highRiskApproval",
  "note",
  "overrideJustification",
  "attributes",
  "responseSummary",
  "latencyMs",
  "bytes",
  "recordsReturned",
  "requestId",
  "mcp.tool.name",
  "gen_ai.tool.call.arguments",
  "gen_ai.tool.call.result",
  "__proto__",
  "constructor",
  "oauthScopes",
  "approvalsRequired",
  "sessionTimeoutMinutes",
  "rateLimitPerMinute",
];
const QUERY = [
  "from",
  "to",
  "cursor",
  "limit",
  "range",
  "view",
  "status",
  "kind",
  "q",
  "sort",
  "environment",
  "risk",
  "ownerTeamId",
  "category",
  "server",
  "tool",
  "agent",
  "outcome",
  "targetId",
  "onBehalfOf",
  "callbackUrl",
  "error",
];
const ENUMS = [
  "ACTIVE",
  "PENDING_APPROVAL",
  "RETIRED",
  "SUSPENDED",
  "DEV",
  "STAGING",
  "PROD",
  "STDIO",
  "STREAMABLE_HTTP",
  "SSE",
  "approve",
  "deny",
  "OPEN",
  "RESOLVED",
  "ADMIN",
  "VIEWER",
  "read",
  "write",
  "decide",
  "ingest",
  "manifest",
  "success",
  "error",
  "json",
  "slack",
  "HASHICORP_VAULT",
  "ENV_VAR",
  "API_KEY",
  "HIGH",
  "LOW",
  "24h",
  "7d",
  "inbox",
  "TOOL_CALL",
  "approval.requested",
  "Europe/Berlin",
  "*",
];

const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
  .map((units) => String.fromCharCode(...units));

export const nastyString = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "\udc00\ud800",
    "0x10",
    "1e3",
    "-1",
    "NaN",
    "Infinity",
    "null",
    "true",
    "0",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "0123456789abcdef0123456789abcdef0123",
    "------------------------------------",
    "../../etc/passwd",
    '\'; DROP TABLE "User";--',
    "<script>alert(1)</script>",
    "275760-09-13T00:00:00Z",
    "+275760-09-13T00:00:00.000Z",
    "-271821-04-20T00:00:00Z",
    "0000-01-01",
    "9999-12-31T23:59:59Z",
    "10000-01-01",
    "2026-02-30",
    "1969-12-31",
    "2026-01-01T10:00",
    "99999999999999999.99999999999999999999",
    "1.1",
    "9223372036854775808",
    "postgres://u:p@db/x",
    "https://user:pass@evil.example/",
    "/%5Cevil.example",
    "//evil.example",
    "\u202e\ufeff",
    "😀".repeat(50),
    "x".repeat(5000),
    "a".repeat(70_000),
  ),
  fc.string(),
  codeUnits,
);

const nastyNumber = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53, 2 ** 63, 1e308, -1e308, 1e-300, -0),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Nested deeper than any limit: the walks below must refuse it, not overflow. */
export const deepJson = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

export function fuzzValue(pool: FuzzPool) {
  const leaf = fc.oneof(
    { weight: 4, arbitrary: nastyString },
    { weight: 2, arbitrary: nastyNumber },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
    { weight: 3, arbitrary: fc.constantFrom(...ENUMS, ...pool.plausible) },
    { weight: 2, arbitrary: fc.constantFrom(...pool.ids, ...pool.slugs) },
    { weight: 1, arbitrary: fc.uuid() },
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 6, arbitrary: leaf },
      { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), tie("value"), { maxKeys: 4 }) },
    ),
  }));
  return value;
}

const fieldObject = (pool: FuzzPool) =>
  fc.dictionary(
    fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: nastyString }),
    fuzzValue(pool),
    {
      maxKeys: 8,
    },
  );

/** A request body as text: mostly objects of Warden's field names with hostile values, sometimes worse. */
export function fuzzBody(pool: FuzzPool) {
  const obj = fieldObject(pool);
  return fc.oneof(
    { weight: 80, arbitrary: obj.map((o) => JSON.stringify(o)) },
    { weight: 20, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 20, arbitrary: fc.array(obj, { maxLength: 3 }).map((a) => JSON.stringify({ events: a })) },
    {
      weight: 10,
      arbitrary: fc.array(obj, { minLength: 1, maxLength: 3 }).map((a) => a.map((o) => JSON.stringify(o)).join("\n")),
    },
    { weight: 10, arbitrary: fc.array(obj, { maxLength: 3 }).map((a) => JSON.stringify({ tools: a })) },
    {
      weight: 10,
      arbitrary: fc.constantFrom(
        "",
        "{",
        "{not json",
        "null",
        "[]",
        "{}",
        '"str"',
        "1",
        "\u0000",
        '{"a":"\\u0000"}',
        '{"name":"\\ud800"}',
        deepJson(10_000),
        deepObject(10_000),
        `{"arguments":${deepObject(5_000)}}`,
        `{"events":[{"arguments":${deepJson(20_000)}}]}`,
        `{"tools":[{"name":"t","inputSchema":${deepObject(3_000)}}]}`,
        `{"yaml":"${"- ".repeat(5000)}a"}`,
        `{"yaml":"a: &a [*a]"}`,
        `{"yaml":"${"[".repeat(5000)}"}`,
      ),
    },
    { weight: 1, arbitrary: fc.constant(JSON.stringify({ name: "x".repeat(6 * 1024 * 1024) })) },
  );
}

export const fuzzContentType = fc.constantFrom(
  "application/json",
  "application/json",
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/x-ndjson",
  "application/merge-patch+json",
  "text/html",
  undefined,
);

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** Keyset cursors a client may send back instead of the nextCursor it was given: each must be a 400. */
export const CURSOR_EDGES = [
  "1",
  "",
  ".",
  "1.",
  "1.2.3",
  "-1.5",
  "1.-5",
  "!!!",
  b64("1.1"),
  b64("garbage\u0000\u00ff"),
  b64(JSON.stringify({ at: 1, seq: 2 })),
  JSON.stringify({ at: 1, seq: 2 }),
  "9999999999999999.1",
  "1.9223372036854775808",
  "9".repeat(40),
  "0.0",
];

export function fuzzQuery(pool: FuzzPool) {
  const cursor = fc.constantFrom(...CURSOR_EDGES).map((c): [string, string] => ["cursor", c]);
  const other = fc
    .dictionary(fc.constantFrom(...QUERY), fc.oneof(nastyString, fc.constantFrom(...ENUMS, ...pool.ids)), {
      maxKeys: 4,
    })
    .map((q) => Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]));
  return fc
    .tuple(other, fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: cursor }))
    .map(([q, c]) => new URLSearchParams([...q, ...(c ? [c] : [])]).toString());
}

// A lone surrogate cannot be percent-encoded as UTF-8: send the bytes a broken client would.
const encodePath = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
};

/** A path parameter: a real id or slug, a random UUID, or hostile text (some of it not even valid percent-encoding). */
export function fuzzParam(pool: FuzzPool, name: string) {
  const real =
    name === "slug"
      ? pool.slugs
      : name === "nextauth"
        ? [
            "session",
            "csrf",
            "providers",
            "signin",
            "callback/credentials",
            "signout",
            "error",
            "callback/oidc",
            "_log",
          ]
        : pool.ids;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...real) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 4, arbitrary: nastyString.map((s) => encodePath(s.slice(0, 300)) || "x") },
    { weight: 1, arbitrary: fc.constantFrom("%ZZ", "%ED%A0%80", "%00", "%C0%AF", "..", "%2e%2e", "a%2Fb") },
  );
}
