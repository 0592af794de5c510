import http from "node:http";
import type { Page } from "@playwright/test";
import { E2E_PASSWORD } from "@/playwright.config";
import { expect, signIn, test } from "./support/fixtures";
import { e2eEmail } from "./support/users";

// Issue 22, "Sign-in and sessions", against the production server. The e2e server trusts one proxy,
// 127.0.0.2 (WARDEN_TRUSTED_PROXIES in playwright.config.ts): requests sent from that address stand for a
// reverse proxy that appends the client's address to X-Forwarded-For; the browser (127.0.0.1) is a client.
const PROXY = "127.0.0.2";
/** A client of its own, so its failures never count against the browsers' 127.0.0.1 in other specs. */
const CLIENT = "127.0.0.3";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

function send(
  baseURL: string,
  path: string,
  options: { from?: string; method?: string; headers?: http.OutgoingHttpHeaders; body?: string } = {},
): Promise<Answer> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? "GET",
        localAddress: options.from ?? "127.0.0.1",
        headers: options.headers,
        agent: false,
      },
      (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const cookiesOf = (answer: Answer) => (answer.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]);

/** One password sign-in as next-auth's form posts it, from `from`, with `forwardedFor` in X-Forwarded-For. */
async function passwordSignIn(
  baseURL: string,
  email: string,
  password: string,
  { from = PROXY, forwardedFor, cookie }: { from?: string; forwardedFor?: string; cookie?: string } = {},
) {
  const xff = forwardedFor ? { "x-forwarded-for": forwardedFor } : {};
  const csrf = await send(baseURL, "/api/auth/csrf", { from, headers: xff });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  return send(baseURL, "/api/auth/callback/credentials", {
    from,
    method: "POST",
    headers: {
      ...xff,
      "content-type": "application/x-www-form-urlencoded",
      cookie: [...cookiesOf(csrf), ...(cookie ? [cookie] : [])].join("; "),
    },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }).toString(),
  });
}

/** The e2e ADMIN's API, through a session of its own (no dashboard to wait for on a busy machine). */
async function adminApi(baseURL: string) {
  const signedIn = await passwordSignIn(baseURL, e2eEmail("ADMIN"), E2E_PASSWORD, { from: "127.0.0.1" });
  expect(signedIn.status).toBe(200);
  const cookie = cookiesOf(signedIn).join("; ");
  return {
    createUser: (data: Record<string, unknown>) =>
      send(baseURL, "/api/console/users", {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify(data),
      }),
    audit: async (query: string) =>
      (
        JSON.parse((await send(baseURL, `/api/console/audit?${query}`, { headers: { cookie } })).body) as {
          events: { outcome: string; attributes: Record<string, unknown> }[];
        }
      ).events,
  };
}

/** Signed in: the session endpoint names the user. */
const sessionEmail = async (page: Page) =>
  ((await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } }).user?.email;

