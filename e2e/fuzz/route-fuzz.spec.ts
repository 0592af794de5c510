import { mkdirSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import { gatewayWorld } from "../support/gateway-world";
import { expect, signIn, test } from "../support/fixtures";
import { fuzzBody, fuzzContentType, fuzzParam, fuzzQuery, type FuzzPool } from "../support/fuzz-inputs";
import { routeTable, type RouteEntry } from "../support/route-table";
import { e2eEmail } from "../support/users";

// Requests per route and method: bounded in CI; `npm run fuzz -- --runs N` asks for more.
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
// CI replays one fixed seed, so a red run is a regression and not a draw; elsewhere each run explores anew.
const SEED = Number(process.env.FUZZ_SEED ?? (process.env.CI ? 915031460 : Date.now() % 2 ** 31));

type Identity = "admin" | "token" | "none";
type Sample = { path: string; query: string; body: string; contentType?: string; identity: Identity; origin: boolean };
type Failure = { method: string; url: string; status: number; identity: Identity; body: string };

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

test("every route answers hostile input with a 4xx, never a 5xx, and a rejected request writes nothing", async ({
  page: admin,
  baseURL,
}) => {
  test.setTimeout(0);
  // A cold server on a busy machine can take a while over the first sign-in.
  await signIn(admin, e2eEmail("ADMIN"));
  await expect(admin.getByRole("heading", { name: "Dashboard" })).toBeVisible({ timeout: 120_000 });
  const world = await gatewayWorld(admin);
  const api = admin.request;
  const json = async (res: Promise<{ json(): Promise<unknown> }>) =>
    (await res).json() as Promise<Record<string, unknown>>;
  const token = (await json(
    api.post("/api/console/tokens", {
      data: { name: `fuzz-${Date.now()}`, scopes: ["decide", "ingest", "manifest", "read"], expiresInDays: 1 },
    }),
  )) as { id: string; token: string };
  const victim = (await json(
    api.post("/api/console/users", {
      data: {
        email: `fuzz-victim-${Date.now()}@test.local`,
        name: "Victim",
        password: "victim password 1",
        roles: ["VIEWER"],
      },
    }),
  )) as { id: string };
  const server = (await json(api.get(`/api/console/servers/${world.slug}`))) as {
    tools: { id: string }[];
    grants?: { id: string }[];
  };
  const agent = (await json(api.get(`/api/console/agents/${world.agentId}`))) as { grants?: { id: string }[] };
  const pool: FuzzPool = {
    ids: [
      world.serverId,
      world.agentId,
      victim.id,
      ...server.tools.map((t) => t.id),
      ...(agent.grants ?? []).map((g) => g.id),
    ],
    slugs: [world.slug, "no-such-server", world.serverId],
    plausible: [world.slug, world.agent, "query_records", "update_record", new Date().toISOString()],
  };
  const cookie = (await admin.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

  // The audit chain is every write's witness (each service records in the same transaction); the lists are a second.
  const snapshot = async () => {
    const verify = (await json(
      api.get("/api/v1/audit/verify", { headers: { authorization: `Bearer ${token.token}` } }),
    )) as { checked: number };
    const counts = await Promise.all(
      ["servers", "agents", "users", "tokens", "teams", "webhooks"].map(async (r) => {
        const body = await json(api.get(`/api/console/${r}`));
        return Array.isArray(body) ? body.length : -1;
      }),
    );
    return { audit: verify.checked, lists: counts.join(",") };
  };

  const identityFor = (route: RouteEntry) =>
    route.auth === "token"
      ? fc.constantFrom<Identity>("token", "token", "token", "admin", "none")
      : fc.constantFrom<Identity>("admin", "admin", "admin", "token", "none");

  const sampleFor = (route: RouteEntry) =>
    fc.record({
      path: fc.tuple(...route.params.map((p) => fuzzParam(pool, p))).map((values) => {
        let i = 0;
        return route.pattern.replace(/\[(\.\.\.)?[^\]]+\]/g, () => values[i++]);
      }),
      query: fc.oneof(fc.constant(""), fuzzQuery(pool)),
      body: fuzzBody(pool),
      contentType: fuzzContentType,
      identity: identityFor(route),
      origin: fc.boolean(),
    });

  const send = async (method: string, s: Sample) => {
    const headers: Record<string, string> = {};
    if (s.identity === "admin") headers.cookie = cookie;
    if (s.identity === "token") headers.authorization = `Bearer ${token.token}`;
    if (s.contentType) headers["content-type"] = s.contentType;
    if (s.origin) headers.origin = new URL(baseURL!).origin;
    const url = `${baseURL}${s.path}${s.query ? `?${s.query}` : ""}`;
    const hasBody = method !== "GET" && method !== "HEAD";
    const res = await fetch(url, { method, headers, body: hasBody ? s.body : undefined, redirect: "manual" });
    await res.arrayBuffer().catch(() => undefined);
    return { url, status: res.status };
  };

  const routes = routeTable();
  expect(routes.length).toBeGreaterThan(30);
  const failures: Failure[] = [];
  const report: Record<string, Record<number, number>> = {};
  let requests = 0;
  let checkedBatches = 0;
  const writesOnRejection: string[] = [];

  for (const route of routes) {
    for (const method of route.methods) {
      const samples = fc.sample(sampleFor(route), { numRuns: RUNS, seed: SEED + requests });
      const before = await snapshot();
      const statuses: Record<number, number> = {};
      let accepted = 0;
      for (const s of samples) {
        const { url, status } = await send(method, s);
        requests++;
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status < 400) accepted++;
        if (status >= 500) failures.push({ method, url, status, identity: s.identity, body: s.body.slice(0, 300) });
      }
      report[`${method} ${route.pattern}`] = statuses;
      // Sign-in records its failures by design; a batch with accepted writes is allowed to write.
      // A read changes nothing, except that an audited read (an export) records each accepted request.
      if (route.auth !== "next-auth" && (!WRITES.has(method) || accepted === 0)) {
        checkedBatches++;
        const after = await snapshot();
        const recorded = after.audit - before.audit;
        if (after.lists !== before.lists || recorded < 0 || recorded > accepted)
          writesOnRejection.push(
            `${method} ${route.pattern}: ${recorded} audit records for ${accepted} accepted, lists ${before.lists} -> ${after.lists}`,
          );
      }
    }
  }

  mkdirSync(".data", { recursive: true });
  const summary = { seed: SEED, runsPerRoute: RUNS, requests, fiveHundreds: failures.length, checkedBatches, report };
  writeFileSync(
    `.data/fuzz-report-${process.env.DATABASE_URL ? "postgres" : "pglite"}.json`,
    JSON.stringify({ ...summary, failures, writesOnRejection }, null, 2),
  );
  console.log(
    `fuzz: ${requests} requests to ${Object.keys(report).length} route methods (seed ${SEED}), ` +
      `${failures.length} answered 5xx, ${checkedBatches} batches checked for writes, ${writesOnRejection.length} wrote`,
  );
  expect(failures, JSON.stringify(failures.slice(0, 10), null, 2)).toEqual([]);
  expect(writesOnRejection).toEqual([]);
});
