import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./support/fixtures";

/** A page on another port of the same host: same-site, so the browser sends Warden's Lax session cookie. */
async function attackerSite(target: string, name: string): Promise<{ url: string; server: Server }> {
  // text/plain lets a form send a JSON-looking body: {"name":"…","scopes":[…],"expiresInDays":1,"x":"="}
  const page = `<!doctype html><html><body>
    <form id="f" method="POST" action="${target}/api/console/tokens" enctype="text/plain">
      <input name='{"name":"${name}","scopes":["decide","ingest","manifest","read"],"expiresInDays":1,"x":"' value='"}'>
    </form>
    <script>
      window.tryFetch = (type) => fetch("${target}/api/console/tokens", {
        method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": type },
        body: JSON.stringify({ name: "${name}-fetch", scopes: ["read"], expiresInDays: 1 }),
      }).then(() => "sent", (e) => String(e));
    </script></body></html>`;
  const server = createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end(page));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

test("a page on another origin cannot make the console create a token with the user's cookie", async ({
  as,
  baseURL,
}) => {
  const admin = await as("ADMIN");
  const name = `csrf-${Date.now()}`;
  const { url, server } = await attackerSite(baseURL!, name);
  try {
    const tokensNamed = async () =>
      ((await (await admin.request.get("/api/console/tokens")).json()) as { name: string }[]).filter((t) =>
        t.name.startsWith(name),
      );
    await admin.goto(url);
    expect(
      await admin.evaluate(() =>
        (window as unknown as { tryFetch: (t: string) => Promise<string> }).tryFetch("text/plain"),
      ),
    ).toBe("sent");
    const answer = admin.waitForResponse(
      (r) => r.url().endsWith("/api/console/tokens") && r.request().method() === "POST",
    );
    await admin.locator("#f").evaluate((f: HTMLFormElement) => f.submit());
    const res = await answer;
    // The browser did send the session cookie (same site); Warden refuses because the origin is not its own.
    expect((await res.request().allHeaders())["cookie"]).toContain("session-token");
    expect(res.status()).toBe(403);
    expect(await tokensNamed()).toEqual([]);
  } finally {
    server.close();
  }
});