test("a stranger's bad passwords hold back only the stranger's address; the owner gets in from anywhere", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const admin = await adminApi(baseURL!);
  const email = `lockout-${Date.now().toString(36)}@test.local`;
  const password = "the owner's right password";
  const created = await admin.createUser({ email, name: "Not Locked Out", password, roles: ["ADMIN"] });
  expect(created.status).toBe(201);
  const userId = (JSON.parse(created.body) as { id: string }).id;

  // The owner's browser has signed in before: it holds a device cookie for the account.
  const ownersBrowser = await browser.newContext();
  const owner = await ownersBrowser.newPage();
  await signIn(owner, email, password);
  await expect(owner).not.toHaveURL(/\/login/);
  expect(await sessionEmail(owner)).toBe(email);
  await owner.context().clearCookies({ name: /session-token/ });
  expect(await sessionEmail(owner)).toBeUndefined();

  // A stranger at 203.0.113.50, behind the trusted proxy, tries 22 passwords: five are checked, then it
  // waits (15 s, then 30 s …; on a slow machine a wait may run out between two tries, letting one more through).
  const stranger = { forwardedFor: "203.0.113.50" };
  const seen: number[] = [];
  let last: Answer | undefined;
  for (let i = 0; i < 22; i++) seen.push((last = await passwordSignIn(baseURL!, email, `guess ${i}`, stranger)).status);
  expect(seen.slice(0, 6)).toEqual([...Array(5).fill(401), 429]);
  expect(seen.filter((s) => s !== 401 && s !== 429)).toEqual([]);
  expect(seen.filter((s) => s === 401).length).toBeLessThanOrEqual(7);
  // Even the right password from the stranger's address waits: 429 with Retry-After. It is sent right after a
  // guess held back for seconds more: with four specs at once on 2 cores, a wait could run out just before it.
  const holdsFor = (a: Answer | undefined) => (a?.status === 429 ? Number(a.headers["retry-after"]) : 0);
  for (let i = 0; holdsFor(last) < 3 && i < 10; i++)
    seen.push((last = await passwordSignIn(baseURL!, email, `late guess ${i}`, stranger)).status);
  expect(holdsFor(last)).toBeGreaterThanOrEqual(3);
  const held = await passwordSignIn(baseURL!, email, password, stranger);
  expect(held.status).toBe(429);
  expect(Number(held.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  // What the stranger writes to the left in X-Forwarded-For is not believed: it is still 203.0.113.50.
  const forged = await passwordSignIn(baseURL!, email, "guess 22", { forwardedFor: "198.51.100.200, 203.0.113.50" });
  seen.push(forged.status);

  // The owner, from a new browser at another address, signs in at once.
  const elsewhere = await passwordSignIn(baseURL!, email, password, { forwardedFor: "198.51.100.60" });
  expect(elsewhere.status).toBe(200);
  expect(cookiesOf(elsewhere).some((c) => /next-auth\.session-token=./.test(c))).toBe(true);

  // Guesses spread over many new addresses soon slow the whole account down: a new address, with no
  // failure of its own, is told to wait, for at most a minute.
  let slowed: Answer | undefined;
  for (let i = 1; i <= 15 && !slowed; i++) {
    const answer = await passwordSignIn(baseURL!, email, "spread guess", { forwardedFor: `203.0.113.${60 + i}` });
    expect([401, 429]).toContain(answer.status);
    if (answer.status === 429) slowed = answer;
  }
  expect(slowed).toBeDefined();
  const wait = Number(slowed!.headers["retry-after"]);
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(60);
  // The owner's known device does not wait at all…
  await owner.goto("/login");
  const known = owner.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await signIn(owner, email, password);
  expect((await known).status()).toBe(200);
  await expect(owner).not.toHaveURL(/\/login/);
  expect(await sessionEmail(owner)).toBe(email);
  await ownersBrowser.close();
  // …and any other address gets in once the short wait is over.
  await new Promise((r) => setTimeout(r, wait * 1000));
  expect((await passwordSignIn(baseURL!, email, password, { forwardedFor: "198.51.100.61" })).status).toBe(200);

  // Every attempt is in the audit trail, under the address the proxy saw.
  const events = await admin.audit(`targetId=${userId}&category=AUTH&limit=200`);
  const byClient = (client: string) => events.filter((e) => e.attributes?.client === client);
  const strangers = byClient("203.0.113.50").map((e) => e.attributes.reason);
  // Every guess (the late ones too), the held right password and the forged one.
  expect(strangers).toHaveLength(seen.length + 1);
  expect(strangers.filter((r) => r === "bad_password")).toHaveLength(seen.filter((s) => s === 401).length);
  expect(strangers.filter((r) => r !== "bad_password").every((r) => r === "throttled")).toBe(true);
  expect(byClient("198.51.100.200")).toEqual([]);
  expect(byClient("198.51.100.60").map((e) => e.outcome)).toEqual(["success"]);
  expect(byClient("198.51.100.61").map((e) => e.outcome)).toEqual(["success"]);
});

test("a client that is not a trusted proxy cannot choose its address with X-Forwarded-For", async ({ baseURL }) => {
  const admin = await adminApi(baseURL!);
  const email = `forger-${Date.now().toString(36)}@test.local`;
  for (const forged of ["198.51.100.201", "198.51.100.202, 127.0.0.2"]) {
    const answer = await passwordSignIn(baseURL!, email, "not a password", { from: CLIENT, forwardedFor: forged });
    expect(answer.status).toBe(401);
  }
  // X-Real-IP and a client-sent copy of the server's own stamp are not believed either.
  const csrf = await send(baseURL!, "/api/auth/csrf", { from: CLIENT });
  await send(baseURL!, "/api/auth/callback/credentials", {
    from: CLIENT,
    method: "POST",
    headers: {
      "x-real-ip": "198.51.100.203",
      "x-warden-peer-address": "198.51.100.204",
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiesOf(csrf).join("; "),
    },
    body: new URLSearchParams({
      email,
      password: "not a password",
      csrfToken: (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken,
      json: "true",
    }).toString(),
  });
  const events = await admin.audit(`q=${encodeURIComponent(email)}&category=AUTH`);
  expect(events.map((e) => e.attributes.client)).toEqual([CLIENT, CLIENT, CLIENT]);
});

test("a signed-out session cookie gets a signed-out answer from /api/auth/session, and is not re-issued", async ({
  as,
}) => {
  const page = await as("VIEWER");
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
  const withCopiedCookie = () =>
    page.request.get("/api/auth/session", { headers: { cookie: `${session.name}=${session.value}` } });
  const live = await withCopiedCookie();
  expect(((await live.json()) as { user?: { email?: string } }).user?.email).toMatch(/viewer/i);
  expect(
    live.headersArray().some((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith(`${session.name}=ey`)),
  ).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  const after = await withCopiedCookie();
  expect(after.status()).toBe(200);
  expect(await after.json()).toEqual({});
  const reissued = after
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith(`${session.name}=`))
    .filter((h) => !h.value.startsWith(`${session.name}=;`));
  expect(reissued).toEqual([]);
});

test("HSTS is on every response served over https: pages, API, build assets, /favicon.ico, 404s", async ({
  page,
  baseURL,
}) => {
  const html = await (await page.request.get("/login")).text();
  const asset = /\/_next\/static\/[^"'\s]+\.(?:js|css)/.exec(html)?.[0];
  expect(asset).toBeDefined();
  const paths = [
    "/login",
    "/api/auth/session",
    asset!,
    "/favicon.ico",
    "/icon.svg",
    "/_next/static/missing.js",
    "/no-such-page",
  ];
  for (const path of paths) {
    const https = await send(baseURL!, path, { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers["strict-transport-security"], path).toBe("max-age=63072000; includeSubDomains");
    // Over plain http the header would be ignored anyway (RFC 6797 §8.1): it is not sent.
    const plain = await send(baseURL!, path);
    expect(plain.headers["strict-transport-security"], path).toBeUndefined();
  }
  expect((await send(baseURL!, asset!, { headers: { "x-forwarded-proto": "https" } })).status).toBe(200);
  expect((await send(baseURL!, "/favicon.ico", { headers: { "x-forwarded-proto": "https" } })).status).toBe(200);
});
